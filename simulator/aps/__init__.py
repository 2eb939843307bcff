"""Simulated aps API (being built)."""
