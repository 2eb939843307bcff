"""Faker data for a Xero organisation, from tenant.seed (same seed, same books): a few contacts,
AUTHORISED and DRAFT sales invoices dated in the last two months."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from faker import Faker

from connsim.simulator.xero.model.entities import ContactInput, ContactRef, DocumentInput, LineInput


def seed(tenant: Any, contacts: int = 4, invoices_per_contact: int = 2, **_: Any) -> dict[str, Any]:
    fake = Faker("en_AU")
    fake.seed_instance(f"xero:{tenant.seed}:{tenant.id}")
    books = tenant.backend
    today = books.today()
    made = {"contacts": 0, "invoices": 0}
    for _n in range(contacts):
        name = fake.unique.company()
        if books.find_contact(ContactRef(name=name)):
            continue
        first, last = fake.first_name(), fake.last_name()
        contact = books.create_contact(ContactInput(name=name, first_name=first, last_name=last,
                                                    email=f"{first}.{last}@{fake.domain_name()}".lower()))
        made["contacts"] += 1
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
    return {"organisation": books.org.name, **made}
