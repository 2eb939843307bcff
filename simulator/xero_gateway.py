"""What Xero's API gateway does in front of every Xero API (Accounting and Practice Manager
alike): the ``xero-tenant-id`` header, the per-tenant rate limits and their headers, and the
gateway's own JSON problem bodies for 401/403/429 (reference/xero.md §1.6, §3, §4.6)."""

from __future__ import annotations

from flask import Request, Response

from connsim.simulator.core import ids, jsonwire
from connsim.simulator.core.errors import RateLimited, SimError, TokenExpired
from connsim.simulator.core.ratelimit import Decision, RatePolicy, Window

#: per tenant: 60/minute, 5000/day; per app: 10,000/minute; 5 concurrent (FAQ-LIMITS)
XERO_RATE_POLICY = RatePolicy("xero", windows=(
    Window("minute", 60, 60), Window("day", 5000, 86400), Window("appminute", 10000, 60, scope="app"),
), concurrent=5)

_REMAINING_HEADERS = {"minute": "X-MinLimit-Remaining", "day": "X-DayLimit-Remaining",
                      "appminute": "X-AppMinLimit-Remaining"}


def tenant_header(request: Request) -> str | None:
    return request.headers.get("xero-tenant-id") or None


def rate_headers(decision: Decision) -> dict[str, str]:
    return {_REMAINING_HEADERS[name]: str(left) for name, left in decision.remaining.items()
            if name in _REMAINING_HEADERS}


def gateway_error(exc: SimError) -> Response | None:
    """The gateway's answer for auth and rate-limit failures, or None when the API renders it."""
    if isinstance(exc, RateLimited):
        body = _problem("Too Many Requests", 429, f"Rate limit exceeded: {exc.problem}")
        response = Response(body, status=429, mimetype="application/json")
        response.headers["Retry-After"] = str(exc.retry_after)
        response.headers["X-Rate-Limit-Problem"] = exc.problem
        remaining = _REMAINING_HEADERS.get(exc.problem)
        if remaining:
            response.headers[remaining] = "0"
        return response
    if exc.status == 401:
        detail = exc.message if isinstance(exc, TokenExpired) else exc.code
        response = Response(_problem("Unauthorized", 401, detail), status=401, mimetype="application/json")
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'  # UNCONFIRMED contents
        return response
    if exc.status == 403:
        return Response(_problem("Forbidden", 403, "AuthenticationUnsuccessful"), status=403,
                        mimetype="application/json")
    return None


def _problem(title: str, status: int, detail: str) -> bytes:
    return jsonwire.dumps({"Type": None, "Title": title, "Status": status, "Detail": detail,
                       "Instance": ids.uuid4_text(), "Extensions": {}})
