"""Xero's UI-only rules, in the model without Flask: re-creating an invoice and edit timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.xero.errors import XeroValidation
from connsim.simulator.xero.model import XeroBackend
from connsim.simulator.xero.model.entities import ContactRef, DocumentInput, Invoice, LineInput, PaymentInput
from connsim.simulator.xero.model.recreate import recreate_invoice

START = datetime(2026, 5, 1, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(frozen_at=START)


@pytest.fixture
def books(clock: Clock) -> XeroBackend:
    registry = TenantRegistry(clock)
    registry.register_backend("xero-org", XeroBackend)
    backend: XeroBackend = registry.create("xero-org", "Model Org").backend
    return backend


def invoice(books: XeroBackend, status: str = "AUTHORISED") -> Invoice:
    return books.create_invoice(DocumentInput(
        type="ACCREC", contact=ContactRef(name="Acme"), date=date(2026, 4, 1), due_date=date(2026, 4, 30),
        status=status, number="INV-77", reference="PO 9", line_amount_types="NoTax",
        lines=[LineInput(description="Audit", quantity=Decimal(2), unit_amount=Decimal("50"), account_code="200")]))


@pytest.mark.parametrize(("status", "retired"), [("AUTHORISED", "VOIDED"), ("DRAFT", "DELETED")])
def test_recreate_retires_the_old_invoice_and_copies_it_under_a_new_id(books: XeroBackend, status: str,
                                                                       retired: str) -> None:
    old = invoice(books, status)
    fresh = recreate_invoice(books, old)
    assert old.status == retired and fresh.status == "AUTHORISED" and fresh.id != old.id
    assert (fresh.number, fresh.contact_id, fresh.date, fresh.due_date, fresh.reference) == (
        "INV-77", old.contact_id, old.date, old.due_date, "PO 9")
    assert [(line.description, line.quantity, line.unit_amount) for line in fresh.lines] == [
        ("Audit", Decimal(2), Decimal("50"))]
    assert {line.id for line in fresh.lines}.isdisjoint({line.id for line in old.lines})
    assert fresh.total == old.total == Decimal("100")


def test_recreate_is_refused_while_payments_exist(books: XeroBackend) -> None:
    old = invoice(books)
    books.create_payment(PaymentInput(invoice_id=old.id, account_code="090", amount=Decimal(10),
                                      date=date(2026, 4, 2)))
    with pytest.raises(XeroValidation):
        recreate_invoice(books, old)
    assert old.status == "AUTHORISED" and len(books.invoices) == 1


def test_recreate_in_a_locked_period_changes_nothing(books: XeroBackend) -> None:
    old = invoice(books)
    books.set_lock_dates(date(2026, 4, 15), None)  # voiding the old invoice is refused in a locked period
    with pytest.raises(XeroValidation):
        recreate_invoice(books, old)
    assert [i.status for i in books.invoices.values()] == ["AUTHORISED"]


def test_an_edit_moves_the_invoice_updated_time_on_the_clock(books: XeroBackend, clock: Clock) -> None:
    old = invoice(books)
    clock.advance(3600)
    books.update_invoice(old, DocumentInput(reference="PO 10"))
    assert old.updated_at == START + timedelta(hours=1) and old.created_at == START
