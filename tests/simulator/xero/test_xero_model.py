"""Xero Accounting domain rules without HTTP: invoice transitions, totals, payments, credit-note
allocations, lock dates, where filters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.xero.errors import QueryParseError, XeroValidation
from connsim.simulator.xero.model import XeroBackend
from connsim.simulator.xero.model.entities import ContactInput, ContactRef, DocumentInput, LineInput, PaymentInput
from connsim.simulator.xero.model.listing import ListQuery, list_invoices

D = Decimal


@pytest.fixture
def books() -> XeroBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2026, 5, 1, tzinfo=UTC)))
    registry.register_backend("xero-org", XeroBackend)
    return registry.create("xero-org", "Model Org").backend


def _invoice(books: XeroBackend, amount: str = "100", status: str = "AUTHORISED", when: date = date(2026, 4, 1),
             lat: str = "NoTax", tax: str | None = None, contact: str = "Acme") -> object:
    return books.create_invoice(DocumentInput(type="ACCREC", contact=ContactRef(name=contact), date=when,
                                              status=status, line_amount_types=lat,
                                              lines=[LineInput(description="x", unit_amount=D(amount), tax_type=tax)]))


def _pay(books: XeroBackend, invoice_id: str, amount: str, when: date = date(2026, 4, 2)) -> object:
    return books.create_payment(PaymentInput(invoice_id=invoice_id, account_code="090", amount=D(amount), date=when))


def test_totals_exclusive_inclusive_and_numbering(books: XeroBackend) -> None:
    exc = _invoice(books, "100", lat="Exclusive", tax="OUTPUT")
    inc = _invoice(books, "110", lat="Inclusive", tax="OUTPUT")
    assert (exc.sub_total, exc.total_tax, exc.total) == (D("100.00"), D("10.00"), D("110.00"))
    assert (inc.sub_total, inc.total_tax, inc.total) == (D("100.00"), D("10.00"), D("110.00"))
    assert (exc.number, inc.number) == ("INV-0001", "INV-0002")
    with pytest.raises(XeroValidation, match="Invoice # must be unique"):
        books.create_invoice(DocumentInput(type="ACCREC", contact=ContactRef(name="Acme"), number="INV-0001"))
    with pytest.raises(XeroValidation, match="TaxType code BOGUS does not exist"):
        _invoice(books, tax="BOGUS")


def test_status_transitions(books: XeroBackend) -> None:
    draft = _invoice(books, status="DRAFT")
    books.update_invoice(draft, DocumentInput(status="SUBMITTED"))
    books.update_invoice(draft, DocumentInput(status="AUTHORISED"))
    with pytest.raises(XeroValidation, match="not of valid status for modification"):
        books.update_invoice(draft, DocumentInput(status="DELETED"))
    books.update_invoice(draft, DocumentInput(status="VOIDED"))
    assert draft.status == "VOIDED" and draft.amount_due == 0
    with pytest.raises(XeroValidation, match="not of valid status for modification"):
        books.update_invoice(draft, DocumentInput(status="AUTHORISED"))
    with pytest.raises(XeroValidation, match="not of valid status for creation"):
        _invoice(books, status="PAID")


def test_payments_settle_and_reverse(books: XeroBackend) -> None:
    inv = _invoice(books, "100")
    first = _pay(books, inv.id, "60")
    with pytest.raises(XeroValidation, match="exceeds the amount outstanding"):
        _pay(books, inv.id, "40.01")
    _pay(books, inv.id, "40", when=date(2026, 4, 5))
    assert inv.status == "PAID" and inv.amount_due == 0 and inv.fully_paid_on == date(2026, 4, 5)
    with pytest.raises(XeroValidation, match="cannot be edited as it has a payment"):
        books.update_invoice(inv, DocumentInput(status="VOIDED"))
    books.delete_payment(first.id)
    assert inv.status == "AUTHORISED" and inv.amount_due == D("60.00") and inv.fully_paid_on is None
    draft = _invoice(books, status="DRAFT")
    with pytest.raises(XeroValidation, match="Payments can only be made against Authorised documents"):
        _pay(books, draft.id, "1")
    books.tenant.settings["xero_unauthorised_payment_message"] = "Custom text"
    with pytest.raises(XeroValidation, match="Custom text"):
        _pay(books, draft.id, "1")


def test_lock_dates(books: XeroBackend) -> None:
    books.set_lock_dates(date(2018, 11, 30), date(2018, 6, 30))
    with pytest.raises(XeroValidation) as exc:
        _invoice(books, when=date(2018, 6, 30))
    assert exc.value.messages == [
        "The document date cannot be before the period lock date, currently set at 30-Nov-2018",
        "The document date cannot be before the end of year lock date, currently set at 30-Jun-2018"]
    draft = _invoice(books, status="DRAFT", when=date(2018, 11, 1))  # drafts post nothing
    with pytest.raises(XeroValidation, match="period lock date"):
        books.update_invoice(draft, DocumentInput(status="AUTHORISED"))
    inv = _invoice(books, when=date(2018, 12, 1))
    with pytest.raises(XeroValidation, match="period lock date"):
        _pay(books, inv.id, "1", when=date(2018, 11, 30))
    with pytest.raises(XeroValidation, match="cannot be before the end of year"):
        books.set_lock_dates(date(2018, 1, 1), date(2018, 6, 30))


def test_credit_note_allocation_both_ways(books: XeroBackend) -> None:
    inv = _invoice(books, "100")
    note = books.create_credit_note(DocumentInput(type="ACCRECCREDIT", contact=ContactRef(name="Acme"),
                                                  status="DRAFT", line_amount_types="NoTax",
                                                  lines=[LineInput(unit_amount=D("30"))], date=date(2026, 4, 3)))
    with pytest.raises(XeroValidation, match="Only AUTHORISED credit notes"):
        books.allocate(note, inv.id, D("10"), None)
    books.update_credit_note(note, DocumentInput(status="AUTHORISED"))
    with pytest.raises(XeroValidation, match="remaining credit"):
        books.allocate(note, inv.id, D("31"), None)
    alloc = books.allocate(note, inv.id, D("30"), None)
    assert (inv.amount_credited, inv.amount_due, note.remaining_credit, note.status) == (
        D("30.00"), D("70.00"), D("0.00"), "PAID")
    books.remove_allocation(alloc.id)
    assert (inv.amount_due, note.remaining_credit, note.status) == (D("100.00"), D("30.00"), "AUTHORISED")
    other = _invoice(books, contact="Someone Else")
    with pytest.raises(XeroValidation, match="same contact"):
        books.allocate(note, other.id, D("1"), None)


def test_contacts_unique_and_where_filters(books: XeroBackend) -> None:
    books.create_contact(ContactInput(name="Unique Co"))
    with pytest.raises(XeroValidation, match="already assigned to another contact"):
        books.create_contact(ContactInput(name="unique co"))
    a = _invoice(books, "100", when=date(2026, 1, 5))
    _invoice(books, "300", when=date(2026, 3, 5), contact="Other")
    _invoice(books, "50", status="DRAFT", when=date(2026, 2, 5))
    found = list_invoices(books, ListQuery(
        where=f'Contact.ContactID == Guid("{a.contact_id}") && Status == "AUTHORISED"')).items
    assert [i.id for i in found] == [a.id]
    by_date = list_invoices(books, ListQuery(where="Date >= DateTime(2026, 02, 01) and AmountDue > 40",
                                             order="Date DESC")).items
    assert [i.total for i in by_date] == [D("300.00"), D("50.00")]
    assert len(list_invoices(books, ListQuery(statuses=["DRAFT"])).items) == 1
    page = list_invoices(books, ListQuery(page=2, page_size=2))
    assert page.pagination == {"page": 2, "pageSize": 2, "pageCount": 2, "itemCount": 3}
    for bad in ('Status = = "X"', "Nope == 1", 'Status > 5', "DateTime(2026, 13, 1) == Date"):
        with pytest.raises(QueryParseError):
            list_invoices(books, ListQuery(where=bad))
