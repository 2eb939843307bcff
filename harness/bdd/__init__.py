"""The pytest-bdd step library: thin steps in the users' words, loaded once as a plugin."""
