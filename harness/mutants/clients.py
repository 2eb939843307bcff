"""Broken engines for client records: one way to XPM (seed 001, PM Hub) and both ways with APS or
XPM (seeds 002, 003, Connectworks). Each is the reference engine with one documented behaviour broken."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any, ClassVar

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.engine.remotes.practice_fields import PROFILE_FIELDS, normalise
from connsim.harness.engine.services.clients_oneway import ClientsOneWayService
from connsim.harness.engine.services.clients_twoway import PROFILES, ClientsTwoWayService


# -- one way (PM Hub) ----------------------------------------------------------------------------------
class _EagerReconnectClients(ClientsOneWayService):
    def connect_xpm(self) -> None:
        super().connect_xpm()
        for client in self.store.find("clients"):
            if client.get("remote_id"):
                self.sync_client(client["id"])


class SyncsOnReconnect(ReferenceEngine):
    """Pushes every known client as soon as the connection is re-established."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _EagerReconnectClients}


class _AutoSyncClients(ClientsOneWayService):
    def add_client(self, fields: dict[str, Any]) -> str:
        client_id = super().add_client(fields)
        if self.xpm.record().get("status") == "Connected":
            self.sync_client(client_id)
        return client_id


class SyncsClientsOnCreate(ReferenceEngine):
    """Pushes a new client to XPM the moment it is created in PM Hub."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _AutoSyncClients}


class _SyncEveryoneClients(ClientsOneWayService):
    def sync_client(self, client_id: str) -> dict[str, Any]:
        result = super().sync_client(client_id)
        for other in self.store.find("clients"):
            if other["id"] != client_id:
                super().sync_client(other["id"])
        return result


class SyncButtonPushesEveryClient(ReferenceEngine):
    """Sync on one client pushes every client."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _SyncEveryoneClients}


class _TwoWayClients(ClientsOneWayService):
    def sync_client(self, client_id: str) -> dict[str, Any]:
        client = self._client(client_id)
        if client.get("remote_id"):
            try:
                remote = self.xpm.client_for_sync().get_client(client["remote_id"])
                client["fields"]["email"] = remote.get("Email") or client["fields"].get("email")
                self.store.put("clients", client)
            except Exception:  # noqa: BLE001 - reading back is best effort in this broken engine
                pass
        return super().sync_client(client_id)


class PullsEditsFromXpm(ReferenceEngine):
    """Reads XPM's values back into PM Hub before each push: the flow is no longer one way."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _TwoWayClients}


class _DeletePropagatingClients(ClientsOneWayService):
    def delete_client(self, client_id: str) -> None:
        client = self._client(client_id)
        if client.get("remote_id"):
            self.xpm.client_for_sync().update_client(client["remote_id"], {"Email": None})
        super().delete_client(client_id)


class ClearsXpmRecordOnDelete(ReferenceEngine):
    """Deleting a client in PM Hub blanks its details in XPM."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _DeletePropagatingClients}


class _DisconnectIgnoringClients(ClientsOneWayService):
    def disconnect_xpm(self) -> None:
        self.xpm.update(status="Disconnected")  # tokens kept, and...
        self.store.log(self.ctx.now(), "connection", "Disconnected from Xero Practice Manager")

    def sync_client(self, client_id: str) -> dict[str, Any]:
        if self.xpm.record().get("status") == "Disconnected":  # ...sync carries on regardless
            self.xpm.update(status="Connected")
        return super().sync_client(client_id)


class SyncsWhileDisconnected(ReferenceEngine):
    """Disconnect only changes the label: Sync still pushes to XPM."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _DisconnectIgnoringClients}


class _AmnesicClients(ClientsOneWayService):
    def disconnect_xpm(self) -> None:
        super().disconnect_xpm()
        self.store._db.execute("DELETE FROM activity")


class ClearsActivityOnDisconnect(ReferenceEngine):
    """Disconnecting wipes the activity log."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _AmnesicClients}


class _SettingsResettingClients(ClientsOneWayService):
    def connect_xpm(self) -> None:
        super().connect_xpm()
        self.store.put("settings", {"id": "xpm", "values": {}})


class ResetsSettingsOnReconnect(ReferenceEngine):
    """Reconnecting starts the integration settings from scratch."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _SettingsResettingClients}


class _StickySinceClients(ClientsOneWayService):
    def connect_xpm(self) -> None:
        since = self.xpm.record().get("connected_since")
        super().connect_xpm()
        if since:
            self.xpm.update(connected_since=since)


class KeepsOldConnectedSince(ReferenceEngine):
    """Connected Since keeps the first connection's time after a reconnect."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _StickySinceClients}


class _VagueExpiryClients(ClientsOneWayService):
    def sync_client(self, client_id: str) -> dict[str, Any]:
        result = super().sync_client(client_id)
        if not result["ok"] and "Reconnect" in result["message"]:
            return {"ok": False, "message": "Sync failed. Please try again later."}
        return result


class VagueExpiryMessage(ReferenceEngine):
    """An expired or revoked authorisation is reported as "try again later", never as "reconnect"."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _VagueExpiryClients}


class _StrictRelationshipClients(ClientsOneWayService):
    def _skip(self, assoc: dict[str, Any], reason: str) -> None:
        super()._skip(assoc, reason)
        raise UnsupportedAction(f"Sync failed: {reason}")


class FailsClientOnBadRelationship(ReferenceEngine):
    """A relationship that cannot sync fails the whole client sync."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _StrictRelationshipClients}


class _OnceSkippedClients(ClientsOneWayService):
    def _push_relationships(self, xpm: Any, client: dict[str, Any]) -> None:
        for assoc in self.store.find("associations", client_id=client["id"]):
            if assoc["status"] == "Skipped":
                continue
            config = self.store.get("association_types", assoc["type"])
            related = self.store.get("clients", assoc["related_id"])
            if not config or not config.get("xpm_type"):
                self._skip(assoc, f"Association type '{assoc['type']}' is not configured with an XPM relationship type")
            elif related is None or not related.get("remote_id"):
                self._skip(assoc, "The related client has not been synced to XPM yet")
            else:
                self._push_relationship(xpm, client, related, assoc, config["xpm_type"])


class NeverRetriesSkippedRelationships(ReferenceEngine):
    """A relationship skipped once stays skipped after its type is configured."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _OnceSkippedClients}


# -- both ways (Connectworks) ---------------------------------------------------------------------------
class _AnyRoleAddons(ClientsTwoWayService):
    def activate_addon(self, system: str, user_role: str) -> None:
        super().activate_addon(system, "Firm Administrator")


class AnyRoleActivatesAddons(ReferenceEngine):
    """Lets any user activate an add-on."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _AnyRoleAddons}


class _AuthoriseFirstAddons(ClientsTwoWayService):
    def activate_addon(self, system: str, user_role: str) -> None:
        with contextlib.suppress(Exception):  # the broken engine ignores the outcome
            self._addon(system).oauth.connect()  # asks the remote before checking who is asking
        super().activate_addon(system, user_role)


class AuthorisesBeforeRoleCheck(ReferenceEngine):
    """Opens the remote's authorisation for any user, and only then refuses a non-administrator."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _AuthoriseFirstAddons}


class _UnlinkedImports(ClientsTwoWayService):
    def import_profiles(self, system: str) -> list[str]:
        created = super().import_profiles(system)
        for profile_id in created:
            profile = self._profile(profile_id)
            profile.update(link=None, remote=None, last_refreshed=None)
            self.store.put(PROFILES, profile)
        return created


class LeavesImportsUnlinked(ReferenceEngine):
    """Imports profiles but leaves each to be linked by hand."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _UnlinkedImports}


class _EveryKindImports(ClientsTwoWayService):
    def import_profiles(self, system: str) -> list[str]:
        from connsim.harness.engine.services import clients_twoway

        saved = clients_twoway.IMPORTABLE
        clients_twoway.IMPORTABLE = dict.fromkeys(saved, ("individual", "trust", "company", "partnership"))
        try:
            return super().import_profiles(system)
        finally:
            clients_twoway.IMPORTABLE = saved


class ImportsEveryKind(ReferenceEngine):
    """Imports and links companies and APS trusts too, which the documents say are linked by hand."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _EveryKindImports}


class _DuplicatingImports(ClientsTwoWayService):
    def _linked_to(self, system: str, remote_id: str) -> dict[str, Any] | None:
        return None


class ImportsDuplicates(ReferenceEngine):
    """Imports the same remote client again on every import."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _DuplicatingImports}


class _ListAllSearch(ClientsTwoWayService):
    def search_remote(self, profile_id: str, query: str | None = None) -> list[dict[str, Any]]:
        return super().search_remote(profile_id, "")


class SearchIgnoresTheName(ReferenceEngine):
    """Connect now lists every remote client whatever the search says."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _ListAllSearch}


class _StickyLinks(ClientsTwoWayService):
    def unlink(self, profile_id: str) -> None:
        self.store.log(self.ctx.now(), "link", "disconnected", profile=profile_id)


class DisconnectKeepsLink(ReferenceEngine):
    """Disconnect on the Add-on Connections tab does nothing."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _StickyLinks}


class _StaleRefresh(ClientsTwoWayService):
    def refresh(self, profile_id: str) -> None:
        profile = self._linked(profile_id)
        profile["last_refreshed"] = self.ctx.now()  # the stamp moves, the values do not
        self.store.put(PROFILES, profile)


class RefreshKeepsCachedValues(ReferenceEngine):
    """The refresh button moves the timestamp but keeps the values read at link time."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _StaleRefresh}


class _BlankBlindPanel(ClientsTwoWayService):
    def panel(self, profile_id: str) -> dict[str, Any]:
        view = super().panel(profile_id)
        for field in view["fields"].values():
            if not normalise(field["local"]) or not normalise(field["remote"]):
                field["differs"] = False
        view["sync_available"] = any(f["differs"] for f in view["fields"].values())
        return view


class IgnoresBlankFields(ReferenceEngine):
    """A field blank on one side and filled on the other is not shown in red."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _BlankBlindPanel}


class _CachedPull(ClientsTwoWayService):
    def sync_fields(self, profile_id: str, directions: dict[str, str]) -> None:
        cached = dict(self._profile(profile_id).get("remote") or {})
        super().sync_fields(profile_id, directions)
        profile = self._profile(profile_id)
        for field, direction in directions.items():
            if direction == "to_local":  # pulled from the panel's copy, not from what the remote holds
                profile["fields"][field] = cached.get(field, "")
        self.store.put(PROFILES, profile)


class PullsFromCachedPanel(ReferenceEngine):
    """A field pulled into Connectworks takes the value the panel showed, not the remote's current one."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _CachedPull}


class _BackwardsSync(ClientsTwoWayService):
    def sync_fields(self, profile_id: str, directions: dict[str, str]) -> None:
        flipped = {f: "to_local" if d == "to_remote" else "to_remote" for f, d in directions.items()}
        super().sync_fields(profile_id, flipped)


class SyncsTheWrongWay(ReferenceEngine):
    """Applies each ticked field in the opposite direction."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _BackwardsSync}


class _PushAllSync(ClientsTwoWayService):
    def sync_fields(self, profile_id: str, directions: dict[str, str]) -> None:
        pushed = {f: "to_remote" for f in PROFILE_FIELDS if f != "name"}
        super().sync_fields(profile_id, {**pushed, **directions})


class PushesUntickedFields(ReferenceEngine):
    """Pushes every unticked field to the remote along with the ticked ones."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _PushAllSync}


class _NoAutoRefresh(ClientsTwoWayService):
    def edit_profile(self, profile_id: str, fields: dict[str, Any]) -> None:
        profile = self._profile(profile_id)
        profile["fields"].update({f: normalise(v) for f, v in fields.items()})
        self.store.put(PROFILES, profile)


class EditFormDoesNotRefresh(ReferenceEngine):
    """Saving the Edit form does not refresh the remote values."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _NoAutoRefresh}


class _WallClockRefresh(ClientsTwoWayService):
    def refresh(self, profile_id: str) -> None:
        super().refresh(profile_id)
        profile = self._profile(profile_id)
        profile["last_refreshed"] = datetime.now(UTC).isoformat()
        self.store.put(PROFILES, profile)


class StampsRefreshWithWallClock(ReferenceEngine):
    """Shows the computer's time as "last refreshed" instead of the remote's (simulated) time."""

    service_classes: ClassVar[dict[str, type]] = {"clients-twoway": _WallClockRefresh}
