"""QuickBooks Online Accounting v3 as a remote: quickbooks.api.intuit.com/v3/company/<realmId>,
one QBO company (realm) per tenant, Intuit OAuth tokens, Intuit's per-realm limits."""

from __future__ import annotations

import uuid
from importlib import resources

from connsim.simulator.core.tenants import TenantKind
from connsim.simulator.qbo import control, wire
from connsim.simulator.qbo.model import QboBackend
from connsim.simulator.qbo.routes import QBO_RATE_POLICY, _realm, bp
from connsim.simulator.qbo.seed import seed
from connsim.simulator.remote import Remote, install_gates


def realm_id(value: uuid.UUID) -> str:
    """Realm IDs are long digit strings (e.g. 9130357766900456, reference/qbo-aps.md)."""
    return str(value.int)[:19]


QBO_REALM = TenantKind("qbo-realm", make_id=realm_id)

REMOTE = Remote(
    name="qbo", blueprint=bp, prefixes=("/v3/company",),
    hosts=("quickbooks.api.intuit.com", "sandbox-quickbooks.api.intuit.com"),
    render_error=wire.render_error, tenant_kind=QBO_REALM.name, tenant_kinds=(QBO_REALM,), provider="intuit",
    tenant_id=_realm, rate_policy=QBO_RATE_POLICY, idempotency_header=None, control=control.bp,
    control_openapi=resources.files("connsim.simulator.qbo") / "control_openapi.yaml",
    backend_factory=QboBackend, seed=seed, endpoints={"qbo_api": "https://quickbooks.api.intuit.com"},
)
install_gates(REMOTE)
REMOTES = [REMOTE]
