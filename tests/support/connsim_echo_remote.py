"""A test-only remote kept outside connsim: the smallest API that goes through every gate (fault,
tenant, rate limit, idempotency, tenant lock), declaring everything about itself the way a
built-in remote does: its own real host, tenant kind and identity provider, with nothing central
edited. Served with ``connsim serve --remote-module connsim_echo_remote`` or
``SimConfig(remote_modules=("connsim_echo_remote",))``. Its items live in the tenant's settings,
so the control API shows whether a handler committed.

Three remotes: ``echo`` (no bearer token: the gates alone), ``echo-private`` (tokens of the
``echo`` provider, for the same tenants) and ``echo-oauth`` (that provider's authorize and token
endpoints: the core's OAuth over HTTP with a one-line policy). ``echo`` also has a control route
(POST /_connsim/echo/<tenant>/clear) described by its own OpenAPI fragment, next to this file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request

from connsim.simulator import oauth_http
from connsim.simulator.control.guard import control_blueprint, tenant_of_kind
from connsim.simulator.core.errors import MalformedInput, RateLimited, SimError
from connsim.simulator.core.oauth import IdentityProvider, OAuthClientConfig, ProviderPolicy
from connsim.simulator.core.ratelimit import Decision, RatePolicy, Window
from connsim.simulator.core.tenants import TenantKind
from connsim.simulator.remote import Remote, current_tenant, install_gates

ECHO_HOST = "api.echo.connsim.test"
ECHO_TENANT = TenantKind("echo-tenant", make_id=lambda value: f"echo-{value.hex[:12]}")
ECHO_IDENTITY = IdentityProvider(ProviderPolicy("echo", access_ttl=timedelta(minutes=10),
                                                refresh_ttl=timedelta(days=1)),
                                 OAuthClientConfig("echo-client", "echo-secret"))

bp = Blueprint("echo", __name__)
private_bp = Blueprint("echo_private", __name__)
oauth_bp = Blueprint("echo_oauth", __name__, url_prefix="/echo-oauth")
control_bp = control_blueprint("echo_control", __name__)
#: the echo provider on the wire: everything simulator/oauth_http.py does, RFC 6749 token JSON
ECHO_OAUTH = oauth_http.OAuthHttp(provider=ECHO_IDENTITY.name, render_token=lambda answer, provider: jsonify(answer))


@oauth_bp.get("/authorize")
def authorize() -> Response:
    return oauth_http.authorize(ECHO_OAUTH)


@oauth_bp.post("/token")
def token() -> Response:
    return oauth_http.token(ECHO_OAUTH)



def render_error(exc: SimError) -> Response:
    response = jsonify({"error": exc.code, "message": exc.message})
    response.status_code = exc.status
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after)
        response.headers["X-Rate-Limit-Problem"] = exc.problem
    return response


def rate_headers(decision: Decision) -> dict[str, str]:
    return {"X-MinLimit-Remaining": str(decision.remaining.get("minute", ""))}


@bp.post("/echo/<tenant_id>/items")
def add_item(tenant_id: str) -> Any:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise MalformedInput("a JSON object is expected")
    items = current_tenant().settings.setdefault("echo_items", [])
    items.append(payload)
    return jsonify({"count": len(items), "item": payload}), 201


@bp.get("/echo/<tenant_id>/items")
def list_items(tenant_id: str) -> Any:
    return jsonify({"items": current_tenant().settings.get("echo_items", [])})


@private_bp.get("/echo-private/<tenant_id>/items")
def list_private_items(tenant_id: str) -> Any:
    return jsonify({"items": current_tenant().settings.get("echo_items", [])})


@control_bp.post("/<tenant_id>/clear")
def clear_items(tenant_id: str) -> Any:
    """What a person does in the echo UI: throw every item away."""
    tenant = tenant_of_kind(tenant_id, ECHO_TENANT.name)
    with tenant.lock:
        cleared = len(tenant.settings.pop("echo_items", []))
    return jsonify({"cleared": cleared})


def tenant_in_path(req: Any) -> str | None:
    return (req.view_args or {}).get("tenant_id")


REMOTE = Remote(name="echo", blueprint=bp, prefixes=("/echo",), hosts=(ECHO_HOST,), render_error=render_error,
                tenant_kind=ECHO_TENANT.name, tenant_kinds=(ECHO_TENANT,), tenant_id=tenant_in_path,
                rate_policy=RatePolicy("echo", (Window("minute", 60, 60),)), rate_headers=rate_headers,
                idempotency_header="Idempotency-Key", identity=ECHO_IDENTITY, control=control_bp,
                control_openapi=Path(__file__).with_name("connsim_echo_control_openapi.yaml"),
                endpoints={"echo_api": f"https://{ECHO_HOST}"})
PRIVATE = Remote(name="echo-private", blueprint=private_bp, prefixes=("/echo-private",), hosts=(ECHO_HOST,),
                 render_error=render_error, tenant_kind=ECHO_TENANT.name, tenant_id=tenant_in_path,
                 provider=ECHO_IDENTITY.name)
OAUTH = Remote(name="echo-oauth", blueprint=oauth_bp, prefixes=("/echo-oauth",), hosts=(ECHO_HOST,),
               render_error=lambda exc: oauth_http.render_error(ECHO_OAUTH, exc))
install_gates(REMOTE)
install_gates(PRIVATE)
install_gates(OAUTH)
REMOTES = [REMOTE, PRIVATE, OAUTH]
