"""Why a payment cannot (or could not) be pushed, in the words of the ConnectBooster article (seed
004): already paid by hand, amount due changed by a credit, invoice deleted and recreated, a
locked period. Pure functions over InvoiceState, so they are tested without a remote."""

from __future__ import annotations

from dataclasses import dataclass

from connsim.harness.engine.services.payments_model import InvoiceState

ALREADY_PAID = "Already Paid"
AMOUNT_CHANGED = "Amount Due Changed"
RECREATED = "Invoice Recreated"
DELETED = "Invoice Deleted"
VOIDED = "Invoice Voided"
EDITED = "Invoice Edited"
NOT_FOUND = "Invoice Not Found"
LOCKED = "Locked Period"
RECONNECT = "Reconnect Required"
OTHER = "Remote Error"

#: what the user should do, per reason ({pkg} is Xero or QuickBooks)
GUIDANCE = {
    ALREADY_PAID: "A payment was already applied to this invoice by hand in {pkg}; the client has been given "
                  "credit. Click Resolve Now and choose Dismiss Syncing; to remove it from the portal, search "
                  "its transaction number under Entities and Hide it.",
    AMOUNT_CHANGED: "A credit was applied in {pkg} after the payment run, changing the amount due. Un-apply the "
                    "credit; the payment reconciles automatically on the next sync.",
    RECREATED: "The invoice was deleted and recreated in {pkg}, which broke the payment's mapping. Record the "
               "payment by hand in {pkg}, then choose Dismiss Syncing.",
    DELETED: "The invoice was deleted in {pkg}. Nothing is posted to a deleted invoice: record the payment by "
             "hand where it belongs, then choose Dismiss Syncing.",
    VOIDED: "The invoice was voided in {pkg}. Nothing is posted to a voided invoice: record the payment by hand "
            "where it belongs, then choose Dismiss Syncing.",
    EDITED: "The invoice was edited in {pkg} after the client paid; it was not overwritten. Check the invoice: "
            "restore it and the next sync posts the payment, or record the payment by hand and Dismiss Syncing.",
    NOT_FOUND: "No invoice with this number exists in {pkg}. Check the invoice number; record the payment by "
               "hand and Dismiss Syncing if the invoice is elsewhere.",
    LOCKED: "The payment date falls in a period {pkg} has locked. Move the lock date (or closing date) in {pkg} "
            "and the next sync posts the payment.",
    RECONNECT: "The connection to {pkg} must be re-authorised: reconnect it and the next sync pushes every "
               "waiting payment. Nothing is lost meanwhile.",
    OTHER: "If you cannot identify the cause and the failure is isolated, record the payment by hand in {pkg} "
           "and choose Dismiss Syncing. Tell support if payments fail frequently.",
}
#: phrases of the remotes' lock-date rejections (Xero period/end-of-year lock, QBO closed books)
LOCK_PHRASES = ("lock date", "period has closed", "account period closed", "books are closed", "closing date")
CENT = 0.005


@dataclass
class Verdict:
    reason: str
    message: str


def preflight(seen: InvoiceState, now: InvoiceState | None, replacement: InvoiceState | None,
              amount: float, reference: str) -> Verdict | None:
    """Compare the invoice with what it was when the client paid (XX-EDIT). None: safe to post."""
    if now is None or now.dead:
        if replacement is not None and replacement.id != seen.id:
            return Verdict(RECREATED, f"Invoice {seen.number} was deleted and recreated (was ID {seen.id}, now "
                                      f"ID {replacement.id}): the payment's invoice mapping is broken")
        if now is None or now.status.upper() == "DELETED":
            return Verdict(DELETED, f"Invoice {seen.number} (ID {seen.id}) was deleted")
        return Verdict(VOIDED, f"Invoice {seen.number} was voided (status {now.status})")
    if abs(now.total - seen.total) > CENT:
        return Verdict(EDITED, f"Invoice {seen.number} was edited: its total changed from {seen.total:.2f} to "
                               f"{now.total:.2f} since the payment was recorded")
    known = {p.id for p in seen.payments}
    new_cash = [p for p in now.foreign_payments(reference) if p.id not in known]
    if new_cash and (amount > now.amount_due + CENT or any(abs(p.amount - amount) < CENT for p in new_cash)):
        paid = ", ".join(f"{p.amount:.2f}" for p in new_cash)
        return Verdict(ALREADY_PAID, f"Invoice {seen.number} already has a payment applied by hand ({paid}); "
                                     f"amount due is {now.amount_due:.2f}")
    if amount > now.amount_due + CENT and now.amount_due < seen.amount_due - CENT:
        what = "a credit was applied" if now.credited > seen.credited + CENT else "the amount due changed"
        return Verdict(AMOUNT_CHANGED, f"Invoice {seen.number}: {what} after the payment run; amount due is "
                                       f"{now.amount_due:.2f}, was {seen.amount_due:.2f}, payment is {amount:.2f}")
    return None


def classify_rejection(error: str, verdict: Verdict | None) -> str:
    """The reason behind a remote's rejection: its own text first, then what the invoice shows."""
    text = error.lower()
    if any(phrase in text for phrase in LOCK_PHRASES):
        return LOCKED
    if verdict is not None:
        return verdict.reason
    if "could not be found" in text or "object not found" in text or "deleted" in text:
        return DELETED
    if "exceeds the amount outstanding" in text:
        return AMOUNT_CHANGED
    return OTHER


def guidance(reason: str, label: str) -> str:
    return GUIDANCE[reason].format(pkg=label)
