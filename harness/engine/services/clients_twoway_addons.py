"""The Connectworks add-ons (seeds 002, 003): one per practice system, activated through that
system's own authorisation (APS: its modelled OAuth; XPM: Xero OAuth, then /connections for the
PRACTICEMANAGER tenant). An active add-on hands out a ``PracticeClients``: the remote's client
records read into profile-field shape (remotes/practice_fields.py), whatever the remote speaks."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OAuthSession, ReconnectRequired, TokenSet
from connsim.harness.engine.remotes.aps import ApsClient, aps_oauth, firm_from_grant
from connsim.harness.engine.remotes.practice_fields import FIELD_MAPS, FieldMap
from connsim.harness.engine.remotes.xero_connect import XPM_SCOPES, find_tenant, xero_oauth
from connsim.harness.engine.remotes.xpm import XpmClient

SYSTEM_NAMES = {"aps": "APS", "xpm": "Xero Practice Manager"}
COLLECTION = "cw_addons"


@dataclass
class RemoteClient:
    """One client record of a practice system, in the profile's shape."""

    system: str
    remote_id: str
    kind: str
    values: dict[str, str]

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    def view(self) -> dict[str, Any]:
        return {"system": self.system, "remote_id": self.remote_id, "name": self.name, "kind": self.kind,
                "email": self.values.get("email", "")}


class PracticeClients:
    """Read and write one practice system's clients in profile-field terms."""

    def __init__(self, system: str, api: Any, fields: FieldMap) -> None:
        self.system, self.api, self.fields = system, api, fields

    def _wrap(self, raw: dict[str, Any]) -> RemoteClient:
        return RemoteClient(self.system, self.fields.remote_id(raw), self.fields.kind(raw), self.fields.values(raw))

    def all(self) -> list[RemoteClient]:
        return [self._wrap(raw) for raw in self.api.list_clients()]

    def search(self, query: str) -> list[RemoteClient]:
        return [self._wrap(raw) for raw in self.api.search_clients(query)]

    def get(self, remote_id: str) -> RemoteClient:
        return self._wrap(self.api.get_client(remote_id))

    def update(self, remote_id: str, values: dict[str, str]) -> RemoteClient:
        self.api.update_client(remote_id, self.fields.payload(values))
        return self.get(remote_id)  # what the remote now holds, not what we sent


class Addon(ABC):
    """One add-on: its OAuth session (tokens kept in the store), status, and the tenant it opened.
    One subclass per practice system: how it authorises, which tenant the grant opened, its client API."""

    system: ClassVar[str]

    def __init__(self, ctx: EngineContext) -> None:
        self.ctx = ctx
        self.oauth: OAuthSession = self._oauth()
        self.oauth.on_change = self._save_tokens
        self.caller = ctx.caller(self.oauth)
        saved = self.record().get("tokens")
        if saved:
            self.oauth.tokens = TokenSet(**saved)

    def record(self) -> dict[str, Any]:
        return self.ctx.store.get(COLLECTION, self.system) or {"id": self.system, "status": "Not activated"}

    def _update(self, **fields: Any) -> None:
        self.ctx.store.put(COLLECTION, {**self.record(), **fields})

    def _save_tokens(self, tokens: TokenSet) -> None:
        self._update(tokens={"access_token": tokens.access_token, "refresh_token": tokens.refresh_token,
                             "extra": tokens.extra})

    @property
    def active(self) -> bool:
        return self.record().get("status") == "Active" and bool(self.record().get("tenant_id"))

    def activate(self, activated_by: str) -> None:
        """Authorise in the remote's consent screen, then find the practice / firm it opened."""
        tenant_id = self._tenant_granted(self.oauth.connect())
        self._update(status="Active", tenant_id=tenant_id, activated_by=activated_by, activated_at=self.ctx.now())

    def clients(self) -> PracticeClients:
        record = self.record()
        if not self.active:
            raise ReconnectRequired(f"the {SYSTEM_NAMES[self.system]} add-on is not activated")
        return PracticeClients(self.system, self._api(record["tenant_id"]), FIELD_MAPS[self.system])

    @abstractmethod
    def _oauth(self) -> OAuthSession: ...

    @abstractmethod
    def _tenant_granted(self, callback: dict[str, str]) -> str: ...

    @abstractmethod
    def _api(self, tenant_id: str) -> Any: ...


class XpmAddon(Addon):
    system = "xpm"

    def _oauth(self) -> OAuthSession:
        return xero_oauth(self.ctx, XPM_SCOPES)

    def _tenant_granted(self, callback: dict[str, str]) -> str:
        return str(find_tenant(self.ctx, self.caller, "PRACTICEMANAGER")["tenantId"])

    def _api(self, tenant_id: str) -> Any:
        return XpmClient(self.caller, self.ctx.env.endpoints.xero_api, tenant_id)


class ApsAddon(Addon):
    system = "aps"

    def _oauth(self) -> OAuthSession:
        return aps_oauth(self.ctx)

    def _tenant_granted(self, callback: dict[str, str]) -> str:
        tenant_id = firm_from_grant(callback, self.oauth.tokens.extra)
        if not tenant_id:
            raise ReconnectRequired("the APS authorisation named no firm")
        return tenant_id

    def _api(self, tenant_id: str) -> Any:
        return ApsClient(self.caller, self.ctx.env.endpoints.aps_api, tenant_id)


ADDONS: dict[str, type[Addon]] = {cls.system: cls for cls in (ApsAddon, XpmAddon)}
