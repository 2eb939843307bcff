"""Xero Accounting API routes under /api.xro/2.0 (api.xero.com): Organisation, Contacts, Invoices,
Payments, CreditNotes and their Allocations. Each handler: parse (wire) → domain call (model) →
render; errors are raised and rendered once by ``wire.render_error``."""

from __future__ import annotations

from typing import Any, Callable

from flask import Blueprint, Response, request

from connsim.simulator import xero_gateway
from connsim.simulator.core.errors import SimError
from connsim.simulator.remote import Remote, current_tenant, install_gates
from connsim.simulator.xero import render, wire
from connsim.simulator.xero.control import bp as control_bp
from connsim.simulator.xero.errors import ValidationBatch, XeroValidation
from connsim.simulator.xero.model import XeroBackend
from connsim.simulator.xero.model.listing import (ListQuery, list_accounts, list_contacts, list_credit_notes, list_invoices,
                                                  list_payments)
from connsim.simulator.xero.seed import seed

PREFIX = "/api.xro/2.0"
bp = Blueprint("xero", __name__)


def route(rule: str, methods: list[str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the canonical path and its lower-case spelling (Xero's paths ignore case)."""
    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        bp.add_url_rule(PREFIX + rule, view_func=fn, methods=methods)
        if rule.lower() != rule:
            bp.add_url_rule(PREFIX + rule.lower(), endpoint=fn.__name__ + "_lc", view_func=fn, methods=methods)
        return fn
    return wrap


def books() -> XeroBackend:
    return current_tenant().backend


def ok(collection: str, items: list[dict[str, Any]], pagination: dict[str, int] | None = None) -> Response:
    return wire.json_response(render.envelope(collection, items, books().now(), pagination=pagination))


def query() -> ListQuery:
    return ListQuery(where=request.args.get("where"), order=request.args.get("order"), ids=wire.arg_list("IDs"),
                     numbers=wire.arg_list("InvoiceNumbers"), contact_ids=wire.arg_list("ContactIDs"),
                     statuses=wire.arg_list("Statuses"), modified_since=wire.modified_since(),
                     page=wire.arg_int("page"), page_size=wire.arg_int("pageSize"),
                     include_archived=wire.arg_bool("includeArchived", False),
                     search_term=request.args.get("searchTerm"))


def batch(collection: str, apply: Callable[[dict[str, Any]], Any], show: Callable[[Any], dict[str, Any]],
          error_flag: str) -> Response:
    """Run each element. Default (summarizeErrors omitted/True): all or nothing, failures → 400 with
    Elements. summarizeErrors=False: 200, each element marked OK or ERROR with its ValidationErrors."""
    summarize = wire.arg_bool("summarizeErrors", True)
    raw = wire.elements(wire.read_json(), collection)
    backend = books()
    saved = backend.savepoint() if summarize and len(raw) > 1 else None
    out, failures = [], []
    try:
        for element in raw:
            try:
                shown = show(apply(element))
                if not summarize:
                    shown["StatusAttributeString"] = "OK"
                out.append(shown)
            except XeroValidation as exc:
                failed = {**wire.echo(element, collection), error_flag: True, "StatusAttributeString": "ERROR",
                          "ValidationErrors": [{"Message": m} for m in exc.messages]}
                failures.append(failed)
                out.append(failed)
        if failures and summarize:
            raise ValidationBatch(failures)
    except SimError:
        if saved is not None:
            backend.restore(saved)
        raise
    return ok(collection, out)


# -- Organisation --------------------------------------------------------------------------------
@route("/Organisation", ["GET"])
def get_organisation() -> Response:
    return ok("Organisations", [render.organisation(books().org)])


# -- Accounts (the chart of accounts: connectors look up the bank account to pay into) ----------
@route("/Accounts", ["GET"])
def get_accounts() -> Response:
    page = list_accounts(books(), query())
    return ok("Accounts", [render.account(a, books().org.base_currency) for a in page.items])


@route("/Accounts/<account_id>", ["GET"])
def get_account(account_id: str) -> Response:
    return ok("Accounts", [render.account(books().get_account(account_id), books().org.base_currency)])


# -- Contacts ------------------------------------------------------------------------------------
@route("/Contacts", ["GET"])
def get_contacts() -> Response:
    page = list_contacts(books(), query())
    return ok("Contacts", [render.contact(c) for c in page.items], page.pagination)


@route("/Contacts/<contact_id>", ["GET"])
def get_contact(contact_id: str) -> Response:
    return ok("Contacts", [render.contact(books().get_contact(contact_id))])


@route("/Contacts", ["PUT", "POST"])
def write_contacts() -> Response:
    b = books()
    apply = (lambda d: b.create_contact(wire.parse_contact(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_contact(wire.parse_contact(d)))
    return batch("Contacts", apply, render.contact, "HasValidationErrors")


@route("/Contacts/<contact_id>", ["POST"])
def update_contact(contact_id: str) -> Response:
    b = books()
    contact = b.get_contact(contact_id)
    return batch("Contacts", lambda d: b.update_contact(contact, wire.parse_contact(d)), render.contact,
                 "HasValidationErrors")


# -- Invoices ------------------------------------------------------------------------------------
@route("/Invoices", ["GET"])
def get_invoices() -> Response:
    b = books()
    page = list_invoices(b, query())
    return ok("Invoices", [render.invoice(b, i) for i in page.items], page.pagination)


@route("/Invoices/<key>", ["GET"])
def get_invoice(key: str) -> Response:
    b = books()
    return ok("Invoices", [render.invoice(b, b.get_invoice(key))])


@route("/Invoices", ["PUT", "POST"])
def write_invoices() -> Response:
    b = books()
    parse = lambda d: wire.parse_document(d, "InvoiceID", "InvoiceNumber")  # noqa: E731
    apply = (lambda d: b.create_invoice(parse(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_invoice(parse(d)))
    return batch("Invoices", apply, lambda i: render.invoice(b, i), "HasErrors")


@route("/Invoices/<key>", ["POST"])
def update_invoice(key: str) -> Response:
    b = books()
    invoice = b.get_invoice(key)
    return batch("Invoices", lambda d: b.update_invoice(invoice, wire.parse_document(d, "InvoiceID", "InvoiceNumber")),
                 lambda i: render.invoice(b, i), "HasErrors")


# -- Payments ------------------------------------------------------------------------------------
@route("/Payments", ["GET"])
def get_payments() -> Response:
    b = books()
    page = list_payments(b, query())
    return ok("Payments", [render.payment(b, p) for p in page.items], page.pagination)


@route("/Payments/<payment_id>", ["GET"])
def get_payment(payment_id: str) -> Response:
    b = books()
    return ok("Payments", [render.payment(b, b.get_payment(payment_id))])


@route("/Payments", ["PUT", "POST"])
def write_payments() -> Response:
    b = books()
    return batch("Payments", lambda d: b.create_payment(wire.parse_payment(d)), lambda p: render.payment(b, p),
                 "HasValidationErrors")


@route("/Payments/<payment_id>", ["POST"])
def delete_payment(payment_id: str) -> Response:
    b = books()
    b.get_payment(payment_id)

    def apply(d: dict[str, Any]) -> Any:
        if d.get("Status") != "DELETED":
            raise XeroValidation("Payments can only be deleted by setting Status to DELETED")
        return b.delete_payment(payment_id)

    return batch("Payments", apply, lambda p: render.payment(b, p), "HasValidationErrors")


# -- Credit notes and allocations ---------------------------------------------------------------
@route("/CreditNotes", ["GET"])
def get_credit_notes() -> Response:
    b = books()
    page = list_credit_notes(b, query())
    return ok("CreditNotes", [render.credit_note(b, c) for c in page.items], page.pagination)


@route("/CreditNotes/<key>", ["GET"])
def get_credit_note(key: str) -> Response:
    b = books()
    return ok("CreditNotes", [render.credit_note(b, b.get_credit_note(key))])


@route("/CreditNotes", ["PUT", "POST"])
def write_credit_notes() -> Response:
    b = books()
    parse = lambda d: wire.parse_document(d, "CreditNoteID", "CreditNoteNumber")  # noqa: E731
    apply = (lambda d: b.create_credit_note(parse(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_credit_note(parse(d)))
    return batch("CreditNotes", apply, lambda c: render.credit_note(b, c), "HasErrors")


@route("/CreditNotes/<key>", ["POST"])
def update_credit_note(key: str) -> Response:
    b = books()
    note = b.get_credit_note(key)
    return batch("CreditNotes",
                 lambda d: b.update_credit_note(note, wire.parse_document(d, "CreditNoteID", "CreditNoteNumber")),
                 lambda c: render.credit_note(b, c), "HasErrors")


@route("/CreditNotes/<key>/Allocations", ["PUT"])
def allocate(key: str) -> Response:
    b = books()
    note = b.get_credit_note(key)

    def apply(d: dict[str, Any]) -> Any:
        invoice = d.get("Invoice") if isinstance(d.get("Invoice"), dict) else {}
        return b.allocate(note, wire.parse_str(invoice.get("InvoiceID") or invoice.get("InvoiceNumber"), "Invoice"),
                          wire.parse_decimal(d.get("Amount"), "Amount"), wire.parse_date(d.get("Date"), "Date"))

    return batch("Allocations", apply, lambda a: render.allocation(b, a), "HasValidationErrors")


@route("/CreditNotes/<key>/Allocations/<allocation_id>", ["DELETE"])
def delete_allocation(key: str, allocation_id: str) -> Response:
    b = books()
    note = b.get_credit_note(key)
    allocation = b.remove_allocation(allocation_id, note.id)
    return wire.json_response(render.allocation(b, allocation))


REMOTE = Remote(
    name="xero", blueprint=bp, prefixes=(PREFIX,), hosts=("api.xero.com",), render_error=wire.render_error,
    tenant_kind="xero-org", provider="xero", tenant_id=xero_gateway.tenant_header,
    rate_policy=xero_gateway.XERO_RATE_POLICY, rate_headers=xero_gateway.rate_headers,
    idempotency_header="Idempotency-Key", control=control_bp, backend_factory=XeroBackend, seed=seed,
    description="Xero Accounting API 2.0 (Organisation, Contacts, Invoices, Payments, CreditNotes, Allocations)",
)
install_gates(REMOTE)
