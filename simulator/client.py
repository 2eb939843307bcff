"""A small Python client for the control API, used by the harness and by tests. It speaks HTTP to
a server; an in-process simulator hands it a transport that runs each call through the same WSGI
app directly, since the control API is not what a connector's test exercises and `requests` plus
interception cost most of a control call (a scenario makes about twenty)."""

from __future__ import annotations

import json as jsonlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import requests

#: one control call carried without `requests`: (method, url, headers, body) → (status, body)
Transport = Callable[[str, str, dict[str, str], bytes | None], tuple[int, bytes]]


class ControlError(RuntimeError):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"control API answered {status}: {body}")
        self.status, self.body = status, body


class ControlClient:
    def __init__(self, base_url: str, admin_token: str | None = None, session: requests.Session | None = None,
                 transport: Transport | None = None) -> None:
        self.base = base_url.rstrip("/") + "/_connsim"
        #: its headers go with every call, by either route
        self.session = session or requests.Session()
        self.transport = transport
        if admin_token:
            self.session.headers["X-Connsim-Admin"] = admin_token

    def call(self, method: str, path: str, /, json: Any = None, **params: Any) -> Any:
        """One control call; keyword arguments are query parameters (``method`` too: a journal filter)."""
        query = {k: v for k, v in params.items() if v is not None}
        if self.transport is None:
            response = self.session.request(method, self.base + path, json=json, params=query, timeout=30)
            status, content = response.status_code, response.content
        else:
            status, content = self._direct(method, path, json, query)
        if status >= 400:
            try:
                detail: Any = jsonlib.loads(content)
            except ValueError:
                detail = content.decode("utf-8", errors="replace")
            raise ControlError(status, detail)
        if status == 204 or not content:
            return None
        return jsonlib.loads(content)

    def _direct(self, method: str, path: str, json: Any, query: dict[str, Any]) -> tuple[int, bytes]:
        """The request `requests` would send (the session's headers, the JSON body as it encodes it,
        repeated keys for list parameters), handed to the transport."""
        assert self.transport is not None
        headers = {name: str(value) for name, value in self.session.headers.items()
                   if name.lower() != "accept-encoding"}  # the body is read as sent: nothing here decompresses
        body = None
        if json is not None:
            body = jsonlib.dumps(json, allow_nan=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        url = self.base + path + (f"?{urlencode(query, doseq=True)}" if query else "")
        return self.transport(method.upper(), url, headers, body)

    # -- generic -----------------------------------------------------------------------------------
    def reset(self) -> None:
        self.call("POST", "/reset")

    def seed(self, seed: int = 0, kinds: dict[str, int] | None = None) -> list[dict[str, Any]]:
        return self.call("POST", "/seed", {"seed": seed, "kinds": kinds})["tenants"]

    def create_tenant(self, kind: str, name: str, tenant_id: str | None = None, populate: bool = False,
                      settings: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.call("POST", "/tenants", {"kind": kind, "name": name, "id": tenant_id, "populate": populate,
                                              "settings": settings or {}})

    def tenant_settings(self, tenant_id: str, **settings: Any) -> dict[str, Any]:
        return self.call("PATCH", f"/tenants/{tenant_id}/settings", settings)

    def tenant_state(self, tenant_id: str) -> dict[str, Any]:
        return self.call("GET", f"/tenants/{tenant_id}/state")["state"]

    def clock(self) -> dict[str, Any]:
        return self.call("GET", "/clock")

    def advance(self, seconds: float) -> dict[str, Any]:
        return self.call("POST", "/clock", {"advance_seconds": seconds})

    def freeze(self, at: str | None = None) -> dict[str, Any]:
        return self.call("POST", "/clock", {"freeze": at})

    def add_fault(self, **spec: Any) -> dict[str, Any]:
        return self.call("POST", "/faults", spec)

    def clear_faults(self) -> None:
        self.call("DELETE", "/faults")

    def faults(self) -> list[dict[str, Any]]:
        return self.call("GET", "/faults")["faults"]

    def journal(self, **filters: Any) -> list[dict[str, Any]]:
        return self.call("GET", "/journal", **filters)["entries"]

    def consent(self, provider: str, **answer: Any) -> dict[str, Any]:
        return self.call("POST", f"/oauth/{provider}/consent", answer)

    def issue_tokens(self, provider: str, tenant_ids: list[str], scopes: list[str] | None = None,
                     client_id: str | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {"tenant_ids": tenant_ids, "scopes": scopes}
        if client_id is not None:  # absent means the configured client; null is refused
            payload["client_id"] = client_id
        return self.call("POST", f"/oauth/{provider}/tokens", payload)

    def revoke_tenant(self, tenant_id: str) -> int:
        return self.call("POST", f"/tenants/{tenant_id}/revoke", {})["revokedGrants"]

    # -- per API UI actions (/_connsim/<api>/...) ------------------------------------------------
    def action(self, api: str, path: str, json: Any = None, method: str = "POST") -> Any:
        return self.call(method, f"/{api}/{path.lstrip('/')}", json)
