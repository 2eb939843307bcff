# browser: the shared headless-chromium fixture (tests/browser.py)
pytest_plugins = ["connsim.harness.bdd.plugin", "browser"]
