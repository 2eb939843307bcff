"""The QBO domain model (no Flask): one QboBackend per realm."""

from connsim.simulator.qbo.model.backend import QboBackend

__all__ = ["QboBackend"]
