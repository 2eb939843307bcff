"""Steps for the payments area (being written)."""
