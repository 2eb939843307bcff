"""The practice systems as a person sees them, for the two-way client steps: create and edit a
client in APS or XPM (control API), and read what the remote really holds (its state snapshot),
field by field in the panel's terms. Independent of any engine's own field mapping.

The panel's field keys (the contract's panel ``fields`` and profile views use them) and where
each lives in the remotes: XPM client elements (its second number is ``Fax``), and the modelled
APS client JSON. Addresses read as ``street, city, region, postcode, country``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv

FIELD_KEYS = {"name": "name", "email": "email", "primary phone": "primary_phone", "other phone": "other_phone",
              "website": "website", "physical address": "physical_address", "postal address": "postal_address"}

_XPM: dict[str, str | tuple[str, ...]] = {
    "name": "Name", "email": "Email", "primary_phone": "Phone", "other_phone": "Fax", "website": "Website",
        "physical_address": ("Address", "City", "Region", "PostCode", "Country"),
        "postal_address": ("PostalAddress", "PostalCity", "PostalRegion", "PostalPostCode", "PostalCountry")}
_APS = {"name": "name", "email": "email", "primary_phone": "primaryPhone", "other_phone": "otherPhone",
        "website": "website", "physical_address": "physicalAddress", "postal_address": "postalAddress"}
_APS_ADDRESS = ("line1", "suburb", "state", "postcode", "country")
_KINDS = {"individual": "Individual", "trust": "Trust", "company": "Company", "partnership": "Partnership"}


def field_key(label: str) -> str:
    key = FIELD_KEYS.get(label.strip().lower())
    if key is None:
        raise AssertionError(f"the panel has no field {label!r}; it shows {', '.join(FIELD_KEYS)}")
    return key


class PracticeSystem(ABC):
    """One practice system as a person uses it: its tenant, its client screen's fields, and how its
    state snapshot holds them. One subclass each for XPM and APS."""

    code: ClassVar[str]        # xpm | aps (control API and journal name)
    provider: ClassVar[str]    # whose consent screen authorises an add-on
    kind_field: ClassVar[str]  # where the client's entity type goes
    id_field: ClassVar[str]    # the created client's id in the control API's answer

    @abstractmethod
    def tenant(self, remote_env: RemoteEnv, world: World) -> str:
        """The scenario's practice or firm, created on first use."""

    @abstractmethod
    def names(self, world: World) -> dict[str, str]: ...

    @abstractmethod
    def fields(self, fields: dict[str, str]) -> dict[str, Any]:
        """Profile-field values in the remote's own client fields."""

    @abstractmethod
    def raw_value(self, record: dict[str, Any], key: str) -> Any: ...


class XpmPractice(PracticeSystem):
    code, provider, kind_field, id_field = "xpm", "xero", "BusinessStructure", "UUID"

    def tenant(self, remote_env: RemoteEnv, world: World) -> str:
        if world.practice is None:
            world.practice = remote_env.control.create_tenant("xpm-practice", "Scenario Practice")["id"]
        return world.practice

    def names(self, world: World) -> dict[str, str]:
        return world.xpm_clients

    def fields(self, fields: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in fields.items():
            where = _XPM[key]
            if isinstance(where, tuple):
                out.update({tag: part or "" for tag, part in zip(where, _address_parts(value, 5))})
            else:
                out[where] = value
        return out

    def raw_value(self, record: dict[str, Any], key: str) -> Any:
        where = _XPM[key]
        return [record.get(t) for t in where] if isinstance(where, tuple) else record.get(where)


class ApsPractice(PracticeSystem):
    code, provider, kind_field, id_field = "aps", "aps", "entityType", "id"

    def tenant(self, remote_env: RemoteEnv, world: World) -> str:
        if world.firm is None:
            world.firm = remote_env.control.create_tenant("aps-firm", "Scenario Firm")["id"]
        return world.firm

    def names(self, world: World) -> dict[str, str]:
        return world.aps_clients

    def fields(self, fields: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in fields.items():
            if key.endswith("address"):
                out[_APS[key]] = dict(zip(_APS_ADDRESS, _address_parts(value, 5)))
            else:
                out[_APS[key]] = value or None
        return out

    def raw_value(self, record: dict[str, Any], key: str) -> Any:
        value = record.get(_APS[key])
        return [(value or {}).get(k) for k in _APS_ADDRESS] if key.endswith("address") else value


SYSTEMS: dict[str, PracticeSystem] = {s.code: s for s in (XpmPractice(), ApsPractice())}


def practice_system(system: str) -> PracticeSystem:
    if system not in SYSTEMS:
        raise AssertionError(f"Connectworks syncs with APS or XPM, not {system!r}")
    return SYSTEMS[system]


def tenant(remote_env: RemoteEnv, world: World, system: str) -> str:
    """The scenario's APS firm or XPM practice, created on first use."""
    return practice_system(system).tenant(remote_env, world)


def remote_id(world: World, system: str, name: str) -> str:
    return world.need(practice_system(system).names(world), name, f"{system.upper()} client")


def _address_parts(text: str, count: int) -> list[str | None]:
    parts = [p.strip() for p in text.split(",")] if text.strip() else []
    if len(parts) > count:
        parts = [", ".join(parts[: len(parts) - count + 1]), *parts[-(count - 1):]]
    return [(parts[i] if i < len(parts) and parts[i] else None) for i in range(count)]


def create_remote_client(remote_env: RemoteEnv, world: World, system: str, kind: str, name: str,
                         fields: dict[str, str]) -> str:
    practice = practice_system(system)
    data = practice.fields({"name": name, **fields})
    data[practice.kind_field] = _KINDS.get(kind.lower(), kind)
    created = remote_env.control.action(system, f"{practice.tenant(remote_env, world)}/clients", data)
    practice.names(world)[name] = created[practice.id_field]
    return practice.names(world)[name]


def edit_remote_client(remote_env: RemoteEnv, world: World, system: str, name: str, fields: dict[str, str]) -> None:
    """What a person does in APS's or XPM's own client screen."""
    path = f"{tenant(remote_env, world, system)}/clients/{remote_id(world, system, name)}/edit"
    remote_env.control.action(system, path, practice_system(system).fields(fields))


def _snapshot(remote_env: RemoteEnv, world: World, system: str) -> dict[str, dict[str, Any]]:
    state = remote_env.control.tenant_state(tenant(remote_env, world, system))
    return state["clients"]


def remote_clients(remote_env: RemoteEnv, world: World, system: str) -> list[str]:
    """Every live client the remote holds (the whole list a user can scroll through)."""
    clients = _snapshot(remote_env, world, system)
    return [cid for cid, c in clients.items() if not c.get("IsDeleted") and not c.get("IsArchived")]


def remote_value(remote_env: RemoteEnv, world: World, system: str, name: str, key: str) -> str:
    record = _snapshot(remote_env, world, system)[remote_id(world, system, name)]
    raw = practice_system(system).raw_value(record, key)
    if isinstance(raw, list):
        parts = [(p or "").strip() for p in raw]
        while parts and not parts[-1]:
            parts.pop()
        return ", ".join(parts)
    return (raw or "").strip()
