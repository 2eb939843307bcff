"""ApsBackend: one APS firm's client profiles (MODELLED: APS has no public API; the fields are the
ones Connectworks, FYI and myprosperity agree on, reference/qbo-aps.md §5). Validation of every
writable field lives here; unknown and read-only fields are refused, never ignored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from connsim.simulator.aps.errors import (
    ClientNotFound,
    DuplicateCode,
    FieldInvalid,
    PreconditionFailed,
    ReadOnlyField,
    UnknownField,
)

ENTITY_TYPES = ("Individual", "Company", "Trust", "Partnership", "Sole Trader", "Superannuation Fund")
CATEGORIES = ("Client", "Prospect")
STATUSES = ("Active", "Terminated")
ADDRESS_KEYS = ("line1", "line2", "suburb", "state", "postcode", "country")
WRITABLE = ("code", "name", "entityType", "email", "primaryPhone", "otherPhone", "website", "physicalAddress",
            "postalAddress", "category", "status")
READ_ONLY = ("id", "modifiedAt", "version")

_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
_PHONE = re.compile(r"^[0-9+() .\-]{3,30}$")
#: per-tenant settings for MODELLED choices; see docs/simulator/aps.md
DEFAULT_SETTINGS: dict[str, Any] = {"aps_entity_types": None, "aps_max_page_size": 200}


@dataclass
class ApsClient:
    id: str
    code: str
    name: str
    entity_type: str
    modified_at: datetime
    version: int = 1
    values: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        empty_address = dict.fromkeys(ADDRESS_KEYS)
        return {
            "id": self.id, "code": self.code, "name": self.name, "entityType": self.entity_type,
            "email": self.values.get("email"), "primaryPhone": self.values.get("primaryPhone"),
            "otherPhone": self.values.get("otherPhone"), "website": self.values.get("website"),
            "physicalAddress": {**empty_address, **(self.values.get("physicalAddress") or {})},
            "postalAddress": {**empty_address, **(self.values.get("postalAddress") or {})},
            "category": self.values.get("category", "Client"), "status": self.values.get("status", "Active"),
            "modifiedAt": self.modified_at.strftime("%Y-%m-%dT%H:%M:%SZ"), "version": self.version,
        }


class ApsBackend:
    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant
        self.clients: dict[str, ApsClient] = {}
        self.by_code: dict[str, str] = {}
        self.next_id = 10001

    def setting(self, key: str) -> Any:
        return self.tenant.settings.get(key, DEFAULT_SETTINGS[key])

    def entity_types(self) -> tuple[str, ...]:
        return tuple(self.setting("aps_entity_types") or ENTITY_TYPES)

    # -- reads ------------------------------------------------------------------------------------
    def client(self, client_id: str) -> ApsClient:
        client = self.clients.get(client_id)
        if client is None:
            raise ClientNotFound(client_id)
        return client

    def list_clients(self, search: str | None = None, entity_type: str | None = None,
                     modified_since: datetime | None = None) -> list[ApsClient]:
        if entity_type is not None and entity_type not in self.entity_types():
            raise FieldInvalid([{"field": "entityType", "message": f"entityType must be one of "
                                                                   f"{', '.join(self.entity_types())}"}])
        needle = (search or "").strip().lower()
        return [c for c in self.clients.values()
                if (not needle or needle in c.name.lower() or needle in c.code.lower()
                    or needle in (c.values.get("email") or "").lower())
                and (entity_type is None or c.entity_type == entity_type)
                and (modified_since is None or c.modified_at >= modified_since)]

    # -- writes -----------------------------------------------------------------------------------
    def create_client(self, data: dict[str, Any]) -> ApsClient:
        changes = self.validate(data, creating=True)
        client_id = str(self.next_id)
        self.next_id += 1
        code = changes.pop("code", None) or self._new_code(changes["name"])
        client = ApsClient(client_id, code, changes.pop("name"), changes.pop("entityType"),
                           self.tenant.clock.now())
        client.values.update({k: v for k, v in changes.items() if v is not None})
        self.clients[client.id] = client
        self.by_code[code.lower()] = client.id
        return client

    def update_client(self, client_id: str, data: dict[str, Any], expected_version: int | None = None) -> ApsClient:
        """PATCH: only the fields sent change; null clears an optional field."""
        client = self.client(client_id)
        if expected_version is not None and expected_version != client.version:
            raise PreconditionFailed(f"Client {client_id} is at version {client.version}, not {expected_version}")
        changes = self.validate(data, creating=False, current=client)
        if "code" in changes:
            self.by_code.pop(client.code.lower(), None)
            client.code = changes.pop("code")
            self.by_code[client.code.lower()] = client.id
        client.name = changes.pop("name", client.name)
        client.entity_type = changes.pop("entityType", client.entity_type)
        for key, value in changes.items():
            if value is None:
                client.values.pop(key, None)
            elif key.endswith("Address"):
                merged = {**(client.values.get(key) or {}), **value}
                client.values[key] = {k: v for k, v in merged.items() if v is not None}
            else:
                client.values[key] = value
        client.modified_at = self.tenant.clock.now()
        client.version += 1
        return client

    def _new_code(self, name: str) -> str:
        stem = re.sub(r"[^A-Z]", "", name.upper())[:4].ljust(4, "X")
        n = 1
        while f"{stem}{n:04d}".lower() in self.by_code:
            n += 1
        return f"{stem}{n:04d}"

    # -- validation -------------------------------------------------------------------------------
    def validate(self, data: dict[str, Any], creating: bool, current: ApsClient | None = None) -> dict[str, Any]:
        read_only = [k for k in data if k in READ_ONLY]
        if read_only:
            raise ReadOnlyField(f"Read-only field(s) cannot be set: {', '.join(read_only)}", fields=read_only)
        unknown = [k for k in data if k not in WRITABLE]
        if unknown:
            raise UnknownField(f"Unknown field(s): {', '.join(unknown)}", fields=unknown)
        problems: list[dict[str, Any]] = []
        if creating:
            problems += [{"field": k, "message": f"{k} is required"} for k in ("name", "entityType")
                         if data.get(k) in (None, "")]
        out: dict[str, Any] = {}
        for key, value in data.items():
            message = self._check(key, value, current)
            if message:
                problems.append({"field": key, "message": message})
            else:
                out[key] = value.strip() if isinstance(value, str) else value
        if problems:
            raise FieldInvalid(problems)
        return out

    def _check(self, key: str, value: Any, current: ApsClient | None) -> str | None:
        if key in ("name", "entityType", "category", "status") and value is None:
            return f"{key} cannot be null"
        if value is None:
            return None
        if key.endswith("Address"):
            return _check_address(key, value)
        if not isinstance(value, str):
            return f"{key} must be a string"
        text = value.strip()
        if key == "name" and not 1 <= len(text) <= 200:
            return "name must be 1 to 200 characters"
        if key == "code":
            if not re.fullmatch(r"[A-Za-z0-9\-_.]{1,20}", text):
                return "code must be 1 to 20 letters, digits, '-', '_' or '.'"
            owner = self.by_code.get(text.lower())
            if owner is not None and (current is None or owner != current.id):
                raise DuplicateCode(f"Client code {text} is already used by client {owner}")
        choices = {"entityType": self.entity_types(), "category": CATEGORIES, "status": STATUSES}.get(key)
        if choices and text not in choices:
            return f"{key} must be one of {', '.join(choices)}"
        if key == "email" and text and not all(_EMAIL.match(p.strip()) for p in re.split(r"[;,]", text)):
            return "email must hold one or more addresses separated by ';'"
        if key in ("primaryPhone", "otherPhone") and text and not _PHONE.match(text):
            return f"{key} must be a phone number (digits, spaces, + ( ) - .)"
        if key == "website" and (len(text) > 255 or " " in text):
            return "website must be a URL of at most 255 characters without spaces"
        return None

    def snapshot(self) -> dict[str, Any]:
        return {"clients": {c.id: c.to_json() for c in self.clients.values()}}


def _check_address(key: str, value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"{key} must be an object with {', '.join(ADDRESS_KEYS)}"
    unknown = [k for k in value if k not in ADDRESS_KEYS]
    if unknown:
        return f"{key} has unknown part(s): {', '.join(unknown)}"
    bad = [k for k, v in value.items() if v is not None and (not isinstance(v, str) or len(v) > 200)]
    if bad:
        return f"{key}.{bad[0]} must be a string of at most 200 characters"
    return None
