"""Xero identity on the wire, where it differs from every other provider: token JSON with only the
keys xero-python's ``update_token(**token)`` accepts, the browser error page of login.xero.com,
and Xero's /connections rows. Client authentication and error bodies: simulator/oauth_http.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Response

from connsim.simulator import xero_gateway
from connsim.simulator.core import jsonwire
from connsim.simulator.core.errors import NotFound, OAuthError, SimError

TOKEN_KEYS = ("id_token", "access_token", "expires_in", "token_type", "refresh_token", "scope")


def token_json(token: dict[str, Any]) -> Response:
    body = {k: token[k] for k in TOKEN_KEYS if k in token}
    return Response(jsonwire.dumps(body), status=200, content_type="application/json; charset=UTF-8")


def authorize_error_page(exc: OAuthError) -> Response:
    """What login.xero.com shows when it must not redirect (unknown app, unregistered redirect URI):
    an error page in the browser. Its exact text is UNCONFIRMED."""
    return Response(f"<html><body><h1>Error</h1><p>{exc.error}</p></body></html>", status=400,
                    content_type="text/html; charset=utf-8")


def render_connections_error(exc: SimError) -> Response:
    """/connections sits behind Xero's API gateway: its problem JSON for 401/403/429, bare 404."""
    gateway = xero_gateway.gateway_error(exc)
    if gateway is not None:
        return gateway
    if isinstance(exc, NotFound) or exc.status == 404:
        return Response("", status=404)
    return Response(jsonwire.dumps({"Title": exc.code, "Status": exc.status, "Detail": exc.message}),
                    status=exc.status, content_type="application/json; charset=utf-8")


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
