"""Simulated xero API (being built)."""
