"""QBO's query language, the subset connectors send:
``SELECT * | COUNT(*) FROM Entity [WHERE f op v [AND ...]]`` then, in any order, ``[ORDER BY|ORDERBY
f [ASC|DESC], ...] [STARTPOSITION n] [MAXRESULTS n]`` (recorded: ``MAXRESULTS 1000 STARTPOSITION 1``
answers 200, minimul/qbo_api spec/vcr/all/customers.yml) with ops = < > <= >= != IN (...) LIKE '%x%'.
There is no OR in QBO's grammar. Name lists answer only active entries unless the WHERE names Active
(recorded: ``WHERE Active IN (true, false)`` in spec/vcr/get/inactive_vendors.yml).
Bad syntax is 4000 with JavaCC's "Encountered ..." text; an unknown entity or property is 4001
(texts recorded in spec/vcr/error/400.yml and quoted from a live sandbox by a public test suite)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.errors import InvalidQuery, QueryParserError
from connsim.simulator.qbo.model import indexes
from connsim.simulator.qbo.model.lists import SPECS

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend

MAX_RESULTS = 1000
DEFAULT_RESULTS = 100
_META = ("Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime")
_TXN = _META + ("TxnDate", "CustomerRef", "TotalAmt", "PrivateNote")
_LIST = _META + ("Name", "Active", "FullyQualifiedName")
#: queryable properties per simulated entity (others give 4001)
QUERYABLE: dict[str, tuple[str, ...]] = {
    **{kind: _LIST + spec.queryable for kind, spec in SPECS.items()},
    "Customer": _META + ("DisplayName", "GivenName", "FamilyName", "MiddleName", "CompanyName", "FullyQualifiedName",
                         "PrintOnCheckName", "Active", "Balance", "PrimaryEmailAddr", "Job", "ParentRef"),
    "Invoice": _TXN + ("DocNumber", "DueDate", "Balance", "EmailStatus", "PrintStatus"),
    "Payment": _TXN + ("PaymentRefNum", "UnappliedAmt"),
    "CreditMemo": _TXN + ("DocNumber", "Balance", "RemainingCredit"),
}
#: real QBO entities the simulator holds none of: a query answers with no rows
EMPTY_ENTITIES = ("Attachable", "Bill", "BillPayment", "CompanyCurrency", "CustomerType", "Deposit", "Employee",
                  "Estimate", "JournalEntry", "Purchase", "PurchaseOrder", "RefundReceipt", "SalesReceipt",
                  "TaxAgency", "TimeActivity", "Transfer", "Vendor", "VendorCredit")
#: entities with Active: a query without a condition on Active answers the active ones only
NAME_LISTS = ("Customer", *SPECS)
_ENTITIES = {name.lower(): name for name in (*QUERYABLE, *EMPTY_ENTITIES)}

_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:\\.|''|[^'\\])*')|(?P<num>-?\d+(?:\.\d+)?(?![\w.]))"
                    r"|(?P<op><=|>=|!=|<>|[=<>(),*])|(?P<word>[A-Za-z_][\w.]*))")


@dataclass
class Condition:
    prop: str
    op: str
    values: list[Any]


@dataclass
class Query:
    entity: str
    count: bool = False
    where: list[Condition] = field(default_factory=list)
    order: list[tuple[str, bool]] = field(default_factory=list)  # (property, descending)
    start: int = 1
    max_results: int = DEFAULT_RESULTS


@dataclass
class QueryResult:
    entity: str
    rows: list[dict[str, Any]]
    start: int
    total: int | None = None  # set for COUNT(*)


_KEYWORDS = {"SELECT", "FROM", "WHERE", "AND", "OR", "ORDER", "ORDERBY", "BY", "ASC", "DESC", "STARTPOSITION",
             "MAXRESULTS", "IN", "LIKE", "COUNT", "TRUE", "FALSE"}
_KIND_IMAGES = {"str": "<STRING>", "num": "<INTEGER>"}


class _Tokens:
    """The statement as tokens; every syntax error is JavaCC's ParseException text, as QBO answers it."""

    def __init__(self, text: str) -> None:
        self.items: list[tuple[str, str, int]] = []
        pos, self.text = 0, text.strip()
        while pos < len(self.text):
            match = _TOKEN.match(self.text, pos)
            if match is None or match.end() == pos:
                bad = self.text[pos:].lstrip()[:1]
                column = len(self.text) - len(self.text[pos:].lstrip()) + 1
                raise QueryParserError(f'Lexical error at line 1, column {column}.  Encountered: "{bad}" '
                                       f'({ord(bad)}), after : ""')
            kind = match.lastgroup or "word"
            self.items.append((kind, match.group(kind), match.start(kind) + 1))
            pos = match.end()
        self.i = 0

    def peek(self, upper: bool = True) -> str | None:
        if self.i >= len(self.items):
            return None
        kind, value, _ = self.items[self.i]
        return value.upper() if upper and kind == "word" else value

    def unexpected(self) -> QueryParserError:
        """``Encountered " <IDENTIFIER> "TxnDate "" at line 1, column 29.`` for the next token."""
        if self.i >= len(self.items):
            return QueryParserError(f'Encountered "<EOF>" at line 1, column {len(self.text) + 1}.')
        kind, value, col = self.items[self.i]
        if kind == "word":
            image = f'"{value.lower()}"' if value.upper() in _KEYWORDS else "<IDENTIFIER>"
        elif kind == "num" and "." in value:
            image = "<DECIMAL>"
        else:
            image = _KIND_IMAGES.get(kind, f'"{value}"')
        return QueryParserError(f'Encountered " {image} "{value} "" at line 1, column {col}.')

    def take(self) -> tuple[str, str, int]:
        if self.i >= len(self.items):
            raise self.unexpected()
        self.i += 1
        return self.items[self.i - 1]

    def expect(self, *words: str) -> str:
        if self.peek() not in words:
            raise self.unexpected()
        return self.take()[1].upper()

    def word(self) -> str:
        if self.i >= len(self.items) or self.items[self.i][0] != "word":
            raise self.unexpected()
        return self.take()[1]

    def integer(self) -> int:
        if self.i >= len(self.items) or self.items[self.i][0] != "num" or not self.items[self.i][1].isdigit():
            raise self.unexpected()
        return int(self.take()[1])


def parse(text: str) -> Query:
    tokens = _Tokens(text)
    tokens.expect("SELECT")
    count = False
    if tokens.peek() == "COUNT":
        tokens.take()
        tokens.expect("(")
        tokens.expect("*")
        tokens.expect(")")
        count = True
    else:
        tokens.expect("*")
        while tokens.peek() == ",":  # "SELECT *, Sku FROM Item": extra columns are ignored
            tokens.take()
            tokens.word()
    tokens.expect("FROM")
    name = tokens.word()
    entity = _ENTITIES.get(name.lower())
    if entity is None:
        raise InvalidQuery(f"invalid context declaration: {name}")
    query = Query(entity, count=count)
    if tokens.peek() == "WHERE":
        tokens.take()
        query.where.append(_condition(tokens, entity))
        while tokens.peek() == "AND":
            tokens.take()
            query.where.append(_condition(tokens, entity))
    seen: set[str] = set()
    while tokens.peek() in ("ORDER", "ORDERBY", "STARTPOSITION", "MAXRESULTS") and tokens.peek() not in seen:
        clause = tokens.take()[1].upper()
        seen.add(clause)
        if clause == "STARTPOSITION":
            query.start = max(1, tokens.integer())
        elif clause == "MAXRESULTS":
            query.max_results = min(MAX_RESULTS, tokens.integer())
        else:
            seen.update(("ORDER", "ORDERBY"))
            if clause == "ORDER":
                tokens.expect("BY")
            query.order = _order(tokens, entity)
    if tokens.peek(upper=False) is not None:
        raise tokens.unexpected()
    return query


def _order(tokens: _Tokens, entity: str) -> list[tuple[str, bool]]:
    order = []
    while True:
        prop = _property(entity, tokens.word())
        desc = False
        if tokens.peek() in ("ASC", "DESC"):
            desc = tokens.take()[1].upper() == "DESC"
        order.append((prop, desc))
        if tokens.peek() != ",":
            return order
        tokens.take()


def _property(entity: str, name: str) -> str:
    if entity not in QUERYABLE:
        return name
    for prop in QUERYABLE[entity]:
        if prop.lower() == name.lower():
            return prop
    raise InvalidQuery(f"Property {name} not found for Entity {entity}")


def _condition(tokens: _Tokens, entity: str) -> Condition:
    prop = _property(entity, tokens.word())
    op = (tokens.peek() or "").upper()
    if op not in ("=", "<", ">", "<=", ">=", "!=", "<>", "LIKE", "IN"):
        raise tokens.unexpected()
    tokens.take()
    if op == "IN":
        tokens.expect("(")
        values = [_literal(tokens)]
        while tokens.peek() == ",":
            tokens.take()
            values.append(_literal(tokens))
        tokens.expect(")")
        return Condition(prop, "IN", values)
    return Condition(prop, "!=" if op == "<>" else op, [_literal(tokens)])


def _literal(tokens: _Tokens) -> Any:
    if tokens.i >= len(tokens.items):
        raise tokens.unexpected()
    kind, value, _ = tokens.items[tokens.i]
    if kind == "str":
        tokens.take()
        return re.sub(r"\\(.)|''", lambda m: m.group(1) or "'", value[1:-1])
    if kind == "num":
        tokens.take()
        return Decimal(value)
    if kind == "word" and value.lower() in ("true", "false"):
        tokens.take()
        return value.lower() == "true"
    raise tokens.unexpected()


# -- evaluation ------------------------------------------------------------------------------------
def run(backend: QboBackend, text: str) -> QueryResult:
    """Answer from the entity's index where it has one (model/indexes.py): only the page is rendered,
    unless ORDER BY or a condition no index answers needs the rows; otherwise scan every record."""
    query = parse(text)
    if query.entity not in QUERYABLE:
        return QueryResult(query.entity, [], query.start, 0 if query.count else None)
    index = backend.indexes.get(query.entity)
    if index is None:
        return scan(backend, query)
    where = list(query.where)
    if query.entity in NAME_LISTS and not any(cond.prop == "Active" for cond in where):
        where.append(Condition("Active", "=", [True]))
    planned = indexes.plan(query.entity, where)
    if planned is None:
        return QueryResult(query.entity, [], query.start if not query.count else 1, 0 if query.count else None)
    answered, rest = planned
    store = backend.store[query.entity]
    views: dict[str, dict[str, Any]] = {}

    def view(rid: str) -> dict[str, Any]:
        if rid not in views:
            views[rid] = backend.view(store[rid])
        return views[rid]

    keep = (lambda rid: all(_matches(view(rid), cond) for cond in rest)) if rest else None
    if query.count:
        return QueryResult(query.entity, [], 1, index.page(answered, keep, 0, 0)[1])
    if query.order:
        rows = [view(rid) for rid in index.page(answered, keep)[0]]
        return QueryResult(query.entity, _ordered(rows, query)[query.start - 1:query.start - 1 + query.max_results],
                           query.start)
    page, _ = index.page(answered, keep, query.start - 1, query.max_results)
    return QueryResult(query.entity, [view(rid) for rid in page], query.start)


def scan(backend: QboBackend, query: Query) -> QueryResult:
    """Every live record rendered, then filtered: the lists (Account, Item, ...) and the check on the index."""
    records = _candidates(backend, query)
    if query.entity in NAME_LISTS and not any(cond.prop == "Active" for cond in query.where):
        records = [r for r in records if getattr(r, "active", True)]
    rows = [backend.view(r) for r in records]
    rows = [row for row in rows if all(_matches(row, cond) for cond in query.where)]
    if query.count:
        return QueryResult(query.entity, [], 1, len(rows))
    rows.sort(key=lambda row: int(row["Id"]))
    return QueryResult(query.entity, _ordered(rows, query)[query.start - 1:query.start - 1 + query.max_results],
                       query.start)


def _ordered(rows: list[dict[str, Any]], query: Query) -> list[dict[str, Any]]:
    """ORDER BY over rows already in Id order (stable sorts, last key first)."""
    for prop, desc in reversed(query.order):
        rows.sort(key=lambda row: _sort_key(_get(row, prop)), reverse=desc)
    return rows


def _candidates(backend: QboBackend, query: Query) -> list[Any]:
    """Id = / Id IN are dict lookups; everything else scans the entity's live records."""
    store = backend.store[query.entity]
    for cond in query.where:
        if cond.prop == "Id" and cond.op in ("=", "IN"):
            found = (store.get(key) for key in dict.fromkeys(_id_text(v) for v in cond.values))
            return [r for r in found if r is not None and not r.deleted]
    return [r for r in store.values() if not r.deleted]


def _id_text(value: Any) -> str:
    """A literal as a store key: Ids are digits without leading zeros ('012' compares equal to 12)."""
    text = str(int(value)) if isinstance(value, Decimal) and value == int(value) else str(value)
    return str(int(text)) if text.isdigit() else text


def _get(row: dict[str, Any], prop: str) -> Any:
    value: Any = row
    for part in prop.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, dict):
        value = value.get("value", value.get("Address"))
    return value


def _matches(row: dict[str, Any], cond: Condition) -> bool:
    actual = _get(row, cond.prop)
    if actual is None:
        return False
    if cond.op == "LIKE":
        pattern = "".join(".*" if ch == "%" else re.escape(ch) for ch in str(cond.values[0]))
        return re.fullmatch(pattern, str(actual), flags=re.IGNORECASE | re.DOTALL) is not None
    results = [_compare(actual, value) for value in cond.values]
    if cond.op == "IN":
        return 0 in results
    result = results[0]
    if result is None:
        return False
    return {"=": result == 0, "!=": result != 0, "<": result < 0, ">": result > 0, "<=": result <= 0,
            ">=": result >= 0}[cond.op]


def _compare(actual: Any, value: Any) -> int | None:
    """-1/0/1, comparing as the property's type: number, boolean, date, instant, or case-insensitive text."""
    left, right = _coerce(actual, value)
    if left is None or right is None:
        return None
    return (left > right) - (left < right)


def _coerce(actual: Any, value: Any) -> tuple[Any, Any]:
    try:
        if isinstance(actual, bool):
            return actual, value if isinstance(value, bool) else str(value).lower() == "true"
        if isinstance(actual, datetime):
            text = str(value)
            parsed = datetime.fromisoformat(text if "T" in text else text + "T00:00:00+00:00")
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=actual.tzinfo)
            return actual, parsed
        if isinstance(actual, date):
            return actual, date.fromisoformat(str(value)[:10])
        if isinstance(actual, (Decimal, int, float)) or (isinstance(actual, str) and actual.isdigit()
                                                         and isinstance(value, Decimal | int)):
            return Decimal(str(actual)), Decimal(str(value))
    except (ValueError, InvalidOperation):
        return None, None
    if isinstance(actual, str) and actual.isdigit() and str(value).isdigit():
        return int(actual), int(str(value))
    return str(actual).casefold(), str(value).casefold()


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return (1, Decimal(str(value)))
    if isinstance(value, str) and value.isdigit():
        return (1, Decimal(value))
    if isinstance(value, (date, datetime)):
        return (2, value.isoformat())
    return (3, str(value).casefold())
