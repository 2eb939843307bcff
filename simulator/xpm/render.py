"""XPM records as XML: what recorded answers show, with 3.1's UUIDs (client, contact, relationship,
job cost, catalogue cost, category/template). Jobs and their work: render_jobs.py. Pure functions."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element

from connsim.simulator.xpm.model.entities import (
    TAX_BLOCK,
    TAX_EXTRA,
    CatalogueCost,
    Client,
    Contact,
    JobCost,
    Named,
    Note,
    Relationship,
)
from connsim.simulator.xpm.wire import sub

#: always shown, empty or not, in the order recorded answers show them (xpm_ruby client/get.yml)
_ALWAYS = ("Address", "City", "Region", "PostCode", "Country", "PostalAddress", "PostalCity", "PostalRegion",
           "PostalPostCode", "PostalCountry", "Phone", "Fax", "Website", "ReferralSource", "ExportCode")
#: shown only when set (recorded lists leave out an empty <Email>; 3.1 docs: individuals only)
_WHEN_SET = ("Title", "Gender", "FirstName", "LastName", "OtherName", "Email", "DateOfBirth")
_LINKS = (("AccountManager", "AccountManagerUUID", "staff"), ("JobManager", "JobManagerUUID", "staff"),
          ("BillingClient", "BillingClientUUID", "clients"))


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def group(tag: str, items: Iterable[Element]) -> Element:
    el = Element(tag)
    el.extend(items)
    return el


def client_el(backend: Any, client: Client, detailed: bool = True) -> Element:
    """Recorded answers: non-detailed lists carry everything but Notes, Groups and Relationships
    (xpm_ruby client/list/when_detailed_false.yml); 3.1 identifies clients by <UUID> (no <ID>)."""
    el = Element("Client")
    sub(el, "UUID", client.uuid)
    sub(el, "Name", client.name)
    for tag in _WHEN_SET:
        if client.fields.get(tag):
            sub(el, tag, client.fields[tag])
    for tag in _ALWAYS:
        sub(el, tag, client.fields.get(tag, ""))
    sub(el, "IsProspect", yes_no(client.is_prospect))
    sub(el, "IsArchived", yes_no(client.archived))
    sub(el, "IsDeleted", yes_no(client.deleted))
    for tag, key, kind in _LINKS:
        target = getattr(backend, kind).get(client.fields.get(key, ""))
        if target is not None:
            el.append(ref_el(tag, target.uuid, target.name))
    if client.tax_record:
        for tag, default in TAX_BLOCK:
            sub(el, tag, client.fields.get(tag) or default)
        for tag in TAX_EXTRA:
            if client.fields.get(tag):
                sub(el, tag, client.fields[tag])
    elif client.fields.get("BusinessStructure"):
        sub(el, "BusinessStructure", client.fields["BusinessStructure"])
    contacts = (backend.contacts[c] for c in client.contacts)
    el.append(group("Contacts", (contact_el(c) for c in contacts if not c.deleted)))
    if detailed:
        el.append(group("Notes", (note_el(n) for n in client.notes)))
        el.append(group("Groups", ()))
        el.append(group("Relationships", (relationship_el(backend, r) for r in client.relationships.values())))
    return el


def ref_el(tag: str, uuid: str, name: str) -> Element:
    """<Tag><UUID/><Name/></Tag>: how XPM points at another record (Client, Manager, Staff, …)."""
    el = Element(tag)
    sub(el, "UUID", uuid)
    sub(el, "Name", name)
    return el


def note_el(note: Note) -> Element:
    el = Element("Note")
    sub(el, "UUID", note.uuid)
    sub(el, "Title", note.title)
    sub(el, "Text", note.text)
    sub(el, "Folder", note.folder)
    sub(el, "Date", note.date)
    sub(el, "CreatedBy", note.created_by)
    return el


def contact_el(contact: Contact) -> Element:
    """Recorded order (xpm_ruby contact/add.yml): Name, Mobile, Email, Phone, Position, Salutation,
    Addressee, IsPrimary; 3.1 adds <UUID> (for <ID>) and <IsDeleted> (clients.md note, Feb 2023)."""
    el = Element("Contact")
    sub(el, "UUID", contact.uuid)
    for tag in ("Name", "Mobile", "Email", "Phone", "Position", "Salutation", "Addressee"):
        sub(el, tag, contact.fields.get(tag, ""))
    sub(el, "IsPrimary", yes_no(contact.is_primary))
    sub(el, "IsDeleted", yes_no(contact.deleted))
    return el


def relationship_el(backend: Any, rel: Relationship) -> Element:
    el = Element("Relationship")
    sub(el, "UUID", rel.uuid)
    sub(el, "Type", rel.type)
    related = Element("RelatedClient")
    sub(related, "UUID", rel.related_uuid)
    other = backend.clients.get(rel.related_uuid)
    sub(related, "Name", other.name if other else None)
    el.append(related)
    sub(el, "NumberOfShares", rel.number_of_shares)
    sub(el, "Percentage", rel.percentage)
    sub(el, "StartDate", rel.start_date.isoformat() if rel.start_date else None)
    sub(el, "EndDate", rel.end_date.isoformat() if rel.end_date else None)
    return el


def job_cost_el(cost: JobCost) -> Element:
    el = Element("Cost")
    sub(el, "UUID", cost.uuid)
    sub(el, "Date", cost.date)
    sub(el, "Description", cost.description)
    sub(el, "Code", cost.code)
    sub(el, "Note", cost.note)
    sub(el, "Quantity", cost.quantity)
    sub(el, "UnitCost", money(cost.unit_cost))
    sub(el, "UnitPrice", money(cost.unit_price))
    sub(el, "Billable", cost.billable)
    if cost.supplier_reference is not None:
        sub(el, "SupplierReference", cost.supplier_reference)
    return el


def catalogue_el(cost: CatalogueCost) -> Element:
    el = Element("Cost")
    sub(el, "UUID", cost.uuid)
    sub(el, "Description", cost.description)
    sub(el, "Code", cost.code)
    sub(el, "Note", cost.note)
    sub(el, "UnitCost", money(cost.unit_cost))
    sub(el, "UnitPrice", money(cost.unit_price))
    sub(el, "IncomeAccount", cost.income_account)
    sub(el, "CostOfSaleAccount", cost.cost_of_sale_account)
    return el


def named_el(tag: str, item: Named) -> Element:
    return ref_el(tag, item.uuid, item.name)
