"""Faker customers and invoices for a realm, from tenant.seed (same seed, same data)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from connsim.simulator.core.fake import seeded_faker


def seed(tenant: Any, customers: int = 5, invoices: int = 8) -> dict[str, Any]:
    fake = seeded_faker("en_US", f"qbo:{tenant.seed}:{tenant.id}")
    rng = tenant.random("qbo-seed")
    qbo = tenant.backend
    customer_ids = []
    for _ in range(customers):
        given, family = fake.first_name(), fake.last_name()
        record = qbo.create("Customer", {
            "DisplayName": fake.unique.company(), "GivenName": given, "FamilyName": family,
            "PrimaryEmailAddr": {"Address": fake.company_email()},
            "PrimaryPhone": {"FreeFormNumber": fake.phone_number()},
            "BillAddr": {"Line1": fake.street_address(), "City": fake.city(),
                         "CountrySubDivisionCode": fake.state_abbr(), "PostalCode": fake.postcode()},
        }, ui=True)
        customer_ids.append(record.id)
    invoice_ids = []
    today = qbo.today()
    for _ in range(invoices if customer_ids else 0):
        txn_date = today - timedelta(days=rng.randint(0, 90))
        lines = [{"Amount": f"{rng.randint(5, 200) * 10}.00", "Description": fake.catch_phrase(),
                  "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {"ItemRef": {"value": "1",
                                                                                          "name": "Services"}}}
                 for _ in range(rng.randint(1, 3))]
        record = qbo.create("Invoice", {"CustomerRef": {"value": rng.choice(customer_ids)}, "Line": lines,
                                        "TxnDate": txn_date.isoformat(),
                                        "DueDate": (txn_date + timedelta(days=30)).isoformat()}, ui=True)
        invoice_ids.append(record.id)
    return {"customers": customer_ids, "invoices": invoice_ids}
