"""The two accounting packages behind one small interface (a *ledger*): find an invoice by number,
read it by the ID remembered at record time, post a payment carrying our reference, and search
for that reference after a lost answer. Each adapter turns its remote's JSON into InvoiceState."""

from __future__ import annotations

from typing import Any, Protocol

from connsim.harness.engine.remotes.qbo import QboClient
from connsim.harness.engine.remotes.xero_accounting import XeroAccountingClient
from connsim.harness.engine.services.payments_model import InvoiceState, LedgerPayment, money

DEAD_XERO = ("DELETED", "VOIDED")


class Ledger(Protocol):
    label: str

    def find_invoice(self, number: str) -> InvoiceState | None: ...
    def invoice(self, invoice_id: str) -> InvoiceState | None: ...
    def post(self, invoice: InvoiceState, amount: float, date: str, reference: str, key: str) -> str: ...
    def find_posted(self, reference: str, invoice_id: str) -> str | None: ...


def _live_first(states: list[InvoiceState]) -> InvoiceState | None:
    live = [s for s in states if not s.dead]
    return live[-1] if live else None


class XeroLedger:
    label = "Xero"

    def __init__(self, client: XeroAccountingClient, account_code: str) -> None:
        self.client, self.account_code = client, account_code

    def find_invoice(self, number: str) -> InvoiceState | None:
        return _live_first([xero_state(i) for i in self.client.invoices_by_number(number)])

    def invoice(self, invoice_id: str) -> InvoiceState | None:
        found = self.client.invoice(invoice_id)
        return xero_state(found) if found else None

    def post(self, invoice: InvoiceState, amount: float, date: str, reference: str, key: str) -> str:
        return self.client.create_payment(invoice.id, self.account_code, amount, date, reference, key)["PaymentID"]

    def find_posted(self, reference: str, invoice_id: str) -> str | None:
        for payment in self.client.payments_with_reference(reference):
            if payment.get("Status", "AUTHORISED") != "DELETED":
                return payment["PaymentID"]
        state = self.invoice(invoice_id)  # also look on the invoice itself, in case search lags
        ours = state.ours(reference) if state else None
        return ours.id if ours else None


def xero_state(raw: dict[str, Any]) -> InvoiceState:
    payments = [LedgerPayment(p["PaymentID"], money(p.get("Amount")), p.get("Reference"))
                for p in raw.get("Payments", [])]
    payments += [LedgerPayment(c.get("CreditNoteID", ""), money(c.get("AppliedAmount")), None, is_credit=True)
                 for c in raw.get("CreditNotes", [])]
    status = raw.get("Status", "")
    return InvoiceState(id=raw["InvoiceID"], number=raw.get("InvoiceNumber", ""), status=status,
                        total=money(raw.get("Total")), amount_due=money(raw.get("AmountDue")),
                        credited=money(raw.get("AmountCredited")),
                        customer_id=(raw.get("Contact") or {}).get("ContactID"),
                        stamp=raw.get("UpdatedDateUTC"), payments=payments, dead=status in DEAD_XERO)


class QboLedger:
    label = "QuickBooks"

    def __init__(self, client: QboClient) -> None:
        self.client = client

    def find_invoice(self, number: str) -> InvoiceState | None:
        return _live_first([self._state(i) for i in self.client.invoices_by_number(number)])

    def invoice(self, invoice_id: str) -> InvoiceState | None:
        found = self.client.invoice(invoice_id)
        return self._state(found) if found else None

    def post(self, invoice: InvoiceState, amount: float, date: str, reference: str, key: str) -> str:
        note = f"ConnectBooster payment {reference}"
        return str(self.client.create_payment(invoice.customer_id or "", invoice.id, amount, date, reference,
                                              note, key)["Id"])

    def find_posted(self, reference: str, invoice_id: str) -> str | None:
        state = self.invoice(invoice_id)
        ours = state.ours(reference) if state else None
        if ours:
            return ours.id
        try:
            found = self.client.payments_with_reference(reference)
        except Exception:  # noqa: BLE001 - a query the remote cannot run just means "not found this way"
            found = []
        return str(found[0]["Id"]) if found else None

    def _state(self, raw: dict[str, Any]) -> InvoiceState:
        payments = [p for p in (self._linked(raw["Id"], link) for link in raw.get("LinkedTxn", [])) if p]
        total, balance = money(raw.get("TotalAmt")), money(raw.get("Balance"))
        cash = sum(p.amount for p in payments if not p.is_credit)
        voided = (raw.get("PrivateNote") or "").lower().startswith("voided")
        status = "Voided" if voided else ("Paid" if balance == 0 else "Open")
        return InvoiceState(id=str(raw["Id"]), number=raw.get("DocNumber", ""), status=status, total=total,
                            amount_due=balance, credited=money(max(total - balance - cash, 0)),
                            customer_id=(raw.get("CustomerRef") or {}).get("value"),
                            stamp=str(raw.get("SyncToken", "")), payments=payments, dead=voided)

    def _linked(self, invoice_id: str, link: dict[str, Any]) -> LedgerPayment | None:
        kind, txn_id = link.get("TxnType"), str(link.get("TxnId", ""))
        if kind == "CreditMemo":
            return LedgerPayment(txn_id, 0.0, None, is_credit=True)
        if kind != "Payment":
            return None
        payment = self.client.payment(txn_id)
        if payment is None:
            return None
        amount, credit = 0.0, False
        for line in payment.get("Line", []):
            links = line.get("LinkedTxn", [])
            if any(x.get("TxnType") == "CreditMemo" for x in links):
                credit = True
            if any(str(x.get("TxnId")) == invoice_id and x.get("TxnType") == "Invoice" for x in links):
                amount += money(line.get("Amount"))
        credit = credit or money(payment.get("TotalAmt")) == 0
        return LedgerPayment(txn_id, money(amount), payment.get("PaymentRefNum"), is_credit=credit)
