"""Intuit OAuth 2.0 and OpenID endpoints on their real paths: discovery, authorize (the consent
screen answers as the control API set it), token (authorization_code, refresh_token; Basic client
auth), revoke, JWKS and userinfo. The lifecycle itself is core/oauth.py with INTUIT_POLICY."""

from __future__ import annotations

import base64
import uuid
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, Response, redirect, request

from connsim.simulator.core.bounded import load_json
from connsim.simulator.core.errors import MalformedInput, OAuthError
from connsim.simulator.intuit import wire
from connsim.simulator.remote import sim

SCOPES = ("com.intuit.quickbooks.accounting", "com.intuit.quickbooks.payment", "openid", "profile", "email",
          "phone", "address")
#: scopes that open a QuickBooks company (so the consent screen asks for one and the redirect names it)
COMPANY_SCOPES = ("com.intuit.quickbooks.accounting", "com.intuit.quickbooks.payment")

bp = Blueprint("intuit", __name__)


def _provider() -> Any:
    return sim().providers["intuit"]


@bp.get("/.well-known/openid_configuration")
@bp.get("/.well-known/openid_configuration/")
def discovery() -> Response:
    return wire.respond(wire.discovery(False, sim().config.public_url))


@bp.get("/.well-known/openid_sandbox_configuration")
@bp.get("/.well-known/openid_sandbox_configuration/")
def sandbox_discovery() -> Response:
    return wire.respond(wire.discovery(True, sim().config.public_url))


@bp.get("/connect/oauth2")
def authorize() -> Response:
    """The consent screen: the configured user approves one company and is sent back with a code."""
    args = request.args
    client_id, redirect_uri, state = args.get("client_id", ""), args.get("redirect_uri", ""), args.get("state")
    provider = _provider()
    client = provider.clients.get(client_id)
    if client is None:
        raise OAuthError("invalid_client", "Unknown client_id")
    if not redirect_uri or (client.redirect_uris and redirect_uri not in client.redirect_uris):
        raise OAuthError("invalid_request", "The redirect_uri is not registered for this app")
    scopes = args.get("scope", "").split()
    if args.get("response_type") != "code":
        return _back(redirect_uri, error="unsupported_response_type", state=state)
    if not scopes or any(s not in SCOPES for s in scopes):
        return _back(redirect_uri, error="invalid_scope", state=state)
    realm = None
    if any(s in COMPANY_SCOPES for s in scopes):
        realm = _chosen_realm(provider.consent)
        if realm is None:
            return _back(redirect_uri, error="access_denied", state=state)
    try:
        code = provider.authorize(client_id, redirect_uri, scopes, [realm] if realm else [])
    except OAuthError as exc:
        return _back(redirect_uri, error=exc.error, state=state)
    return _back(redirect_uri, code=code, state=state, realmId=realm)


def _chosen_realm(consent: Any) -> str | None:
    """The one company the user picks: the first consented realm (or the first realm there is)."""
    eligible = sim().eligible_tenants("intuit")
    wanted = consent.tenant_ids if consent.tenant_ids is not None else eligible
    return next((t for t in wanted if t in eligible), None)


def _back(redirect_uri: str, **params: Any) -> Response:
    parts = urlsplit(redirect_uri)
    query = parse_qsl(parts.query) + [(k, v) for k, v in params.items() if v is not None]
    response = redirect(urlunsplit(parts._replace(query=urlencode(query))), code=302)
    response.headers["intuit_tid"] = wire.tid()
    return response


def _client() -> Any:
    """HTTP Basic client authentication (client_secret_basic), or client_secret_post."""
    header = request.headers.get("Authorization", "")
    client_id, secret = request.form.get("client_id"), request.form.get("client_secret")
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header.split(None, 1)[1]).decode().partition(":")
        except (ValueError, IndexError):  # binascii.Error, UnicodeDecodeError, and non-ASCII header text
            raise OAuthError("invalid_client") from None
    return _provider().authenticate_client(client_id, secret)


@bp.post("/oauth2/v1/tokens/bearer")
def token() -> Response:
    if request.mimetype != "application/x-www-form-urlencoded":
        raise OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded")
    client, provider, form = _client(), _provider(), request.form
    grant_type = form.get("grant_type")
    if grant_type == "authorization_code":
        if not form.get("code"):
            raise OAuthError("invalid_request", "code is required")
        issued = provider.exchange_code(client, form["code"], form.get("redirect_uri"))
    elif grant_type == "refresh_token":
        if not form.get("refresh_token"):
            raise OAuthError("invalid_request", "refresh_token is required")
        issued = provider.refresh(client, form["refresh_token"])
    else:
        raise OAuthError("unsupported_grant_type")
    return wire.respond(wire.token_payload(issued, int(provider.policy.refresh_ttl.total_seconds())))


@bp.post("/v2/oauth2/tokens/revoke")
def revoke() -> Response:
    """Revoke the grant behind a refresh or access token: 200 with an empty body (UNCONFIRMED body)."""
    _client()
    try:
        data = load_json(request.get_data(cache=True) or b"null")
    except (ValueError, UnicodeDecodeError):
        raise MalformedInput("The body must be JSON: {\"token\": \"...\"}") from None
    if not isinstance(data, dict) or not isinstance(data.get("token"), str) or not data["token"]:
        raise OAuthError("invalid_request", "token is required")
    _provider().revoke(data["token"])
    return wire.respond(None)


@bp.get("/op/v1/jwks")
def jwks() -> Response:
    return wire.respond({"keys": []})


@bp.get("/v1/openid_connect/userinfo")
def userinfo() -> Response:
    grant, _ = _provider().validate(request.headers.get("Authorization"))
    user = grant.user
    given, _, family = user.split("@")[0].replace(".", " ").title().partition(" ")
    return wire.respond({"sub": str(uuid.uuid5(uuid.NAMESPACE_URL, f"intuit:{user}")), "email": user,
                         "emailVerified": True, "givenName": given, "familyName": family or "User"})
