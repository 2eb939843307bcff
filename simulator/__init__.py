"""The simulated remotes: one Flask app serving XPM, Xero, QuickBooks Online and APS on their real paths."""

from connsim.simulator.app import create_app
from connsim.simulator.config import SimConfig

__all__ = ["SimConfig", "create_app"]
