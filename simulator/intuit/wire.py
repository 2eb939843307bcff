"""Intuit OAuth 2.0 on the wire, where it differs from other providers: the OpenID discovery
documents and token responses in Intuit's shape ({"token_type": "bearer", "expires_in": 3600,
"x_refresh_token_expires_in": ...}). Every response carries an ``intuit_tid`` header, as Intuit's
token endpoint does (reference/qbo-aps.md §2-3). Errors and client auth: simulator/oauth_http.py."""

from __future__ import annotations

from typing import Any

from flask import Response, g, request

from connsim.simulator.core import ids, jsonwire

#: hosts whose discovery documents name Intuit's real endpoints (in-process mode)
REAL_HOSTS = ("oauth.platform.intuit.com", "developer.api.intuit.com", "appcenter.intuit.com",
              "developer.intuit.com", "accounts.platform.intuit.com", "sandbox-accounts.platform.intuit.com")
PATHS = {"issuer": "/op/v1", "authorization_endpoint": "/connect/oauth2",
         "token_endpoint": "/oauth2/v1/tokens/bearer", "userinfo_endpoint": "/v1/openid_connect/userinfo",
         "revocation_endpoint": "/v2/oauth2/tokens/revoke", "jwks_uri": "/op/v1/jwks"}
_REAL_BASES = {"issuer": "https://oauth.platform.intuit.com", "authorization_endpoint": "https://appcenter.intuit.com",
               "token_endpoint": "https://oauth.platform.intuit.com",
               "userinfo_endpoint": "https://accounts.platform.intuit.com",
               "revocation_endpoint": "https://developer.api.intuit.com",
               "jwks_uri": "https://oauth.platform.intuit.com"}


def tid() -> str:
    """The request's ``intuit_tid`` (Intuit's transaction id, on every response of its APIs), made once."""
    value = g.get("intuit_tid")
    if value is None:
        value = g.intuit_tid = ids.uuid4_text()
    return value


def discovery(sandbox: bool, public_url: str | None) -> dict[str, Any]:
    """Intuit's endpoints when asked on an Intuit host; otherwise the host the request came to, so a
    client given the simulator's discovery URL talks to the simulator for everything."""
    host = request.host.split(":")[0].lower()
    if host in REAL_HOSTS:
        bases = dict(_REAL_BASES)
        if sandbox:
            bases["userinfo_endpoint"] = "https://sandbox-accounts.platform.intuit.com"
    else:
        base = (public_url or request.host_url).rstrip("/")
        bases = dict.fromkeys(PATHS, base)
    doc: dict[str, Any] = {key: bases[key] + path for key, path in PATHS.items()}
    doc.update({"response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile", "address", "phone"],
                "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
                "claims_supported": ["aud", "exp", "iat", "iss", "realmid", "sub"]})
    return doc


def token_payload(issued: dict[str, Any], refresh_seconds: int) -> dict[str, Any]:
    """The core's token answer reshaped as Intuit sends it: no scope, lower-case "bearer", no id_token."""
    return {"token_type": "bearer", "access_token": issued["access_token"],
            "refresh_token": issued["refresh_token"], "expires_in": issued["expires_in"],
            "x_refresh_token_expires_in": refresh_seconds}


def respond(payload: Any, status: int = 200) -> Response:
    body = "" if payload is None else jsonwire.dumps(payload)
    response = Response(body, status=status, mimetype="application/json")
    response.headers["intuit_tid"] = tid()
    return response
