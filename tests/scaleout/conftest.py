"""bench/ is a folder of the checkout, not an installed package: put the checkout on sys.path, as
the bench scripts do, so these tests import the prototype from any working directory."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
