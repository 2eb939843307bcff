"""The dashboard (/_connsim/ui) and the root page (/): see routes.py and docs/simulator/dashboard.md."""
