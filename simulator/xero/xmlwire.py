"""Xero Accounting in XML, its default format (reference/xero.md §2.1: XML unless the request says
``Accept: application/json``).

Bodies are read through the safe parser (``core.xmlsafe``) and checked against the OpenAPI
schemas (``fields``) element by element, so a misspelt or unknown element gets Xero's own
PostDataInvalidException. Answers are the same JSON-shaped dicts the JSON renderer makes, written
as Xero writes XML (xeroizer's recorded ``test/stub_responses``): ``<Response>`` with ``Id``,
``Status``, ``ProviderName``, ``DateTimeUTC``, plural list elements holding singular items, dates
``2011-02-16T00:00:00``, amounts with two decimals, booleans ``true``/``false``; an element's
``StatusAttributeString`` becomes its ``status`` attribute; errors are ``<ApiException>`` with
``Elements/DataContractBase xsi:type="Invoice"`` (recorded in xeroizer ``api_exception.xml`` and
XeroAPI/XeroAPI-Schemas issue #13)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from connsim.simulator.core.xmlsafe import parse_xml
from connsim.simulator.xero import fields
from connsim.simulator.xero.errors import PostDataInvalid

_MS = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NAMESPACES = {"xmlns:xsi": XSI, "xmlns:xsd": "http://www.w3.org/2001/XMLSchema"}
#: decimals Xero writes beyond money's two (xeroizer invoice.xml ``<Quantity>1.0000</Quantity>``,
#: payments.xml ``<CurrencyRate>1.000000</CurrencyRate>``)
_DECIMALS = {"Quantity": 4, "CurrencyRate": 6}
#: the schema of each envelope collection
COLLECTIONS = {"Organisations": "Organisation", "Accounts": "Account", "Contacts": "Contact", "Invoices": "Invoice",
               "Payments": "Payment", "CreditNotes": "CreditNote", "Allocations": "Allocation", "Items": "Item",
               "TaxRates": "TaxRate", "TrackingCategories": "TrackingCategory", "Currencies": "Currency",
               "BrandingThemes": "BrandingTheme", "Overpayments": "Overpayment", "Prepayments": "Prepayment"}


# -- requests ------------------------------------------------------------------------------------
def read_elements(raw: bytes, collection: str, schema: str) -> list[dict[str, Any]]:
    """``<Invoices><Invoice>…</Invoice></Invoices>`` or one ``<Invoice>``: the elements as dicts."""
    root = parse_xml(raw)
    if root.tag == collection:
        items = list(root)
        for item in items:
            if item.tag != schema:
                raise fields.not_recognised(item.tag)
        return [_element(item, schema) for item in items]
    if root.tag == schema:
        return [_element(root, schema)]
    raise PostDataInvalid(f"The root element '{root.tag}' was not recognised; expected '{collection}' or '{schema}'")


def _element(el: Element, schema: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in el:
        shape = fields.field(schema, child.tag, xml=True)
        if shape is None or child.tag in out:
            raise fields.not_recognised(child.tag)
        kind, is_list = shape
        if is_list:
            out[child.tag] = [_element(item, kind) if kind in fields.SCHEMAS else _text(item) for item in child]
        elif kind in fields.SCHEMAS:
            out[child.tag] = _element(child, kind)
        else:
            if len(child):
                raise PostDataInvalid(f"The element '{child.tag}' must hold a value, not elements")
            value = _text(child)
            if value is not None:
                out[child.tag] = value
    return out


def _text(el: Element) -> str | None:
    return el.text.strip() if el.text and el.text.strip() else None


# -- responses -----------------------------------------------------------------------------------
def envelope_xml(payload: dict[str, Any]) -> bytes:
    root = Element("Response", _NAMESPACES)
    for key, value in payload.items():
        if key == "pagination" and isinstance(value, dict):
            _write(SubElement(root, "Pagination"), value, None)
        elif key in COLLECTIONS and isinstance(value, list):
            holder = SubElement(root, key)
            for item in value:
                _write(SubElement(holder, COLLECTIONS[key]), item, COLLECTIONS[key])
        elif key == "DateTimeUTC":
            SubElement(root, key).text = _date(value, utc_stamp=True)
        else:
            _scalar_or_tree(root, key, value, None)
    return _document(root)


def object_xml(name: str, value: dict[str, Any]) -> bytes:
    """One object as the root (``DELETE …/Allocations/{id}`` answers a single Allocation)."""
    root = Element(name, _NAMESPACES)
    _write(root, value, name)
    return _document(root)


def api_exception_xml(number: int, kind: str, message: str, elements: list[dict[str, Any]] | None,
                      element_schema: str | None) -> bytes:
    root = Element("ApiException", _NAMESPACES)
    SubElement(root, "ErrorNumber").text = str(number)
    SubElement(root, "Type").text = kind
    SubElement(root, "Message").text = message
    if elements is not None:
        holder = SubElement(root, "Elements")
        for element in elements:
            base = SubElement(holder, "DataContractBase")
            if element_schema:
                base.set("xsi:type", element_schema)
            _write(base, element, element_schema)
    return _document(root)


def _document(root: Element) -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="utf-8", xml_declaration=False)


def _write(el: Element, data: dict[str, Any], schema: str | None) -> None:
    known = fields.SCHEMAS.get(schema or "", {})
    for key, value in data.items():
        if key == "StatusAttributeString":
            el.set("status", str(value))
            continue
        if key.endswith("String") and key[:-6] in known:
            continue  # DateString & co. are JSON conveniences; XML dates are already readable
        kind, _ = known.get(key, (None, isinstance(value, list)))
        if isinstance(value, list):
            holder = SubElement(el, key)
            for item in value:
                if isinstance(item, dict):
                    _write(SubElement(holder, fields.item_name(key, kind)), item, kind)
                else:
                    SubElement(holder, fields.item_name(key, kind)).text = _plain(key, item)
        elif isinstance(value, dict):
            _write(SubElement(el, key), value, kind)
        else:
            _scalar_or_tree(el, key, value, kind)


def _scalar_or_tree(el: Element, key: str, value: Any, kind: str | None) -> None:
    if value is None:
        return
    if isinstance(value, dict):
        _write(SubElement(el, key), value, kind)
    else:
        SubElement(el, key).text = _plain(key, value)


def _plain(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (float, Decimal)) or (isinstance(value, int) and key not in ("ErrorNumber",)):
        if key in ("page", "pageSize", "pageCount", "itemCount", "FinancialYearEndDay", "FinancialYearEndMonth",
                   "SortOrder", "Day"):
            return str(int(value))
        return f"{Decimal(str(value)):.{_DECIMALS.get(key, 2)}f}"
    if isinstance(value, str) and _MS.match(value):
        return _date(value)
    return str(value)


def _date(value: str, utc_stamp: bool = False) -> str:
    """``/Date(ms+0000)/`` → ``2011-02-16T00:00:00`` (dates) or ``2011-05-03T23:28:09.993`` (stamps)."""
    match = _MS.match(value)
    if not match:
        return value
    moment = datetime.fromtimestamp(int(match.group(1)) / 1000, tz=UTC)
    if utc_stamp:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}0Z"
    if moment.microsecond:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
