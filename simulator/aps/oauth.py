"""The modelled APS OAuth 2.0 endpoints (authorization code + refresh, RFC 6749 shapes), backed by
the shared OAuthProvider ``aps``: GET /aps/oauth2/authorize answers the consent screen at once
(as the Xero and Intuit simulators do) with a 302 to the redirect URI; POST /aps/oauth2/token
exchanges codes and refresh tokens. Client auth: HTTP Basic or client_id/client_secret in the form."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, jsonify, redirect, request

from connsim.simulator.core.errors import OAuthError, SimError
from connsim.simulator.remote import sim

bp = Blueprint("aps_oauth", __name__, url_prefix="/aps/oauth2")


def provider() -> Any:
    return sim().providers["aps"]


def render_oauth_error(exc: SimError) -> Response:
    """RFC 6749 §5.2: ``{"error": "invalid_grant"}`` (plus a description when there is one)."""
    if isinstance(exc, OAuthError):
        body: dict[str, Any] = {"error": exc.error}
        if exc.description:
            body["error_description"] = exc.description
    else:
        body = {"error": "invalid_request" if exc.status < 500 else "server_error", "error_description": exc.message}
    response = jsonify(body)
    response.status_code = exc.status if exc.status != 404 else 400
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="aps"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/authorize")
def authorize() -> Response:
    args = request.args
    client_id, redirect_uri = args.get("client_id", ""), args.get("redirect_uri", "")
    if not client_id or not redirect_uri or urlsplit(redirect_uri).scheme not in ("http", "https"):
        raise OAuthError("invalid_request", "client_id and an absolute redirect_uri are required")
    state = args.get("state")
    if args.get("response_type") != "code":
        return _back(redirect_uri, {"error": "unsupported_response_type", "state": state})
    firms = sim().eligible_tenants("aps")
    try:
        code = provider().authorize(client_id, redirect_uri, (args.get("scope") or "").split(), firms)
    except OAuthError as exc:
        if exc.error == "access_denied":
            return _back(redirect_uri, {"error": "access_denied", "state": state})
        raise  # unknown client or redirect URI: never redirect to an unverified address
    return _back(redirect_uri, {"code": code, "state": state})


def _back(redirect_uri: str, params: dict[str, str | None]) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return redirect(f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{query}", code=302)


@bp.post("/token")
def token() -> Response:
    if request.mimetype != "application/x-www-form-urlencoded":
        raise OAuthError("invalid_request", "The token request must be application/x-www-form-urlencoded")
    form = request.form
    client = _client(form)
    grant_type = form.get("grant_type")
    if grant_type == "authorization_code":
        if not form.get("code"):
            raise OAuthError("invalid_request", "code is required")
        answer = provider().exchange_code(client, form["code"], form.get("redirect_uri"))
    elif grant_type == "refresh_token":
        if not form.get("refresh_token"):
            raise OAuthError("invalid_request", "refresh_token is required")
        answer = provider().refresh(client, form["refresh_token"])
    else:
        raise OAuthError("unsupported_grant_type")
    grant, _ = provider().validate(f"Bearer {answer['access_token']}")
    # MODELLED: the firm the token opens, for the X-APS-Firm-Id header (like Intuit's realmId)
    response = jsonify({**answer, "firm_id": grant.tenant_ids[0] if grant.tenant_ids else None})
    response.headers["Cache-Control"] = "no-store"
    return response


def _client(form: Any) -> Any:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header.split(None, 1)[1]).decode("utf-8").partition(":")
        except (ValueError, IndexError):  # bad base64 or UTF-8, non-ASCII text, "Basic" with nothing after
            raise OAuthError("invalid_client", status=401) from None
        try:
            return provider().authenticate_client(client_id, secret)
        except OAuthError:
            raise OAuthError("invalid_client", status=401) from None
    return provider().authenticate_client(form.get("client_id"), form.get("client_secret"))
