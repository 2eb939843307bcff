"""The realm's query indexes (core/index.py) and the planner that answers a QBO WHERE from them.

Indexed, per transaction kind: Id, DocNumber, CustomerRef (= and IN), TxnDate, MetaData.CreateTime and
MetaData.LastUpdatedTime (=, <, >, <=, >=); per Customer: Id, Active and the two MetaData stamps.
Keys are normalised the way query._compare compares (digits as numbers, other text case-folded,
dates and instants parsed), so an index answer is exactly what the scan would find. Every other
condition (!=, LIKE, amounts, names, ...) is checked on the rendered entity of each record the
indexed conditions leave: a scan over those."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from connsim.simulator.core.index import Condition as IndexCondition
from connsim.simulator.core.index import Eq, Index, Range
from connsim.simulator.qbo.model.records import Record

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.query import Condition

#: entity → the properties its index answers, each with the record's key
_TEXT: dict[str, Callable[[Any], Hashable]] = {
    "Id": lambda r: _text_key(r.id),
    "DocNumber": lambda r: _text_key(r.doc_number),
    "CustomerRef": lambda r: _text_key(r.customer_id),
}
_STAMPS: dict[str, Callable[[Any], Any]] = {"MetaData.CreateTime": lambda r: r.created,
                                            "MetaData.LastUpdatedTime": lambda r: r.updated}
_TXN_EQUAL = ("Id", "CustomerRef")
EQUAL: dict[str, tuple[str, ...]] = {"Invoice": (*_TXN_EQUAL, "DocNumber"), "CreditMemo": (*_TXN_EQUAL, "DocNumber"),
                                     "Payment": _TXN_EQUAL, "Customer": ("Id", "Active")}
RANGES: dict[str, tuple[str, ...]] = {"Invoice": (*_STAMPS, "TxnDate"), "CreditMemo": (*_STAMPS, "TxnDate"),
                                      "Payment": (*_STAMPS, "TxnDate"), "Customer": tuple(_STAMPS)}
_KEYS: dict[str, Callable[[Any], Any]] = {**_TEXT, **_STAMPS, "TxnDate": lambda r: r.txn_date,
                                          "Active": lambda r: r.active}
_BOUNDS = {"<": (None, False), "<=": (None, True), ">": (False, None), ">=": (True, None), "=": (True, True)}


def build() -> dict[str, Index[Record]]:
    """One index per indexed entity; records are filed by their numeric Id (QBO's default order)."""
    return {kind: Index(lambda r: r.id, lambda r: int(r.id), equal={p: _KEYS[p] for p in EQUAL[kind]},
                        ranges={p: _KEYS[p] for p in RANGES[kind]}) for kind in EQUAL}


def plan(entity: str, where: list[Condition]) -> tuple[list[IndexCondition], list[Condition]] | None:
    """(conditions the index answers, the rest), or None when a condition can match nothing."""
    answered: list[IndexCondition] = []
    rest: list[Condition] = []
    for cond in where:
        translated = _translate(entity, cond)
        if translated is False:
            return None
        if isinstance(translated, (Eq, Range)):
            answered.append(translated)
        else:
            rest.append(cond)
    return answered, rest


def _translate(entity: str, cond: Condition) -> IndexCondition | bool | None:
    if cond.prop in EQUAL.get(entity, ()) and cond.op in ("=", "IN"):
        if cond.prop == "Active":
            return Eq("Active", tuple(_bool(v) for v in cond.values))
        return Eq(cond.prop, tuple(key for v in cond.values for key in _literal_keys(v)))
    if cond.prop in RANGES.get(entity, ()) and cond.op in _BOUNDS:
        bound = _instant(cond.values[0]) if cond.prop in _STAMPS else _day(cond.values[0])
        if bound is None:
            return False  # an unreadable date compares as nothing (query._compare answers None)
        low, high = _BOUNDS[cond.op]
        return Range(cond.prop, bound if low is not None else None, bound if high is not None else None,
                     bool(low), bool(high))
    return None


def _text_key(value: str) -> Hashable:
    """As query._coerce compares a text property: all digits → the number, else case-folded text."""
    return int(value) if value.isdigit() else value.casefold()


def _literal_keys(value: Any) -> tuple[Hashable, ...]:
    """The record keys a literal equals: a number matches digits numerically, or text like its own."""
    if isinstance(value, Decimal):
        return value, str(value).casefold()
    text = str(value)
    return (int(text),) if text.isdigit() else (text.casefold(),)


def _bool(value: Any) -> bool:
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _instant(value: Any) -> datetime | None:
    text = str(value)
    try:
        parsed = datetime.fromisoformat(text if "T" in text else text + "T00:00:00+00:00")
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)  # the realm's stamps are UTC (core/clock.py)
