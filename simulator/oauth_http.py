"""OAuth 2.0 over HTTP, written once for every identity provider (RFC 6749, RFC 7009): client
authentication, the authorize endpoint and its redirects, token grant dispatch, revocation and
the error bodies. It sits next to ``remote.py`` (the Flask side); ``core/oauth.py`` keeps the
lifecycle without Flask; each provider's package keeps only an
``OAuthHttp`` policy for the differences that are real, each citing its source.

One behaviour for all where no provider fact says otherwise:
* client authentication: HTTP Basic (client_secret_basic) or the form body (client_secret_post);
  Basic credentials are form-urlencoded before base64, so they are decoded (RFC 6749 §2.3.1);
* a failed client authentication is ``invalid_client``: 401 with ``WWW-Authenticate`` when the
  client tried Basic, else 400 (RFC 6749 §5.2); an unknown client at the authorize endpoint is 401;
* an unknown client or a redirect URI that is not absolute or not registered is answered at the
  authorize endpoint itself, never redirected (RFC 6749 §4.1.2.1); every other authorize error
  goes back to the redirect URI (``error`` and ``state``);
* a token request is form-encoded (RFC 6749 §4.1.3); a missing parameter is ``invalid_request``
  and an unknown grant ``unsupported_grant_type``; a user who is not an admin gets ``access_denied``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from flask import Response, request

from connsim.simulator.core import jsonwire
from connsim.simulator.core.bounded import load_json
from connsim.simulator.core.errors import OAuthError, SimError, Unauthenticated
from connsim.simulator.core.oauth import Client, OAuthProvider
from connsim.simulator.remote import sim

#: a grant beyond authorization_code and refresh_token: (client, provider, form) -> token answer
GrantHandler = Callable[[Client, OAuthProvider, Mapping[str, str]], dict[str, Any]]
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class OAuthHttp:
    """What one provider does differently on the wire. Every field is a fact of that provider."""

    #: the provider's name (``state.providers``)
    provider: str
    #: the token answer as this provider writes it: (core answer, provider) -> Response
    render_token: Callable[[dict[str, Any], OAuthProvider], Response]
    #: whether error bodies carry ``error_description`` next to ``error``
    describe_errors: bool = True
    #: grants besides authorization_code and refresh_token
    extra_grants: Mapping[str, GrantHandler] = field(default_factory=dict)
    #: the scopes the provider knows (anything else is invalid_scope); None: any scope
    known_scopes: tuple[str, ...] | None = None
    #: scopes that open a tenant; None: every grant opens the consented tenants. When set, a grant
    #: without them opens none, and one with them but no tenant to give is access_denied
    tenant_scopes: tuple[str, ...] | None = None
    #: query parameter naming the opened tenant in the redirect back (Intuit's realmId)
    callback_tenant_param: str | None = None
    #: how the authorize page shows an error it must not redirect (default: the JSON error body)
    authorize_page_error: Callable[[OAuthError], Response] | None = None
    #: how a revocation request carries the token: "form" (RFC 7009) or "json"
    revocation_body: str = "form"
    #: response headers on every answer of the provider's OAuth endpoints
    headers: Callable[[], dict[str, str]] | None = None


def provider_of(policy: OAuthHttp) -> OAuthProvider:
    provider: OAuthProvider = sim().providers[policy.provider]
    return provider


# -- client authentication ------------------------------------------------------------------------
def authenticate_client(provider: OAuthProvider) -> Client:
    """The client of a token or revocation request, by HTTP Basic or by the form body."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        client_id, secret = _basic_credentials(header)
        try:
            return provider.authenticate_client(client_id, secret)
        except OAuthError:
            raise OAuthError("invalid_client", "Client authentication failed", status=401) from None
    try:
        return provider.authenticate_client(request.form.get("client_id"), request.form.get("client_secret"))
    except OAuthError:
        raise OAuthError("invalid_client", "Client authentication failed", status=400) from None


def _basic_credentials(header: str) -> tuple[str, str]:
    """client_id and secret from ``Basic base64(urlencode(id):urlencode(secret))`` (RFC 6749 §2.3.1)."""
    try:
        decoded = base64.b64decode(header.split(None, 1)[1].strip(), validate=True).decode("utf-8")
    except (ValueError, IndexError):  # binascii.Error, UnicodeDecodeError, non-ASCII text ("Basic é")
        raise OAuthError("invalid_client", "Malformed Basic credentials", status=401) from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise OAuthError("invalid_client", "Malformed Basic credentials", status=401)
    return unquote_plus(client_id), unquote_plus(secret)


# -- authorize ------------------------------------------------------------------------------------
def authorize(policy: OAuthHttp) -> Response:
    """The consent screen: the simulated user answers as ``POST /_connsim/oauth/<provider>/consent`` set."""
    args, provider = request.args, provider_of(policy)
    redirect_uri, state = args.get("redirect_uri", ""), args.get("state")
    client = provider.clients.get(args.get("client_id", ""))
    if client is None:
        return _not_redirected(policy, OAuthError("invalid_client", "Unknown client_id", status=401))
    if urlsplit(redirect_uri).scheme not in ("http", "https") or (
            client.redirect_uris and redirect_uri not in client.redirect_uris):
        return _not_redirected(policy, OAuthError("invalid_request", "The redirect_uri is not registered"))
    if args.get("response_type") != "code":
        return redirect_back(policy, redirect_uri, error="unsupported_response_type", state=state)
    scopes = args.get("scope", "").split()
    if not scopes or (policy.known_scopes is not None and any(s not in policy.known_scopes for s in scopes)):
        return redirect_back(policy, redirect_uri, error="invalid_scope", state=state)
    if not provider.consent.is_admin:  # UNCONFIRMED: a user who may not connect the app sees nothing to pick
        return redirect_back(policy, redirect_uri, error="access_denied", state=state)
    opens_tenant = policy.tenant_scopes is None or any(s in policy.tenant_scopes for s in scopes)
    eligible = sim().eligible_tenants(policy.provider) if opens_tenant else []
    try:
        code = provider.authorize(client.client_id, redirect_uri, scopes, eligible)
    except OAuthError as exc:
        return redirect_back(policy, redirect_uri, error=exc.error, state=state)
    tenants = provider.code_tenants(code)
    if policy.tenant_scopes is not None and opens_tenant and not tenants:
        return redirect_back(policy, redirect_uri, error="access_denied", state=state)
    extra = {policy.callback_tenant_param: tenants[0]} if policy.callback_tenant_param and tenants else {}
    return redirect_back(policy, redirect_uri, code=code, state=state, **extra)


def _not_redirected(policy: OAuthHttp, exc: OAuthError) -> Response:
    if policy.authorize_page_error is not None:
        return policy.authorize_page_error(exc)
    raise exc


def redirect_back(policy: OAuthHttp, redirect_uri: str, **params: str | None) -> Response:
    """302 to the client's redirect URI, its own query kept, these parameters added."""
    parts = urlsplit(redirect_uri)
    query = parse_qsl(parts.query) + [(k, v) for k, v in params.items() if v is not None]
    location = urlunsplit(parts._replace(query=urlencode(query), fragment=""))
    return _with_headers(policy, Response("", status=302, headers={"Location": location}))


# -- token and revocation -------------------------------------------------------------------------
def token(policy: OAuthHttp) -> Response:
    """The token endpoint: authenticate the client, then dispatch on grant_type."""
    if request.mimetype != FORM:
        raise OAuthError("invalid_request", f"The token request must be {FORM}")
    provider = provider_of(policy)
    client = authenticate_client(provider)
    form = request.form
    grant_type = form.get("grant_type")
    if not grant_type:
        raise OAuthError("invalid_request", "grant_type is required")
    if grant_type == "authorization_code":
        answer = provider.exchange_code(client, _required(form, "code"), form.get("redirect_uri"))
    elif grant_type == "refresh_token":
        answer = provider.refresh(client, _required(form, "refresh_token"))
    elif grant_type in policy.extra_grants:
        answer = policy.extra_grants[grant_type](client, provider, form)
    else:
        raise OAuthError("unsupported_grant_type")
    return _with_headers(policy, policy.render_token(answer, provider))


def revoke(policy: OAuthHttp) -> Response:
    """Revoke the grant behind a token (RFC 7009: an unknown token is not an error): 200, empty."""
    provider = provider_of(policy)
    authenticate_client(provider)
    if policy.revocation_body == "json":
        try:
            data = load_json(request.get_data(cache=True) or b"null")
        except (ValueError, UnicodeDecodeError):
            raise OAuthError("invalid_request", 'The body must be JSON: {"token": "..."}') from None
        value = data.get("token") if isinstance(data, dict) else None
    else:
        value = request.form.get("token")
    if not isinstance(value, str) or not value:
        raise OAuthError("invalid_request", "token is required")
    provider.revoke(value)
    return _with_headers(policy, Response("", status=200))


def _required(form: Mapping[str, str], name: str) -> str:
    value = form.get(name)
    if not value:
        raise OAuthError("invalid_request", f"{name} is required")
    return value


def _with_headers(policy: OAuthHttp, response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"  # RFC 6749 §5.1
    response.headers["Pragma"] = "no-cache"
    for name, value in (policy.headers() if policy.headers else {}).items():
        response.headers[name] = value
    return response


# -- errors ---------------------------------------------------------------------------------------
def render_error(policy: OAuthHttp, exc: SimError) -> Response:
    """RFC 6749 §5.2 ``{"error": ...}`` for every error of an OAuth endpoint (and 413s, faults...)."""
    if isinstance(exc, OAuthError):
        error, description = exc.error, exc.description
    elif isinstance(exc, Unauthenticated):  # a bearer-token endpoint (userinfo): RFC 6750 §3.1
        error, description = "invalid_token", exc.message
    else:
        error, description = ("invalid_request" if exc.status < 500 else "server_error"), exc.message
    body: dict[str, str] = {"error": error}
    if policy.describe_errors and description:
        body["error_description"] = description
    response = Response(jsonwire.dumps(body), status=exc.status,
                        content_type="application/json; charset=UTF-8")
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = "Bearer" if error == "invalid_token" else "Basic"
    return _with_headers(policy, response)
