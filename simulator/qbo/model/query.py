"""QBO's query language, the subset connectors send:
``SELECT * | COUNT(*) FROM Entity [WHERE f op v [AND ...]] [ORDER BY|ORDERBY f [ASC|DESC], ...]
[STARTPOSITION n] [MAXRESULTS n]`` with ops = < > <= >= != IN (...) LIKE '%x%'. There is no OR
in QBO's grammar. Bad syntax is 4000 QueryParserError; an unknown entity or property is 4001."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.errors import InvalidQuery, QueryParserError

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend

MAX_RESULTS = 1000
DEFAULT_RESULTS = 100
_META = ("Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime")
_TXN = _META + ("TxnDate", "CustomerRef", "TotalAmt", "PrivateNote")
#: queryable properties per simulated entity (others give 4001)
QUERYABLE: dict[str, tuple[str, ...]] = {
    "Customer": _META + ("DisplayName", "GivenName", "FamilyName", "MiddleName", "CompanyName", "FullyQualifiedName",
                         "PrintOnCheckName", "Active", "Balance", "PrimaryEmailAddr", "Job", "ParentRef"),
    "Invoice": _TXN + ("DocNumber", "DueDate", "Balance", "EmailStatus", "PrintStatus"),
    "Payment": _TXN + ("PaymentRefNum", "UnappliedAmt"),
    "CreditMemo": _TXN + ("DocNumber", "Balance", "RemainingCredit"),
}
#: real QBO entities the simulator holds none of: a query answers with no rows
EMPTY_ENTITIES = ("Account", "Attachable", "Bill", "BillPayment", "Class", "CompanyCurrency", "CustomerType",
                  "Department", "Deposit", "Employee", "Estimate", "Item", "JournalEntry", "PaymentMethod",
                  "Purchase", "PurchaseOrder", "RefundReceipt", "SalesReceipt", "TaxAgency", "TaxCode", "TaxRate",
                  "Term", "TimeActivity", "Transfer", "Vendor", "VendorCredit")
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


class _Tokens:
    def __init__(self, text: str) -> None:
        self.items: list[tuple[str, str, int]] = []
        pos, text = 0, text.strip()
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if match is None or match.end() == pos:
                raise QueryParserError(f'Encountered " "{text[pos:].strip()[:20]}" " at line 1, column {pos + 1}.')
            kind = match.lastgroup or "word"
            self.items.append((kind, match.group(kind), match.start(kind) + 1))
            pos = match.end()
        self.i = 0

    def peek(self, upper: bool = True) -> str | None:
        if self.i >= len(self.items):
            return None
        kind, value, _ = self.items[self.i]
        return value.upper() if upper and kind == "word" else value

    def take(self) -> tuple[str, str, int]:
        if self.i >= len(self.items):
            raise QueryParserError("Encountered \"<EOF>\" at line 1: the statement ends too early.")
        self.i += 1
        return self.items[self.i - 1]

    def expect(self, *words: str) -> str:
        kind, value, col = self.take()
        if value.upper() not in words:
            raise QueryParserError(f'Encountered " "{value}" " at line 1, column {col}. '
                                   f'Was expecting one of: {", ".join(words)}')
        return value.upper()

    def word(self, what: str) -> str:
        kind, value, col = self.take()
        if kind != "word":
            raise QueryParserError(f'Encountered " "{value}" " at line 1, column {col}. Was expecting {what}')
        return value

    def integer(self) -> int:
        kind, value, col = self.take()
        if kind != "num" or not value.isdigit():
            raise QueryParserError(f'Encountered " "{value}" " at line 1, column {col}. Was expecting an integer')
        return int(value)


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
            tokens.word("a property name")
    tokens.expect("FROM")
    name = tokens.word("an entity name")
    entity = _ENTITIES.get(name.lower())
    if entity is None:
        raise InvalidQuery(f"Invalid context declaration : {name}")
    query = Query(entity, count=count)
    if tokens.peek() == "WHERE":
        tokens.take()
        query.where.append(_condition(tokens, entity))
        while tokens.peek() == "AND":
            tokens.take()
            query.where.append(_condition(tokens, entity))
    if tokens.peek() in ("ORDER", "ORDERBY"):
        if tokens.take()[1].upper() == "ORDER":
            tokens.expect("BY")
        while True:
            prop = _property(entity, tokens.word("a property name"))
            desc = False
            if tokens.peek() in ("ASC", "DESC"):
                desc = tokens.take()[1].upper() == "DESC"
            query.order.append((prop, desc))
            if tokens.peek() != ",":
                break
            tokens.take()
    if tokens.peek() == "STARTPOSITION":
        tokens.take()
        query.start = max(1, tokens.integer())
    if tokens.peek() == "MAXRESULTS":
        tokens.take()
        query.max_results = min(MAX_RESULTS, tokens.integer())
    if tokens.peek(upper=False) is not None:
        kind, value, col = tokens.take()
        raise QueryParserError(f'Encountered " "{value}" " at line 1, column {col}.')
    return query


def _property(entity: str, name: str) -> str:
    if entity not in QUERYABLE:
        return name
    for prop in QUERYABLE[entity]:
        if prop.lower() == name.lower():
            return prop
    raise InvalidQuery(f"property '{name}' is not queryable")


def _condition(tokens: _Tokens, entity: str) -> Condition:
    prop = _property(entity, tokens.word("a property name"))
    kind, op, col = tokens.take()
    op = op.upper()
    if op == "IN":
        tokens.expect("(")
        values = [_literal(tokens)]
        while tokens.peek() == ",":
            tokens.take()
            values.append(_literal(tokens))
        tokens.expect(")")
        return Condition(prop, "IN", values)
    if op not in ("=", "<", ">", "<=", ">=", "!=", "<>", "LIKE"):
        raise QueryParserError(f'Encountered " "{op}" " at line 1, column {col}. Was expecting an operator '
                               f"(=, <, >, <=, >=, !=, IN, LIKE)")
    return Condition(prop, "!=" if op == "<>" else op, [_literal(tokens)])


def _literal(tokens: _Tokens) -> Any:
    kind, value, col = tokens.take()
    if kind == "str":
        return re.sub(r"\\(.)|''", lambda m: m.group(1) or "'", value[1:-1])
    if kind == "num":
        return Decimal(value)
    if kind == "word" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise QueryParserError(f'Encountered " "{value}" " at line 1, column {col}. Was expecting a value')


# -- evaluation ------------------------------------------------------------------------------------
def run(backend: "QboBackend", text: str) -> QueryResult:
    query = parse(text)
    if query.entity not in QUERYABLE:
        return QueryResult(query.entity, [], query.start, 0 if query.count else None)
    rows = [backend.view(r) for r in _candidates(backend, query)]
    rows = [row for row in rows if all(_matches(row, cond) for cond in query.where)]
    if query.count:
        return QueryResult(query.entity, [], 1, len(rows))
    rows.sort(key=lambda row: int(row["Id"]))
    for prop, desc in reversed(query.order):
        rows.sort(key=lambda row: _sort_key(_get(row, prop)), reverse=desc)
    return QueryResult(query.entity, rows[query.start - 1:query.start - 1 + query.max_results], query.start)


def _candidates(backend: "QboBackend", query: Query) -> list[Any]:
    """Id = / Id IN are dict lookups; everything else scans the entity's live records."""
    store = backend.store[query.entity]
    for cond in query.where:
        if cond.prop == "Id" and cond.op in ("=", "IN"):
            found = (store.get(str(v) if not isinstance(v, Decimal) else str(int(v))) for v in cond.values)
            return [r for r in found if r is not None and not r.deleted]
    return [r for r in store.values() if not r.deleted]


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
