"""Xero Practice Manager v3.1 as a remote: api.xero.com/practicemanager/3.1, one practice per
tenant, behind Xero's gateway (Xero identity tokens, xero-tenant-id, Xero's limits)."""

from __future__ import annotations

from importlib import resources

from connsim.simulator import xero_gateway
from connsim.simulator.core.tenants import TenantKind
from connsim.simulator.remote import Remote, install_gates
from connsim.simulator.xpm.control import bp as control_bp
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.routes import bp
from connsim.simulator.xpm.seed import seed
from connsim.simulator.xpm.wire import PREFIX, render_error

#: /connections reports a practice as "PRACTICEMANAGER" (reference/xero.md §1.7)
XPM_PRACTICE = TenantKind("xpm-practice", connection_type="PRACTICEMANAGER")

REMOTE = Remote(
    name="xpm", blueprint=bp, prefixes=(PREFIX,), hosts=("api.xero.com",), render_error=render_error,
    tenant_kind=XPM_PRACTICE.name, tenant_kinds=(XPM_PRACTICE,), provider="xero",
    tenant_id=xero_gateway.tenant_header, rate_policy=xero_gateway.XERO_RATE_POLICY,
    rate_headers=xero_gateway.rate_headers, control=control_bp,
    control_openapi=resources.files("connsim.simulator.xpm") / "control_openapi.yaml",
    backend_factory=XpmBackend, seed=seed,
    endpoints={"xero_api": "https://api.xero.com"},
)
install_gates(REMOTE)
REMOTES = [REMOTE]
