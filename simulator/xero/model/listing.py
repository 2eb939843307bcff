"""GET list semantics shared by every collection: ID/number/contact/status filters (answered from
indexes), ``where``, If-Modified-Since (to the second), ``order`` (default UpdatedDateUTC then ID,
ascending) and paging (100 per page by default, pageSize clamped to 1..1000)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from connsim.simulator.core.index import Condition, Eq, Index, Range
from connsim.simulator.xero.errors import QueryParseError
from connsim.simulator.xero.model import indexes
from connsim.simulator.xero.model.query import compile_where

T = TypeVar("T")

INVOICE_FIELDS = frozenset({
    "type", "status", "date", "duedate", "reference", "currencycode", "subtotal", "totaltax", "total",
    "updateddateutc", "contact.contactid", "contact.name", "contact.contactnumber", "fullypaidondate",
    "invoiceid", "invoicenumber", "amountdue", "amountpaid", "amountcredited"})
CREDIT_NOTE_FIELDS = frozenset({
    "type", "status", "date", "duedate", "reference", "currencycode", "subtotal", "totaltax", "total",
    "updateddateutc", "contact.contactid", "contact.name", "contact.contactnumber", "fullypaidondate",
    "creditnoteid", "creditnotenumber", "remainingcredit"})
CONTACT_FIELDS = frozenset({"contactid", "name", "contactstatus", "emailaddress", "contactnumber", "accountnumber",
                            "firstname", "lastname", "iscustomer", "issupplier", "updateddateutc"})
ACCOUNT_FIELDS = frozenset({"accountid", "code", "name", "type", "status", "class", "enablepaymentstoaccount",
                            "updateddateutc"})
PAYMENT_FIELDS = frozenset({"paymentid", "status", "date", "amount", "reference", "paymenttype", "isreconciled",
                            "updateddateutc", "invoice.invoiceid", "invoice.invoicenumber",
                            "invoice.contact.contactid", "account.accountid", "account.code"})


@dataclass
class ListQuery:
    where: str | None = None
    order: str | None = None
    ids: list[str] | None = None
    numbers: list[str] | None = None
    contact_ids: list[str] | None = None
    statuses: list[str] | None = None
    modified_since: datetime | None = None
    page: int | None = None
    page_size: int | None = None
    include_archived: bool = False
    search_term: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    items: list[Any]
    pagination: dict[str, int] | None


def run_query(candidates: Iterable[T], view: Callable[[T], dict[str, Any]], q: ListQuery, type_name: str,
              fields: frozenset[str], keep: Callable[[dict[str, Any]], bool] | None = None) -> Page:
    """Filter, order and page ``candidates`` (already narrowed by the caller's indexes)."""
    flt = compile_where(q.where, type_name, fields) if q.where and q.where.strip() else None
    since = _whole_second(q.modified_since) if q.modified_since else None
    rows: list[tuple[dict[str, Any], T]] = []
    for item in candidates:
        v = view(item)
        if since is not None and _whole_second(v["updateddateutc"]) < since:
            continue
        if keep is not None and not keep(v):
            continue
        if flt is not None and not flt.predicate(v):
            continue
        rows.append((v, item))
    rows.sort(key=lambda row: (row[0]["updateddateutc"], getattr(row[1], "id", "")))
    for key, descending in reversed(_order(q.order, fields)):
        rows.sort(key=lambda row: _sort_key(row[0].get(key)), reverse=descending)
    items = [item for _, item in rows]
    return _paged(items, len(items), q)


def _paged(items: list[Any], total: int, q: ListQuery) -> Page:
    """All ``items`` (the whole answer) as the page ``q`` asks for."""
    if q.page is None:
        return Page(items, None)
    size, page = _page_size(q), max(q.page, 1)
    return Page(items[(page - 1) * size: page * size], _pagination(page, size, total))


def _page_size(q: ListQuery) -> int:
    return min(max(q.page_size or 100, 1), 1000)


def _pagination(page: int, size: int, total: int) -> dict[str, int]:
    return {"page": page, "pageSize": size, "pageCount": math.ceil(total / size), "itemCount": total}


def id_set(values: list[str] | None) -> set[str] | None:
    return {v.strip().lower() for v in values if v.strip()} if values else None


def _order(text: str | None, fields: frozenset[str]) -> list[tuple[str, bool]]:
    out = []
    for part in (text or "").split(","):
        words = part.split()
        if not words:
            continue
        key = words[0].lower()
        if key not in fields or len(words) > 2 or (len(words) == 2 and words[1].upper() not in ("ASC", "DESC")):
            raise QueryParseError(f"No property or field '{words[0]}' exists in the order expression")
        out.append((key, len(words) == 2 and words[1].upper() == "DESC"))
    return out


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, value.lower())
    if isinstance(value, datetime):
        return (1, value.timestamp())
    return (1, value)


def _whole_second(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.replace(microsecond=0)


# -- the collections ------------------------------------------------------------------------------
def list_invoices(backend: Any, q: ListQuery) -> Page:
    conds = _parameters(q, ids=q.ids, numbers=q.numbers, contacts=q.contact_ids)
    return run_indexed(backend.invoice_index, backend.invoices, backend.document_view, q, "Invoice", INVOICE_FIELDS,
                       indexes.INVOICE_TERMS, conds)


def list_credit_notes(backend: Any, q: ListQuery) -> Page:
    return run_indexed(backend.credit_note_index, backend.credit_notes, backend.document_view, q, "CreditNote",
                       CREDIT_NOTE_FIELDS, indexes.CREDIT_NOTE_TERMS, _parameters(q, ids=q.ids))


def _parameters(q: ListQuery, **lists: list[str] | None) -> list[Condition] | None:
    """The comma-list parameters and If-Modified-Since as index conditions (None: one matches nothing)."""
    conds: list[Condition] = []
    for name, given in {"id": lists.get("ids"), "number": lists.get("numbers"),
                        "contact": lists.get("contacts")}.items():
        keys = indexes.values(given)
        if keys is not None and not keys:
            return None  # only blanks: nothing has that ID
        if keys:
            conds.append(Eq(name, keys))
    statuses = indexes.values(q.statuses)
    if statuses:  # blanks only: no status filter
        conds.append(Eq("status", statuses))
    if q.modified_since is not None:
        conds.append(Range("updated", _whole_second(q.modified_since)))  # to the second: u >= s iff floor(u) >= s
    return conds


def run_indexed(index: Index[Any], table: dict[str, T], view: Callable[[T], dict[str, Any]], q: ListQuery,
                type_name: str, fields: frozenset[str], names: dict[str, str], conds: list[Condition] | None) -> Page:
    """``run_query`` answered from ``index``: the where clause's indexed terms and ``conds`` narrow by
    index, the rest is tested on views, and only the page is returned (run_query's order and paging)."""
    flt = compile_where(q.where, type_name, fields) if q.where and q.where.strip() else None
    order = _order(q.order, fields)
    if conds is None:
        return _paged([], 0, q)
    rest: list[Callable[[dict[str, Any]], bool]] = []
    for term, predicate in (flt.terms if flt is not None and flt.terms else
                            [(None, flt.predicate)] if flt is not None else []):
        cond = indexes.condition(term, names) if term is not None else None
        if cond is None:
            rest.append(predicate)
        else:
            conds.append(cond)
    views: dict[str, dict[str, Any]] = {}

    def seen(rid: str) -> dict[str, Any]:
        if rid not in views:
            views[rid] = view(dict.__getitem__(table, rid))
        return views[rid]

    keep = (lambda rid: all(p(seen(rid)) for p in rest)) if rest else None
    if order or q.page is None:
        ids = index.page(conds, keep)[0]
        if order:
            for key, descending in reversed(order):
                ids.sort(key=lambda rid: _sort_key(seen(rid).get(key)), reverse=descending)
        return _paged([dict.__getitem__(table, rid) for rid in ids], len(ids), q)
    size, page = _page_size(q), max(q.page, 1)
    ids, total = index.page(conds, keep, (page - 1) * size, size)
    return Page([dict.__getitem__(table, rid) for rid in ids], _pagination(page, size, total))


def list_payments(backend: Any, q: ListQuery) -> Page:
    return run_query(_narrow(backend.payments, q.ids), backend.payment_view, q, "Payment", PAYMENT_FIELDS)


def list_accounts(backend: Any, q: ListQuery) -> Page:
    return run_query(list(backend.accounts.values()), backend.account_view, q, "Account", ACCOUNT_FIELDS)


def list_contacts(backend: Any, q: ListQuery) -> Page:
    term = (q.search_term or "").strip().lower()

    def keep(v: dict[str, Any]) -> bool:
        if v["contactstatus"] == "ARCHIVED" and not q.include_archived:
            return False
        if term:
            hay = " ".join(str(v.get(k) or "") for k in ("name", "firstname", "lastname", "emailaddress",
                                                           "contactnumber")).lower()
            return term in hay
        return True

    return run_query(_narrow(backend.contacts, q.ids), backend.contact_view, q, "Contact", CONTACT_FIELDS, keep)


def _narrow(table: dict[str, T], ids: list[str] | None) -> list[T]:
    wanted = id_set(ids)
    if wanted is None:
        return list(table.values())
    return [table[i] for i in wanted if i in table]


ITEM_FIELDS = frozenset({"itemid", "code", "name", "description", "issold", "ispurchased", "updateddateutc"})


def _item_view(item: Any) -> dict[str, Any]:
    return {"itemid": item.id, "code": item.code, "name": item.name, "description": item.description,
            "issold": item.is_sold, "ispurchased": item.is_purchased, "updateddateutc": item.updated_at}


def list_items(backend: Any, q: ListQuery) -> Page:
    return run_query(list(backend.items.values()), _item_view, q, "Item", ITEM_FIELDS)


OVERPAYMENT_FIELDS = frozenset({"overpaymentid", "type", "status", "date", "contact.contactid", "total",
                                "remainingcredit", "updateddateutc"})
PREPAYMENT_FIELDS = OVERPAYMENT_FIELDS - {"overpaymentid"} | {"prepaymentid"}


def list_overpayments(backend: Any, q: ListQuery) -> Page:
    return run_query(_narrow(backend.overpayments, q.ids), backend.credit_payment_view, q, "Overpayment",
                     OVERPAYMENT_FIELDS)


def list_prepayments(backend: Any, q: ListQuery) -> Page:
    return run_query(_narrow(backend.prepayments, q.ids), backend.credit_payment_view, q, "Prepayment",
                     PREPAYMENT_FIELDS)
