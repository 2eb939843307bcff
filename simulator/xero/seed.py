"""Faker data for a Xero organisation, from tenant.seed (same seed, same books): a few service
items, contacts with a postal address and a phone, AUTHORISED and DRAFT sales invoices dated in the
last two months."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from connsim.simulator.core.fake import seeded_faker
from connsim.simulator.xero.model.catalogue import ItemDetails, ItemInput
from connsim.simulator.xero.model.entities import Address, ContactInput, ContactRef, DocumentInput, LineInput, Phone

#: (code, name, unit price): services a small practice's client bills, sold to account 200 with GST
ITEMS = (("CONSULT", "Consulting (per hour)", 150), ("SETUP", "Set-up fee", 450), ("SUPPORT", "Support (monthly)", 90))


def seed(tenant: Any, contacts: int = 4, invoices_per_contact: int = 2, **_: Any) -> dict[str, Any]:
    fake = seeded_faker("en_AU", f"xero:{tenant.seed}:{tenant.id}")
    books = tenant.backend
    today = books.today()
    made = {"contacts": 0, "invoices": 0}
    seeded: list[str] = []
    for _n in range(contacts):
        name = fake.unique.company()
        if books.find_contact(ContactRef(name=name)):
            continue
        first, last = fake.first_name(), fake.last_name()
        contact = books.create_contact(ContactInput(name=name, first_name=first, last_name=last,
                                                    email=f"{first}.{last}@{fake.domain_name()}".lower()))
        made["contacts"] += 1
        seeded.append(contact.id)
        for i in range(invoices_per_contact):
            when = today - timedelta(days=fake.random_int(1, 60))
            lines = [LineInput(description=fake.bs().capitalize(), quantity=Decimal(fake.random_int(1, 5)),
                               unit_amount=Decimal(fake.random_int(50, 900)), account_code="200", tax_type="OUTPUT")
                     for _ in range(fake.random_int(1, 3))]
            books.create_invoice(DocumentInput(type="ACCREC", contact=ContactRef(id=contact.id), lines=lines,
                                               date=when, due_date=when + timedelta(days=30),
                                               status="AUTHORISED" if i % 2 == 0 else "DRAFT",
                                               reference=f"PO-{fake.random_int(1000, 9999)}"))
            made["invoices"] += 1
    made["items"] = 0
    for code, name, price in ITEMS:
        if code.lower() not in books.items_by_code:
            books.create_item(ItemInput(code=code, name=name, description=name, sales=ItemDetails(
                unit_price=Decimal(price), account_code="200", tax_type="OUTPUT"), is_purchased=False))
            made["items"] += 1
    for contact_id in seeded:
        books.update_contact(books.contacts[contact_id], ContactInput(
            addresses=[Address("POBOX", {"AddressLine1": fake.street_address(), "City": fake.city(),
                                         "Region": fake.state_abbr(), "PostalCode": fake.postcode(),
                                         "Country": "Australia"})],
            phones=[Phone("DEFAULT", fake.msisdn()[-8:], "0" + str(fake.random_int(2, 8)))]))
    return {"organisation": books.org.name, **made}
