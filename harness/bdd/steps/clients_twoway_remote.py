"""The practice systems as a person sees them, for the two-way client steps: create and edit a
client in APS or XPM (control API), and read what the remote really holds (its state snapshot),
field by field in the panel's terms. Independent of any engine's own field mapping.

The panel's field keys (the contract's panel ``fields`` and profile views use them) and where
each lives in the remotes: XPM client elements (its second number is ``Fax``), and the modelled
APS client JSON. Addresses read as ``street, city, region, postcode, country``."""

from __future__ import annotations

from typing import Any

from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv

FIELD_KEYS = {"name": "name", "email": "email", "primary phone": "primary_phone", "other phone": "other_phone",
              "website": "website", "physical address": "physical_address", "postal address": "postal_address"}

#: field key -> XPM tag, or the tags of an address's parts
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


def tenant(remote_env: RemoteEnv, world: World, system: str) -> str:
    """The scenario's APS firm or XPM practice, created on first use."""
    if system == "xpm":
        if world.practice is None:
            world.practice = remote_env.control.create_tenant("xpm-practice", "Scenario Practice")["id"]
        return world.practice
    if system == "aps":
        if world.firm is None:
            world.firm = remote_env.control.create_tenant("aps-firm", "Scenario Firm")["id"]
        return world.firm
    raise AssertionError(f"Connectworks syncs with APS or XPM, not {system!r}")


def _names(world: World, system: str) -> dict[str, str]:
    return world.xpm_clients if system == "xpm" else world.aps_clients


def remote_id(world: World, system: str, name: str) -> str:
    return world.need(_names(world, system), name, f"{system.upper()} client")


def _address_parts(text: str, count: int) -> list[str | None]:
    parts = [p.strip() for p in text.split(",")] if text.strip() else []
    if len(parts) > count:
        parts = [", ".join(parts[: len(parts) - count + 1]), *parts[-(count - 1):]]
    return [(parts[i] if i < len(parts) and parts[i] else None) for i in range(count)]


def _remote_fields(system: str, fields: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    table = _XPM if system == "xpm" else _APS
    for key, value in fields.items():
        where = table[key]
        if isinstance(where, tuple):  # an XPM address: one tag per part
            out.update({tag: part or "" for tag, part in zip(where, _address_parts(value, 5))})
        elif system == "aps" and key.endswith("address"):
            out[where] = dict(zip(_APS_ADDRESS, _address_parts(value, 5)))
        else:
            out[where] = value if value or system == "xpm" else None
    return out


def create_remote_client(remote_env: RemoteEnv, world: World, system: str, kind: str, name: str,
                         fields: dict[str, str]) -> str:
    entity = _KINDS.get(kind.lower(), kind)
    data = _remote_fields(system, {"name": name, **fields})
    data["BusinessStructure" if system == "xpm" else "entityType"] = entity
    created = remote_env.control.action(system, f"{tenant(remote_env, world, system)}/clients", data)
    _names(world, system)[name] = created["UUID" if system == "xpm" else "id"]
    return _names(world, system)[name]


def edit_remote_client(remote_env: RemoteEnv, world: World, system: str, name: str, fields: dict[str, str]) -> None:
    """What a person does in APS's or XPM's own client screen."""
    path = f"{tenant(remote_env, world, system)}/clients/{remote_id(world, system, name)}/edit"
    remote_env.control.action(system, path, _remote_fields(system, fields))


def _snapshot(remote_env: RemoteEnv, world: World, system: str) -> dict[str, dict[str, Any]]:
    state = remote_env.control.tenant_state(tenant(remote_env, world, system))
    return state["clients"]


def remote_clients(remote_env: RemoteEnv, world: World, system: str) -> list[str]:
    """Every live client the remote holds (the whole list a user can scroll through)."""
    clients = _snapshot(remote_env, world, system)
    return [cid for cid, c in clients.items() if not c.get("IsDeleted") and not c.get("IsArchived")]


def remote_value(remote_env: RemoteEnv, world: World, system: str, name: str, key: str) -> str:
    record = _snapshot(remote_env, world, system)[remote_id(world, system, name)]
    if system == "xpm":
        where = _XPM[key]
        raw = [record.get(t) for t in where] if isinstance(where, tuple) else record.get(where)
    else:
        value = record.get(_APS[key])
        raw = [(value or {}).get(k) for k in _APS_ADDRESS] if key.endswith("address") else value
    if isinstance(raw, list):
        parts = [(p or "").strip() for p in raw]
        while parts and not parts[-1]:
            parts.pop()
        return ", ".join(parts)
    return (raw or "").strip()
