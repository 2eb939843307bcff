"""XPM's domain model (no Flask): one XpmBackend per practice."""

from connsim.simulator.xpm.model.backend import DEFAULT_SETTINGS, DEFAULT_STATES, XpmBackend

__all__ = ["DEFAULT_SETTINGS", "DEFAULT_STATES", "XpmBackend"]
