"""What a person does in QuickBooks, at /_connsim/qbo/<realm>/...: close the books, record a
payment or a credit memo by hand, apply and un-apply credit, delete and re-enter an invoice, and
set up customers and invoices for a test. These bypass the closing date, as the UI lets a person
do after a warning."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify

from connsim.simulator.control.guard import (
    body,
    control_blueprint,
    need,
    tenant_of_kind,
)
from connsim.simulator.core.errors import MalformedInput
from connsim.simulator.qbo.model.views import jsonable

bp = control_blueprint("qbo_control", __name__)
NUMBER = (int, float, str)


def _tenant(realm: str) -> Any:
    return tenant_of_kind(realm, "qbo-realm")


def _date(value: Any, key: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise MalformedInput(f"{key!r} must be YYYY-MM-DD") from None


def _ui(realm: str, action: Any) -> Any:
    """Run one action under the realm's lock; the result as JSON."""
    tenant = _tenant(realm)
    with tenant.lock:
        return jsonify(jsonable(action(tenant.backend)))


@bp.post("/<realm>/closing-date")
def closing_date(realm: str) -> Any:
    data = body()
    when, password = _date(data.get("date"), "date"), bool(data.get("password", False))

    def act(qbo: Any) -> dict[str, Any]:
        qbo.set_closing_date(when, password)
        return {"BookCloseDate": when, "password": password}

    return _ui(realm, act)


@bp.post("/<realm>/customers")
def add_customer(realm: str) -> Any:
    name = need(body(), "name")
    return _ui(realm, lambda qbo: qbo.view(qbo.create("Customer", {"DisplayName": name}, ui=True))), 201


def _line(amount: Any, description: str) -> dict[str, Any]:
    return {"Amount": amount, "DetailType": "SalesItemLineDetail", "Description": description,
            "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}}}


@bp.post("/<realm>/invoices")
def add_invoice(realm: str) -> Any:
    data = body()
    fields: dict[str, Any] = {
        "CustomerRef": {"value": str(need(data, "customer_id", NUMBER))},
        "Line": [_line(need(data, "amount", NUMBER), data.get("description", "Services"))]}
    if data.get("date"):
        fields["TxnDate"] = _date(data["date"], "date").isoformat()  # type: ignore[union-attr]  # date was given, so _date returns a date
    if data.get("doc_number"):
        fields["DocNumber"] = str(data["doc_number"])
    return _ui(realm, lambda qbo: qbo.view(qbo.create("Invoice", fields, ui=True))), 201


@bp.post("/<realm>/payments")
def record_payment(realm: str) -> Any:
    """Receive Payment by hand: the amount goes to the invoice, any excess stays unapplied."""
    data = body()
    invoice_id, amount = str(need(data, "invoice_id", NUMBER)), need(data, "amount", NUMBER)
    when = _date(data.get("date"), "date")

    def act(qbo: Any) -> dict[str, Any]:
        invoice = qbo.get("Invoice", invoice_id)
        applied = min(float(amount), float(invoice.balance))
        fields = {"CustomerRef": {"value": invoice.customer_id}, "TotalAmt": amount,
                  "PrivateNote": "Recorded in QuickBooks",
                  "Line": [{"Amount": applied, "LinkedTxn": [{"TxnId": invoice.id, "TxnType": "Invoice"}]}]
                  if applied > 0 else []}
        if when:
            fields["TxnDate"] = when.isoformat()
        return qbo.view(qbo.create("Payment", fields, ui=True))

    return _ui(realm, act), 201


@bp.post("/<realm>/credit-memos")
def add_credit_memo(realm: str) -> Any:
    data = body()
    fields = {"CustomerRef": {"value": str(need(data, "customer_id", NUMBER))},
              "Line": [{"Amount": need(data, "amount", NUMBER), "DetailType": "SalesItemLineDetail",
                        "Description": data.get("description", "Credit"),
                        "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}}}]}
    if data.get("date"):
        fields["TxnDate"] = _date(data["date"], "date").isoformat()  # type: ignore[union-attr]  # date was given, so _date returns a date
    return _ui(realm, lambda qbo: qbo.view(qbo.create("CreditMemo", fields, ui=True))), 201


@bp.post("/<realm>/credit-memos/<credit_id>/apply")
def apply_credit(realm: str, credit_id: str) -> Any:
    data = body()
    invoice_id = str(need(data, "invoice_id", NUMBER))

    return _ui(realm, lambda qbo: _credit_result(qbo, "applied", credit_id, invoice_id,
                                                 qbo.apply_credit(credit_id, invoice_id, data.get("amount"))))


@bp.post("/<realm>/credit-memos/<credit_id>/unapply")
def unapply_credit(realm: str, credit_id: str) -> Any:
    invoice_id = str(need(body(), "invoice_id", NUMBER))

    return _ui(realm, lambda qbo: _credit_result(qbo, "unapplied", credit_id, invoice_id,
                                                 qbo.unapply_credit(credit_id, invoice_id)))


def _credit_result(qbo: Any, what: str, credit_id: str, invoice_id: str, amount: Any) -> dict[str, Any]:
    """What a credit memo (un)application answers: the movement, and both documents after it."""
    return {what: {"credit_memo_id": credit_id, "invoice_id": invoice_id, "amount": amount},
            "CreditMemo": qbo.view(qbo.get("CreditMemo", credit_id)),
            "Invoice": qbo.view(qbo.get("Invoice", invoice_id))}


@bp.post("/<realm>/invoices/<invoice_id>/edit")
def edit_invoice(realm: str, invoice_id: str) -> Any:
    """A person edits the invoice in QuickBooks: ``{"amount": n}`` makes it one line of that amount;
    other keys are invoice fields merged as a sparse update (``DueDate``, ``PrivateNote``, ...)."""
    data = body()
    fields = {k: v for k, v in data.items() if k not in ("amount", "description")}
    if "amount" in data:
        fields["Line"] = [_line(need(data, "amount", NUMBER), data.get("description", "Services"))]
    return _ui(realm, lambda qbo: qbo.view(qbo.update("Invoice", {**fields, "Id": invoice_id}, sparse=True,
                                                      ui=True)))


@bp.post("/<realm>/invoices/<invoice_id>/void")
def void_invoice(realm: str, invoice_id: str) -> Any:
    return _ui(realm, lambda qbo: qbo.view(qbo.void("Invoice", {"Id": invoice_id}, ui=True)))


@bp.post("/<realm>/invoices/<invoice_id>/delete")
def delete_invoice(realm: str, invoice_id: str) -> Any:
    return _ui(realm, lambda qbo: {"deleted": qbo.delete("Invoice", {"Id": invoice_id}, ui=True).id})


@bp.post("/<realm>/invoices/<invoice_id>/recreate")
def recreate_invoice(realm: str, invoice_id: str) -> Any:
    return _ui(realm, lambda qbo: qbo.view(qbo.recreate_invoice(invoice_id))), 201
