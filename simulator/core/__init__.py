"""Mechanisms every simulated API shares: clock, tenants, OAuth2, rate limits, faults, journal."""
