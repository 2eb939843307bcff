"""QBO entities as records, and the value parsers that make python-quickbooks payloads safe: it
sends "" for every empty field, integer SyncTokens and TxnLineIds, and echoes read-only fields.
Every parser turns a wrong type into InvalidProperty (HTTP 400 code 2010), never a crash."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

from connsim.simulator.qbo.errors import InvalidProperty

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

#: fields QBO computes or owns: ignored when a client sends them back (UNCONFIRMED that QBO ignores them)
READ_ONLY = {"Id", "SyncToken", "MetaData", "domain", "sparse", "status", "time", "Balance", "HomeBalance",
             "TotalAmt", "HomeTotalAmt", "UnappliedAmt", "RemainingCredit", "LinkedTxn", "BalanceWithJobs",
             "FullyQualifiedName", "Level", "InvoiceLink"}


#: read-only elsewhere, written by the client on these entities
WRITABLE_EXTRA: dict[str, tuple[str, ...]] = {"Payment": ("TotalAmt",)}


def blank(value: Any) -> bool:
    return value is None or value == ""


def clean(value: Any) -> Any:
    """Drop "" and None everywhere: python-quickbooks means "absent" by them."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if not blank(v)}
    if isinstance(value, list):
        return [clean(v) for v in value if not blank(v)]
    return value


def writable(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """The client's fields minus the read-only ones (``keep`` names read-only fields an entity accepts)."""
    return {k: v for k, v in clean(data).items() if k not in READ_ONLY or k in keep}


def money(value: Any, prop: str) -> Decimal | None:
    if blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise InvalidProperty(prop, "not a number")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise InvalidProperty(prop, "not a number") from None
    if not amount.is_finite():
        raise InvalidProperty(prop, "not a number")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_date(value: Any, prop: str) -> date | None:
    if blank(value):
        return None
    if not isinstance(value, str):
        raise InvalidProperty(prop, "not a date")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InvalidProperty(prop, "not a date (yyyy-MM-dd)") from None


def ref_id(value: Any, prop: str) -> str | None:
    """A Ref's value ({"value": "12", "name": ...}, or a bare id) as a numeric string; 0/"" mean absent."""
    if isinstance(value, dict):
        value = value.get("value")
    if blank(value) or value == 0 or value == "0":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidProperty(prop, "not a reference")
    text = str(value).strip()
    if not text.isdigit():
        raise InvalidProperty(prop, "not a reference id")
    return str(int(text))


def sync_token(value: Any) -> int | None:
    """SyncToken as sent: "3" from QBO-aware clients, 0 (an int) from python-quickbooks."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise InvalidProperty("SyncToken")
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidProperty("SyncToken") from None


@dataclass(kw_only=True)
class Record:
    kind: ClassVar[str] = ""
    id: str
    created: datetime
    updated: datetime
    #: the writable fields as last written (cleaned), rendered back as sent
    fields: dict[str, Any] = field(default_factory=dict)
    sync: int = 0
    deleted: bool = False


@dataclass(kw_only=True)
class Customer(Record):
    kind: ClassVar[str] = "Customer"
    display_name: str = ""
    active: bool = True


@dataclass(kw_only=True)
class Txn(Record):
    """A dated transaction: the closing date applies to it."""

    txn_date: date
    customer_id: str
    total: Decimal = ZERO
    voided: bool = False


@dataclass(kw_only=True)
class Invoice(Txn):
    kind: ClassVar[str] = "Invoice"
    doc_number: str = ""
    lines: list[dict[str, Any]] = field(default_factory=list)
    due_date: date | None = None
    tax: dict[str, Any] = field(default_factory=dict)
    #: payment id → amount that payment applies here; credit memo id → amount applied in the UI
    paid_by: dict[str, Decimal] = field(default_factory=dict)
    credited_by: dict[str, Decimal] = field(default_factory=dict)

    @property
    def balance(self) -> Decimal:
        return self.total - sum(self.paid_by.values(), ZERO) - sum(self.credited_by.values(), ZERO)


@dataclass(kw_only=True)
class CreditMemo(Txn):
    kind: ClassVar[str] = "CreditMemo"
    doc_number: str = ""
    lines: list[dict[str, Any]] = field(default_factory=list)
    due_date: date | None = None
    tax: dict[str, Any] = field(default_factory=dict)
    #: invoice id → amount applied in the UI; payment id → amount a Payment line consumed
    applied_to: dict[str, Decimal] = field(default_factory=dict)
    used_by: dict[str, Decimal] = field(default_factory=dict)

    @property
    def remaining(self) -> Decimal:
        return self.total - sum(self.applied_to.values(), ZERO) - sum(self.used_by.values(), ZERO)


@dataclass(frozen=True)
class Application:
    """One Payment line: ``amount`` applied to an Invoice, or credit taken from a CreditMemo."""

    txn_type: str  # "Invoice" or "CreditMemo"
    txn_id: str
    amount: Decimal


@dataclass(kw_only=True)
class Payment(Txn):
    kind: ClassVar[str] = "Payment"
    applications: list[Application] = field(default_factory=list)

    @property
    def unapplied(self) -> Decimal:
        paid = sum((a.amount for a in self.applications if a.txn_type == "Invoice"), ZERO)
        credit = sum((a.amount for a in self.applications if a.txn_type == "CreditMemo"), ZERO)
        return self.total - paid + credit


KINDS: dict[str, type[Record]] = {cls.kind: cls for cls in (Customer, Invoice, Payment, CreditMemo)}
