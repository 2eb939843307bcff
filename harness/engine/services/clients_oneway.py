"""Client records pushed one way to XPM, by hand, one client at a time (seed 001, PM Hub).

No automatic, scheduled or background sync: only ``sync_client`` talks to XPM. Nothing is ever
read back into the local record. Deleting or deactivating a local record never touches XPM.
Relationships go only when their association type is configured to a valid XPM relationship
type; otherwise they are skipped with a visible reason while the client itself still syncs."""

from __future__ import annotations

from typing import Any

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OutcomeUnknown, ReconnectRequired, RemoteError
from connsim.harness.engine.services.integration import XpmIntegration

RECONNECT_MESSAGE = ("The connection to Xero Practice Manager has expired or access was revoked. Reconnect: "
                     "Integrations → Xero Practice Manager → Connect to Xero Practice Manager, log in with an "
                     "authorised administrator account and grant access to the XPM organisation.")
DISCONNECTED_MESSAGE = "The XPM integration is disconnected: sync is disabled until you connect again."
FIELD_MAP = {"name": "Name", "email": "Email", "phone": "Phone", "website": "Website", "address": "Address"}


class ClientsOneWayService:
    def __init__(self, ctx: EngineContext) -> None:
        self.ctx, self.store = ctx, ctx.store
        self.xpm = XpmIntegration(ctx, "xpm-clients")

    # -- connection ----------------------------------------------------------------------------
    def connect_xpm(self) -> None:
        """Connect (or reconnect): authorise, mark Connected, refresh Connected Since. Syncs nothing."""
        self.xpm.connect()
        self.xpm.update(status="Connected", connected_since=self.ctx.now())
        self.store.log(self.ctx.now(), "connection", "Connected to Xero Practice Manager")

    def disconnect_xpm(self) -> None:
        self.xpm.oauth.revoke()
        self.xpm.update(status="Disconnected", tenant_id=None)
        self.store.log(self.ctx.now(), "connection", "Disconnected from Xero Practice Manager")

    def connection(self) -> dict[str, Any]:
        record = self.xpm.record()
        settings = (self.store.get("settings", "xpm") or {}).get("values", {})
        return {"status": record.get("status", "Not connected"), "connected_since": record.get("connected_since"),
                "settings": settings}

    def update_settings(self, settings: dict[str, Any]) -> None:
        current = (self.store.get("settings", "xpm") or {}).get("values", {})
        self.store.put("settings", {"id": "xpm", "values": {**current, **settings}})

    # -- local records -------------------------------------------------------------------------
    def add_client(self, fields: dict[str, Any]) -> str:
        client = self.store.put("clients", {"fields": dict(fields), "active": True, "remote_id": None,
                                            "sync_status": "Not synced", "last_synced": None})
        self.store.log(self.ctx.now(), "client", f"Client {fields.get('name')} created", client=client["id"])
        return client["id"]

    def update_client(self, client_id: str, fields: dict[str, Any]) -> None:
        client = self._client(client_id)
        client["fields"].update(fields)
        self.store.put("clients", client)

    def delete_client(self, client_id: str) -> None:
        """Deleted in PM Hub only: any removal in XPM is done in XPM by a person."""
        client = self._client(client_id)
        self.store.delete("clients", client_id)
        self.store.log(self.ctx.now(), "client", f"Client {client['fields'].get('name')} deleted in PM Hub "
                       "(XPM record left as it is)", client=client_id)

    def client(self, client_id: str) -> dict[str, Any]:
        client = self._client(client_id)
        relationships = [self._relationship_view(a) for a in self.store.find("associations", client_id=client_id)]
        return {"id": client_id, **client["fields"], "remote_id": client["remote_id"],
                "sync_status": client["sync_status"], "relationships": relationships}

    def configure_association(self, association_type: str, xpm_relationship_type: str | None) -> None:
        self.store.put("association_types", {"id": association_type, "xpm_type": xpm_relationship_type})

    def add_association(self, client_id: str, related_client_id: str, association_type: str) -> None:
        self._client(client_id), self._client(related_client_id)
        self.store.put("associations", {"client_id": client_id, "related_id": related_client_id,
                                        "type": association_type, "status": "Not synced", "reason": None})

    def activity_log(self) -> list[dict[str, Any]]:
        return self.store.activity()

    # -- the Sync button -------------------------------------------------------------------------
    def sync_client(self, client_id: str) -> dict[str, Any]:
        client = self._client(client_id)
        status = self.xpm.record().get("status")
        if status == "Disconnected" or status is None or status == "Not connected":
            self.store.log(self.ctx.now(), "sync", f"Sync refused for {client['fields'].get('name')}: disconnected")
            raise UnsupportedAction(DISCONNECTED_MESSAGE)
        try:
            xpm = self.xpm.client_for_sync()
            self._push_client(xpm, client)
            self._push_relationships(xpm, client)
        except ReconnectRequired:
            self.xpm.update(status="Authorisation expired")
            self.store.log(self.ctx.now(), "sync", f"Sync failed for {client['fields'].get('name')}: "
                           "authorisation expired or revoked")
            return {"ok": False, "message": RECONNECT_MESSAGE}
        except (RemoteError, OutcomeUnknown) as exc:
            client["sync_status"] = "Sync failed"
            self.store.put("clients", client)
            self.store.log(self.ctx.now(), "sync", f"Sync failed for {client['fields'].get('name')}: {exc}")
            return {"ok": False, "message": str(exc)}
        self.store.log(self.ctx.now(), "sync", f"Client {client['fields'].get('name')} synced to XPM",
                       client=client_id)
        return {"ok": True, "message": "Synced"}

    def _push_client(self, xpm: Any, client: dict[str, Any]) -> None:
        payload = {FIELD_MAP[k]: v for k, v in client["fields"].items() if k in FIELD_MAP and v is not None}
        if client["remote_id"]:
            xpm.update_client(client["remote_id"], payload)
        else:
            client["remote_id"] = self._add_once(xpm, client, payload)
        client.update(sync_status="Synced", last_synced=self.ctx.now())
        self.store.put("clients", client)

    def _add_once(self, xpm: Any, client: dict[str, Any], payload: dict[str, Any]) -> str:
        """Create the XPM client; after a lost response (in this sync or an earlier one whose search
        failed too: remembered on the record), find it by name before creating again."""
        if client.get("add_unconfirmed") and (found := _named(xpm, payload["Name"])):
            return found
        try:
            return xpm.add_client(payload)["UUID"]
        except OutcomeUnknown:
            client["add_unconfirmed"] = True
            self.store.put("clients", client)
            return _named(xpm, payload["Name"]) or xpm.add_client(payload)["UUID"]

    def _push_relationships(self, xpm: Any, client: dict[str, Any]) -> None:
        for assoc in self.store.find("associations", client_id=client["id"]):
            config = self.store.get("association_types", assoc["type"])
            related = self.store.get("clients", assoc["related_id"])
            if not config or not config.get("xpm_type"):
                self._skip(assoc, f"Association type '{assoc['type']}' is not configured with an XPM "
                                  "relationship type")
            elif related is None or not related.get("remote_id"):
                self._skip(assoc, "The related client has not been synced to XPM yet")
            else:
                self._push_relationship(xpm, client, related, assoc, config["xpm_type"])

    def _push_relationship(self, xpm: Any, client: dict[str, Any], related: dict[str, Any],
                           assoc: dict[str, Any], xpm_type: str) -> None:
        existing = xpm.relationships(client["remote_id"])
        if any(_related_uuid(r) == related["remote_id"] and r.get("Type") == xpm_type for r in existing):
            assoc.update(status="Synced", reason=None)
        else:
            try:
                xpm.add_relationship(client["remote_id"], related["remote_id"], xpm_type)
                assoc.update(status="Synced", reason=None)
            except RemoteError as exc:
                self._skip(assoc, f"XPM rejected relationship type '{xpm_type}': {exc.message}")
                return
        self.store.put("associations", assoc)

    def _skip(self, assoc: dict[str, Any], reason: str) -> None:
        assoc.update(status="Skipped", reason=reason)
        self.store.put("associations", assoc)
        self.store.log(self.ctx.now(), "relationship", f"Relationship skipped: {reason}")

    def _relationship_view(self, assoc: dict[str, Any]) -> dict[str, Any]:
        related = self.store.get("clients", assoc["related_id"])
        return {"with": related["fields"].get("name") if related else None, "type": assoc["type"],
                "status": assoc["status"], "reason": assoc["reason"]}

    def _client(self, client_id: str) -> dict[str, Any]:
        client = self.store.get("clients", client_id)
        if client is None:
            raise KeyError(f"no client {client_id}")
        return client


def _related_uuid(relationship: dict[str, Any]) -> str | None:
    related = relationship.get("RelatedClient")
    return related.get("UUID") if isinstance(related, dict) else None


def _named(xpm: Any, name: str) -> str | None:
    """The UUID of the XPM client with exactly this name, if XPM has one."""
    return next((found["UUID"] for found in xpm.search_clients(name) if found.get("Name") == name), None)
