"""Simulated xero-identity API (being built)."""
