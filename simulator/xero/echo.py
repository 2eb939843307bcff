"""A failed element echoed as Xero does (summarizeErrors=false, or the Elements of a 400): the
element as Xero's model read it, not the raw JSON. A field the model does not have, or a value
that does not fit the field's type, length, enum or UUID format, is left out, so every echo
validates against Xero's OpenAPI schema (reference/specs/xero_accounting.yaml, components/schemas
Contact, Invoice, CreditNote, Payment, LineItem, Account). Dates are rendered as the SDK reads them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

Check = Callable[[Any], Any]
_DROP = object()


def _text(limit: int | None = None) -> Check:
    return lambda v: v if isinstance(v, str) and (limit is None or len(v) <= limit) else _DROP


def _enum(*values: str) -> Check:
    return lambda v: v if isinstance(v, str) and v in values else _DROP


def _uuid(v: Any) -> Any:
    try:
        return v if isinstance(v, str) and str(uuid.UUID(v)) == v.lower() else _DROP
    except ValueError:
        return _DROP


def _number(v: Any) -> Any:
    if isinstance(v, bool) or not isinstance(v, (int, float, Decimal, str)):
        return _DROP
    try:
        value = Decimal(str(v).strip())
    except InvalidOperation:
        return _DROP
    return float(value) if value.is_finite() else _DROP


def _boolean(v: Any) -> Any:
    return v if isinstance(v, bool) else _DROP


#: currency codes (a subset of the spec's CurrencyCode enum) echoed back; others are left out
_CURRENCIES = ("AUD", "NZD", "GBP", "USD", "EUR", "CAD", "ZAR", "SGD", "HKD", "JPY", "CHF", "FJD", "INR", "MYR")
_STATUS = _enum("DRAFT", "SUBMITTED", "DELETED", "AUTHORISED", "PAID", "VOIDED")
_LINE_AMOUNT_TYPES = _enum("Exclusive", "Inclusive", "NoTax")

FIELDS: dict[str, dict[str, Any]] = {
    "Contact": {"ContactID": _uuid, "Name": _text(255), "FirstName": _text(255), "LastName": _text(255),
                "EmailAddress": _text(255), "ContactNumber": _text(50), "AccountNumber": _text(50),
                "ContactStatus": _enum("ACTIVE", "ARCHIVED", "GDPRREQUEST")},
    "LineItem": {"Description": _text(), "Quantity": _number, "UnitAmount": _number, "LineAmount": _number,
                 "AccountCode": _text(), "ItemCode": _text(), "TaxType": _text(), "TaxAmount": _number,
                 "DiscountRate": _number, "LineItemID": _uuid, "AccountID": _uuid},
    "Invoice": {"InvoiceID": _uuid, "Type": _enum("ACCPAY", "ACCPAYCREDIT", "APOVERPAYMENT", "APPREPAYMENT",
                                                  "ACCREC", "ACCRECCREDIT", "AROVERPAYMENT", "ARPREPAYMENT"),
                "Contact": "Contact", "LineItems": ["LineItem"], "Status": _STATUS, "InvoiceNumber": _text(255),
                "Reference": _text(), "LineAmountTypes": _LINE_AMOUNT_TYPES, "CurrencyCode": _enum(*_CURRENCIES),
                "Url": _text()},
    "CreditNote": {"CreditNoteID": _uuid, "Type": _enum("ACCPAYCREDIT", "ACCRECCREDIT"), "Contact": "Contact",
                   "LineItems": ["LineItem"], "Status": _STATUS, "CreditNoteNumber": _text(), "Reference": _text(),
                   "LineAmountTypes": _LINE_AMOUNT_TYPES, "CurrencyCode": _enum(*_CURRENCIES)},
    "Payment": {"PaymentID": _uuid, "Invoice": "Invoice", "Account": "Account", "CreditNote": "CreditNote",
                "Amount": _number, "Reference": _text(), "IsReconciled": _boolean, "Status": _enum("AUTHORISED",
                                                                                                "DELETED"),
                "Code": _text(), "InvoiceNumber": _text(), "CreditNoteNumber": _text()},
    "Account": {"AccountID": _uuid, "Code": _text(), "Name": _text(150)},
}
#: the model each collection's elements are read into
KIND_OF_COLLECTION = {"Contacts": "Contact", "Invoices": "Invoice", "CreditNotes": "CreditNote", "Payments": "Payment"}


def echo_as(kind: str, element: dict[str, Any], render_date: Callable[[Any, str], Any],
            date_fields: tuple[str, ...]) -> dict[str, Any]:
    """``element`` as Xero's ``kind`` model holds it. ``render_date(value, name)`` gives a date field's
    echo (or None to leave it out) for the names in ``date_fields``."""
    out: dict[str, Any] = {}
    fields = FIELDS[kind]
    for key, value in element.items():
        if value is None:
            continue
        if key in date_fields:
            rendered = render_date(value, key)
            if rendered is not None:
                out[key] = rendered
            continue
        rule = fields.get(key)
        if isinstance(rule, str):
            if isinstance(value, dict):
                out[key] = echo_as(rule, value, render_date, date_fields)
        elif isinstance(rule, list):
            if isinstance(value, list):
                out[key] = [echo_as(rule[0], item, render_date, date_fields)
                            for item in value if isinstance(item, dict)]
        elif rule is not None and (checked := rule(value)) is not _DROP:
            out[key] = checked
    return out
