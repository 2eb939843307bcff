"""client.api rules: clients (archive, delete), their contacts, and XPM's client relationships
(Director, Shareholder, Trustee, …) which show in the client's detail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from connsim.simulator.core.index import Eq
from connsim.simulator.xpm.errors import (
    InvalidClient,
    InvalidIdentifier,
    InvalidRelationshipType,
    XpmBadInput,
    XpmRuleError,
)
from connsim.simulator.xpm.model.base import XpmBooks
from connsim.simulator.xpm.model.entities import (
    CLIENT_FIELDS,
    CLIENT_LINKS,
    CONTACT_FIELDS,
    RELATIONSHIP_TYPES,
    TAX_BLOCK,
    TAX_EXTRA,
    YES_NO_FIELDS,
    Client,
    Contact,
    Relationship,
)

_TAX_TAGS = {tag for tag, _ in TAX_BLOCK} | set(TAX_EXTRA) - {"BusinessStructure"}

_RELATIONSHIP_BY_LOWER = {t.lower(): t for t in RELATIONSHIP_TYPES}


class ClientsMixin(XpmBooks):
    clients: dict[str, Client]
    contacts: dict[str, Contact]
    relationship_owner: dict[str, str]

    # -- clients -----------------------------------------------------------------------------------
    def client(self, client_uuid: str | None, *, allow_deleted: bool = False) -> Client:
        client = self.clients.get(client_uuid or "")
        if client is None or (client.deleted and not allow_deleted):
            raise InvalidClient(self.message("xpm_invalid_client_message"))
        return client

    def list_clients(self, modified_since: datetime | None = None) -> list[Client]:
        return [c for c in self.clients.values()
                if not c.deleted and (modified_since is None or c.modified_at >= modified_since)]

    def paged_clients(self, page_token: str | None, page_size: int) -> tuple[list[Client], str | None]:
        """Non-archived, non-deleted clients; the token is an opaque position (UNCONFIRMED format)."""
        if not 1 <= page_size <= 500:
            raise XpmBadInput("pageSize must be between 1 and 500")
        try:
            start = int(page_token or "0", 16)
        except ValueError:
            raise XpmBadInput("Invalid pageToken") from None
        if start < 0:
            raise XpmBadInput("Invalid pageToken")
        uuids, total = self.client_index.page([Eq("listed", (True,))], offset=start, limit=page_size)
        more = start + page_size < total
        return [self.clients[u] for u in uuids], (format(start + page_size, "x") if more else None)

    def search_clients(self, query: str) -> list[Client]:
        needle = query.strip().lower()
        if not needle:
            raise XpmBadInput("query is required")
        return [c for c in self.clients.values() if not c.deleted
                and (needle in c.name.lower() or needle in c.fields.get("Email", "").lower())]

    def add_client(self, fields: Mapping[str, str | None], is_prospect: bool = False,
                   contacts: list[dict[str, Any]] | None = None) -> Client:
        if not (fields.get("Name") or "").strip():
            raise XpmBadInput("Name is required")
        client = Client(self.new_uuid(), {}, self.now(), is_prospect=is_prospect)
        self._set_fields(client, fields)
        client.tax_record = any(fields.get(tag) for tag in _TAX_TAGS)
        self.clients[client.uuid] = client
        self.client_index.put(client)
        for contact in contacts or []:
            self.add_contact(client.uuid, contact.get("fields", {}), bool(contact.get("is_primary")))
        return client

    def update_client(self, client_uuid: str, fields: Mapping[str, str | None],
                      is_prospect: bool | None = None) -> Client:
        client = self.client(client_uuid)
        if "Name" in fields and not (fields["Name"] or "").strip():
            raise XpmBadInput("Name cannot be empty")
        self._set_fields(client, fields)
        client.tax_record = True
        if is_prospect is not None:
            client.is_prospect = is_prospect
        client.modified_at = self.now()
        return client

    def _set_fields(self, client: Client, fields: Mapping[str, str | None]) -> None:
        unknown = [k for k in fields if k not in CLIENT_FIELDS]
        if unknown:
            raise XpmBadInput(f"Unknown client field(s): {', '.join(sorted(unknown))}")
        for key, value in fields.items():
            if value and key in YES_NO_FIELDS and value.strip() not in ("Yes", "No"):
                raise XpmBadInput(f"{key} must be Yes or No, not {value!r}")
            if value and CLIENT_LINKS.get(key) == "staff":
                self.staff_member(value)
            elif value and CLIENT_LINKS.get(key) == "client":
                self.client(value)
            if value is None or value == "":
                client.fields.pop(key, None)
            else:
                client.fields[key] = str(value).strip()

    def archive_client(self, client_uuid: str) -> Client:
        client = self.client(client_uuid)
        client.archived, client.modified_at = True, self.now()
        self.client_index.put(client)
        return client

    def delete_client(self, client_uuid: str) -> None:
        client = self.client(client_uuid)
        client.deleted, client.modified_at = True, self.now()
        self.client_index.put(client)

    # -- contacts ----------------------------------------------------------------------------------
    def contact(self, contact_uuid: str, *, allow_deleted: bool = False) -> Contact:
        """Deleted contacts stay readable with IsDeleted Yes (3.1 clients.md note) and deleting one
        again answers it again (xpm_ruby contact/delete.yml deletes the same contact twice, both OK)."""
        contact = self.contacts.get(contact_uuid)
        if contact is None or (contact.deleted and not allow_deleted):
            raise InvalidIdentifier("Invalid contact identifier")
        return contact

    def list_contacts(self) -> list[Contact]:
        return [c for c in self.contacts.values() if not c.deleted and not self.clients[c.client_uuid].deleted]

    def add_contact(self, client_uuid: str, fields: dict[str, str], is_primary: bool = False) -> Contact:
        client = self.client(client_uuid)
        if not (fields.get("Name") or "").strip():
            raise XpmBadInput("Contact Name is required")
        contact = Contact(self.new_uuid(), client.uuid, is_primary=is_primary)
        self._contact_fields(contact, fields)
        self.contacts[contact.uuid] = contact
        client.contacts.append(contact.uuid)
        client.modified_at = self.now()
        return contact

    def update_contact(self, contact_uuid: str, fields: dict[str, str], is_primary: bool | None = None,
                       client_uuid: str | None = None) -> Contact:
        contact = self.contact(contact_uuid)
        if client_uuid and self.client(client_uuid).uuid != contact.client_uuid:
            raise InvalidIdentifier("Invalid contact identifier")
        self._contact_fields(contact, fields)
        if is_primary is not None:
            contact.is_primary = is_primary
        return contact

    def delete_contact(self, contact_uuid: str, client_uuid: str | None = None) -> Contact:
        """DELETE client.api/contact/{uuid}[?clientUuid=]: the answer shows the contact deleted
        (xpm_ruby contact/delete.yml answers the <Contact>)."""
        contact = self.contact(contact_uuid, allow_deleted=True)
        if client_uuid and self.client(client_uuid).uuid != contact.client_uuid:
            raise InvalidIdentifier("Invalid contact identifier")
        contact.deleted = True
        return contact

    @staticmethod
    def _contact_fields(contact: Contact, fields: Mapping[str, str | None]) -> None:
        unknown = [k for k in fields if k not in CONTACT_FIELDS]
        if unknown:
            raise XpmBadInput(f"Unknown contact field(s): {', '.join(sorted(unknown))}")
        contact.fields.update({k: str(v).strip() for k, v in fields.items() if v is not None})

    # -- relationships -----------------------------------------------------------------------------
    def relationship_type(self, value: str | None) -> str:
        """XPM's supported types, matched case-insensitively; anything else is refused."""
        canonical = _RELATIONSHIP_BY_LOWER.get((value or "").strip().lower())
        if canonical is None:
            raise InvalidRelationshipType(
                self.message("xpm_invalid_relationship_message", type=value or ""))
        return canonical

    def add_relationship(self, client_uuid: str, related_uuid: str, rel_type: str, *,
                         number_of_shares: str | None = None, percentage: str | None = None,
                         start_date: date | None = None, end_date: date | None = None) -> Relationship:
        client, related = self.client(client_uuid), self.client(related_uuid)
        canonical = self.relationship_type(rel_type)
        if client.uuid == related.uuid:
            raise XpmRuleError("A client cannot have a relationship with itself")
        rel = Relationship(self.new_uuid(), client.uuid, related.uuid, canonical,
                           number_of_shares, percentage, start_date, end_date)
        self._check_dates(rel)
        client.relationships[rel.uuid] = rel
        self.relationship_owner[rel.uuid] = client.uuid
        client.modified_at = self.now()
        return rel

    def relationship(self, rel_uuid: str) -> tuple[Client, Relationship]:
        owner = self.relationship_owner.get(rel_uuid or "")
        if owner is None:
            raise InvalidIdentifier("Invalid relationship identifier")
        client = self.clients[owner]
        return client, client.relationships[rel_uuid]

    def update_relationship(self, rel_uuid: str, changes: dict[str, Any]) -> Relationship:
        client, rel = self.relationship(rel_uuid)
        if changes.get("type") is not None:
            changes = {**changes, "type": self.relationship_type(changes["type"])}
        for key, value in changes.items():
            if value is not None:
                setattr(rel, key, value)
        self._check_dates(rel)
        client.modified_at = self.now()
        return rel

    def delete_relationship(self, rel_uuid: str) -> None:
        client, rel = self.relationship(rel_uuid)
        del client.relationships[rel.uuid]
        del self.relationship_owner[rel.uuid]
        client.modified_at = self.now()

    @staticmethod
    def _check_dates(rel: Relationship) -> None:
        if rel.start_date and rel.end_date and rel.end_date < rel.start_date:
            raise XpmBadInput("EndDate is before StartDate")
