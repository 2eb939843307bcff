"""Admin guard and JSON helpers shared by every control blueprint (generic and per API)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from typing import Any

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from connsim.simulator.core.bounded import load_json, secrets_equal
from connsim.simulator.core.errors import MalformedInput, SimError, Unauthenticated
from connsim.simulator.remote import http_to_sim, sim

log = logging.getLogger("connsim.simulator.control")


def control_error(exc: SimError) -> Response:
    response = jsonify({"error": exc.code, "message": exc.message, **_jsonable(exc.details)})
    response.status_code = exc.status
    return response


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if isinstance(v, (str, int, float, bool, list, dict, type(None))) else str(v))
            for k, v in details.items()}


#: the dashboard's session cookie: a keyed digest of the admin token, never the token itself
UI_COOKIE = "connsim_admin"
#: a cookie-authenticated change must carry this header, which a cross-site form cannot set (CSRF)
UI_HEADER = "X-Connsim-UI"


def ui_cookie_value(token: str) -> str:
    return hmac.new(token.encode("utf-8", "surrogatepass"), b"connsim dashboard session", hashlib.sha256).hexdigest()


def admin_credential_ok() -> bool:
    """The admin credential, as a script sends it (``X-Connsim-Admin``, ``Authorization: Bearer``),
    as a browser sends it (``Authorization: Basic`` with the token as password, or the dashboard's
    cookie; a cookie alone may read, and may change state only with the X-Connsim-UI header)."""
    token = sim().config.admin_token
    if not token:
        return True
    given = _presented(request.headers.get("X-Connsim-Admin", ""))
    if given:
        return secrets_equal(given, token)
    cookie = request.cookies.get(UI_COOKIE, "")
    if not cookie or not secrets_equal(cookie, ui_cookie_value(token)):
        return False
    return request.method in ("GET", "HEAD") or request.headers.get(UI_HEADER) == "1"


def _presented(given: str) -> str:
    """The credential a request presents: X-Connsim-Admin, else a Bearer token, else Basic's password."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return given or value.strip()
    if scheme.lower() == "basic" and not given:
        try:
            return base64.b64decode(value.strip(), validate=True).decode().partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            return ""
    return given


def require_admin() -> None:
    if admin_credential_ok():
        return
    token = sim().config.admin_token or ""
    given = _presented(request.headers.get("X-Connsim-Admin", ""))
    if request.path.rstrip("/") == CLOCK_PATH and secrets_equal(given, clock_credential(token)):
        return  # an engine under test may read and advance the clock, and nothing else
    raise Unauthenticated("The control API needs the admin credential (X-Connsim-Admin header)",
                          code="AdminCredentialRequired")


CLOCK_PATH = "/_connsim/clock"


def clock_credential(admin_token: str) -> str:
    """The credential scoped to GET/POST /_connsim/clock, derived from the admin token (HMAC, so it
    reveals nothing of it): the harness hands it to a vendor's engine so that engine can wait on the
    simulated clock without being given the control API."""
    return hmac.new(admin_token.encode("utf-8", "surrogatepass"), b"connsim-clock", hashlib.sha256).hexdigest()


def control_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint for control routes: admin-guarded, errors as control JSON."""
    bp = Blueprint(name, import_name)
    bp.before_request(require_admin)
    bp.register_error_handler(SimError, control_error)
    bp.register_error_handler(HTTPException, lambda exc: control_error(http_to_sim(exc)))
    bp.register_error_handler(Exception, _unexpected)
    return bp


def _unexpected(exc: Exception) -> Response:
    """A bug in a control route still answers JSON (and is logged), never an HTML page."""
    log.exception("unexpected error in control API %s %s", request.method, request.path)
    return control_error(SimError(f"internal error: {type(exc).__name__}", code="InternalError", status=500))


def body() -> dict[str, Any]:
    """The JSON object body of a control request ({} when empty)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        data = load_json(raw)
    except (ValueError, UnicodeDecodeError):
        raise MalformedInput("control API bodies are JSON objects") from None
    if not isinstance(data, dict):
        raise MalformedInput("control API bodies are JSON objects")
    return data


def need(data: dict[str, Any], key: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in data:
        raise MalformedInput(f"{key!r} is required")
    return optional(data, key, kind)


def optional(data: dict[str, Any], key: str, kind: type | tuple[type, ...] = str, default: Any = None) -> Any:
    """``data[key]`` when present and not null, checked against ``kind`` (bool is not an int here)."""
    value = data.get(key)
    if value is None:
        return default
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise MalformedInput(f"{key!r} has the wrong type")
    return value


def identifier(data: dict[str, Any], key: str, required: bool = False) -> str | None:
    """A non-empty string naming something (a client id, a secret): null or "" is refused when
    the key is given, so no client is registered, issued or revoked under an empty name."""
    if key not in data:
        if required:
            raise MalformedInput(f"{key!r} is required")
        return None
    value = data[key]
    if not isinstance(value, str) or not value:
        raise MalformedInput(f"{key!r} must be a non-empty string")
    return value


def string_list(data: dict[str, Any], key: str, required: bool = False) -> list[str] | None:
    value = need(data, key, list) if required else optional(data, key, list)
    if value is not None and not all(isinstance(item, str) for item in value):
        raise MalformedInput(f"{key!r} is a list of strings")
    return value


def tenant_of_kind(tenant_id: str, kind: str) -> Any:
    """The tenant a per-API control route names, refused (404) when it belongs to another API."""
    from connsim.simulator.core.errors import NotFound
    from connsim.simulator.remote import sim as current

    tenant = current().tenants.get(tenant_id)
    if tenant.kind != kind:
        raise NotFound(f"tenant {tenant_id} is a {tenant.kind}, not a {kind}")
    return tenant
