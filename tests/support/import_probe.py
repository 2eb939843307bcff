"""Which modules a piece of Python imports, run in a fresh interpreter (the test process has long
imported everything): for tests that keep a heavy dependency off a start-up path."""

from __future__ import annotations

import subprocess
import sys


def imported_by(code: str, modules: tuple[str, ...]) -> list[str]:
    """Those of ``modules`` in ``sys.modules`` once ``code`` has run in a new interpreter."""
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {modules!r} if m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    return [m for m in out.stdout.strip().split(",") if m]
