"""Admin guard and JSON helpers shared by every control blueprint (generic and per API)."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, Response, jsonify, request

from connsim.simulator.core.errors import MalformedInput, SimError, Unauthenticated
from connsim.simulator.remote import sim


def control_error(exc: SimError) -> Response:
    response = jsonify({"error": exc.code, "message": exc.message, **_jsonable(exc.details)})
    response.status_code = exc.status
    return response


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if isinstance(v, (str, int, float, bool, list, dict, type(None))) else str(v))
            for k, v in details.items()}


def require_admin() -> None:
    token = sim().config.admin_token
    if not token:
        return
    given = request.headers.get("X-Connsim-Admin", "")
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        given = given or auth.split(None, 1)[1]
    if not secrets.compare_digest(given, token):
        raise Unauthenticated("The control API needs the admin credential (X-Connsim-Admin header)",
                              code="AdminCredentialRequired")


def control_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint for control routes: admin-guarded, errors as control JSON."""
    bp = Blueprint(name, import_name)
    bp.before_request(require_admin)
    bp.register_error_handler(SimError, control_error)
    return bp


def body() -> dict[str, Any]:
    """The JSON object body of a control request ({} when empty)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        data = request.get_json(force=True, silent=False)
    except Exception:
        raise MalformedInput("control API bodies are JSON objects") from None
    if not isinstance(data, dict):
        raise MalformedInput("control API bodies are JSON objects")
    return data


def need(data: dict[str, Any], key: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in data:
        raise MalformedInput(f"{key!r} is required")
    if not isinstance(data[key], kind):
        raise MalformedInput(f"{key!r} has the wrong type")
    return data[key]
