"""Steps for the costs area (being written)."""
