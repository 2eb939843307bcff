"""XPM records as the XML elements the 3.1 docs show (client, contact, relationship, job, job
cost, catalogue cost, staff/category/template). Pure functions of the model."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element

from connsim.simulator.xpm.model.entities import (
    CLIENT_FIELDS,
    CONTACT_FIELDS,
    CatalogueCost,
    Client,
    Contact,
    Job,
    JobCost,
    Named,
    Relationship,
)
from connsim.simulator.xpm.wire import sub

#: fields a non-detailed client list shows (detail shows every field, contacts and relationships)
_SUMMARY_FIELDS = ("Name", "Email", "Phone", "Fax", "Website", "Address", "City", "Region", "PostCode", "Country",
                   "PostalAddress", "PostalCity", "PostalRegion", "PostalPostCode", "PostalCountry")


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def group(tag: str, items: Iterable[Element]) -> Element:
    el = Element(tag)
    el.extend(items)
    return el


def client_el(backend: Any, client: Client, detailed: bool = True) -> Element:
    el = Element("Client")
    sub(el, "UUID", client.uuid)
    for tag in (CLIENT_FIELDS if detailed else _SUMMARY_FIELDS):
        sub(el, tag, client.fields.get(tag))
    sub(el, "IsProspect", yes_no(client.is_prospect))
    sub(el, "IsArchived", yes_no(client.archived))
    sub(el, "IsDeleted", yes_no(client.deleted))
    if detailed:
        contacts = (backend.contacts[c] for c in client.contacts)
        el.append(group("Contacts", (contact_el(c) for c in contacts if not c.deleted)))
        el.append(group("Relationships", (relationship_el(backend, r) for r in client.relationships.values())))
    return el


def contact_el(contact: Contact) -> Element:
    el = Element("Contact")
    sub(el, "UUID", contact.uuid)
    sub(el, "IsPrimary", yes_no(contact.is_primary))
    for tag in CONTACT_FIELDS:
        sub(el, tag, contact.fields.get(tag))
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


def job_el(backend: Any, job: Job, detailed: bool = True) -> Element:
    el = Element("Job")
    sub(el, "ID", job.number)
    sub(el, "UUID", job.uuid)
    sub(el, "Name", job.name)
    sub(el, "Description", job.description)
    sub(el, "ClientOrderNumber", job.client_order_number)
    sub(el, "State", backend.state_of(job).name)
    sub(el, "StartDate", job.start_date)
    sub(el, "DueDate", job.due_date)
    if job.completed_date:
        sub(el, "CompletedDate", job.completed_date)
    sub(el, "Budget", job.budget)
    client = Element("Client")
    sub(client, "UUID", job.client_uuid)
    owner = backend.clients.get(job.client_uuid)
    sub(client, "Name", owner.name if owner else None)
    el.append(client)
    if detailed:
        tasks = Element("Tasks")
        for task in job.tasks:
            t = sub(tasks, "Task")
            sub(t, "UUID", task.uuid)
            sub(t, "Name", task.name)
            sub(t, "Completed", task.completed)
        el.append(tasks)
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
    el = Element(tag)
    sub(el, "UUID", item.uuid)
    sub(el, "Name", item.name)
    if tag == "Staff":
        sub(el, "Email", item.email)
    return el
