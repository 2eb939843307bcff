"""Broken engines for payments pushed to Xero or QuickBooks (seed 004, ConnectBooster). Each is the
reference engine with one documented behaviour of the payments profile broken."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, ClassVar

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.engine.http import OutcomeUnknown, ReconnectRequired, RemoteError
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.engine.services import payments_rules as rules
from connsim.harness.engine.services.payments import PaymentsService, Rejected
from connsim.harness.engine.services.payments_ledger import Ledger
from connsim.harness.engine.services.payments_model import InvoiceState


class _DismissIgnoringPayments(PaymentsService):
    def sync_payments(self) -> None:
        for payment in self.store.find("payments", status="Dismissed"):
            payment["status"] = "Failed"  # "dismissed" forgotten: back in the retry queue
            self.store.put("payments", payment)
        super().sync_payments()


class RetriesDismissedPayments(ReferenceEngine):
    """Keeps pushing a payment after the user chose Dismiss Syncing."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _DismissIgnoringPayments}


class _MemoryInvoicePayments(PaymentsService):
    def _verdict(self, ledger: Ledger, seen: InvoiceState, now: InvoiceState | None,  # type: ignore[override]  # a mutant overrides the rule with a deliberately different one
                 amount: float, reference: str) -> rules.Verdict | None:
        return None if now is not None and not now.dead else PaymentsService._verdict(ledger, seen, now, amount,
                                                                                        reference)


class PostsWithoutCheckingTheInvoice(ReferenceEngine):
    """Posts to a live invoice without comparing it with what the client paid (edits, hand payments, credits)."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _MemoryInvoicePayments}


class _RemappingPayments(PaymentsService):
    def _push(self, payment: dict[str, Any], ledger: Ledger) -> None:
        current = ledger.find_invoice(payment["invoice"])
        if payment["seen"] and current is not None and current.id != payment["seen"]["id"]:
            payment["seen"] = current.to_dict()  # the bug: quietly follow the number to the new invoice
        super()._push(payment, ledger)


class PostsToRecreatedInvoice(ReferenceEngine):
    """Follows a deleted-and-recreated invoice's number to the new invoice and posts there."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _RemappingPayments}


class _PendingOnlyPayments(PaymentsService):
    def sync_payments(self) -> None:
        for payment in self.store.find("payments", status="Pending"):
            try:
                self._push(payment, self._ledger())
            except ReconnectRequired as exc:
                self._wait_for_reconnect(str(exc))
                return


class NeverRetriesFailedPayments(ReferenceEngine):
    """A payment that failed once is never tried again, even after its cause is fixed."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _PendingOnlyPayments}


class _StrictRatePayments(PaymentsService):
    def alerts(self) -> list[dict[str, Any]]:
        everything = self.store.find("payments")
        failed = [p for p in everything if p["status"] == "Failed"]
        out = [a for a in super().alerts() if a["kind"] != "failure-rate"]
        if failed and len(failed) * 100 > rules_percent() * len(everything):
            out.append({"kind": "failure-rate", "failed": len(failed), "total": len(everything),
                        "message": "payments failing"})
        return out


def rules_percent() -> int:
    from connsim.harness.engine.services.payments import ALERT_PERCENT

    return ALERT_PERCENT


class AlertsAboveTenPercentOnly(ReferenceEngine):
    """Raises the failure-rate alert above 10 % only, not at exactly 10 %."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _StrictRatePayments}


class _SilentPayments(PaymentsService):
    def alerts(self) -> list[dict[str, Any]]:
        return [a for a in super().alerts() if a["kind"] != "failure-rate"]


class NeverAlertsOnFailureRate(ReferenceEngine):
    """Never tells the user that failures need attention."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _SilentPayments}


class _HideAnythingPayments(PaymentsService):
    def hide(self, payment_id: str) -> None:
        payment = self._get(payment_id)
        payment["hidden"] = True
        self.store.put("payments", payment)


class HidesFailedPayments(ReferenceEngine):
    """Lets the user hide a payment that has neither synced nor been dismissed."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _HideAnythingPayments}


class _DroppingPayments(PaymentsService):
    def _wait_for_reconnect(self, why: str) -> None:
        super()._wait_for_reconnect(why)
        for payment in self.store.find("payments", status="Pending"):
            payment["status"] = "Dismissed"  # "the connection is gone, nothing to do"
            self.store.put("payments", payment)


class DropsPaymentsWhileDisconnected(ReferenceEngine):
    """Gives up on every waiting payment when the connection needs re-authorising."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _DroppingPayments}


class _LockBlindPayments(PaymentsService):
    def _settle(self, payment: dict[str, Any], status: str, reason: str | None, error: str | None) -> None:
        super()._settle(payment, status, rules.OTHER if reason == rules.LOCKED else reason, error)


class HidesLockDateReason(ReferenceEngine):
    """Files a lock-date rejection under a generic reason."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _LockBlindPayments}


class _TextlessPayments(PaymentsService):
    def _settle(self, payment: dict[str, Any], status: str, reason: str | None, error: str | None) -> None:
        super()._settle(payment, status, reason, f"Payment rejected ({reason})" if error else None)


class LosesRemoteErrorTextOnPayments(ReferenceEngine):
    """Shows its own summary instead of the accounting package's error text."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _TextlessPayments}


class _WallClockPayments(PaymentsService):
    def record_payment(self, invoice_number: str, amount: float, date_paid: str) -> str:
        return super().record_payment(invoice_number, amount, date.today().isoformat())


class DatesPaymentsByWallClock(ReferenceEngine):
    """Dates each payment with the computer's today instead of the day the client paid."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _WallClockPayments}


class _BlindRepostPayments(PaymentsService):
    def _post_once(self, payment: dict[str, Any], ledger: Ledger, seen: InvoiceState) -> str:
        now = ledger.invoice(seen.id)
        verdict = self._verdict(ledger, seen, now, payment["amount"], payment["transaction_number"])
        if verdict is not None:
            raise Rejected(verdict.reason, verdict.message)
        assert now is not None
        for _ in range(3):  # a lost answer is simply posted again, under a fresh key
            try:
                return ledger.post(now, payment["amount"], payment["date"], payment["transaction_number"],
                                   uuid.uuid4().hex)
            except OutcomeUnknown:
                continue
            except RemoteError as exc:
                raise Rejected(rules.classify_rejection(exc.message, None), exc.message) from exc
        raise OutcomeUnknown("no answer")


class RepostsPaymentAfterLostResponse(ReferenceEngine):
    """Posts the payment again, with a new idempotency key, when the answer was lost."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _BlindRepostPayments}


class _EditBlindPayments(PaymentsService):
    def _verdict(self, ledger: Ledger, seen: InvoiceState, now: InvoiceState | None,  # type: ignore[override]  # a mutant overrides the rule with a deliberately different one
                 amount: float, reference: str) -> rules.Verdict | None:
        if now is not None and not now.dead:
            seen = InvoiceState.from_dict({**seen.to_dict(), "total": now.total})  # edits accepted as they are
        return PaymentsService._verdict(ledger, seen, now, amount, reference)


class IgnoresEditedTotals(ReferenceEngine):
    """Accepts an invoice whose total was edited after the client paid and posts to it."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _EditBlindPayments}


class _PaidAsRemoteError(PaymentsService):
    def _settle(self, payment: dict[str, Any], status: str, reason: str | None, error: str | None) -> None:
        super()._settle(payment, status, rules.OTHER if reason == rules.ALREADY_PAID else reason, error)


class HidesAlreadyPaidReason(ReferenceEngine):
    """Files a payment rejected because it was already paid by hand under a generic reason."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _PaidAsRemoteError}


class _NoDismissPayments(PaymentsService):
    def resolve_now(self, payment_id: str) -> dict[str, Any]:
        details = super().resolve_now(payment_id)
        return {**details, "actions": [a for a in details["actions"] if a != "Dismiss Syncing"]}

    def dismiss_syncing(self, payment_id: str) -> None:
        raise UnsupportedAction("Contact support to stop syncing this payment.")


class OffersNoDismissSyncing(ReferenceEngine):
    """Resolve Now offers no Dismiss Syncing: a payment recorded by hand can never be settled."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _NoDismissPayments}


class _DeletingHidePayments(PaymentsService):
    def hide(self, payment_id: str) -> None:
        super().hide(payment_id)
        self.store.delete("payments", payment_id)


class HideDeletesThePayment(ReferenceEngine):
    """Hide deletes the payment's record: the transaction can no longer be found."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _DeletingHidePayments}
