# browser: the shared headless-chromium fixture (tests/browser.py)
import sys
from pathlib import Path

import pytest

# tests/support: test-only modules (the echo remote, the import probe) that tests in several
# directories import, so a directory run on its own finds them too
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

pytest_plugins = ["connsim.harness.bdd.plugin", "browser"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (CI=true) no test may skip: a skip there means CI tested less than it claims."""
    from outside import in_ci

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if in_ci() and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; CI allows none", red=True)
        session.exitstatus = 1
