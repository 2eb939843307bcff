"""The books' document indexes (core/index.py) for invoices and credit notes, and how a ``where``
term becomes an index condition.

Indexed: Status, Type, Contact.ContactID, InvoiceNumber / CreditNoteNumber, Reference and the
document's ID (``==``), Date, DueDate and UpdatedDateUTC (``== < > <= >=`` against ``DateTime(…)``),
plus the IDs / InvoiceNumbers / ContactIDs / Statuses parameters and If-Modified-Since. Keys are the
view's values normalised as query.norm compares them (text lower-case, dates as UTC midnight), so an
index answer is the predicate's answer. Each document is filed under (UpdatedDateUTC, ID): the list
order, so a page is a slice. Status with Date, DueDate or UpdatedDateUTC, and Type with Date, are
declared pairs: ``Status=="AUTHORISED" && Date >= DateTime(…)`` is counted by bisect and its page
walked, not every match collected (at 100,000 invoices each pair costs about 8 MB). Everything else
is checked on the views of what the index leaves."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import UTC, date, datetime

from connsim.simulator.core.index import Condition, Eq, Index, Range
from connsim.simulator.xero.errors import QueryParseError
from connsim.simulator.xero.model.entities import Document
from connsim.simulator.xero.model.query import Term, norm

#: where-clause field → index name, per document kind (the number and ID fields differ by name only)
INVOICE_TERMS = {"status": "status", "type": "type", "contact.contactid": "contact", "invoicenumber": "number",
                 "reference": "reference", "invoiceid": "id", "date": "date", "duedate": "duedate",
                 "updateddateutc": "updated"}
CREDIT_NOTE_TERMS = {**{k: v for k, v in INVOICE_TERMS.items() if k not in ("invoicenumber", "invoiceid")},
                     "creditnotenumber": "number", "creditnoteid": "id"}
_RANGES = ("date", "duedate", "updated")
_BOUNDS = {"<": (None, False), "<=": (None, True), ">": (False, None), ">=": (True, None),
           "==": (True, True), "=": (True, True)}


def _text(value: str | None) -> Hashable:
    return value.lower() if value is not None else None


def _day(value: date | None) -> datetime | None:
    return datetime(value.year, value.month, value.day, tzinfo=UTC) if value is not None else None


def _stamp(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def build() -> Index[Document]:
    """One document index (the books hold one for invoices and one for credit notes)."""
    return Index(lambda d: d.id, lambda d: (_stamp(d.updated_at), d.id), equal={
        "status": lambda d: _text(d.status), "type": lambda d: _text(d.type), "contact": lambda d: _text(d.contact_id),
        "number": lambda d: _text(d.number), "reference": lambda d: _text(d.reference), "id": lambda d: _text(d.id),
    }, ranges={"date": lambda d: _day(d.date), "duedate": lambda d: _day(d.due_date),
               "updated": lambda d: _stamp(d.updated_at)}, leading="updated",
        pairs=(("status", "date"), ("status", "duedate"), ("status", "updated"), ("type", "date")))


def condition(term: Term, names: dict[str, str]) -> Condition | None:
    """The index condition a top-level ``field op literal`` term is, or None (left to the predicate)."""
    name = names.get(term.path)
    if name is None or term.op not in _BOUNDS:
        return None
    value = norm(term.value)
    if name not in _RANGES:
        return Eq(name, (value,)) if term.op in ("==", "=") and not isinstance(value, datetime) else None
    if value is None:
        return None  # never true, never an error: the predicate says so
    if not isinstance(value, datetime):
        if term.op in ("==", "="):
            return None
        # the text query._compare raises for any record; raised whatever the books hold, as a compile error
        raise QueryParseError(f"Operator '{term.op}' incompatible with operand types 'datetime' and "
                              f"'{type(value).__name__}'")
    low, high = _BOUNDS[term.op]
    return Range(name, value if low is not None else None, value if high is not None else None, bool(low),
                 bool(high))


def values(items: list[str] | None) -> tuple[str, ...] | None:
    """A comma list parameter (IDs, InvoiceNumbers, ContactIDs, Statuses) as lower-case keys."""
    return tuple(dict.fromkeys(v.strip().lower() for v in items if v.strip())) if items else None
