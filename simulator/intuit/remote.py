"""Intuit OAuth 2.0 / OpenID Connect as a remote: discovery, authorize, token, revoke, userinfo
on Intuit's hosts; it runs the ``intuit`` provider whose tokens QuickBooks Online takes."""

from __future__ import annotations

from datetime import timedelta

from connsim.simulator.core.oauth import IdentityProvider, OAuthClientConfig, ProviderPolicy
from connsim.simulator.intuit import routes, wire
from connsim.simulator.intuit.routes import bp
from connsim.simulator.remote import Remote, install_gates

#: access 1 hour, refresh 100 days rolling with a 5-year cap, one realm per token; whether the
#: replaced refresh token has a grace period is UNCONFIRMED: none (reference/qbo-aps.md §2)
INTUIT_POLICY = ProviderPolicy("intuit", access_ttl=timedelta(hours=1), refresh_ttl=timedelta(days=100),
                               single_tenant=True, refresh_max_life=timedelta(days=5 * 365))
INTUIT_IDENTITY = IdentityProvider(INTUIT_POLICY, OAuthClientConfig("connsim-qbo-client", "connsim-qbo-secret"))

REMOTE = Remote(
    name="intuit-oauth", blueprint=bp,
    prefixes=("/.well-known/openid_configuration", "/.well-known/openid_sandbox_configuration", "/connect/oauth2",
              "/oauth2/v1/tokens", "/v2/oauth2/tokens", "/op/v1", "/v1/openid_connect"),
    hosts=wire.REAL_HOSTS, render_error=routes.render_error, identity=INTUIT_IDENTITY,
    endpoints={"intuit_discovery": "https://developer.intuit.com/.well-known/openid_configuration/",
               "intuit_token": "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"},
)
install_gates(REMOTE)
REMOTES = [REMOTE]
