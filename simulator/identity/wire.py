"""Xero identity on the wire: client authentication (Basic header or form body), token JSON with
only the keys xero-python's ``update_token(**token)`` accepts, RFC 6749 error bodies (``invalid_grant``
is exactly ``{"error":"invalid_grant"}``), and Xero's /connections rows."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from flask import Request, Response

from connsim.simulator import xero_gateway
from connsim.simulator.core.errors import NotFound, OAuthError, SimError

TOKEN_KEYS = ("id_token", "access_token", "expires_in", "token_type", "refresh_token", "scope")


def token_json(token: dict[str, Any]) -> Response:
    body = {k: token[k] for k in TOKEN_KEYS if k in token}
    return Response(json.dumps(body), status=200, content_type="application/json; charset=UTF-8",
                    headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


def render_error(exc: SimError) -> Response:
    """Token endpoints: ``{"error": "..."}``; anything else (size, faults): the same shape."""
    if isinstance(exc, OAuthError):
        return Response(json.dumps({"error": exc.error}, separators=(",", ":")), status=exc.status,
                        content_type="application/json; charset=UTF-8")
    error = {413: "invalid_request", 404: "not_found", 405: "invalid_request", 415: "invalid_request"}.get(
        exc.status, "invalid_request" if exc.status < 500 else "server_error")
    return Response(json.dumps({"error": error}, separators=(",", ":")), status=exc.status,
                    content_type="application/json; charset=UTF-8")


def render_connections_error(exc: SimError) -> Response:
    """/connections sits behind Xero's API gateway: its problem JSON for 401/403/429, bare 404."""
    gateway = xero_gateway.gateway_error(exc)
    if gateway is not None:
        return gateway
    if isinstance(exc, NotFound) or exc.status == 404:
        return Response("", status=404)
    return Response(json.dumps({"Title": exc.code, "Status": exc.status, "Detail": exc.message}),
                    status=exc.status, content_type="application/json; charset=utf-8")


def client_credentials(request: Request) -> tuple[str | None, str | None]:
    """Basic header (xero-node, most OAuth libraries) first, then the form body (xero-python)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header.split(None, 1)[1].strip(), validate=True).decode("utf-8")
        except (ValueError, IndexError):  # binascii.Error, UnicodeDecodeError, and non-ASCII header text
            raise OAuthError("invalid_client") from None
        client_id, sep, secret = decoded.partition(":")
        if not sep:
            raise OAuthError("invalid_client")
        return unquote(client_id), unquote(secret)
    return request.form.get("client_id"), request.form.get("client_secret")


def utc7(value: datetime) -> str:
    """2020-03-18T21:20:07.7179250: seven fractional digits, no zone (as Xero's /connections writes)."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond:06d}0"


def connection_row(conn: Any, tenant: Any, tenant_type: str | None) -> dict[str, Any]:
    """One /connections row; ``tenant_type`` is what the tenant's kind declares (ORGANISATION...)."""
    row: dict[str, Any] = {"id": conn.id, "authEventId": conn.auth_event_id, "tenantId": conn.tenant_id,
                           "tenantType": tenant_type or "ORGANISATION"}
    if tenant.name:
        row["tenantName"] = tenant.name
    row.update({"createdDateUtc": utc7(conn.created_at), "updatedDateUtc": utc7(conn.updated_at)})
    return row
