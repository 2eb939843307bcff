"""The control API under /_connsim/: what a test, or a person in the remote's UI, does to the remotes."""
