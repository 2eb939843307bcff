"""What the payments engine knows about a remote invoice, the same for Xero and QuickBooks: enough to
tell whether it changed since the client paid (XX-EDIT) and why (CB-MANUAL, CB-CREDIT,
CB-RECREATED), and to find our own payment on it again (reconciliation)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class LedgerPayment:
    """A payment (or credit application) the remote shows against an invoice."""

    id: str
    amount: float
    reference: str | None = None
    is_credit: bool = False


@dataclass
class InvoiceState:
    id: str
    number: str
    status: str           # the remote's own status word (AUTHORISED, PAID, VOIDED, DELETED, Open, ...)
    total: float
    amount_due: float
    credited: float = 0.0
    customer_id: str | None = None
    stamp: str | None = None  # UpdatedDateUTC (Xero) or SyncToken (QBO): moves on every change
    payments: list[LedgerPayment] = field(default_factory=list)
    dead: bool = False    # deleted or voided: never post to it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InvoiceState:
        payments = [LedgerPayment(**p) for p in data.get("payments", [])]
        return cls(**{**data, "payments": payments})

    def foreign_payments(self, reference: str) -> list[LedgerPayment]:
        """Cash payments on the invoice that are not ours (recorded by hand or by another process)."""
        return [p for p in self.payments if not p.is_credit and p.reference != reference]

    def ours(self, reference: str) -> LedgerPayment | None:
        return next((p for p in self.payments if p.reference == reference), None)


def money(value: Any) -> float:
    return round(float(value or 0), 2)
