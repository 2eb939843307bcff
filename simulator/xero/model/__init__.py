"""Xero Accounting domain model (no Flask): one XeroBackend per organisation tenant."""

from connsim.simulator.xero.model.backend import DEFAULT_SETTINGS, XeroBackend

__all__ = ["DEFAULT_SETTINGS", "XeroBackend"]
