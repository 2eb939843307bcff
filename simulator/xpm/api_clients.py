"""client.api routes (reference/xero.md §4.4): clients, contacts and relationships."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from flask import Blueprint, Response, request

from connsim.simulator.remote import current_tenant
from connsim.simulator.xpm.errors import XpmBadInput
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.model.entities import CLIENT_FIELDS, CONTACT_FIELDS
from connsim.simulator.xpm.render import client_el, contact_el, group, relationship_el
from connsim.simulator.xpm.wire import (
    bool_field,
    check_elements,
    date_field,
    field,
    leaf,
    ok,
    parse_datetime,
    query_flag,
    read_xml,
    required,
)

_CLIENT_ADD = (*CLIENT_FIELDS, "WebSite", "IsProspect", "Contacts")
_CONTACT = (*CONTACT_FIELDS, "IsPrimary", "Client", "ClientUUID")
_RELATIONSHIP = ("UUID", "ClientUUID", "RelatedClientUUID", "Type", "NumberOfShares", "Percentage", "StartDate",
                 "EndDate")


def backend() -> XpmBackend:
    return current_tenant().backend


def client_fields(el: Element) -> dict[str, str]:
    """The client fields present in the body; <WebSite> (3.1 docs) and <Website> (responses) both count."""
    out: dict[str, str] = {}
    for tag in CLIENT_FIELDS:
        value = field(el, tag, "WebSite") if tag == "Website" else field(el, tag)
        if value is not None:
            out[tag] = value
    return out


def contact_input(el: Element) -> tuple[dict[str, str], bool | None]:
    fields = {tag: value for tag in CONTACT_FIELDS if (value := field(el, tag)) is not None}
    return fields, bool_field(el, "IsPrimary")


def _client_uuid(el: Element) -> str:
    """<ClientUUID>, or <Client><UUID> as the 3.1 contact examples write it."""
    nested = el.find("Client")
    value = field(el, "ClientUUID") or (field(nested, "UUID") if nested is not None else None)
    if not value:
        raise XpmBadInput("ClientUUID is required")
    return value


def _clients(items: Any, detailed: bool) -> Element:
    return group("Clients", (client_el(backend(), c, detailed) for c in items))


def register(bp: Blueprint) -> None:
    @bp.get("/client.api/list")
    def list_clients() -> Response:
        since = request.args.get("modifiedsince")
        items = backend().list_clients(parse_datetime(since, "modifiedsince") if since else None)
        return ok(_clients(items, query_flag("detailed")))

    @bp.get("/client.api/paged-list")
    def paged_list() -> Response:
        try:
            size = int(request.args.get("pageSize", "50"))
        except ValueError:
            raise XpmBadInput("pageSize must be a number") from None
        items, token = backend().paged_clients(request.args.get("pageToken"), size)
        clients = _clients(items, query_flag("detailed"))
        return ok(clients, *([leaf("NextPageToken", token)] if token else []))

    @bp.get("/client.api/search")
    def search() -> Response:
        return ok(_clients(backend().search_clients(request.args.get("query", "")), query_flag("detailed")))

    @bp.get("/client.api/get/<client_uuid>")
    def get_client(client_uuid: str) -> Response:
        return ok(client_el(backend(), backend().client(client_uuid)))

    @bp.post("/client.api/add")
    def add_client() -> Response:
        el = read_xml("Client")
        check_elements(el, _CLIENT_ADD)
        for contact in el.iterfind("Contacts/Contact"):
            check_elements(contact, _CONTACT)
        contacts = [dict(zip(("fields", "is_primary"), contact_input(c))) for c in el.iterfind("Contacts/Contact")]
        client = backend().add_client(client_fields(el), bool(bool_field(el, "IsProspect")), contacts)
        return ok(client_el(backend(), client))

    @bp.put("/client.api/update")
    def update_client() -> Response:
        el = read_xml("Client")
        check_elements(el, ("UUID", *_CLIENT_ADD))
        client = backend().update_client(required(el, "UUID"), client_fields(el), bool_field(el, "IsProspect"))
        return ok(client_el(backend(), client))

    @bp.put("/client.api/archive")
    def archive_client() -> Response:
        return ok(client_el(backend(), backend().archive_client(required(read_xml("Client"), "UUID"))))

    @bp.post("/client.api/delete")
    def delete_client() -> Response:
        backend().delete_client(required(read_xml("Client"), "UUID"))
        return ok()

    # -- contacts --------------------------------------------------------------------------------
    @bp.get("/client.api/contacts")
    def list_contacts() -> Response:
        return ok(group("Contacts", (contact_el(c) for c in backend().list_contacts())))

    @bp.get("/client.api/contact/<contact_uuid>")
    def get_contact(contact_uuid: str) -> Response:
        return ok(contact_el(backend().contact(contact_uuid, allow_deleted=True)))

    @bp.put("/client.api/contact/<contact_uuid>")
    def update_contact(contact_uuid: str) -> Response:
        el = read_xml("Contact")
        check_elements(el, _CONTACT)
        fields, primary = contact_input(el)
        nested = el.find("Client")
        owner = field(el, "ClientUUID") or (field(nested, "UUID") if nested is not None else None)
        return ok(contact_el(backend().update_contact(contact_uuid, fields, primary, owner or None)))

    @bp.delete("/client.api/contact/<contact_uuid>")
    def delete_contact(contact_uuid: str) -> Response:
        """Answers the deleted <Contact> (xpm_ruby contact/delete.yml), api-method Contact."""
        contact = backend().delete_contact(contact_uuid, request.args.get("clientUuid"))
        return ok(contact_el(contact))

    @bp.post("/client.api/contact")
    def add_contact() -> Response:
        el = read_xml("Contact")
        check_elements(el, _CONTACT)
        fields, primary = contact_input(el)
        return ok(contact_el(backend().add_contact(_client_uuid(el), fields, bool(primary))))

    @bp.post("/client.api/client/<client_uuid>/contacts")
    def add_contacts(client_uuid: str) -> Response:
        el = read_xml("Contacts")
        added = [backend().add_contact(client_uuid, *_primary_default(contact_input(c)))
                 for c in el.iterfind("Contact")]
        return ok(group("Contacts", (contact_el(c) for c in added)))

    # -- relationships ---------------------------------------------------------------------------
    @bp.post("/client.api/addrelationship")
    def add_relationship() -> Response:
        el = read_xml("Relationship")
        check_elements(el, _RELATIONSHIP)
        rel = backend().add_relationship(required(el, "ClientUUID"), required(el, "RelatedClientUUID"),
                                         required(el, "Type"), **_relationship_extras(el))
        return ok(relationship_el(backend(), rel))

    @bp.put("/client.api/updaterelationship")
    def update_relationship() -> Response:
        el = read_xml("Relationship")
        check_elements(el, _RELATIONSHIP)
        rel = backend().update_relationship(required(el, "UUID"), {"type": field(el, "Type"),
                                                                   **_relationship_extras(el)})
        return ok(relationship_el(backend(), rel))

    @bp.post("/client.api/deleterelationship")
    def delete_relationship() -> Response:
        backend().delete_relationship(required(read_xml("Relationship"), "UUID"))
        return ok()


def _primary_default(parsed: tuple[dict[str, str], bool | None]) -> tuple[dict[str, str], bool]:
    return parsed[0], bool(parsed[1])


def _relationship_extras(el: Element) -> dict[str, Any]:
    return {"number_of_shares": field(el, "NumberOfShares") or None, "percentage": field(el, "Percentage") or None,
            "start_date": date_field(el, "StartDate"), "end_date": date_field(el, "EndDate")}
