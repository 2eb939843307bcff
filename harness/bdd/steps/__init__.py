"""Step modules, one per area. Each is registered once as a pytest plugin by bdd/plugin.py."""
