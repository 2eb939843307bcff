"""Xero Accounting API routes under /api.xro/2.0 (api.xero.com): Organisation, Accounts, Contacts,
Invoices, Payments, CreditNotes and their Allocations (settings, items, overpayments and
prepayments in ``routes_settings``). Each handler: parse (wire) → domain call (model) → render;
errors are raised and rendered once by ``wire.render_error``."""

from __future__ import annotations

from typing import Any

from flask import Response, request

from connsim.simulator.xero import parse, render, routes_settings, wire
from connsim.simulator.xero.errors import NotImplementedByXero, XeroValidation
from connsim.simulator.xero.model.listing import (
    list_accounts,
    list_contacts,
    list_credit_notes,
    list_invoices,
    list_payments,
)
from connsim.simulator.xero.routing import PREFIX, batch, books, bp, ok, query, route

__all__ = ["PREFIX", "bp", "routes_settings"]


# -- Organisation --------------------------------------------------------------------------------
@route("/Organisation", ["GET"], "settings")
def get_organisation() -> Response:
    return ok("Organisations", [render.organisation(books().org)])


@route("/Organisation", ["PUT", "POST"], "settings")
def write_organisation() -> Response:
    """Xero has no write to the organisation (responsecodes.md: 501 Not Implemented)."""
    raise NotImplementedByXero()


# -- Accounts (the chart of accounts: connectors look up the bank account to pay into) ----------
@route("/Accounts", ["GET"], "settings")
def get_accounts() -> Response:
    page = list_accounts(books(), query())
    return ok("Accounts", [render.account(a, books().org.base_currency) for a in page.items])


@route("/Accounts/<account_id>", ["GET"], "settings")
def get_account(account_id: str) -> Response:
    return ok("Accounts", [render.account(books().get_account(account_id), books().org.base_currency)])


# -- Contacts ------------------------------------------------------------------------------------
@route("/Contacts", ["GET"], "contacts")
def get_contacts() -> Response:
    page = list_contacts(books(), query())
    return ok("Contacts", [render.contact(c, books()) for c in page.items], page.pagination)


@route("/Contacts/<contact_id>", ["GET"], "contacts")
def get_contact(contact_id: str) -> Response:
    return ok("Contacts", [render.contact(books().get_contact(contact_id), books())])


@route("/Contacts", ["PUT", "POST"], "contacts")
def write_contacts() -> Response:
    b = books()
    apply = (lambda d: b.create_contact(parse.parse_contact(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_contact(parse.parse_contact(d)))
    return batch("Contacts", "Contact", apply, lambda c: render.contact(c, b), "HasValidationErrors")


@route("/Contacts/<contact_id>", ["POST"], "contacts")
def update_contact(contact_id: str) -> Response:
    b = books()
    contact = b.get_contact(contact_id)
    return batch("Contacts", "Contact", lambda d: b.update_contact(contact, parse.parse_contact(d)),
                 lambda c: render.contact(c, b), "HasValidationErrors")


# -- Invoices ------------------------------------------------------------------------------------
@route("/Invoices", ["GET"], "invoices")
def get_invoices() -> Response:
    b = books()
    page = list_invoices(b, query())
    return ok("Invoices", [render.invoice(b, i) for i in page.items], page.pagination)


@route("/Invoices/<key>", ["GET"], "invoices")
def get_invoice(key: str) -> Response:
    b = books()
    return ok("Invoices", [render.invoice(b, b.get_invoice(key))])


@route("/Invoices", ["PUT", "POST"], "invoices")
def write_invoices() -> Response:
    b = books()
    read = lambda d: parse.parse_document(d, "InvoiceID", "InvoiceNumber")  # noqa: E731
    apply = (lambda d: b.create_invoice(read(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_invoice(read(d)))
    return batch("Invoices", "Invoice", apply, lambda i: render.invoice(b, i), "HasErrors")


@route("/Invoices/<key>", ["POST"], "invoices")
def update_invoice(key: str) -> Response:
    b = books()
    invoice = b.get_invoice(key)
    return batch("Invoices", "Invoice",
                 lambda d: b.update_invoice(invoice, parse.parse_document(d, "InvoiceID", "InvoiceNumber")),
                 lambda i: render.invoice(b, i), "HasErrors")


# -- Payments ------------------------------------------------------------------------------------
@route("/Payments", ["GET"], "payments")
def get_payments() -> Response:
    b = books()
    page = list_payments(b, query())
    return ok("Payments", [render.payment(b, p) for p in page.items], page.pagination)


@route("/Payments/<payment_id>", ["GET"], "payments")
def get_payment(payment_id: str) -> Response:
    b = books()
    return ok("Payments", [render.payment(b, b.get_payment(payment_id))])


@route("/Payments", ["PUT", "POST"], "payments")
def write_payments() -> Response:
    b = books()
    return batch("Payments", "Payment", lambda d: b.create_payment(parse.parse_payment(d)),
                 lambda p: render.payment(b, p), "HasValidationErrors")


@route("/Payments/<payment_id>", ["POST"], "payments")
def delete_payment(payment_id: str) -> Response:
    b = books()
    b.get_payment(payment_id)

    def apply(d: dict[str, Any]) -> Any:
        if d.get("Status") != "DELETED":
            raise XeroValidation("Payments can only be deleted by setting Status to DELETED")
        return b.delete_payment(payment_id)

    return batch("Payments", "Payment", apply, lambda p: render.payment(b, p), "HasValidationErrors")


# -- Credit notes and allocations ---------------------------------------------------------------
@route("/CreditNotes", ["GET"], "invoices")
def get_credit_notes() -> Response:
    b = books()
    page = list_credit_notes(b, query())
    return ok("CreditNotes", [render.credit_note(b, c) for c in page.items], page.pagination)


@route("/CreditNotes/<key>", ["GET"], "invoices")
def get_credit_note(key: str) -> Response:
    b = books()
    return ok("CreditNotes", [render.credit_note(b, b.get_credit_note(key))])


@route("/CreditNotes", ["PUT", "POST"], "invoices")
def write_credit_notes() -> Response:
    b = books()
    read = lambda d: parse.parse_document(d, "CreditNoteID", "CreditNoteNumber")  # noqa: E731
    apply = (lambda d: b.create_credit_note(read(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_credit_note(read(d)))
    return batch("CreditNotes", "CreditNote", apply, lambda c: render.credit_note(b, c), "HasErrors")


@route("/CreditNotes/<key>", ["POST"], "invoices")
def update_credit_note(key: str) -> Response:
    b = books()
    note = b.get_credit_note(key)
    return batch("CreditNotes", "CreditNote",
                 lambda d: b.update_credit_note(note, parse.parse_document(d, "CreditNoteID", "CreditNoteNumber")),
                 lambda c: render.credit_note(b, c), "HasErrors")


@route("/CreditNotes/<key>/Allocations", ["PUT"], "invoices")
def allocate(key: str) -> Response:
    b = books()
    note = b.get_credit_note(key)

    def apply(d: dict[str, Any]) -> Any:
        return b.allocate(note, *parse.parse_allocation(d))

    return batch("Allocations", "Allocation", apply, lambda a: render.allocation(b, a), "HasValidationErrors")


@route("/CreditNotes/<key>/Allocations/<allocation_id>", ["DELETE"], "invoices")
def delete_allocation(key: str, allocation_id: str) -> Response:
    b = books()
    note = b.get_credit_note(key)
    allocation = b.remove_allocation(allocation_id, note.id)
    return wire.respond(render.allocation(b, allocation), root="Allocation")
