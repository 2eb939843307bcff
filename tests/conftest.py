# browser: the shared headless-chromium fixture (tests/browser.py)
import pytest

pytest_plugins = ["connsim.harness.bdd.plugin", "browser"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (CI=true) no test may skip: a skip there means CI tested less than it claims."""
    from outside import in_ci

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if in_ci() and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; CI allows none", red=True)
        session.exitstatus = 1
