"""Xero's identity server (identity.xero.com, login.xero.com) and the /connections endpoint
(api.xero.com). Two Remotes: token endpoints take no bearer token; /connections takes one but
names no tenant. The consent screen is answered by the provider's configured Consent
(POST /_connsim/oauth/xero/consent)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Blueprint, Response, g, jsonify, redirect, request

from connsim.simulator.config import SimConfig
from connsim.simulator.core.errors import NotFound, OAuthError
from connsim.simulator.identity import wire
from connsim.simulator.remote import sim

DEFAULT_CC_SCOPES = ["accounting.transactions", "accounting.settings", "accounting.contacts"]
REAL_ISSUER = "https://identity.xero.com"
REAL_AUTHORIZE = "https://login.xero.com/identity/connect/authorize"

bp = Blueprint("xero_identity", __name__)
connections_bp = Blueprint("xero_connections", __name__)


def provider() -> Any:
    return sim().providers["xero"]


def organisations() -> list[str]:
    """Tenants a custom connection can open: Xero organisations, not practices (reference/xero.md §1.2)."""
    kinds = sim().tenants.kinds
    return [t for t in sim().eligible_tenants("xero")
            if kinds[sim().tenants.get(t).kind].connection_type == "ORGANISATION"]


# -- authorize (the consent screen) --------------------------------------------------------------
@bp.get("/connect/authorize")
@bp.get("/identity/connect/authorize")
def authorize() -> Response:
    args = request.args
    redirect_uri, state = args.get("redirect_uri", ""), args.get("state")
    client = provider().clients.get(args.get("client_id", ""))
    if client is None or not redirect_uri or (client.redirect_uris and redirect_uri not in client.redirect_uris):
        # never redirect to an unverified address: Xero shows an error page instead
        reason = "unauthorized_client" if client is None else "invalid_request"
        return Response(f"<html><body><h1>Error</h1><p>{reason}</p></body></html>", status=400,
                        content_type="text/html; charset=utf-8")
    if args.get("response_type") != "code":
        return _back(redirect_uri, state, error="unsupported_response_type")
    scopes = [s for s in args.get("scope", "").split() if s]
    if not scopes:
        return _back(redirect_uri, state, error="invalid_scope")
    consent = provider().consent
    if not consent.is_admin:
        return _back(redirect_uri, state, error="access_denied")  # UNCONFIRMED: a non-admin sees no orgs
    eligible = sim().eligible_tenants("xero")
    try:
        code = provider().authorize(client.client_id, redirect_uri, scopes, eligible)
    except OAuthError as exc:
        return _back(redirect_uri, state, error=exc.error)
    return _back(redirect_uri, state, code=code)


def _back(redirect_uri: str, state: str | None, **params: str) -> Response:
    parts = urlsplit(redirect_uri)
    query = "&".join(q for q in (parts.query, urlencode({**params, **({"state": state} if state else {})})) if q)
    return redirect(urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")), code=302)


# -- token, revocation, discovery ----------------------------------------------------------------
@bp.post("/connect/token")
def token() -> Response:
    form, prov = request.form, provider()
    grant_type = form.get("grant_type")
    if grant_type not in ("authorization_code", "refresh_token", "client_credentials"):
        raise OAuthError("unsupported_grant_type" if grant_type else "invalid_request")
    client = prov.authenticate_client(*wire.client_credentials(request))
    if grant_type == "authorization_code":
        if not form.get("code"):
            raise OAuthError("invalid_request")
        return wire.token_json(prov.exchange_code(client, form["code"], form.get("redirect_uri")))
    if grant_type == "refresh_token":
        if not form.get("refresh_token"):
            raise OAuthError("invalid_request")
        return wire.token_json(prov.refresh(client, form["refresh_token"]))
    scopes = [s for s in form.get("scope", "").split() if s] or DEFAULT_CC_SCOPES
    chosen = prov.consent.tenant_ids or organisations()[:1]
    return wire.token_json(prov.client_credentials(client, scopes, chosen))


@bp.post("/connect/revocation")
def revocation() -> Response:
    prov = provider()
    prov.authenticate_client(*wire.client_credentials(request))
    value = request.form.get("token")
    if not value:
        raise OAuthError("invalid_request")
    prov.revoke(value)  # RFC 7009: an unknown token is not an error
    return Response("", status=200)


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
