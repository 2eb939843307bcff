"""The Xero Accounting API as a remote: api.xero.com/api.xro/2.0, one Xero organisation per
tenant, Xero identity tokens, Xero's gateway limits (simulator/xero_gateway.py)."""

from __future__ import annotations

from importlib import resources

from connsim.simulator import xero_gateway
from connsim.simulator.core.tenants import TenantKind
from connsim.simulator.remote import Remote, install_gates
from connsim.simulator.xero import wire
from connsim.simulator.xero.control import bp as control_bp
from connsim.simulator.xero.model import XeroBackend
from connsim.simulator.xero.routes import PREFIX, bp
from connsim.simulator.xero.routing import check_scope
from connsim.simulator.xero.seed import seed

#: /connections reports an organisation as "ORGANISATION" (reference/xero.md §1.7)
XERO_ORG = TenantKind("xero-org", connection_type="ORGANISATION")

REMOTE = Remote(
    name="xero", blueprint=bp, prefixes=(PREFIX,), hosts=("api.xero.com",), render_error=wire.render_error,
    tenant_kind=XERO_ORG.name, tenant_kinds=(XERO_ORG,), provider="xero", tenant_id=xero_gateway.tenant_header,
    rate_policy=xero_gateway.XERO_RATE_POLICY, rate_headers=xero_gateway.rate_headers,
    idempotency_header="Idempotency-Key", control=control_bp,
    control_openapi=resources.files("connsim.simulator.xero") / "control_openapi.yaml",
    backend_factory=XeroBackend, seed=seed,
    endpoints={"xero_api": "https://api.xero.com"},
)
install_gates(REMOTE)
bp.before_request(check_scope)  # after the auth gate, which put the token's grant on g
REMOTES = [REMOTE]
