"""Simulated xpm API (being built)."""
