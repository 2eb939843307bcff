"""One remote connection of the engine (XPM through Xero identity, here): the OAuth session, the
tenant it opened, its status, and the Caller every request goes through. Tokens are kept in the
store so a restarted engine keeps its connection."""

from __future__ import annotations

from typing import Any

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OAuthSession, ReconnectRequired, TokenSet
from connsim.harness.engine.remotes.xero_connect import XPM_SCOPES, find_tenant, xero_oauth
from connsim.harness.engine.remotes.xpm import XpmClient


class XpmIntegration:
    #: the XPM client this connection hands out (derived engines swap it: harness/mutants)
    client_class: type[XpmClient] = XpmClient

    def __init__(self, ctx: EngineContext, name: str) -> None:
        self.ctx, self.name = ctx, name
        self.oauth: OAuthSession = xero_oauth(ctx, XPM_SCOPES)
        self.oauth.on_change = self._save_tokens
        self.caller = ctx.caller(self.oauth)
        saved = self.record()
        if saved.get("tokens"):
            self.oauth.tokens = TokenSet(**saved["tokens"])

    def record(self) -> dict[str, Any]:
        return self.ctx.store.get("integrations", self.name) or {"id": self.name, "status": "Not connected"}

    def update(self, **fields: Any) -> dict[str, Any]:
        record = {**self.record(), **fields}
        return self.ctx.store.put("integrations", record)

    def _save_tokens(self, tokens: TokenSet) -> None:
        self.update(tokens={"access_token": tokens.access_token, "refresh_token": tokens.refresh_token,
                            "extra": tokens.extra})

    def connect(self) -> dict[str, Any]:
        """Authorise (the remote's consent screen), then find the practice the grant opened."""
        self.oauth.connect()
        tenant = find_tenant(self.ctx, self.caller, "PRACTICEMANAGER")
        return self.update(status="Active", tenant_id=tenant["tenantId"], tenant_name=tenant.get("tenantName"))

    def refresh_or_reconnect(self) -> dict[str, Any]:
        try:
            self.oauth.refresh()
            tenant = find_tenant(self.ctx, self.caller, "PRACTICEMANAGER")
            return self.update(status="Active", tenant_id=tenant["tenantId"])
        except ReconnectRequired:
            return self.connect()

    def check(self) -> str:
        """Live status: a connection the remote no longer honours is not Active, whatever we last saw."""
        if self.record().get("status") not in ("Active", "Inactive"):
            return self.record().get("status", "Not connected")
        try:
            find_tenant(self.ctx, self.caller, "PRACTICEMANAGER")
            self.update(status="Active")
        except ReconnectRequired:
            self.update(status="Inactive")
        return self.record()["status"]

    def mark_inactive(self) -> None:
        self.update(status="Inactive")

    def client(self) -> XpmClient:
        return self._client_if(("Active",))

    def client_for_sync(self) -> XpmClient:
        """PM Hub calls a live connection "Connected"; an expired one still gets tried (and refreshed)."""
        return self._client_if(("Active", "Connected", "Authorisation expired"))

    def _client_if(self, statuses: tuple[str, ...]) -> XpmClient:
        record = self.record()
        if record.get("status") not in statuses or not record.get("tenant_id"):
            raise ReconnectRequired(f"the {self.name} integration is {record.get('status', 'not connected')}")
        return self.client_class(self.caller, self.ctx.env.endpoints.xero_api, record["tenant_id"])
