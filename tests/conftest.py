pytest_plugins = ["connsim.harness.bdd.plugin"]
