"""What a transaction refers to, checked as QBO checks it, and what QBO fills in from it: the
header Refs (customer's terms, class, location, currency, deposit account), each sales line's item
and tax code, the tax itself (outside the US), the DueDate from terms, and the customer's addresses.

Facts: an unknown line item is 2500 "Invalid Reference Id : Line.SalesItemLineDetail.ItemRef"
(QuickBooks-V3-PHP-SDK issue #102, quickbooks-ruby issue #251); a Category item on a line is 2500
"...set up as a category instead of a product or service" (third-party code quoting it); invoices
carry CurrencyRef, TxnTaxDetail, BillAddr/ShipAddr copied from the customer, TaxCodeRef NON on US
lines and DueDate = TxnDate + the terms (minimul/qbo_api spec/vcr/create/invoice.yml)."""

from __future__ import annotations

import copy
from calendar import monthrange
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.errors import (
    BusinessValidation,
    InactiveReference,
    InvalidReference,
)
from connsim.simulator.qbo.model.records import ZERO, ref_id

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend

US_LINE_CODES = ("TAX", "NON")
#: header Ref → list it names, per transaction kind
HEADER_REFS: dict[str, dict[str, str]] = {
    "Invoice": {"SalesTermRef": "Term", "ClassRef": "Class", "DepartmentRef": "Department",
                "DepositToAccountRef": "Account", "PaymentMethodRef": "PaymentMethod"},
    "CreditMemo": {"SalesTermRef": "Term", "ClassRef": "Class", "DepartmentRef": "Department",
                   "DepositToAccountRef": "Account", "PaymentMethodRef": "PaymentMethod"},
    "Payment": {"DepositToAccountRef": "Account", "PaymentMethodRef": "PaymentMethod", "ARAccountRef": "Account"},
    "Customer": {"SalesTermRef": "Term", "PaymentMethodRef": "PaymentMethod", "ARAccountRef": "Account",
                 "ParentRef": "Customer", "DefaultTaxCodeRef": "TaxCode"},
}
CATEGORY_DETAIL = ("Invalid Reference Id : An item in this transaction is set up as a category instead of a "
                   "product or service.")


def header_refs(backend: QboBackend, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with every header Ref resolved (unknown: 2500) and CurrencyRef checked; a copy."""
    out = dict(fields)
    for prop, target in HEADER_REFS.get(kind, {}).items():
        if prop in out:
            found = backend.resolve(target, out[prop], prop)
            out[prop] = backend.named_ref(target, found.id)
    if "CurrencyRef" in out:
        value = out["CurrencyRef"]
        out["CurrencyRef"] = backend.company.currency_ref(str(value.get("value") if isinstance(value, dict)
                                                              else value))
    return out


def resolve_lines(backend: QboBackend, lines: list[dict[str, Any]]) -> None:
    """Each sales line's ItemRef (missing: item 1, UNCONFIRMED), TaxCodeRef and ClassRef, named; in place."""
    for n, line in enumerate(lines):
        if line["DetailType"] != "SalesItemLineDetail":
            continue
        detail = copy.deepcopy(line.get("SalesItemLineDetail") or {})
        if not isinstance(detail, dict):
            detail = {}
        element = "Line.SalesItemLineDetail.ItemRef"
        item_id = ref_id(detail.get("ItemRef"), element) or "1"
        item = backend.store["Item"].get(item_id)
        if item is None or item.deleted:
            raise InvalidReference(element)
        if not item.active:  # type: ignore[attr-defined]  # list records (Item, Account...) have active
            raise InactiveReference(element)
        if item.fields.get("Type") == "Category":
            raise _category(element)
        detail["ItemRef"] = backend.named_ref("Item", item.id)
        detail["TaxCodeRef"] = _line_tax_code(backend, detail.get("TaxCodeRef"), item.fields)
        if "ClassRef" in detail:
            detail["ClassRef"] = backend.named_ref("Class", backend.resolve("Class", detail["ClassRef"],
                                                                            "Line.SalesItemLineDetail.ClassRef").id)
        lines[n] = dict(line, SalesItemLineDetail=detail)


def _category(element: str) -> InvalidReference:
    fault = InvalidReference(element)
    fault.detail = CATEGORY_DETAIL
    return fault


def _line_tax_code(backend: QboBackend, sent: Any, item: dict[str, Any]) -> dict[str, str]:
    element = "Line.SalesItemLineDetail.TaxCodeRef"
    if backend.company.country.sales_tax:  # US: the pseudo-codes TAX and NON
        value = sent.get("value") if isinstance(sent, dict) else sent
        if value in (None, ""):
            return {"value": "TAX" if item.get("Taxable") else "NON"}
        if str(value) not in US_LINE_CODES:
            raise InvalidReference(element)
        return {"value": str(value)}
    if sent in (None, "", {}):
        sent = item.get("SalesTaxCodeRef")
    if sent in (None, "", {}):
        word = "VAT" if backend.company.country.code == "GB" else "GST"
        # UNCONFIRMED wording of QBO's refusal of an untaxed line in a VAT/GST company
        raise BusinessValidation(f"Make sure all your transactions have a {word} rate before you save.",
                                 element=element)
    return {"value": backend.resolve("TaxCode", sent, element).id}


def tax_detail(backend: QboBackend, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """TxnTaxDetail: nothing computed in the US (automated sales tax is not simulated); elsewhere each
    line's code's rates on its amount, tax excluded (GlobalTaxCalculation TaxExcluded)."""
    if backend.company.country.sales_tax:
        return {"TotalTax": ZERO}
    taxable: dict[str, Decimal] = {}
    for line in lines:
        detail = line.get("SalesItemLineDetail")
        if line["DetailType"] == "SalesItemLineDetail" and isinstance(detail, dict):
            code = detail["TaxCodeRef"]["value"]
            taxable[code] = taxable.get(code, ZERO) + line["Amount"]
    tax_lines, total = [], ZERO
    for code_id, base in taxable.items():
        code = backend.store["TaxCode"][code_id]
        for rate_detail in code.fields.get("SalesTaxRateList", {}).get("TaxRateDetail", []):
            rate = backend.store["TaxRate"][rate_detail["TaxRateRef"]["value"]]
            percent = Decimal(str(rate.fields.get("RateValue", "0")))
            amount = (base * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            total += amount
            tax_lines.append({"Amount": amount, "DetailType": "TaxLineDetail",
                              "TaxLineDetail": {"TaxRateRef": {"value": rate.id}, "PercentBased": True,
                                                "TaxPercent": percent, "NetAmountTaxable": base}})
    return {"TotalTax": total, "TaxLine": tax_lines}


def due_date(backend: QboBackend, fields: dict[str, Any], customer: Any, txn_date: date) -> date:
    """TxnDate + the terms: the form's SalesTermRef, else the customer's, else the company's default."""
    term_ref = fields.get("SalesTermRef") or customer.fields.get("SalesTermRef")
    term_id = ref_id(term_ref, "SalesTermRef") if term_ref else backend.company.default_term_id
    term = backend.store["Term"].get(term_id or "")
    if term is None:
        return txn_date
    if term.fields.get("Type") == "DATE_DRIVEN":
        day = int(term.fields.get("DayOfMonthDue", 1))
        year, month = (txn_date.year + (txn_date.month == 12), txn_date.month % 12 + 1)
        return date(year, month, min(day, monthrange(year, month)[1]))
    return txn_date + timedelta(days=int(term.fields.get("DueDays", 0)))


def customer_addresses(customer: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """BillAddr and ShipAddr the form did not send, copied from the customer (as recorded)."""
    out = {}
    for prop in ("BillAddr", "ShipAddr"):
        if prop not in fields and isinstance(customer.fields.get(prop), dict):
            out[prop] = dict(customer.fields[prop])
    if "BillEmail" not in fields and isinstance(customer.fields.get("PrimaryEmailAddr"), dict):
        out["BillEmail"] = dict(customer.fields["PrimaryEmailAddr"])
    return out

