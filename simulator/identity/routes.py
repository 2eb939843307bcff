"""Xero's identity server (identity.xero.com, login.xero.com) and the /connections endpoint
(api.xero.com). Two Remotes: token endpoints take no bearer token; /connections takes one but
names no tenant. The consent screen is answered by the provider's configured Consent
(POST /_connsim/oauth/xero/consent)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from connsim.simulator import oauth_http
from connsim.simulator.config import SimConfig
from connsim.simulator.core.errors import NotFound, SimError
from connsim.simulator.core.oauth import Client, OAuthProvider
from connsim.simulator.identity import wire
from connsim.simulator.remote import sim

DEFAULT_CC_SCOPES = ["accounting.transactions", "accounting.settings", "accounting.contacts"]
REAL_ISSUER = "https://identity.xero.com"
REAL_AUTHORIZE = "https://login.xero.com/identity/connect/authorize"

bp = Blueprint("xero_identity", __name__)
connections_bp = Blueprint("xero_connections", __name__)


def provider() -> OAuthProvider:
    xero: OAuthProvider = sim().providers["xero"]
    return xero


def organisations() -> list[str]:
    """Tenants a custom connection can open: Xero organisations, not practices (reference/xero.md §1.2)."""
    kinds = sim().tenants.kinds
    return [t for t in sim().eligible_tenants("xero")
            if kinds[sim().tenants.get(t).kind].connection_type == "ORGANISATION"]


# -- authorize, token, revocation: simulator/oauth_http.py with Xero's differences ------------------
def _client_credentials(client: Client, xero: OAuthProvider, form: Mapping[str, str]) -> dict[str, Any]:
    """Custom connections: one organisation, no refresh token (reference/xero.md §1.2)."""
    scopes = [s for s in form.get("scope", "").split() if s] or DEFAULT_CC_SCOPES
    chosen = xero.consent.tenant_ids or organisations()[:1]
    return xero.client_credentials(client, scopes, chosen)


XERO_OAUTH = oauth_http.OAuthHttp(
    provider="xero",
    render_token=lambda answer, provider: wire.token_json(answer),  # only the keys xero-python accepts (§1.3)
    describe_errors=False,  # xero-python needs exactly {"error":"invalid_grant"} (reference/xero.md §1.5)
    extra_grants={"client_credentials": _client_credentials},
    authorize_page_error=wire.authorize_error_page,  # login.xero.com is a page in the user's browser
)


@bp.get("/connect/authorize")
@bp.get("/identity/connect/authorize")
def authorize() -> Response:
    return oauth_http.authorize(XERO_OAUTH)


@bp.post("/connect/token")
def token() -> Response:
    return oauth_http.token(XERO_OAUTH)


@bp.post("/connect/revocation")
def revocation() -> Response:
    return oauth_http.revoke(XERO_OAUTH)


def render_error(exc: SimError) -> Response:
    return oauth_http.render_error(XERO_OAUTH, exc)


@bp.get("/.well-known/openid-configuration")
def discovery() -> Response:
    host = request.host.split(":")[0]
    if host.endswith("xero.com"):
        issuer, auth = REAL_ISSUER, REAL_AUTHORIZE
    else:
        config: SimConfig = sim().config
        issuer = (config.public_url or request.host_url).rstrip("/")
        auth = f"{issuer}/identity/connect/authorize"
    return jsonify({
        "issuer": issuer, "authorization_endpoint": auth, "token_endpoint": f"{issuer}/connect/token",
        "revocation_endpoint": f"{issuer}/connect/revocation", "userinfo_endpoint": f"{issuer}/connect/userinfo",
        "jwks_uri": f"{issuer}/.well-known/openid-configuration/jwks",
        "end_session_endpoint": f"{issuer}/connect/endsession",
        "scopes_supported": ["openid", "profile", "email", "offline_access", "accounting.transactions",
                             "accounting.settings", "accounting.contacts", "practicemanager"],
        "response_types_supported": ["code"], "grant_types_supported": [
            "authorization_code", "refresh_token", "client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["plain", "S256"],
    })


@bp.get("/.well-known/openid-configuration/jwks")
def jwks() -> Response:
    return jsonify({"keys": []})


# -- /connections (api.xero.com) -----------------------------------------------------------------
@connections_bp.get("/connections")
@connections_bp.get("/Connections")
def list_connections() -> Response:
    auth_event = request.args.get("authEventId")
    rows = []
    for conn in provider().connections_for(g.grant):
        tenant = sim().tenants.find(conn.tenant_id)
        if tenant is None or (auth_event and conn.auth_event_id != auth_event):
            continue
        rows.append(wire.connection_row(conn, tenant, sim().tenants.kinds[tenant.kind].connection_type))
    return jsonify(rows)


@connections_bp.delete("/connections/<connection_id>")
@connections_bp.delete("/Connections/<connection_id>")
def delete_connection(connection_id: str) -> Response:
    if not provider().delete_connection(g.grant, connection_id):
        raise NotFound("no such connection")
    return Response("", status=204)
