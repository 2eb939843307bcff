"""tests/support holds the test-only echo remote and its fixtures."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "support"))

from connsim_echo_fixtures import echo_server, echo_sim  # noqa: F401
