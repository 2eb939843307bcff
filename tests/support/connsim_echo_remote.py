"""A test-only Remote: the smallest API that goes through every gate (fault, tenant, rate limit,
idempotency, tenant lock). Served with ``connsim serve --remote-module connsim_echo_remote`` or
``SimConfig(remote_modules=("connsim_echo_remote",))``. Its items live in the tenant's settings,
so the control API shows whether a handler committed."""

from __future__ import annotations

from typing import Any

from connsim.simulator.core.errors import MalformedInput, RateLimited, SimError
from connsim.simulator.core.ratelimit import Decision, RatePolicy, Window
from connsim.simulator.remote import Remote, current_tenant, install_gates
from flask import Blueprint, Response, jsonify, request

bp = Blueprint("echo", __name__)


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


REMOTE = Remote(name="echo", blueprint=bp, prefixes=("/echo",), hosts=(), render_error=render_error,
                tenant_kind="aps-firm", tenant_id=lambda req: (req.view_args or {}).get("tenant_id"),
                rate_policy=RatePolicy("echo", (Window("minute", 60, 60),)), rate_headers=rate_headers,
                idempotency_header="Idempotency-Key")
install_gates(REMOTE)
