"""An all-or-nothing batch that fails leaves the books exactly as they were (every record, every
index, the ID generator), now that undo is a log of what the batch touched, not a copy of the books."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_xero_wire import api  # noqa: F401  (the fixture: a token-bearing session on a populated org)

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.xero.errors import XeroValidation
from connsim.simulator.xero.model import XeroBackend
from connsim.simulator.xero.model.entities import ContactInput, ContactRef, DocumentInput, LineInput, PaymentInput

D = Decimal


def _books() -> XeroBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2026, 5, 1, tzinfo=UTC)))
    registry.register_backend("xero-org", XeroBackend)
    books: XeroBackend = registry.create("xero-org", "Undo Org").backend
    for n in range(4):
        invoice = _invoice(books, f"Client {n % 2}", "100")
        books.create_payment(PaymentInput(invoice_id=invoice.id, account_code="090", amount=D("10"),
                                          date=date(2026, 4, 2)))
    return books


def _invoice(books: XeroBackend, contact: str, amount: str, status: str = "AUTHORISED") -> Any:
    return books.create_invoice(DocumentInput(type="ACCREC", contact=ContactRef(name=contact), date=date(2026, 4, 1),
                                              status=status, line_amount_types="NoTax",
                                              lines=[LineInput(description="x", unit_amount=D(amount))]))


def _state(books: XeroBackend) -> dict[str, Any]:
    """Everything the books hold, as plain values (the ID generator by its state)."""
    out = {k: copy.deepcopy(v) for k, v in vars(books).items() if k not in ("tenant", "_undo", "_ids")}
    out["_ids"] = books._ids.getstate()
    return out


def _any_invoice(books: XeroBackend, pick: int) -> Any:
    ids = sorted(dict.keys(books.invoices))
    return books.invoices[ids[pick % len(ids)]]


#: the changes a batch element can make, each by the model's own rules
CHANGES: list[Callable[[XeroBackend, int], Any]] = [
    lambda b, k: _invoice(b, f"Client {k % 3}", str(k + 1)),
    lambda b, k: _invoice(b, f"New {k}", "5", status="DRAFT"),
    lambda b, k: b.create_payment(PaymentInput(invoice_id=_any_invoice(b, k).id, account_code="090",
                                               amount=D("1"), date=date(2026, 4, 3))),
    lambda b, k: b.update_invoice(_any_invoice(b, k), DocumentInput(reference=f"ref {k}")),
    lambda b, k: b.create_contact(ContactInput(name=f"Person {k}")),
    lambda b, k: b.set_lock_dates(date(2026, 1, k % 28 + 1), None),
]


def test_a_failing_batch_through_the_model_leaves_everything_unchanged() -> None:
    books = _books()
    before = _state(books)
    saved = books.savepoint()
    for k, change in enumerate(CHANGES):
        with contextlib.suppress(XeroValidation):
            change(books, k)
    assert _state(books) != before
    books.restore(saved)
    assert _state(books) == before
    assert not books._undo.entries and not books._undo.levels


def test_a_kept_batch_keeps_its_changes_and_closes_the_log() -> None:
    books = _books()
    saved = books.savepoint()
    created = _invoice(books, "Kept", "7")
    books.release(saved)
    assert books.get_invoice(created.id) is created
    assert not books._undo.entries and not books._undo.levels
    books.restore(saved)  # already closed: nothing to undo
    assert books.get_invoice(created.id) is created


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.integers(0, len(CHANGES) - 1), st.integers(0, 50)), max_size=8))
def test_any_sequence_of_changes_rolls_back_to_the_same_books(steps: list[tuple[int, int]]) -> None:
    books = _books()
    before = _state(books)
    saved = books.savepoint()
    for which, k in steps:
        with contextlib.suppress(XeroValidation):  # a refused element is undone like the rest
            CHANGES[which](books, k)
    books.restore(saved)
    assert _state(books) == before  # the ID generator included: the next ID is the one it would have been


@pytest.mark.parametrize("summarize", [None, "true"])
def test_a_failing_put_invoices_batch_leaves_the_books_unchanged(api: Any, summarize: str | None) -> None:  # noqa: F811
    def everything() -> tuple[Any, ...]:
        return (api("GET", "/Invoices").json()["Invoices"], api("GET", "/Contacts").json()["Contacts"],
                api("GET", "/Payments").json()["Payments"])

    before = everything()
    existing = before[0][0]
    params = {"summarizeErrors": summarize} if summarize else {}
    response = api("PUT", "/Invoices", params=params, json={"Invoices": [
        {"Type": "ACCREC", "Contact": {"Name": "Brand New Contact"}, "Date": "2026-03-01", "Status": "AUTHORISED",
         "LineAmountTypes": "NoTax", "LineItems": [{"Description": "ok", "UnitAmount": 10}]},
        {"Type": "ACCPAY", "Contact": {"ContactID": existing["Contact"]["ContactID"]}, "Date": "2026-03-01",
         "Status": "DRAFT", "LineItems": [{"Description": "also ok", "UnitAmount": 5}]},
        {"Type": "ACCREC", "Date": "2026-03-01", "Status": "AUTHORISED",
         "LineItems": [{"Description": "no contact", "UnitAmount": 10}]}]})
    assert response.status_code == 400, response.text
    assert [e.get("HasErrors") for e in response.json()["Elements"]] == [True]  # the third; the first two applied
    assert everything() == before
