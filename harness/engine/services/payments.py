"""Payments made in the client portal pushed to the accounting package (seed 004, ConnectBooster).

A payment is recorded against an invoice *number*; the engine looks the invoice up at once and
remembers its remote ID and state (that mapping is what breaks when the invoice is deleted and
recreated). Each sync compares the invoice with what it was when the client paid and refuses to
post blindly (XX-EDIT); a rejection is classified with the reason the user needs and stays visible
until synced or dismissed (CB-KEEP). Every push carries the payment's reference and an idempotency
key from the outbox; after a lost answer the remote is searched for the reference before anything
is posted again (XX-FLAKY)."""

from __future__ import annotations

import contextlib
from typing import Any

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OutcomeUnknown, ReconnectRequired, RemoteError
from connsim.harness.engine.services import payments_rules as rules
from connsim.harness.engine.services.payments_connection import AccountingConnection, open_connection
from connsim.harness.engine.services.payments_ledger import Ledger
from connsim.harness.engine.services.payments_model import InvoiceState

RECONCILE_ATTEMPTS = 3
#: failures at or above this share of all payments raise the "settings need attention" alert
ALERT_PERCENT = 10
SYNCABLE = ("Pending", "Failed")


class Rejected(Exception):
    """The payment cannot land: ``reason`` for the user, ``error`` the remote's (or engine's) text."""

    def __init__(self, reason: str, error: str) -> None:
        super().__init__(error)
        self.reason, self.error = reason, error


class PaymentsService:
    def __init__(self, ctx: EngineContext) -> None:
        self.ctx, self.store = ctx, ctx.store
        self._connection: AccountingConnection | None = None

    # -- connection ----------------------------------------------------------------------------
    def connect_accounting(self, system: str) -> None:
        """Connect (or reconnect) the accounting package; the consent flow runs as a browser would."""
        self._connection = open_connection(self.ctx, system)
        self.store.put("settings", {"id": "payments", "system": system})
        self._connection.connect()
        self.store.log(self.ctx.now(), "integration", f"Connected to {self._connection.label}")

    def connection(self) -> AccountingConnection | None:
        if self._connection is None:
            settings = self.store.get("settings", "payments")
            if settings:
                self._connection = open_connection(self.ctx, settings["system"])
        return self._connection

    # -- payments ------------------------------------------------------------------------------
    def record_payment(self, invoice_number: str, amount: float, date: str) -> str:
        """A client paid invoice N in the portal. Recorded whatever the remote says (never lost)."""
        payment = self.store.put("payments", {
            "invoice": invoice_number, "amount": round(float(amount), 2), "date": date, "status": "Pending",
            "reason": None, "error": None, "hidden": False, "remote_id": None, "seen": None, "generation": 0,
            "recorded_at": self.ctx.now()})
        payment["transaction_number"] = f"CB-{payment['id']}"
        with contextlib.suppress(ReconnectRequired, OutcomeUnknown, RemoteError):  # else mapped at the next sync
            self._map_invoice(payment, self._ledger())
        self.store.put("payments", payment)
        return payment["id"]

    def sync_payments(self) -> None:
        """Push every pending or failed payment that is not dismissed; Synced ones are never re-sent."""
        for payment in self.store.find("payments"):
            if payment["status"] not in SYNCABLE:
                continue
            try:
                self._push(payment, self._ledger())
            except ReconnectRequired as exc:
                self._wait_for_reconnect(str(exc))
                return

    def payments(self, include_hidden: bool = False) -> list[dict[str, Any]]:
        return [self._view(p) for p in self.store.find("payments") if include_hidden or not p["hidden"]]

    def payment(self, payment_id: str) -> dict[str, Any]:
        return self._view(self._get(payment_id))

    def resolve_now(self, payment_id: str) -> dict[str, Any]:
        """Resolve Now: why the payment failed, what to do, and what the invoice looked like when paid."""
        payment = self._get(payment_id)
        actions = {"Failed": ["Dismiss Syncing"], "Pending": ["Dismiss Syncing"], "Dismissed": ["Hide"],
                   "Synced": ["Hide"]}[payment["status"]]
        return {**self._view(payment), "actions": actions, "invoice_when_paid": payment["seen"],
                "invoice_now": self._invoice_now(payment), "attempts": self.store.attempts("payments", payment_id)}

    def dismiss_syncing(self, payment_id: str) -> None:
        """Stop trying to push this payment (it was recorded by hand): never sent again."""
        payment = self._get(payment_id)
        if payment["status"] == "Synced":
            raise UnsupportedAction("This payment is already synced to the accounting package.")
        payment["status"] = "Dismissed"
        self.store.put("payments", payment)
        self.store.attempt("payments", payment_id, self.ctx.now(), "dismissed", payment["reason"])
        self.store.log(self.ctx.now(), "payment", f"Syncing dismissed for {payment['transaction_number']}",
                       payment=payment_id)

    def hide(self, payment_id: str) -> None:
        """Hide from the portal list; still on record and found by search (CB-KEEP: not while failing)."""
        payment = self._get(payment_id)
        if payment["status"] in SYNCABLE:
            raise UnsupportedAction("A payment that has not synced stays visible: resolve it or choose "
                                    "Dismiss Syncing first.")
        payment["hidden"] = True
        self.store.put("payments", payment)
        self.store.log(self.ctx.now(), "payment", f"{payment['transaction_number']} hidden", payment=payment_id)

    def search_entities(self, transaction_number: str) -> list[dict[str, Any]]:
        wanted = transaction_number.strip().lower()
        return [self._view(p) for p in self.store.find("payments")
                if wanted in (p["transaction_number"].lower(), p["id"].lower())]

    def alerts(self) -> list[dict[str, Any]]:
        everything = self.store.find("payments")
        failed = [p for p in everything if p["status"] == "Failed"]
        out: list[dict[str, Any]] = []
        if failed and len(failed) * 100 >= ALERT_PERCENT * len(everything):
            rate = round(100 * len(failed) / len(everything), 1)
            out.append({"kind": "failure-rate", "failed": len(failed), "total": len(everything), "rate": rate,
                        "message": f"{len(failed)} of {len(everything)} payments ({rate} %) are failing to sync: "
                                   "settings may need attention. Please let support know."})
        connection = self.connection()
        if connection is not None and connection.status() == "Inactive":
            out.append({"kind": "reconnect", "message": f"Reconnect {connection.label}: "
                                                        f"{connection.record().get('inactive_reason')}"})
        return out

    # -- internals -----------------------------------------------------------------------------
    def _get(self, payment_id: str) -> dict[str, Any]:
        payment = self.store.get("payments", payment_id)
        if payment is None:
            raise KeyError(f"no payment {payment_id}")
        return payment

    def _ledger(self) -> Ledger:
        connection = self.connection()
        if connection is None:
            raise ReconnectRequired("no accounting package is connected")
        return connection.ledger()

    def _label(self) -> str:
        connection = self.connection()
        return connection.label if connection else "the accounting package"

    def _view(self, payment: dict[str, Any]) -> dict[str, Any]:
        reason = payment["reason"]
        return {"id": payment["id"], "transaction_number": payment["transaction_number"],
                "invoice": payment["invoice"], "amount": payment["amount"], "date": payment["date"],
                "status": payment["status"], "reason": reason, "error": payment["error"],
                "guidance": rules.guidance(reason, self._label()) if reason else None,
                "hidden": payment["hidden"], "remote_id": payment["remote_id"],
                "remote_invoice_id": (payment["seen"] or {}).get("id")}

    def _invoice_now(self, payment: dict[str, Any]) -> dict[str, Any] | None:
        """The invoice as the remote shows it now, for comparison; None when it cannot be read."""
        if not payment["seen"]:
            return None
        try:
            state = self._ledger().invoice(payment["seen"]["id"])
        except (ReconnectRequired, OutcomeUnknown, RemoteError):
            return None
        return state.to_dict() if state else {"id": payment["seen"]["id"], "status": "not found"}

    def _map_invoice(self, payment: dict[str, Any], ledger: Ledger) -> InvoiceState | None:
        """Look the invoice up by number once and remember its remote ID and state."""
        if payment["seen"]:
            return InvoiceState.from_dict(payment["seen"])
        state = ledger.find_invoice(payment["invoice"])
        if state is not None:
            payment["seen"] = state.to_dict()
        return state

    def _push(self, payment: dict[str, Any], ledger: Ledger) -> None:
        try:
            seen = self._map_invoice(payment, ledger)
            if seen is None:
                raise Rejected(rules.NOT_FOUND, f"No invoice numbered {payment['invoice']} in {self._label()}")
            remote_id = self._post_once(payment, ledger, seen)
        except Rejected as exc:
            self._settle(payment, "Failed", exc.reason, exc.error)
            return
        except OutcomeUnknown as exc:
            self._settle(payment, "Pending", rules.OTHER,
                         f"{self._label()} did not confirm the payment ({exc}); the next sync checks first")
            return
        payment["remote_id"] = remote_id
        self._settle(payment, "Synced", None, None)

    def _post_once(self, payment: dict[str, Any], ledger: Ledger, seen: InvoiceState) -> str:
        """Post unless the remote already has it; never to a dead or changed invoice. Exactly once."""
        reference, amount = payment["transaction_number"], payment["amount"]
        for _ in range(RECONCILE_ATTEMPTS):
            key = self._idempotency_key(payment)
            now = ledger.invoice(seen.id)
            ours = now.ours(reference) if now else None
            if ours is not None:
                return self._confirm(key, payment, ours.id)
            outbox = self.store.outbox_get(key)
            if outbox and outbox["state"] == "unknown":  # a lost answer: search before posting again
                found = ledger.find_posted(reference, seen.id)
                if found:
                    return self._confirm(key, payment, found)
            verdict = self._verdict(ledger, seen, now, amount, reference)
            if verdict is not None:
                raise Rejected(verdict.reason, verdict.message)
            assert now is not None
            self.store.outbox_put(key, "payment", payment["id"], "sending", payload={"invoice": seen.id})
            try:
                remote_id = ledger.post(now, amount, payment["date"], reference, key)
            except OutcomeUnknown:
                self.store.outbox_put(key, "payment", payment["id"], "unknown")
                continue
            except RemoteError as exc:
                self.store.outbox_put(key, "payment", payment["id"], "rejected")
                payment["generation"] += 1  # a fresh key next time: the remote caches its answer per key
                fresh = self._verdict(ledger, seen, ledger.invoice(seen.id), amount, reference)
                raise Rejected(rules.classify_rejection(exc.message, fresh), exc.message) from exc
            return self._confirm(key, payment, remote_id)
        raise OutcomeUnknown(f"no confirmation after {RECONCILE_ATTEMPTS} attempts")

    @staticmethod
    def _idempotency_key(payment: dict[str, Any]) -> str:
        """One key per payment and attempt generation: a resend after a lost answer reuses it."""
        return f"{payment['transaction_number']}-{payment['generation']}"

    @staticmethod
    def _verdict(ledger: Ledger, seen: InvoiceState, now: InvoiceState | None, amount: float,
                 reference: str) -> rules.Verdict | None:
        replacement = ledger.find_invoice(seen.number) if now is None or now.dead else None
        return rules.preflight(seen, now, replacement, amount, reference)

    def _confirm(self, key: str, payment: dict[str, Any], remote_id: str) -> str:
        self.store.outbox_put(key, "payment", payment["id"], "confirmed", remote_id)
        return remote_id

    def _settle(self, payment: dict[str, Any], status: str, reason: str | None, error: str | None) -> None:
        payment.update(status=status, reason=reason, error=error)
        self.store.put("payments", payment)
        outcome = {"Synced": "synced", "Failed": "failed"}.get(status, "pending")
        self.store.attempt("payments", payment["id"], self.ctx.now(), outcome, reason, error)
        what = f"{payment['transaction_number']} on invoice {payment['invoice']}"
        self.store.log(self.ctx.now(), "payment", f"{status}: {what}" + (f" ({reason}: {error})" if reason else ""),
                       payment=payment["id"])

    def _wait_for_reconnect(self, why: str) -> None:
        """Tokens are dead: the connection is Inactive and waiting payments say so; none is dropped."""
        connection = self.connection()
        if connection is not None:
            connection.mark_inactive(why)
        for payment in self.store.find("payments", status="Pending"):
            self._settle(payment, "Pending", rules.RECONNECT, f"{self._label()} connection needs re-authorising: "
                                                              f"{why}")
