"""Steps for the clients_oneway area (being written)."""
