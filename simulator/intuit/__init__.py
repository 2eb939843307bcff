"""Simulated intuit-oauth API (being built)."""
