"""Xero's ``where`` filter language (a .NET dynamic-LINQ subset) as connectors use it:
``Status=="AUTHORISED" && Contact.ContactID==Guid("…")``, ``Date >= DateTime(2024, 01, 01)``,
``AmountDue > 5000 and Type=="ACCREC"``, ``Name.Contains("Ltd")``, ``or``/``||``, ``not``/``!``, parentheses.

A filter compiles once to a predicate over a record's *view* (a dict of field path → value,
keys lower-case). Field names are case-insensitive; string equality ignores case (UNCONFIRMED:
Xero's SQL collation is case-insensitive in practice). ``terms`` exposes the top-level conjuncts,
each with its own predicate, so the caller can answer ``field op literal`` ones from an index and
test only the rest (``equalities``: the top-level ``==`` terms, for callers without an index)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from connsim.simulator.xero.errors import QueryParseError

View = dict[str, Any]
Predicate = Callable[[View], bool]

_TOKEN = re.compile(r"""\s*(?:
    (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<num>-?\d+(?:\.\d+)?)
  | (?P<op>==|!=|<>|>=|<=|&&|\|\||[=<>!(),.])
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
)""", re.VERBOSE)

_STRING_METHODS = {"contains": lambda a, b: b in a, "startswith": lambda a, b: a.startswith(b),
                   "endswith": lambda a, b: a.endswith(b)}


@dataclass(frozen=True)
class Field:
    path: str  # lower-case dotted


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class Term:
    """A top-level ``field op literal`` conjunct (``literal op field`` is turned around)."""

    path: str
    op: str
    value: Any


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise QueryParseError(f"Syntax error at position {pos} in '{text}'")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str, type_name: str, fields: frozenset[str]) -> None:
        self.text, self.type_name, self.fields = text, type_name, fields
        self.tokens = tokenize(text)
        self.i = 0
        self.equalities: dict[str, Any] = {}
        #: the top-level conjuncts: (their term if ``field op literal``, their predicate); [] after a top-level or
        self.terms: list[tuple[Term | None, Predicate]] = []
        self._term: Term | None = None

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1].lower() != value):
            raise QueryParseError(f"Expression expected in '{self.text}'" if value is None
                                  else f"'{value}' expected in '{self.text}'")
        self.i += 1
        return tok

    def at(self, *values: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] in ("op", "name") and tok[1].lower() in values

    def parse(self) -> Predicate:
        pred = self.or_expr(top=True)
        if self.peek() is not None:
            raise QueryParseError(f"Syntax error near '{self.peek()[1]}' in '{self.text}'")  # type: ignore[index]  # peek() is a token tuple here
        return pred

    def or_expr(self, top: bool = False) -> Predicate:
        parts = [self.and_expr(top)]
        while self.at("or", "||"):
            self.take()
            parts.append(self.and_expr(False))
        if len(parts) > 1 and top:
            self.equalities.clear()  # a disjunction cannot narrow by index
            self.terms.clear()
        return parts[0] if len(parts) == 1 else (lambda v: any(p(v) for p in parts))

    def and_expr(self, top: bool) -> Predicate:
        parts = [self.conjunct(top)]
        while self.at("and", "&&"):
            self.take()
            parts.append(self.conjunct(top))
        return parts[0] if len(parts) == 1 else (lambda v: all(p(v) for p in parts))

    def conjunct(self, top: bool) -> Predicate:
        self._term = None
        pred = self.unary(top)
        if top:
            self.terms.append((self._term, pred))
        return pred

    def unary(self, top: bool) -> Predicate:
        if self.at("not", "!"):
            self.take()
            inner = self.unary(False)
            return lambda v: not inner(v)
        if self.at("("):
            self.take("(")
            inner = self.or_expr(False)
            self.take(")")
            return inner
        return self.comparison(top)

    def comparison(self, top: bool) -> Predicate:
        left = self.operand()
        if isinstance(left, Field) and self.at("."):
            return self.method(left)
        if not self.at("==", "=", "!=", "<>", ">", "<", ">=", "<="):
            if isinstance(left, Field):
                return lambda v: bool(v.get(left.path))
            raise QueryParseError(f"Expression of type 'Boolean' expected in '{self.text}'")
        op = self.take()[1]
        right = self.operand()
        if top and op in ("==", "=") and isinstance(left, Field) and isinstance(right, Literal):
            self.equalities[left.path] = right.value
        if top and isinstance(left, Field) and isinstance(right, Literal):
            self._term = Term(left.path, op, right.value)
        elif top and isinstance(left, Literal) and isinstance(right, Field):
            self._term = Term(right.path, _FLIPPED.get(op, op), left.value)
        return _compare(left, op, right)

    def method(self, left: Field) -> Predicate:
        self.take(".")
        name = self.take()[1].lower()
        if name not in _STRING_METHODS:
            raise QueryParseError(f"No applicable method '{name}' exists in type 'String'")
        self.take("(")
        arg = self.operand()
        self.take(")")
        if not isinstance(arg, Literal) or not isinstance(arg.value, str):
            raise QueryParseError(f"No applicable method '{name}' exists in type 'String'")
        fn, needle = _STRING_METHODS[name], arg.value.lower()
        return lambda v: isinstance(v.get(left.path), str) and fn(v[left.path].lower(), needle)

    def operand(self) -> Field | Literal:
        kind, text = self.take()
        if kind == "str":
            return Literal(bytes(text[1:-1], "utf-8").decode("unicode_escape"))
        if kind == "num":
            return Literal(Decimal(text))
        if kind != "name":
            raise QueryParseError(f"Expression expected near '{text}' in '{self.text}'")
        low = text.lower()
        if low in ("true", "false"):
            return Literal(low == "true")
        if low == "null":
            return Literal(None)
        if low == "datetime" and self.at("("):
            return Literal(self.datetime_args())
        if low == "guid" and self.at("("):
            self.take("(")
            kind, value = self.take()
            self.take(")")
            try:
                return Literal(str(uuid.UUID(value.strip('"'))))
            except ValueError:
                raise QueryParseError(f"Guid should contain 32 digits with 4 dashes: {value}") from None
        path = [low]
        while self.at(".") and self._next_is_field():
            self.take(".")
            path.append(self.take()[1].lower())
        dotted = ".".join(path)
        if dotted not in self.fields:
            raise QueryParseError(f"No property or field '{text}' exists in type '{self.type_name}'")
        return Field(dotted)

    def _next_is_field(self) -> bool:
        nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
        after = self.tokens[self.i + 2] if self.i + 2 < len(self.tokens) else None
        return nxt is not None and nxt[0] == "name" and not (after and after[1] == "(")

    def datetime_args(self) -> datetime:
        self.take("(")
        parts: list[int] = []
        while True:
            kind, text = self.take()
            if kind != "num":
                raise QueryParseError(f"DateTime expects numbers in '{self.text}'")
            parts.append(int(Decimal(text)))
            if self.at(")"):
                self.take(")")
                break
            self.take(",")
        try:
            return datetime(*parts, tzinfo=UTC)  # type: ignore[misc,arg-type]  # 3 to 6 ints, counted at run time
        except (TypeError, ValueError):
            raise QueryParseError(f"Invalid DateTime in '{self.text}'") from None


_FLIPPED = {">": "<", "<": ">", ">=": "<=", "<=": ">="}


def norm(value: Any) -> Any:
    """A value as comparisons see it: text lower-case, dates as UTC instants, numbers as Decimal."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, str):
        return value.lower()
    return value


def _compare(left: Field | Literal, op: str, right: Field | Literal) -> Predicate:
    def value(side: Field | Literal, view: View) -> Any:
        return norm(view.get(side.path)) if isinstance(side, Field) else norm(side.value)

    def check(view: View) -> bool:
        a, b = value(left, view), value(right, view)
        if op in ("==", "="):
            return a == b
        if op in ("!=", "<>"):
            return a != b
        if a is None or b is None:
            return False
        try:
            return {">": a > b, "<": a < b, ">=": a >= b, "<=": a <= b}[op]
        except (TypeError, InvalidOperation):
            raise QueryParseError(f"Operator '{op}' incompatible with operand types "
                                  f"'{type(a).__name__}' and '{type(b).__name__}'") from None

    return check


@dataclass
class Filter:
    predicate: Predicate
    #: top-level ``field == literal`` terms (only when the filter is a pure conjunction)
    equalities: dict[str, Any]
    #: the top-level conjuncts with their predicates ([] when the filter is a top-level disjunction)
    terms: list[tuple[Term | None, Predicate]]


def compile_where(text: str, type_name: str, fields: frozenset[str]) -> Filter:
    """Parse once; raise QueryParseError (a 400 in Xero's shape) on anything it cannot read."""
    parser = _Parser(text, type_name, fields)
    predicate = parser.parse()
    return Filter(predicate, dict(parser.equalities), list(parser.terms))
