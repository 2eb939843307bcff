"""A client of the MODELLED APS API (reference/qbo-aps.md §5; APS has no public API): OAuth2 code
flow at /aps/oauth2/authorize and /aps/oauth2/token, JSON clients at /aps/v1/clients with the firm
named in ``X-APS-Firm-Id``."""

from __future__ import annotations

from typing import Any

import requests

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import Caller, OAuthSession, OutcomeUnknown, RemoteError

APS_SCOPES = ["clients.read", "clients.write", "offline_access"]


def aps_oauth(ctx: EngineContext) -> OAuthSession:
    base = ctx.env.endpoints.aps_api.rstrip("/") + "/aps/oauth2"
    return ctx.oauth(ctx.env.aps_app, base + "/authorize", base + "/token", APS_SCOPES,
                        client_auth="basic", revoke_url=base + "/revoke")


def firm_from_grant(callback: dict[str, str], token_extra: dict[str, Any]) -> str | None:
    """The firm the user granted: named on the callback (as Intuit's realmId) or in the token answer."""
    for source in (callback, token_extra):
        for key in ("firm_id", "firmId", "tenant_id", "tenantId"):
            if source.get(key):
                return str(source[key])
    return None


class ApsClient:
    def __init__(self, caller: Caller, api_base: str, firm_id: str) -> None:
        self.caller, self.firm_id = caller, firm_id
        self.base = api_base.rstrip("/") + "/aps/v1"

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.caller.call(method, f"{self.base}/{path}", safe=True, headers={
            "X-APS-Firm-Id": self.firm_id, "Accept": "application/json"}, **kwargs)
        if response.status_code >= 400:
            raise RemoteError(response.status_code, _message(response), response.text)
        try:
            return response.json()
        except ValueError as exc:
            raise OutcomeUnknown(f"APS {path}: unreadable answer ({response.status_code})") from exc

    def list_clients(self, search: str | None = None) -> list[dict[str, Any]]:
        """Every client, page by page (``search`` narrows by name on the APS side)."""
        out: list[dict[str, Any]] = []
        page = 1
        while True:
            params: dict[str, Any] = {"page": page, "pageSize": 100}
            if search:
                params["search"] = search
            data = self._send("GET", "clients", params=params)
            items = data.get("data", []) if isinstance(data, dict) else data
            out.extend(items)
            if not isinstance(data, dict) or not data.get("hasMore") or not items:
                return out
            page += 1


    def search_clients(self, query: str) -> list[dict[str, Any]]:
        """The same call as XPM's client.api/search: clients whose name matches ``query``."""
        return self.list_clients(search=query)
    def get_client(self, client_id: str) -> dict[str, Any]:
        return self._send("GET", f"clients/{client_id}")

    def update_client(self, client_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """PATCH only the fields given; the same body twice leaves the same record (safe to resend)."""
        return self._send("PATCH", f"clients/{client_id}", json=fields)


def _message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            return str(error.get("message") or error)
        return str(body.get("message") or error or body)
    return str(body)
