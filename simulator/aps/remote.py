"""The modelled APS API as remotes (MODELLED: APS publishes no API; docs/simulator/aps.md): its
OAuth endpoints run the ``aps`` provider, and the client-profile API serves one firm per tenant.
APS has no real host, so both live on a host under connsim.test."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources

from connsim.simulator.aps.control import bp as control_bp
from connsim.simulator.aps.model import ApsBackend
from connsim.simulator.aps.oauth import bp as oauth_bp
from connsim.simulator.aps.oauth import render_oauth_error
from connsim.simulator.aps.routes import bp
from connsim.simulator.aps.seed import seed
from connsim.simulator.aps.wire import APS_RATE_POLICY, firm_header, rate_headers, render_error
from connsim.simulator.core.oauth import IdentityProvider, OAuthClientConfig, ProviderPolicy
from connsim.simulator.core.tenants import TenantKind
from connsim.simulator.endpoints import MODELLED_DOMAIN
from connsim.simulator.remote import Remote, install_gates

APS_HOST = f"api.aps.{MODELLED_DOMAIN}"
#: MODELLED on Intuit's: access 1 hour, refresh 90 days, one firm per token
APS_POLICY = ProviderPolicy("aps", access_ttl=timedelta(hours=1), refresh_ttl=timedelta(days=90),
                            single_tenant=True)
APS_IDENTITY = IdentityProvider(APS_POLICY, OAuthClientConfig("connsim-aps-client", "connsim-aps-secret"))
APS_FIRM = TenantKind("aps-firm")

OAUTH_REMOTE = Remote(name="aps-oauth", blueprint=oauth_bp, prefixes=("/aps/oauth2",), hosts=(APS_HOST,),
                      render_error=render_oauth_error, identity=APS_IDENTITY)
REMOTE = Remote(
    name="aps", blueprint=bp, prefixes=("/aps/v1",), hosts=(APS_HOST,), render_error=render_error,
    tenant_kind=APS_FIRM.name, tenant_kinds=(APS_FIRM,), provider="aps", tenant_id=firm_header,
    rate_policy=APS_RATE_POLICY, rate_headers=rate_headers, idempotency_header="Idempotency-Key",
    control=control_bp,
    control_openapi=resources.files("connsim.simulator.aps") / "control_openapi.yaml",
    backend_factory=ApsBackend, seed=seed, endpoints={"aps_api": f"https://{APS_HOST}"},
)
install_gates(OAUTH_REMOTE)
install_gates(REMOTE)
REMOTES = [OAUTH_REMOTE, REMOTE]
