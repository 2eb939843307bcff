"""Connecting to a Xero-family remote (XPM or Accounting) as a real app does: the OAuth2 code flow
against Xero identity, then GET /connections to find the tenant of the wanted type."""

from __future__ import annotations

from typing import Any

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import Caller, OAuthSession, ReconnectRequired

XPM_SCOPES = ["openid", "profile", "email", "offline_access", "practicemanager"]
ACCOUNTING_SCOPES = ["offline_access", "accounting.transactions", "accounting.contacts", "accounting.settings"]


def xero_oauth(ctx: EngineContext, scopes: list[str]) -> OAuthSession:
    endpoints = ctx.env.endpoints
    return ctx.oauth(ctx.env.xero_app, endpoints.xero_authorize,
                        endpoints.xero_identity + "/connect/token", scopes, client_auth="form",
                        revoke_url=endpoints.xero_identity + "/connect/revocation")


def find_tenant(ctx: EngineContext, caller: Caller, tenant_type: str) -> dict[str, Any]:
    """The first connection of the wanted type (PRACTICEMANAGER or ORGANISATION)."""
    response = caller.call("GET", ctx.env.endpoints.xero_api + "/connections", safe=True)
    if response.status_code != 200:
        raise ReconnectRequired(f"GET /connections answered {response.status_code}")
    for connection in response.json():
        if connection.get("tenantType") == tenant_type:
            return connection
    raise ReconnectRequired(f"the authorisation granted no {tenant_type} tenant")
