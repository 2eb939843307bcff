"""Xero identity as remotes: the identity server (identity.xero.com, login.xero.com) runs the
``xero`` provider, and /connections on api.xero.com lists what a token opens."""

from __future__ import annotations

from datetime import timedelta

from connsim.simulator.core.oauth import IdentityProvider, OAuthClientConfig, ProviderPolicy
from connsim.simulator.identity import routes, wire
from connsim.simulator.identity.routes import bp, connections_bp
from connsim.simulator.remote import Remote, install_gates

#: access 30 min, refresh 60 days unused, the replaced refresh token retried within 30 min, a
#: refresh token only with offline_access (reference/xero.md §1.3, §1.4)
XERO_POLICY = ProviderPolicy("xero", access_ttl=timedelta(minutes=30), refresh_ttl=timedelta(days=60),
                             rotation_grace=timedelta(minutes=30), refresh_scope="offline_access")
XERO_IDENTITY = IdentityProvider(XERO_POLICY, OAuthClientConfig("connsim-xero-client", "connsim-xero-secret"))

REMOTE = Remote(name="xero-identity", blueprint=bp,
                prefixes=("/connect", "/identity/connect", "/.well-known/openid-configuration"),
                hosts=("identity.xero.com", "login.xero.com"), render_error=routes.render_error,
                identity=XERO_IDENTITY,
                endpoints={"xero_identity": "https://identity.xero.com",
                           "xero_authorize": "https://login.xero.com/identity/connect/authorize"})
CONNECTIONS = Remote(name="xero-connections", blueprint=connections_bp, prefixes=("/connections", "/Connections"),
                     hosts=("api.xero.com",), render_error=wire.render_connections_error, provider="xero")
install_gates(REMOTE)
install_gates(CONNECTIONS)
REMOTES = [REMOTE, CONNECTIONS]
