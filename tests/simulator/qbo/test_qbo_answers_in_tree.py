"""Everything the simulator answers is in its own property tree: a connector that reads an entity and
posts it back (a full update, node-quickbooks' delete/void by id) never meets its own 2010. Every record
of every kind, seeded and written, in each country's realm."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import rich_invoice

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.qbo.model import QboBackend
from connsim.simulator.qbo.model.properties import ENTITIES
from connsim.simulator.qbo.model.schema import check_properties
from connsim.simulator.qbo.model.views import jsonable
from connsim.simulator.qbo.seed import seed


def realm(country: str) -> QboBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2025, 3, 14, 9, 30, tzinfo=UTC)))
    registry.register_backend("qbo-realm", QboBackend)
    tenant = registry.create("qbo-realm", f"{country} Realm", settings={"country": country})
    seed(tenant)
    backend: QboBackend = tenant.backend
    return backend


def written(qbo: QboBackend) -> None:
    """The US realm also holds the rich invoice, a payment, a credit memo, a sub-class and a new item."""
    customer = next(iter(qbo.store["Customer"].values())).id
    invoice = qbo.create("Invoice", rich_invoice(customer))
    qbo.create("Payment", {"CustomerRef": {"value": customer}, "TotalAmt": 5, "Line": [
        {"Amount": 5, "LinkedTxn": [{"TxnId": invoice.id, "TxnType": "Invoice"}]}]})
    qbo.create("CreditMemo", {"CustomerRef": {"value": customer}, "Line": rich_invoice(customer)["Line"][:1]})
    qbo.create("Class", {"Name": "Sub", "ParentRef": {"value": "1"}})
    qbo.create("Item", {"Name": "Answered", "Type": "Service", "IncomeAccountRef": {"value": "13"}})


@pytest.mark.parametrize("country", ["US", "GB", "CA", "AU"])
def test_every_answer_binds_to_the_tree(country: str) -> None:
    qbo = realm(country)
    if country == "US":
        written(qbo)
    seen: dict[str, int] = {}
    for kind in ENTITIES:
        for record in qbo.store[kind].values():
            answer: Any = jsonable(qbo.view(record))
            check_properties(kind, answer)  # raises UnknownProperty naming the stranger
            seen[kind] = seen.get(kind, 0) + 1
    assert {"Customer", "Invoice", "Item", "Account", "TaxCode", "TaxRate", "Term"} <= set(seen), seen


def test_the_tree_is_closed_and_the_recorded_orders_are_in_it() -> None:
    from connsim.simulator.qbo.model.properties import RECORDED_ORDER, TYPES, known

    named = {nested for fields in TYPES.values() for nested, _ in fields.values() if nested}
    assert named <= set(TYPES) and set(ENTITIES) <= set(TYPES)
    for kind, order in RECORDED_ORDER.items():
        assert known(kind)[:len(order)] == order and len(set(known(kind))) == len(TYPES[kind])


def test_jacksons_one_known_property_wording() -> None:
    """PropertyBindingException.getMessageSuffix: a class with one property says so in words."""
    from connsim.simulator.qbo.errors import UnknownProperty

    with pytest.raises(UnknownProperty) as refused:
        check_properties("Invoice", {"Line": [{"DetailType": "ItemReceiptLineDetail",
                                               "ItemReceiptLineDetail": {"Qty": 1}}]})
    assert refused.value.detail == ('Property Name:Unrecognized field "Qty" (class com.intuit.schema.finance.v3.'
                                    'ItemReceiptLineDetail), not marked as ignorable (one known property: '
                                    '"ItemReceiptLineDetailEx"])\n specified is unsupported or invalid')
