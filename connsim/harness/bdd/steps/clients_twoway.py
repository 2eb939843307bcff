"""Steps for the clients_twoway area (being written)."""
