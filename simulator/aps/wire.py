"""The modelled APS API's wire format: JSON in and out, errors as
``{"error": {"code", "message"[, "details"]}}``, RateLimit-* headers on every answer and
Retry-After on 429. ``render_error`` is the one function that turns an error into a response."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from flask import Response, g, jsonify, request
from werkzeug.exceptions import BadRequest

from connsim.simulator.aps.errors import FieldInvalid, InvalidJson, InvalidParameter
from connsim.simulator.core.errors import (
    Forbidden,
    InjectedFault,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    SimError,
    Unauthenticated,
    UnsupportedMediaType,
    ValidationFailed,
)
from connsim.simulator.core.ratelimit import Decision, RatePolicy, Window
from connsim.simulator.remote import sim

#: MODELLED: 120 calls a minute per firm (per-tenant override: settings.rate_limits.minute)
APS_RATE_POLICY = RatePolicy("aps", windows=(Window("minute", 120, 60),))
FIRM_HEADER = "X-APS-Firm-Id"

_CODES: tuple[tuple[type, str], ...] = (
    (Unauthenticated, "unauthorized"), (Forbidden, "forbidden"), (RateLimited, "rate_limited"),
    (PayloadTooLarge, "payload_too_large"), (UnsupportedMediaType, "unsupported_media_type"),
    (InjectedFault, "service_error"),
)


def firm_header(req: Any) -> str | None:
    return req.headers.get(FIRM_HEADER) or None


def json_body() -> dict[str, Any]:
    """The request's JSON object; anything else is a 4xx in APS's error shape."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaType("Send the body as application/json")
    try:
        data = request.get_json(force=True, silent=False)
    except (BadRequest, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        raise InvalidJson("The request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise InvalidJson("The request body must be a JSON object")
    return data


def int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidParameter(f"{name} must be an integer") from None
    if not low <= value <= high:
        raise InvalidParameter(f"{name} must be between {low} and {high}")
    return value


def datetime_arg(name: str) -> datetime | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidParameter(f"{name} must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def rate_headers(decision: Decision) -> dict[str, str]:
    """IETF draft RateLimit-* headers: the firm's minute window."""
    tenant = g.get("tenant")
    overrides = (tenant.settings.get("rate_limits") if tenant is not None else None) or {}
    limit = int(overrides.get("minute", APS_RATE_POLICY.windows[0].limit))
    now = sim().clock.timestamp()
    reset = max(1, math.ceil(60 - now % 60))
    return {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(decision.remaining.get("minute", 0)),
            "RateLimit-Reset": str(reset)}


def render_error(exc: SimError) -> Response:
    code = next((name for kind, name in _CODES if isinstance(exc, kind)), None)
    if code is None:
        if isinstance(exc, NotFound):
            code = exc.code if exc.code != "NotFound" else "not_found"
        elif isinstance(exc, ValidationFailed) and not isinstance(exc, FieldInvalid):
            code = "validation_error"
        elif exc.status == 405:
            code = "method_not_allowed"
        elif exc.status >= 500:
            code = "internal_error"
        else:
            code = exc.code if exc.code.islower() else "invalid_request"
    error: dict[str, Any] = {"code": code, "message": exc.message}
    if isinstance(exc, FieldInvalid):
        error["details"] = exc.problems
    elif exc.details.get("fields"):
        error["details"] = [{"field": f, "message": exc.message} for f in exc.details["fields"]]
    response = jsonify({"error": error})
    response.status_code = exc.status
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthenticated):
        response.headers["WWW-Authenticate"] = 'Bearer realm="aps", error="invalid_token"'
    return response
