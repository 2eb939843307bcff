"""Simulated qbo API (being built)."""
