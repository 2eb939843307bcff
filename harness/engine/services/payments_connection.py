"""The payments engine's link to the accounting package: one class per system behind one interface.
Xero: identity + GET /connections for the ORGANISATION tenant. QuickBooks: Intuit discovery,
Basic-auth token calls, realmId from the callback. Tokens live in the store; a 401 refreshes them
(Caller), a dead refresh token marks the connection Inactive and the user reconnects (XX-TOKEN)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OAuthSession, ReconnectRequired, TokenSet
from connsim.harness.engine.remotes.qbo import QboClient
from connsim.harness.engine.remotes.xero_accounting import XeroAccountingClient
from connsim.harness.engine.remotes.xero_connect import ACCOUNTING_SCOPES, find_tenant, xero_oauth
from connsim.harness.engine.services.payments_ledger import Ledger, QboLedger, XeroLedger

QBO_SCOPES = ["com.intuit.quickbooks.accounting"]


class AccountingConnection(ABC):
    system: ClassVar[str]   # xero | qbo
    label: ClassVar[str]    # what the user reads: Xero | QuickBooks

    def __init__(self, ctx: EngineContext) -> None:
        self.ctx, self.key = ctx, f"payments-{self.system}"
        self.oauth = self._oauth()
        self.oauth.on_change = self._save_tokens
        self.caller = ctx.caller(self.oauth)
        saved = self.record().get("tokens")
        if saved:
            self.oauth.tokens = TokenSet(**saved)

    def record(self) -> dict[str, Any]:
        return self.ctx.store.get("integrations", self.key) or {"id": self.key, "status": "Not connected"}

    def update(self, **fields: Any) -> dict[str, Any]:
        return self.ctx.store.put("integrations", {**self.record(), **fields})

    def _save_tokens(self, tokens: TokenSet) -> None:
        self.update(tokens={"access_token": tokens.access_token, "refresh_token": tokens.refresh_token,
                            "extra": tokens.extra})

    def connect(self) -> dict[str, Any]:
        """The consent flow (also the reconnect path after a dead refresh token)."""
        tenant = self._tenant_granted(self.oauth.connect())
        return self.update(status="Active", tenant_id=tenant, connected_at=self.ctx.now())

    def mark_inactive(self, why: str) -> None:
        self.update(status="Inactive", inactive_reason=why)

    def status(self) -> str:
        return self.record().get("status", "Not connected")

    def ledger(self) -> Ledger:
        record = self.record()
        if record.get("status") != "Active" or not record.get("tenant_id"):
            raise ReconnectRequired(f"the {self.label} connection is {record.get('status', 'not connected')}")
        return self._ledger(record)

    @abstractmethod
    def _oauth(self) -> OAuthSession: ...

    @abstractmethod
    def _tenant_granted(self, callback: dict[str, str]) -> str:
        """The tenant the user's consent opened."""

    @abstractmethod
    def _ledger(self, record: dict[str, Any]) -> Ledger: ...


class XeroConnection(AccountingConnection):
    system, label = "xero", "Xero"

    def _oauth(self) -> OAuthSession:
        return xero_oauth(self.ctx, ACCOUNTING_SCOPES)

    def _tenant_granted(self, callback: dict[str, str]) -> str:
        return str(find_tenant(self.ctx, self.caller, "ORGANISATION")["tenantId"])

    def _ledger(self, record: dict[str, Any]) -> Ledger:
        client = XeroAccountingClient(self.caller, self.ctx.env.endpoints.xero_api, record["tenant_id"])
        code = record.get("bank_account_code")
        if not code:
            code = client.bank_account_code()
            self.update(bank_account_code=code)
        return XeroLedger(client, code)


class QboConnection(AccountingConnection):
    system, label = "qbo", "QuickBooks"

    def _oauth(self) -> OAuthSession:
        discovery = self.ctx.http.get(self.ctx.env.endpoints.intuit_discovery, timeout=30).json()
        return self.ctx.oauth(self.ctx.env.intuit_app, discovery["authorization_endpoint"],
                              discovery["token_endpoint"], QBO_SCOPES, client_auth="basic",
                              revoke_url=discovery.get("revocation_endpoint"))

    def _tenant_granted(self, callback: dict[str, str]) -> str:
        realm = callback.get("realmId") or ""
        if not realm:
            raise ReconnectRequired("the Intuit callback carried no realmId")
        return realm

    def _ledger(self, record: dict[str, Any]) -> Ledger:
        return QboLedger(QboClient(self.caller, self.ctx.env.endpoints.qbo_api, record["tenant_id"]))


CONNECTIONS: dict[str, type[AccountingConnection]] = {cls.system: cls for cls in (XeroConnection, QboConnection)}
SYSTEMS = {code: cls.label for code, cls in CONNECTIONS.items()}


def open_connection(ctx: EngineContext, system: str) -> AccountingConnection:
    if system not in CONNECTIONS:
        raise ValueError(f"unknown accounting system {system!r}; expected one of {', '.join(CONNECTIONS)}")
    return CONNECTIONS[system](ctx)
