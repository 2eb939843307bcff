"""Connectworks client profiles synced both ways with APS or XPM, field by field (seeds 002, 003).

Nothing syncs until a Firm Administrator activates the add-on (through the remote's own
authorisation), and a profile syncs only while linked to one remote client: imported profiles
(individuals from APS or XPM, trusts from XPM) are linked on import, others by hand after a
search. The panel compares the profile with the remote values read at the last refresh (on link,
import, Edit-form save, sync, or the refresh button); a sync re-reads the remote first, so it acts
on the remote's current data, and never writes a field the user did not tick."""

from __future__ import annotations

from typing import Any

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OutcomeUnknown, ReconnectRequired, RemoteError
from connsim.harness.engine.remotes.practice_fields import FIELD_LABELS, PROFILE_FIELDS, normalise
from connsim.harness.engine.services.clients_twoway_addons import (
    ADDONS,
    SYSTEM_NAMES,
    Addon,
    PracticeClients,
    RemoteClient,
)

PROFILES = "cw_profiles"
ADMIN_ROLE = "Firm Administrator"
#: what an import brings in from each system, linked automatically
IMPORTABLE = {"aps": ("individual",), "xpm": ("individual", "trust")}
DIRECTIONS = ("to_remote", "to_local")

NOT_ADMIN = ("You need Firm Administrator access to add or change add-ons. Ask your firm administrator to "
             "activate the {name} Add-on, or to give you Firm Administrator access.")
NOT_ACTIVATED = "The {name} Add-on is not activated: a Firm Administrator must add it under Admin → Add-ons first."
NOT_LINKED = ("This profile is not connected to a practice management client: open Edit → Add-on Connections → "
              "Connect now and link it first.")
NOTHING_TO_SYNC = "There are no differences between Connectworks and {name}: there is nothing to sync."


class ClientsTwoWayService:
    def __init__(self, ctx: EngineContext) -> None:
        self.ctx, self.store = ctx, ctx.store
        self.addons = {system: ADDONS[system](ctx) for system in SYSTEM_NAMES}

    # -- add-ons -------------------------------------------------------------------------------
    def activate_addon(self, system: str, user_role: str) -> None:
        addon = self._addon(system)
        if user_role.strip().lower() != ADMIN_ROLE.lower():
            self.store.log(self.ctx.now(), "addon", f"{user_role} was refused activating {SYSTEM_NAMES[system]}")
            raise UnsupportedAction(NOT_ADMIN.format(name=SYSTEM_NAMES[system]))
        try:
            addon.activate(user_role)
        except ReconnectRequired as exc:
            raise UnsupportedAction(f"{SYSTEM_NAMES[system]} did not authorise Connectworks: {exc}") from exc
        self.store.log(self.ctx.now(), "addon", f"{SYSTEM_NAMES[system]} Add-on activated by {user_role}")

    def import_profiles(self, system: str) -> list[str]:
        """Bring in the system's individuals (and XPM's trusts), each linked to its remote client.
        A client imported before is not imported again. Returns the new profiles' ids."""
        clients = self._clients(system)
        created: list[str] = []
        for remote in clients.all():
            if remote.kind not in IMPORTABLE[system] or self._linked_to(system, remote.remote_id):
                continue
            profile: dict[str, Any] = {"fields": {f: remote.values.get(f, "") for f in PROFILE_FIELDS},
                                       "kind": remote.kind,
                       "source": f"imported from {SYSTEM_NAMES[system]}", "link": None}
            self._attach(profile, remote)
            created.append(profile["id"])
        self.store.log(self.ctx.now(), "import", f"{len(created)} profiles imported from {SYSTEM_NAMES[system]}")
        return created

    # -- local profiles ------------------------------------------------------------------------
    def create_profile(self, fields: dict[str, Any]) -> str:
        data = dict(fields)
        kind = str(data.pop("kind", "individual")).lower()
        _check_fields(data)
        profile = self.store.put(PROFILES, {"fields": {f: normalise(data.get(f)) for f in PROFILE_FIELDS},
                                            "kind": kind, "source": "created in Connectworks", "link": None,
                                            "remote": None, "last_refreshed": None})
        return profile["id"]

    def edit_profile(self, profile_id: str, fields: dict[str, Any]) -> None:
        """The Edit form's save: store the change, then refresh the remote values automatically."""
        _check_fields(fields)
        profile = self._profile(profile_id)
        profile["fields"].update({f: normalise(v) for f, v in fields.items()})
        self.store.put(PROFILES, profile)
        if profile["link"]:
            self.refresh(profile_id)

    def profile(self, profile_id: str) -> dict[str, Any]:
        profile = self._profile(profile_id)
        link = profile["link"]
        action = "Disconnect" if link else "Connect now"
        return {"id": profile_id, **profile["fields"], "kind": profile["kind"], "source": profile["source"],
                "linked": bool(link), "link": dict(link, system_name=SYSTEM_NAMES[link["system"]]) if link else None,
                "action": action, "actions": [action]}

    # -- linking -------------------------------------------------------------------------------
    def search_remote(self, profile_id: str, query: str | None = None) -> list[dict[str, Any]]:
        """None searches for the profile's own name (the default search); "" lists every client."""
        profile = self._profile(profile_id)
        text = profile["fields"]["name"] if query is None else query.strip()
        results: list[dict[str, Any]] = []
        for clients in self._active_clients():
            found = clients.search(text) if text else clients.all()
            results.extend(r.view() for r in found)
        return results

    def link(self, profile_id: str, remote_id: str) -> None:
        profile = self._profile(profile_id)
        remote = self._find_remote(remote_id)
        holder = self._linked_to(remote.system, remote.remote_id)
        if holder and holder["id"] != profile_id:
            raise UnsupportedAction(f"{SYSTEM_NAMES[remote.system]} client {remote.name!r} is already connected to "
                                    f"the profile {holder['fields']['name']!r}.")
        self._attach(profile, remote)
        self.store.log(self.ctx.now(), "link", f"{profile['fields']['name']} linked to {remote.name}",
                       profile=profile_id, system=remote.system, remote_id=remote.remote_id)

    def unlink(self, profile_id: str) -> None:
        profile = self._profile(profile_id)
        profile.update(link=None, remote=None, last_refreshed=None)
        self.store.put(PROFILES, profile)
        self.store.log(self.ctx.now(), "link", f"{profile['fields']['name']} disconnected", profile=profile_id)

    # -- the "Connections to add-ons" panel ---------------------------------------------------------
    def panel(self, profile_id: str) -> dict[str, Any]:
        profile = self._profile(profile_id)
        if not profile["link"]:
            return {"linked": False, "system": None, "fields": {}, "sync_available": False,
                    "last_refreshed": None, "actions": []}
        fields = {}
        for name in PROFILE_FIELDS:
            local, remote = profile["fields"].get(name, ""), (profile["remote"] or {}).get(name, "")
            fields[name] = {"label": FIELD_LABELS[name], "local": local, "remote": remote,
                            "differs": normalise(local) != normalise(remote)}
        sync = any(f["differs"] for f in fields.values())
        return {"linked": True, "system": profile["link"]["system"], "remote_id": profile["link"]["remote_id"],
                "fields": fields, "sync_available": sync, "last_refreshed": profile["last_refreshed"],
                "actions": ["Refresh", "Sync"] if sync else ["Refresh"]}

    def refresh(self, profile_id: str) -> None:
        profile = self._linked(profile_id)
        link = profile["link"]
        self._attach(profile, self._clients(link["system"]).get(link["remote_id"]))

    def sync_fields(self, profile_id: str, directions: dict[str, str]) -> None:
        """Apply each ticked field in its direction; both directions in one sync. The remote is
        re-read first and written before the profile, so a refused write changes nothing here."""
        _check_fields(directions)
        bad = {f: d for f, d in directions.items() if d not in DIRECTIONS}
        if bad:
            raise ValueError(f"directions must be {' or '.join(DIRECTIONS)}; got {bad}")
        profile = self._linked(profile_id)
        link = profile["link"]
        clients = self._clients(link["system"])
        current = clients.get(link["remote_id"])
        local = profile["fields"]
        if all(normalise(local[f]) == normalise(current.values.get(f)) for f in PROFILE_FIELDS):
            self._attach(profile, current)
            raise UnsupportedAction(NOTHING_TO_SYNC.format(name=SYSTEM_NAMES[link["system"]]))
        push = {f: local[f] for f, d in directions.items() if d == "to_remote"}
        if push:
            current = self._push(clients, link["remote_id"], push)
        for field, direction in directions.items():
            if direction == "to_local":
                local[field] = current.values.get(field, "")
        self._attach(profile, current)
        self.store.log(self.ctx.now(), "sync", f"{local['name']} synced with {SYSTEM_NAMES[link['system']]}",
                       profile=profile_id, directions=directions)

    # -- helpers -------------------------------------------------------------------------------
    def _push(self, clients: PracticeClients, remote_id: str, push: dict[str, str]) -> RemoteClient:
        try:
            updated = clients.update(remote_id, push)
        except (RemoteError, OutcomeUnknown) as exc:
            raise UnsupportedAction(f"{SYSTEM_NAMES[clients.system]} refused the update: {exc}") from exc
        lost = [FIELD_LABELS[f] for f, v in push.items() if normalise(updated.values.get(f)) != normalise(v)]
        if lost:
            raise UnsupportedAction(f"{SYSTEM_NAMES[clients.system]} did not keep: {', '.join(lost)}")
        return updated

    def _attach(self, profile: dict[str, Any], remote: RemoteClient) -> None:
        """Link (or keep linked) to this remote client and remember its values as of now."""
        profile.update(link={"system": remote.system, "remote_id": remote.remote_id, "remote_name": remote.name},
                       remote=dict(remote.values), last_refreshed=self.ctx.now())
        self.store.put(PROFILES, profile)

    def _addon(self, system: str) -> Addon:
        if system not in self.addons:
            raise UnsupportedAction(f"no add-on for {system!r}: Connectworks offers APS and XPM")
        return self.addons[system]

    def _clients(self, system: str) -> PracticeClients:
        addon = self._addon(system)
        if not addon.active:
            raise UnsupportedAction(NOT_ACTIVATED.format(name=SYSTEM_NAMES[system]))
        return addon.clients()

    def _active_clients(self) -> list[PracticeClients]:
        active = [a.clients() for a in self.addons.values() if a.active]
        if not active:
            raise UnsupportedAction(NOT_ACTIVATED.format(name="APS or XPM"))
        return active

    def _find_remote(self, remote_id: str) -> RemoteClient:
        errors = []
        for clients in self._active_clients():
            try:
                return clients.get(remote_id)
            except RemoteError as exc:
                errors.append(f"{SYSTEM_NAMES[clients.system]}: {exc}")
        raise UnsupportedAction(f"no practice management client {remote_id!r} ({'; '.join(errors)})")

    def _linked_to(self, system: str, remote_id: str) -> dict[str, Any] | None:
        for profile in self.store.find(PROFILES):
            link = profile.get("link") or {}
            if link.get("system") == system and link.get("remote_id") == remote_id:
                return profile
        return None

    def _linked(self, profile_id: str) -> dict[str, Any]:
        profile = self._profile(profile_id)
        if not profile["link"]:
            raise UnsupportedAction(NOT_LINKED)
        self._clients(profile["link"]["system"])  # the add-on must still be active
        return profile

    def _profile(self, profile_id: str) -> dict[str, Any]:
        profile = self.store.get(PROFILES, profile_id)
        if profile is None:
            raise KeyError(f"no profile {profile_id}")
        return profile


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = sorted(set(fields) - set(PROFILE_FIELDS))
    if unknown:
        raise ValueError(f"unknown profile field(s) {unknown}; synced fields are {list(PROFILE_FIELDS)}")
