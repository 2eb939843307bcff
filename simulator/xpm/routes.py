"""XPM v3.1 on its real paths (https://api.xero.com/practicemanager/3.1/…), behind Xero's gateway:
Xero bearer tokens, the ``xero-tenant-id`` header naming the practice, Xero's rate limits and
headers, and the gateway's JSON for 401/403/429. Everything else answers in XPM's XML envelope."""

from __future__ import annotations

from flask import Blueprint

from connsim.simulator import xero_gateway
from connsim.simulator.remote import Remote, install_gates
from connsim.simulator.xpm import api_clients, api_invoices, api_jobs, api_staff, api_time, api_work
from connsim.simulator.xpm.control import bp as control_bp
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.seed import seed
from connsim.simulator.xpm.wire import PREFIX, render_error

bp = Blueprint("xpm", __name__, url_prefix=PREFIX)
api_clients.register(bp)
api_jobs.register(bp)
api_work.register(bp)
api_staff.register(bp)
api_time.register(bp)
api_invoices.register(bp)

REMOTE = Remote(
    name="xpm", blueprint=bp, prefixes=(PREFIX,), hosts=("api.xero.com",), render_error=render_error,
    tenant_kind="xpm-practice", provider="xero", tenant_id=xero_gateway.tenant_header,
    rate_policy=xero_gateway.XERO_RATE_POLICY, rate_headers=xero_gateway.rate_headers,
    control=control_bp, backend_factory=XpmBackend, seed=seed,
    description="Xero Practice Manager API v3.1 (XML)",
)
install_gates(REMOTE)
