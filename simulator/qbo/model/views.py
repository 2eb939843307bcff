"""Entities as QBO returns them (python-quickbooks reads these keys), still holding Decimal,
date and datetime values; ``jsonable`` turns them into JSON types for the wire and snapshots."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.model import lists
from connsim.simulator.qbo.model.lists import ListRecord
from connsim.simulator.qbo.model.records import (
    ZERO,
    CreditMemo,
    Customer,
    Invoice,
    Payment,
    Record,
)

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend


def render(backend: QboBackend, record: Record) -> dict[str, Any]:
    if isinstance(record, ListRecord):
        return lists.render(backend, record)
    out: dict[str, Any] = dict(record.fields)
    out.update({"domain": "QBO", "sparse": False, "Id": record.id, "SyncToken": str(record.sync),
                "MetaData": {"CreateTime": record.created, "LastUpdatedTime": record.updated}})
    if isinstance(record, Customer):
        balance = backend.customer_balance(record.id)
        out.update({"DisplayName": record.display_name, "FullyQualifiedName": record.display_name,
                    "PrintOnCheckName": out.get("PrintOnCheckName", record.display_name),
                    "Active": record.active, "Job": out.get("Job", False), "Balance": balance,
                    "BalanceWithJobs": balance, "BillWithParent": out.get("BillWithParent", False),
                    "CurrencyRef": out.get("CurrencyRef", backend.company.currency_ref()),
                    "PreferredDeliveryMethod": out.get("PreferredDeliveryMethod", "Print")})
        if backend.company.country.sales_tax:
            out.setdefault("Taxable", True)  # as the recorded US customers show
        return out
    assert isinstance(record, (Invoice, Payment, CreditMemo))
    customer = backend.store["Customer"].get(record.customer_id)
    out.update({"TxnDate": record.txn_date, "TotalAmt": record.total,
                "CurrencyRef": out.get("CurrencyRef", backend.company.currency_ref()),
                "CustomerRef": {"value": record.customer_id,
                                "name": customer.display_name if customer else ""}})  # type: ignore[attr-defined]  # a customer record has display_name
    if isinstance(record, (Invoice, CreditMemo)):
        prints = customer is not None and customer.fields.get("PreferredDeliveryMethod", "Print") == "Print"
        out.update({"DocNumber": record.doc_number, "TxnTaxDetail": record.tax,
                    "Line": _sales_lines(record.lines, record.total - record.tax.get("TotalTax", ZERO)),
                    "ApplyTaxAfterDiscount": out.get("ApplyTaxAfterDiscount", False),
                    "EmailStatus": out.get("EmailStatus", "NotSet"),
                    "PrintStatus": out.get("PrintStatus", "NeedToPrint" if prints else "NotSet")})
        if not backend.company.country.sales_tax:
            out.setdefault("GlobalTaxCalculation", "TaxExcluded")
    if isinstance(record, Invoice):
        out.update({"DueDate": record.due_date or record.txn_date, "Balance": record.balance,
                    "LinkedTxn": [{"TxnId": pid, "TxnType": "Payment"} for pid in record.paid_by]
                    + [{"TxnId": cid, "TxnType": "CreditMemo"} for cid in record.credited_by]})
        for flag in ("AllowIPNPayment", "AllowOnlinePayment", "AllowOnlineCreditCardPayment", "AllowOnlineACHPayment"):
            out.setdefault(flag, False)
    elif isinstance(record, CreditMemo):
        out.update({"Balance": record.remaining, "RemainingCredit": record.remaining})
    else:
        out.update({"UnappliedAmt": record.unapplied, "ProcessPayment": False,
                    "Line": [{"Amount": a.amount, "LinkedTxn": [{"TxnId": a.txn_id, "TxnType": a.txn_type}]}
                             for a in record.applications]})
    return out


def _sales_lines(lines: list[dict[str, Any]], total: Decimal) -> list[dict[str, Any]]:
    subtotal = sum((line["Amount"] for line in lines if line["DetailType"] != "DiscountLineDetail"), ZERO)
    return [dict(line) for line in lines] + [
        {"Amount": subtotal, "DetailType": "SubTotalLineDetail", "SubTotalLineDetail": {}}]


def jsonable(value: Any) -> Any:
    """Decimal → number, date → yyyy-MM-dd, datetime → ISO-8601 with offset."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value

