"""Xero Accounting on the wire: read request bodies and query strings (bad input → Xero's own
error shapes, never a 500) and ``render_error``, the one function that turns every SimError into
Xero's answer: the gateway's problem JSON for 401/403/429, ValidationException (10),
PostDataInvalidException (14), QueryParseException (16), and the plain-text 404."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from typing import Any

from flask import Response, request

from connsim.simulator import xero_gateway
from connsim.simulator.core.bounded import load_json
from connsim.simulator.core.errors import (InjectedFault, MalformedInput, NotFound, PayloadTooLarge, RateLimited,
                                           SimError, UnsupportedMediaType)
from connsim.simulator.xero.echo import KIND_OF_COLLECTION, echo_as
from connsim.simulator.xero.errors import PostDataInvalid, QueryParseError, ValidationBatch, XeroValidation
from connsim.simulator.xero.model.entities import ContactInput, ContactRef, DocumentInput, LineInput, PaymentInput

_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{2,4})?\)/$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
NOT_FOUND_TEXT = "The resource you're looking for cannot be found"


# -- responses -----------------------------------------------------------------------------------
def json_response(payload: dict[str, Any], status: int = 200) -> Response:
    response = Response(json.dumps(payload), status=status, content_type="application/json; charset=utf-8")
    if "Id" in payload:
        response.headers["Xero-Correlation-Id"] = payload["Id"]
    return response


def _error_body(number: int, kind: str, message: str, elements: list[dict[str, Any]] | None = None) -> dict:
    body: dict[str, Any] = {"ErrorNumber": number, "Type": kind, "Message": message}
    if elements is not None:
        body["Elements"] = elements
    return body


def render_error(exc: SimError) -> Response:
    """Every error of the Accounting API, in Xero's shape."""
    if isinstance(exc, InjectedFault) and exc.status == 429:
        exc = RateLimited("Rate limit exceeded", problem="minute", retry_after=60)
    gateway = xero_gateway.gateway_error(exc)
    if gateway is not None:
        return gateway
    if isinstance(exc, ValidationBatch):
        return json_response(_error_body(10, "ValidationException", "A validation exception occurred",
                                         exc.elements), 400)
    if isinstance(exc, XeroValidation):
        return json_response(_error_body(10, "ValidationException", "A validation exception occurred",
                                         [{"ValidationErrors": [{"Message": m} for m in exc.messages]}]), 400)
    if isinstance(exc, QueryParseError):
        return json_response(_error_body(16, "QueryParseException", exc.message), 400)
    if isinstance(exc, (MalformedInput, UnsupportedMediaType, PayloadTooLarge)):
        return json_response(_error_body(14, "PostDataInvalidException", exc.message),
                             exc.status if exc.status in (413, 415) else 400)
    if isinstance(exc, NotFound):
        return Response(NOT_FOUND_TEXT, status=404, content_type="text/plain; charset=utf-8")
    if exc.status >= 500:
        return json_response(_error_body(500, "InternalServerError" if exc.status == 500 else exc.code,
                                         exc.message), exc.status)
    return json_response(_error_body(exc.status, exc.code, exc.message), exc.status)


# -- request bodies ------------------------------------------------------------------------------
def read_json() -> Any:
    """The JSON body. GETs may carry ``Content-Type: application/json`` with no body: only call on writes."""
    raw = request.get_data(cache=True)
    ctype = (request.mimetype or "").lower()
    if ctype and ctype != "application/json" and not ctype.endswith("+json"):
        raise PostDataInvalid(f"The content type '{ctype}' is not supported; send application/json")
    if not raw.strip():
        raise PostDataInvalid("The request body is empty")
    try:
        return load_json(raw.decode("utf-8"), parse_float=Decimal)  # depth-bounded: deep nesting is a 400
    except (UnicodeDecodeError, ValueError):
        raise PostDataInvalid("JSON request body could not be read, please check the format of your request") \
            from None


def elements(body: Any, collection: str) -> list[dict[str, Any]]:
    """``{"Invoices":[…]}`` or one bare object: the list of element dicts."""
    if isinstance(body, dict) and collection in body:
        items = body[collection]
        if not isinstance(items, list):
            raise PostDataInvalid(f"'{collection}' must be an array")
    elif isinstance(body, dict):
        items = [body]
    else:
        raise PostDataInvalid("JSON request body could not be read, please check the format of your request")
    for item in items:
        if not isinstance(item, dict):
            raise PostDataInvalid(f"Each element of '{collection}' must be an object")
    return items


def parse_date(value: Any, name: str) -> date | None:
    """Accept ``/Date(ms)/``, ``/Date(ms+0000)/``, ``YYYY-MM-DD`` and ``YYYY-MM-DDTHH:MM:SS``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        match = _MS_DATE.match(text)
        if match:
            return datetime.fromtimestamp(int(match.group(1)) / 1000, tz=timezone.utc).date()
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


def _obj(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PostDataInvalid(f"The value of {name} must be an object")
    return value


def parse_contact_ref(value: Any) -> ContactRef | None:
    if value is None:
        return None
    data = _obj(value, "Contact")
    return ContactRef(parse_str(data.get("ContactID"), "ContactID"), parse_str(data.get("Name"), "Name"),
                      parse_str(data.get("ContactNumber"), "ContactNumber"))


def parse_lines(value: Any) -> list[LineInput] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise PostDataInvalid("LineItems must be an array")
    lines = []
    for raw in value:
        d = _obj(raw, "LineItem")
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
            line_item_id=parse_str(d.get("LineItemID"), "LineItemID")))
    return lines


def parse_document(d: dict[str, Any], id_key: str, number_key: str, default_type: str | None = None) -> DocumentInput:
    return DocumentInput(
        id=parse_str(d.get(id_key), id_key), type=parse_str(d.get("Type"), "Type") or default_type,
        contact=parse_contact_ref(d.get("Contact")), lines=parse_lines(d.get("LineItems")),
        date=parse_date(d.get("Date"), "Date"), due_date=parse_date(d.get("DueDate"), "DueDate"),
        status=parse_str(d.get("Status"), "Status"), number=parse_str(d.get(number_key), number_key),
        reference=parse_str(d.get("Reference"), "Reference"),
        line_amount_types=parse_str(d.get("LineAmountTypes"), "LineAmountTypes"),
        currency=parse_str(d.get("CurrencyCode"), "CurrencyCode"), url=parse_str(d.get("Url"), "Url"))


def parse_contact(d: dict[str, Any]) -> ContactInput:
    return ContactInput(**{attr: parse_str(d.get(key), key) for attr, key in (
        ("contact_id", "ContactID"), ("name", "Name"), ("first_name", "FirstName"), ("last_name", "LastName"),
        ("email", "EmailAddress"), ("contact_number", "ContactNumber"), ("account_number", "AccountNumber"),
        ("status", "ContactStatus"))})


def parse_payment(d: dict[str, Any]) -> PaymentInput:
    invoice, account, note = _obj(d.get("Invoice"), "Invoice"), _obj(d.get("Account"), "Account"), \
        _obj(d.get("CreditNote"), "CreditNote")
    reconciled = d.get("IsReconciled")
    return PaymentInput(
        invoice_id=parse_str(invoice.get("InvoiceID"), "InvoiceID"),
        invoice_number=parse_str(invoice.get("InvoiceNumber") or d.get("InvoiceNumber"), "InvoiceNumber"),
        credit_note_id=parse_str(note.get("CreditNoteID"), "CreditNoteID"),
        account_id=parse_str(account.get("AccountID"), "AccountID"),
        account_code=parse_str(account.get("Code") or d.get("Code"), "Code"),
        date=parse_date(d.get("Date"), "Date"), amount=parse_decimal(d.get("Amount"), "Amount"),
        reference=parse_str(d.get("Reference"), "Reference"),
        is_reconciled=reconciled if isinstance(reconciled, bool) else None)


def echo(d: dict[str, Any], collection: str = "Invoices") -> dict[str, Any]:
    """A failed element as Xero echoes it: as its model read it (xero/echo.py), dates as the SDK reads them."""
    return echo_as(KIND_OF_COLLECTION.get(collection, "Invoice"), d, _echo_date)


def _echo_date(value: Any, name: str) -> Any:
    try:
        parsed = parse_date(value, name)
    except MalformedInput:
        return None
    from connsim.simulator.xero.render import ms

    return ms(parsed) if parsed is not None else None


# -- query strings -------------------------------------------------------------------------------
def arg_bool(name: str, default: bool) -> bool:
    """xero-python sends Python bools: ``True``/``False``."""
    value = request.args.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise QueryParseError(f"The value '{value}' is not valid for {name}")


def arg_int(name: str) -> int | None:
    value = request.args.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise QueryParseError(f"The value '{value}' is not valid for {name}") from None


def arg_list(name: str) -> list[str] | None:
    value = request.args.get(name)
    return [v for v in value.split(",") if v.strip()] if value else None


def modified_since() -> datetime | None:
    """If-Modified-Since: ISO 8601 (what xero-python sends) or an RFC 1123 HTTP date."""
    value = request.headers.get("If-Modified-Since")
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise QueryParseError(f"The If-Modified-Since header '{value}' is not a valid date") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
