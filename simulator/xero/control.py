"""What a person does in Xero's web app, for tests and the harness (mounted at /_connsim/xero/):
set lock dates, edit/void/delete/re-create an invoice, raise and apply credit notes, record a
payment by hand, add contacts and invoices. Each goes through the same domain rules as the API
(a person cannot void a paid invoice either) and answers in Xero's JSON shapes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import jsonify

from connsim.simulator.control.guard import body, control_blueprint, need, tenant_of_kind
from connsim.simulator.core.errors import MalformedInput, NotFound
from connsim.simulator.xero import parse, render
from connsim.simulator.xero.model.entities import ContactInput, ContactRef, DocumentInput, LineInput, PaymentInput
from connsim.simulator.xero.model.recreate import recreate_invoice

bp = control_blueprint("xero_control", __name__)


def _tenant(tenant_id: str) -> Any:
    return tenant_of_kind(tenant_id, "xero-org")


def _amount(data: dict[str, Any], key: str = "amount") -> Decimal:
    value = need(data, key, (int, float, str))
    parsed = parse.parse_decimal(value, key)
    if parsed is None:
        raise MalformedInput(f"{key!r} is required")
    return parsed


def _single_line(amount: Decimal, description: str = "Services", account_code: str | None = "200") -> LineInput:
    return LineInput(description=description, quantity=Decimal(1), unit_amount=amount, account_code=account_code,
                     tax_type="NONE")


@bp.post("/<tenant_id>/lock-dates")
def lock_dates(tenant_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        org = b.set_lock_dates(parse.parse_date(data.get("period_lock_date"), "period_lock_date"),
                               parse.parse_date(data.get("end_of_year_lock_date"), "end_of_year_lock_date"))
        return jsonify(render.organisation(org))


@bp.post("/<tenant_id>/contacts")
def add_contact(tenant_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        contact = tenant.backend.create_contact(ContactInput(name=need(data, "name"), email=data.get("email")))
        return jsonify(render.contact(contact)), 201


def _one_line_document(data: dict[str, Any], default_type: str, description: str) -> DocumentInput:
    """An invoice or credit note as a person keys it in Xero: one line of ``amount``, no tax."""
    return DocumentInput(
        type=data.get("type", default_type), contact=ContactRef(id=need(data, "contact_id")),
        lines=[_single_line(_amount(data), data.get("description", description))],
        date=parse.parse_date(data.get("date"), "date"), due_date=parse.parse_date(data.get("due_date"), "due_date"),
        status=data.get("status", "AUTHORISED"), number=data.get("number"), reference=data.get("reference"),
        line_amount_types="NoTax")


@bp.post("/<tenant_id>/invoices")
def add_invoice(tenant_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        invoice = b.create_invoice(_one_line_document(data, "ACCREC", "Services"))
        return jsonify(render.invoice(b, invoice)), 201


@bp.post("/<tenant_id>/invoices/<invoice_id>/edit")
def edit_invoice(tenant_id: str, invoice_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        invoice = b.get_invoice(invoice_id)
        inp = parse.parse_document(data, "InvoiceID", "InvoiceNumber")
        inp.id = None
        if "Total" in data and inp.lines is None:
            first = invoice.lines[0] if invoice.lines else None
            inp.lines = [_single_line(_amount(data, "Total"), first.description if first else "Services",
                                      first.account_code if first else "200")]
            inp.line_amount_types = "NoTax"
        b.update_invoice(invoice, inp)  # the model moves UpdatedDateUTC on the clock
        return jsonify(render.invoice(b, invoice))


@bp.post("/<tenant_id>/invoices/<invoice_id>/<action>")
def invoice_status(tenant_id: str, invoice_id: str, action: str) -> Any:
    tenant = _tenant(tenant_id)
    if action not in ("void", "delete", "recreate"):
        raise NotFound(f"no invoice action {action!r}; expected edit, void, delete or recreate")
    with tenant.lock:
        b = tenant.backend
        invoice = b.get_invoice(invoice_id)
        if action != "recreate":
            b.update_invoice(invoice, DocumentInput(status="VOIDED" if action == "void" else "DELETED"))
            return jsonify(render.invoice(b, invoice))
        return jsonify(render.invoice(b, recreate_invoice(b, invoice))), 201


@bp.post("/<tenant_id>/credit-notes")
def add_credit_note(tenant_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        note = b.create_credit_note(_one_line_document(data, "ACCRECCREDIT", "Credit"))
        return jsonify(render.credit_note(b, note)), 201


@bp.post("/<tenant_id>/credit-notes/<note_id>/allocate")
def allocate(tenant_id: str, note_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        allocation = b.allocate(b.get_credit_note(note_id), need(data, "invoice_id"), _amount(data),
                                parse.parse_date(data.get("date"), "date"))
        return jsonify(render.allocation(b, allocation)), 201


@bp.post("/<tenant_id>/allocations/<allocation_id>/remove")
def remove_allocation(tenant_id: str, allocation_id: str) -> Any:
    tenant = _tenant(tenant_id)
    with tenant.lock:
        tenant.backend.remove_allocation(allocation_id)
        return jsonify({"removed": True})


@bp.post("/<tenant_id>/payments")
def add_payment(tenant_id: str) -> Any:
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        payment = b.create_payment(PaymentInput(
            invoice_id=need(data, "invoice_id"), account_code=data.get("account_code", "090"),
            date=parse.parse_date(data.get("date"), "date"), amount=_amount(data), reference=data.get("reference")))
        return jsonify(render.payment(b, payment)), 201


@bp.post("/<tenant_id>/<kind>")
def record_credit_payment(tenant_id: str, kind: str) -> Any:
    """A receipt or spend money transaction that left credit: ``overpayments`` or ``prepayments``."""
    if kind not in ("overpayments", "prepayments"):
        raise NotFound(f"no Xero control action {kind!r}")
    data, tenant = body(), _tenant(tenant_id)
    with tenant.lock:
        b = tenant.backend
        doc = b.record_credit_payment("Overpayment" if kind == "overpayments" else "Prepayment",
                                      str(data.get("side", "RECEIVE")), ContactRef(id=need(data, "contact_id")),
                                      _amount(data), parse.parse_date(data.get("date"), "date"),
                                      data.get("description"))
        return jsonify(render.credit_payment(b, doc)), 201
