"""Request elements → the model's inputs. An element is a dict in Xero's spelling, from JSON or
XML alike (``wire.read_elements`` checked its names against the schemas), so values may be JSON
types or XML text: numbers, dates and booleans are read from either; a value of the wrong kind is
Xero's PostDataInvalidException (14), never a 500.

Writable scalar elements the model does not interpret are kept (``extra``) and returned, so nothing
a client sends is dropped in silence."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from connsim.simulator.core.errors import MalformedInput
from connsim.simulator.xero import fields
from connsim.simulator.xero.echo import KIND_OF_COLLECTION, echo_as
from connsim.simulator.xero.errors import PostDataInvalid
from connsim.simulator.xero.model.catalogue import ItemDetails, ItemInput
from connsim.simulator.xero.model.entities import (
    Address,
    ContactInput,
    ContactPerson,
    ContactRef,
    DocumentInput,
    LineInput,
    PaymentInput,
    PaymentTerm,
    Phone,
)

_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{2,4})?\)/$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
#: request fields holding dates, re-rendered in element echoes so the SDK can read them back
DATE_FIELDS = ("Date", "DueDate", "FullyPaidOnDate", "ExpectedPaymentDate", "PlannedPaymentDate")
#: computed or server-kept fields: accepted (a client re-sends what it read) and never stored
_READ_ONLY = frozenset({
    "UpdatedDateUTC", "HasValidationErrors", "HasErrors", "HasAttachments", "IsDiscounted", "IsSupplier", "IsCustomer",
    "StatusAttributeString", "SubTotal", "TotalTax", "Total", "TotalDiscount", "AmountDue", "AmountPaid",
    "AmountCredited", "FullyPaidOnDate", "CISDeduction", "CISRate", "Website", "Discount", "MergedToContactID",
    "ContactStatus", "CurrencyRate", "InvoiceAddresses", "RepeatingInvoiceID"})


# -- values --------------------------------------------------------------------------------------
def parse_date(value: Any, name: str) -> date | None:
    """Accept ``/Date(ms)/``, ``/Date(ms+0000)/``, ``YYYY-MM-DD`` and ``YYYY-MM-DDTHH:MM:SS``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        match = _MS_DATE.match(text)
        if match:
            return datetime.fromtimestamp(int(match.group(1)) / 1000, tz=UTC).date()
        match = _DAY.match(text)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                pass
    raise PostDataInvalid(f"The value '{value}' of {name} is not a valid date")


def parse_decimal(value: Any, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise PostDataInvalid(f"The value of {name} is not a number")
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        raise PostDataInvalid(f"The value '{value}' of {name} is not a number") from None
    if not result.is_finite():
        raise PostDataInvalid(f"The value '{value}' of {name} is not a number")
    return result


def parse_str(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise PostDataInvalid(f"The value of {name} must be a string")
    return str(value)


def parse_bool(value: Any, name: str) -> bool | None:
    """JSON booleans, or XML's ``true``/``false``."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise PostDataInvalid(f"The value '{value}' of {name} is not a boolean")


def parse_id(value: Any, name: str) -> str | None:
    """A Guid: a malformed one is Xero's PostDataInvalidException, not a lookup that finds nothing."""
    text = parse_str(value, name)
    if text is None or text == "":
        return None
    if not _GUID.match(text.strip()):
        raise PostDataInvalid(f"The value '{text}' of {name} is not a valid Guid")  # UNCONFIRMED text
    return text.strip()


def is_guid(text: str) -> bool:
    return bool(_GUID.match(text))


def _obj(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PostDataInvalid(f"The value of {name} must be an object")
    return value


def _list(value: Any, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PostDataInvalid(f"{name} must be an array")
    return [_obj(v, name) for v in value]


def extras(d: dict[str, Any], schema: str, used: tuple[str, ...]) -> dict[str, str]:
    """Writable scalar elements not interpreted by the model: kept as given."""
    known = fields.SCHEMAS[schema]
    return {k: str(parse_str(v, k)) for k, v in d.items()
            if v is not None and k not in used and k not in _READ_ONLY and not k.endswith("ID")
            and k in known and known[k][0] is None and not known[k][1]}


# -- elements ------------------------------------------------------------------------------------
def parse_contact_ref(value: Any) -> ContactRef | None:
    if value is None:
        return None
    data = _obj(value, "Contact")
    return ContactRef(parse_id(data.get("ContactID"), "ContactID"), parse_str(data.get("Name"), "Name"),
                      parse_str(data.get("ContactNumber"), "ContactNumber"))


def parse_lines(value: Any) -> list[LineInput] | None:
    if value is None:
        return None
    lines = []
    for d in _list(value, "LineItems"):
        tracking = [(str(parse_str(t.get("Name"), "Name")), str(parse_str(t.get("Option"), "Option")))
                    for t in _list(d.get("Tracking"), "Tracking")]
        lines.append(LineInput(
            description=parse_str(d.get("Description"), "Description"),
            quantity=parse_decimal(d.get("Quantity"), "Quantity"),
            unit_amount=parse_decimal(d.get("UnitAmount"), "UnitAmount"),
            line_amount=parse_decimal(d.get("LineAmount"), "LineAmount"),
            account_code=parse_str(d.get("AccountCode"), "AccountCode"),
            item_code=parse_str(d.get("ItemCode"), "ItemCode"),
            tax_type=parse_str(d.get("TaxType"), "TaxType"),
            tax_amount=parse_decimal(d.get("TaxAmount"), "TaxAmount"),
            discount_rate=parse_decimal(d.get("DiscountRate"), "DiscountRate"),
            line_item_id=parse_id(d.get("LineItemID"), "LineItemID"),
            tracking=tracking or None))
    return lines


_DOCUMENT_USED = ("Type", "Contact", "LineItems", "Date", "DueDate", "Status", "Reference", "LineAmountTypes",
                  "CurrencyCode", "Url")


def parse_document(d: dict[str, Any], id_key: str, number_key: str, default_type: str | None = None) -> DocumentInput:
    schema = "Invoice" if id_key == "InvoiceID" else "CreditNote"
    return DocumentInput(
        id=parse_id(d.get(id_key), id_key), type=parse_str(d.get("Type"), "Type") or default_type,
        contact=parse_contact_ref(d.get("Contact")), lines=parse_lines(d.get("LineItems")),
        date=parse_date(d.get("Date"), "Date"), due_date=parse_date(d.get("DueDate"), "DueDate"),
        status=parse_str(d.get("Status"), "Status"), number=parse_str(d.get(number_key), number_key),
        reference=parse_str(d.get("Reference"), "Reference"),
        line_amount_types=parse_str(d.get("LineAmountTypes"), "LineAmountTypes"),
        currency=parse_str(d.get("CurrencyCode"), "CurrencyCode"), url=parse_str(d.get("Url"), "Url"),
        extra=extras(d, schema, _DOCUMENT_USED + (number_key,)))


_ADDRESS_LINES = ("AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "City", "Region", "PostalCode",
                  "Country", "AttentionTo")
_CONTACT_USED = ("Name", "FirstName", "LastName", "EmailAddress", "ContactNumber", "AccountNumber", "ContactStatus",
                 "TaxNumber")


def parse_contact(d: dict[str, Any]) -> ContactInput:
    addresses = [Address(str(parse_str(a.get("AddressType"), "AddressType") or ""),
                         {k: str(parse_str(a[k], k)) for k in _ADDRESS_LINES if a.get(k) is not None})
                 for a in _list(d.get("Addresses"), "Addresses")] if "Addresses" in d else None
    phones = [Phone(str(parse_str(p.get("PhoneType"), "PhoneType") or ""),
                    parse_str(p.get("PhoneNumber"), "PhoneNumber"),
                    parse_str(p.get("PhoneAreaCode"), "PhoneAreaCode"),
                    parse_str(p.get("PhoneCountryCode"), "PhoneCountryCode"))
              for p in _list(d.get("Phones"), "Phones")] if "Phones" in d else None
    persons = [ContactPerson(parse_str(p.get("FirstName"), "FirstName"), parse_str(p.get("LastName"), "LastName"),
                             parse_str(p.get("EmailAddress"), "EmailAddress"),
                             bool(parse_bool(p.get("IncludeInEmails"), "IncludeInEmails")))
               for p in _list(d.get("ContactPersons"), "ContactPersons")] if "ContactPersons" in d else None
    terms = None
    if d.get("PaymentTerms") is not None:
        terms = {}
        for side, term in _obj(d["PaymentTerms"], "PaymentTerms").items():
            t = _obj(term, side)
            day = parse_decimal(t.get("Day"), "Day")
            terms[side] = PaymentTerm(int(day or 0), str(parse_str(t.get("Type"), "Type") or ""))
    return ContactInput(
        contact_id=parse_id(d.get("ContactID"), "ContactID"), name=parse_str(d.get("Name"), "Name"),
        first_name=parse_str(d.get("FirstName"), "FirstName"), last_name=parse_str(d.get("LastName"), "LastName"),
        email=parse_str(d.get("EmailAddress"), "EmailAddress"),
        contact_number=parse_str(d.get("ContactNumber"), "ContactNumber"),
        account_number=parse_str(d.get("AccountNumber"), "AccountNumber"),
        status=parse_str(d.get("ContactStatus"), "ContactStatus"),
        tax_number=parse_str(d.get("TaxNumber"), "TaxNumber"),
        addresses=addresses, phones=phones, persons=persons, payment_terms=terms,
        extra=extras(d, "Contact", _CONTACT_USED))


def parse_payment(d: dict[str, Any]) -> PaymentInput:
    invoice, account, note = _obj(d.get("Invoice"), "Invoice"), _obj(d.get("Account"), "Account"), \
        _obj(d.get("CreditNote"), "CreditNote")
    return PaymentInput(
        invoice_id=parse_id(invoice.get("InvoiceID"), "InvoiceID"),
        invoice_number=parse_str(invoice.get("InvoiceNumber") or d.get("InvoiceNumber"), "InvoiceNumber"),
        credit_note_id=parse_id(note.get("CreditNoteID"), "CreditNoteID"),
        account_id=parse_id(account.get("AccountID"), "AccountID"),
        account_code=parse_str(account.get("Code") or d.get("Code"), "Code"),
        date=parse_date(d.get("Date"), "Date"), amount=parse_decimal(d.get("Amount"), "Amount"),
        reference=parse_str(d.get("Reference"), "Reference"),
        is_reconciled=parse_bool(d.get("IsReconciled"), "IsReconciled"))


def parse_allocation(d: dict[str, Any]) -> tuple[str | None, Decimal | None, date | None]:
    """(invoice ID or number, amount, date); pyxero writes the amount as ``AppliedAmount`` in XML."""
    invoice = _obj(d.get("Invoice"), "Invoice")
    key = parse_id(invoice.get("InvoiceID"), "InvoiceID") or parse_str(invoice.get("InvoiceNumber"), "InvoiceNumber")
    amount = d.get("Amount") if d.get("Amount") is not None else d.get("AppliedAmount")
    return key, parse_decimal(amount, "Amount"), parse_date(d.get("Date"), "Date")


def _details(value: Any, name: str) -> ItemDetails | None:
    if value is None:
        return None
    d = _obj(value, name)
    return ItemDetails(unit_price=parse_decimal(d.get("UnitPrice"), "UnitPrice"),
                       account_code=parse_str(d.get("AccountCode"), "AccountCode"),
                       tax_type=parse_str(d.get("TaxType"), "TaxType"),
                       cogs_account_code=parse_str(d.get("COGSAccountCode"), "COGSAccountCode"))


def parse_item(d: dict[str, Any]) -> ItemInput:
    if parse_bool(d.get("IsTrackedAsInventory"), "IsTrackedAsInventory") or d.get("InventoryAssetAccountCode"):
        raise PostDataInvalid("Tracked inventory items are not simulated")
    return ItemInput(item_id=parse_id(d.get("ItemID"), "ItemID"), code=parse_str(d.get("Code"), "Code"),
                     name=parse_str(d.get("Name"), "Name"), description=parse_str(d.get("Description"), "Description"),
                     purchase_description=parse_str(d.get("PurchaseDescription"), "PurchaseDescription"),
                     sales=_details(d.get("SalesDetails"), "SalesDetails"),
                     purchase=_details(d.get("PurchaseDetails"), "PurchaseDetails"),
                     is_sold=parse_bool(d.get("IsSold"), "IsSold"),
                     is_purchased=parse_bool(d.get("IsPurchased"), "IsPurchased"))


def echo(d: dict[str, Any], collection: str | None = None) -> dict[str, Any]:
    """A failed element as Xero echoes it: as its model read it for the collections xero/echo.py
    knows (never the raw input), else the submitted fields; dates in the form the SDK reads."""
    kind = KIND_OF_COLLECTION.get(collection or "")
    if kind is not None:
        return echo_as(kind, d, _echo_date, DATE_FIELDS)
    out: dict[str, Any] = {}
    for key, value in d.items():
        if value is None or key in ("ValidationErrors", "Warnings"):
            continue
        if key in DATE_FIELDS:
            if (rendered := _echo_date(value, key)) is not None:
                out[key] = rendered
            continue
        out[key] = echo(value) if isinstance(value, dict) else _plain(value)
    return out


def _echo_date(value: Any, name: str) -> Any:
    from connsim.simulator.xero.render import ms

    try:
        parsed = parse_date(value, name)
    except MalformedInput:
        return None
    return ms(parsed) if parsed is not None else None


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [echo(v) if isinstance(v, dict) else _plain(v) for v in value]
    return value
