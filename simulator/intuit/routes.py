"""Intuit OAuth 2.0 and OpenID endpoints on their real paths: discovery, authorize (the consent
screen answers as the control API set it), token (authorization_code, refresh_token), revoke,
JWKS and userinfo. HTTP handling is simulator/oauth_http.py with INTUIT_OAUTH (Intuit's
differences); the lifecycle is core/oauth.py with INTUIT_POLICY (intuit/remote.py)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, Response, request

from connsim.simulator import oauth_http
from connsim.simulator.core.errors import SimError
from connsim.simulator.core.oauth import OAuthProvider
from connsim.simulator.intuit import wire
from connsim.simulator.remote import sim

SCOPES = ("com.intuit.quickbooks.accounting", "com.intuit.quickbooks.payment", "openid", "profile", "email",
          "phone", "address")
#: scopes that open a QuickBooks company (so the consent screen asks for one and the redirect names it)
COMPANY_SCOPES = ("com.intuit.quickbooks.accounting", "com.intuit.quickbooks.payment")

bp = Blueprint("intuit", __name__)


@bp.get("/.well-known/openid_configuration")
@bp.get("/.well-known/openid_configuration/")
def discovery() -> Response:
    return wire.respond(wire.discovery(False, sim().config.public_url))


@bp.get("/.well-known/openid_sandbox_configuration")
@bp.get("/.well-known/openid_sandbox_configuration/")
def sandbox_discovery() -> Response:
    return wire.respond(wire.discovery(True, sim().config.public_url))


def _token_answer(answer: dict[str, Any], provider: OAuthProvider) -> Response:
    return wire.respond(wire.token_payload(answer, int(provider.policy.refresh_ttl.total_seconds())))


INTUIT_OAUTH = oauth_http.OAuthHttp(
    provider="intuit",
    render_token=_token_answer,  # token_type "bearer", x_refresh_token_expires_in (reference/qbo-aps.md §2)
    known_scopes=SCOPES,  # intuitlib/enums.py (reference/qbo-aps.md §2)
    tenant_scopes=COMPANY_SCOPES,
    callback_tenant_param="realmId",  # the callback carries code, state and realmId (qbo-aps.md §2)
    revocation_body="json",  # {"token": ...} with Basic auth (intuitlib/client.py revoke, qbo-aps.md §2)
    headers=lambda: {"intuit_tid": wire.tid()},  # on every answer (reference/qbo-aps.md §2-3)
)


@bp.get("/connect/oauth2")
def authorize() -> Response:
    """The consent screen: the configured user approves one company and is sent back with a code."""
    return oauth_http.authorize(INTUIT_OAUTH)


@bp.post("/oauth2/v1/tokens/bearer")
def token() -> Response:
    return oauth_http.token(INTUIT_OAUTH)


@bp.post("/v2/oauth2/tokens/revoke")
def revoke() -> Response:
    """Revoke the grant behind a refresh or access token: 200 with an empty body (UNCONFIRMED body)."""
    return oauth_http.revoke(INTUIT_OAUTH)


def render_error(exc: SimError) -> Response:
    return oauth_http.render_error(INTUIT_OAUTH, exc)


@bp.get("/op/v1/jwks")
def jwks() -> Response:
    return wire.respond({"keys": []})


@bp.get("/v1/openid_connect/userinfo")
def userinfo() -> Response:
    grant, _ = sim().providers["intuit"].validate(request.headers.get("Authorization"))
    user = grant.user
    given, _, family = user.split("@")[0].replace(".", " ").title().partition(" ")
    return wire.respond({"sub": str(uuid.uuid5(uuid.NAMESPACE_URL, f"intuit:{user}")), "email": user,
                         "emailVerified": True, "givenName": given, "familyName": family or "User"})
