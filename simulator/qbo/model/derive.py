"""Validation of a written entity: from the client's (cleaned) fields to the values the server
keeps. Nothing here mutates state, so a rejected write leaves the realm untouched; the backend
links the result afterwards. Balances are computed, never taken from the client."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.errors import (
    DELETED_DETAIL,
    BusinessValidation,
    DuplicateDocNumber,
    InvalidProperty,
    InvalidReference,
    ObjectNotFound,
    RequiredParamMissing,
)
from connsim.simulator.qbo.model import txnrefs
from connsim.simulator.qbo.model.records import (
    ZERO,
    Application,
    CreditMemo,
    Invoice,
    Record,
    money,
    parse_date,
    ref_id,
)

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend

SALES_LINES = ("SalesItemLineDetail", "GroupLineDetail", "DescriptionOnly")
LINE_TYPES = SALES_LINES + ("DiscountLineDetail", "SubTotalLineDetail")


def customer(backend: QboBackend, fields: dict[str, Any], record: Record | None) -> dict[str, Any]:
    name = fields.get("DisplayName")
    if name is None:
        parts = [fields.get(k) for k in ("Title", "GivenName", "MiddleName", "FamilyName", "Suffix")]
        name = " ".join(str(p) for p in parts if p) or fields.get("CompanyName")
    if not name:
        raise RequiredParamMissing("DisplayName")
    if not isinstance(name, str):
        raise InvalidProperty("DisplayName")
    name = name.strip()
    backend.check_unique_name("Customer", name, record)
    return {"display_name": name, "active": boolean(fields.get("Active", True), "Active"),
            "fields": txnrefs.header_refs(backend, "Customer", fields)}


def boolean(value: Any, prop: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise InvalidProperty(prop, "not a boolean")


def sales_form(backend: QboBackend, kind: str, fields: dict[str, Any], record: Record | None) -> dict[str, Any]:
    """Invoice and CreditMemo: customer, date, lines and their total, document number."""
    customer_id = customer_ref(backend, fields)
    buyer = backend.store["Customer"][customer_id]
    fields = txnrefs.header_refs(backend, kind, fields)
    txn_date = parse_date(fields.get("TxnDate"), "TxnDate") or backend.today()
    due = parse_date(fields.get("DueDate"), "DueDate") or txnrefs.due_date(backend, fields, buyer, txn_date)
    lines, total = sales_lines(fields.get("Line"))
    if not lines:
        raise BusinessValidation("You must fill out at least one split line.", element="Line")
    txnrefs.resolve_lines(backend, lines)
    tax = txnrefs.tax_detail(backend, lines)
    total += tax["TotalTax"]
    fields = {**txnrefs.customer_addresses(buyer, fields), **fields}
    if total < 0:
        raise BusinessValidation("The transaction total can't be negative.", element="Line")
    doc = fields.get("DocNumber")
    if doc is not None and not isinstance(doc, (str, int)):
        raise InvalidProperty("DocNumber")
    doc_number = str(doc) if doc is not None else (getattr(record, "doc_number", "") or backend.next_doc_number(kind))
    if len(doc_number) > 21:
        raise InvalidProperty("DocNumber", "longer than 21 characters")
    holder = backend.doc_number_holder(kind, doc_number)
    if holder is not None and (record is None or holder != record.id) and backend.setting(
            "reject_duplicate_doc_number", False):
        raise DuplicateDocNumber(doc_number, kind, holder)
    if isinstance(record, Invoice) and total < record.total - record.balance:
        raise BusinessValidation(f"The invoice total ({total}) can't be less than the payments and credits "
                                 f"applied to it ({record.total - record.balance}).", element="Line")
    if isinstance(record, CreditMemo) and total < record.total - record.remaining:
        raise BusinessValidation(f"The credit memo total ({total}) can't be less than the credit already "
                                 f"used ({record.total - record.remaining}).", element="Line")
    return {"customer_id": customer_id, "txn_date": txn_date, "lines": lines, "total": total,
            "doc_number": doc_number, "due_date": due, "tax": tax, "fields": fields}


def customer_ref(backend: QboBackend, fields: dict[str, Any]) -> str:
    customer_id = ref_id(fields.get("CustomerRef"), "CustomerRef")
    if customer_id is None:
        raise RequiredParamMissing("CustomerRef")
    found = backend.store["Customer"].get(customer_id)
    if found is None:
        raise InvalidReference("CustomerRef", "Customer", customer_id)
    if not found.active:  # type: ignore[attr-defined]  # list records (Item, Account...) have active
        raise ObjectNotFound(element="CustomerRef")
    return customer_id


def sales_lines(raw: Any) -> tuple[list[dict[str, Any]], Decimal]:
    """Lines with server-assigned Ids and amounts; the SubTotal line QBO adds is dropped on input."""
    if raw is None:
        return [], ZERO
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise InvalidProperty("Line")
    lines: list[dict[str, Any]] = []
    subtotal = ZERO
    discounts: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise InvalidProperty("Line")
        detail_type = item.get("DetailType") or next((k for k in item if k in LINE_TYPES), None)
        if detail_type is None and "DescriptionLineDetail" in item:
            detail_type = "DescriptionOnly"
        if detail_type is None:
            raise RequiredParamMissing("Line.DetailType")
        if detail_type not in LINE_TYPES:
            raise InvalidProperty("Line.DetailType", f"{detail_type} is not a sales line type")
        if detail_type == "SubTotalLineDetail":
            continue
        line = dict(item, DetailType=detail_type)
        if detail_type == "DiscountLineDetail":
            discounts.append(line)
            continue
        amount = money(item.get("Amount"), "Line.Amount")
        if amount is None:
            amount = _qty_times_price(item.get(detail_type))
        if amount is None:
            if detail_type != "DescriptionOnly":
                raise RequiredParamMissing("Line.Amount")
            amount = ZERO
        line["Amount"] = amount
        subtotal += amount
        lines.append(line)
    discount_total = ZERO
    for line in discounts:
        detail = line.get("DiscountLineDetail") or {}
        amount = money(line.get("Amount"), "Line.Amount")
        if isinstance(detail, dict) and detail.get("PercentBased") is True:
            percent = money(detail.get("DiscountPercent"), "Line.DiscountLineDetail.DiscountPercent") or ZERO
            amount = (subtotal * percent / 100).quantize(ZERO)
        line["Amount"] = amount or ZERO
        discount_total += line["Amount"]
        lines.append(line)
    for n, line in enumerate(lines, start=1):
        line["Id"], line["LineNum"] = str(n), n
    return lines, subtotal - discount_total


def _qty_times_price(detail: Any) -> Decimal | None:
    if not isinstance(detail, dict):
        return None
    qty, price = money(detail.get("Qty"), "Qty"), money(detail.get("UnitPrice"), "UnitPrice")
    if qty is None or price is None:
        return None
    return (qty * price).quantize(ZERO)


def payment(backend: QboBackend, fields: dict[str, Any], record: Record | None) -> dict[str, Any]:
    """A Payment's lines checked against the invoices' open balances and the credit memos' credit."""
    customer_id = customer_ref(backend, fields)
    fields = txnrefs.header_refs(backend, "Payment", fields)
    if "DepositToAccountRef" not in fields:  # QBO's default: Undeposited Funds
        fields["DepositToAccountRef"] = backend.named_ref("Account", backend.company.undeposited_id)
    txn_date = parse_date(fields.get("TxnDate"), "TxnDate") or backend.today()
    total = money(fields.get("TotalAmt"), "TotalAmt")
    if total is None:
        raise RequiredParamMissing("TotalAmt")
    if total < 0:
        raise BusinessValidation("The payment amount can't be negative.", element="TotalAmt")
    own = record.id if record is not None else ""
    wanted: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for line in _payment_lines(fields.get("Line")):
        wanted[(line.txn_type, line.txn_id)] += line.amount
    applications: list[Application] = []
    clip = not backend.setting("reject_overapplied_lines", True)
    for (txn_type, txn_id), amount in wanted.items():
        target = backend.live(txn_type, txn_id)
        if target is None:
            raise ObjectNotFound(DELETED_DETAIL, element="Line.LinkedTxn.TxnId")
        if isinstance(target, Invoice):
            open_amount = target.balance + target.paid_by.get(own, ZERO)
            what = f"invoice {target.doc_number or target.id}"
        else:
            assert isinstance(target, CreditMemo)
            open_amount = target.remaining + target.used_by.get(own, ZERO)
            what = f"credit memo {target.doc_number or target.id}"
        if amount > open_amount:
            if not clip:
                # MODELLED: no Intuit source says what QBO does here (reference/qbo-aps.md §1.8)
                raise BusinessValidation(f"The amount applied to {what} ({amount}) is more than its open "
                                         f"balance ({open_amount}).", element="Line.Amount")
            amount = open_amount
        if amount > 0:
            applications.append(Application(txn_type, txn_id, amount))
    applied = sum((a.amount for a in applications if a.txn_type == "Invoice"), ZERO) - sum(
        (a.amount for a in applications if a.txn_type == "CreditMemo"), ZERO)
    if applied > total:
        raise BusinessValidation(f"The payments you entered add up to more ({applied}) than the payment "
                                 f"amount ({total}).", element="TotalAmt")
    return {"customer_id": customer_id, "txn_date": txn_date, "total": total, "applications": applications,
            "fields": fields}


def _payment_lines(raw: Any) -> list[Application]:
    if raw is None:
        return []
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise InvalidProperty("Line")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise InvalidProperty("Line")
        amount = money(item.get("Amount"), "Line.Amount") or ZERO
        links = item.get("LinkedTxn")
        if isinstance(links, dict):
            links = [links]
        if not links or not isinstance(links, list) or not isinstance(links[0], dict):
            raise RequiredParamMissing("Line.LinkedTxn")
        txn_type = links[0].get("TxnType")
        if txn_type not in ("Invoice", "CreditMemo"):
            raise InvalidProperty("Line.LinkedTxn.TxnType", f"{txn_type!r} can't be paid by a Payment")
        txn_id = ref_id(links[0].get("TxnId"), "Line.LinkedTxn.TxnId")
        if txn_id is None:
            raise ObjectNotFound(DELETED_DETAIL, element="Line.LinkedTxn.TxnId")
        out.append(Application(txn_type, txn_id, amount))
    return out
