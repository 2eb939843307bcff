"""XPM v3.1 on its real paths (https://api.xero.com/practicemanager/3.1/…), behind Xero's gateway:
Xero bearer tokens, the ``xero-tenant-id`` header naming the practice, Xero's rate limits and
headers, and the gateway's JSON for 401/403 (429: the gateway's headers, an empty body).
Everything else answers in XPM's XML envelope."""

from __future__ import annotations

from flask import Blueprint

from connsim.simulator.xpm import api_clients, api_invoices, api_jobs, api_staff, api_time, api_work
from connsim.simulator.xpm.wire import PREFIX

bp = Blueprint("xpm", __name__, url_prefix=PREFIX)
api_clients.register(bp)
api_jobs.register(bp)
api_work.register(bp)
api_staff.register(bp)
api_time.register(bp)
api_invoices.register(bp)
