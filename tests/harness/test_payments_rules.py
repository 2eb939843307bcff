"""The payments engine's verdicts on a changed invoice (XX-EDIT, CB-MANUAL, CB-CREDIT,
CB-RECREATED) and its reading of the remotes' rejections, without a remote."""

from __future__ import annotations

from dataclasses import replace

import pytest

from connsim.harness.engine.services import payments_rules as rules
from connsim.harness.engine.services.payments_model import InvoiceState, LedgerPayment

REF = "CB-abc123"


def invoice(**changes: object) -> InvoiceState:
    base = InvoiceState(id="inv-1", number="INV-1", status="AUTHORISED", total=500.0, amount_due=500.0)
    return replace(base, **changes)  # type: ignore[arg-type]


def verdict(now: InvoiceState | None, replacement: InvoiceState | None = None, amount: float = 500.0,
            seen: InvoiceState | None = None) -> str | None:
    found = rules.preflight(seen or invoice(), now, replacement, amount, REF)
    return found.reason if found else None


def test_unchanged_invoice_is_safe_to_post() -> None:
    assert verdict(invoice()) is None


def test_an_unrelated_change_does_not_block_the_payment() -> None:
    assert verdict(invoice(stamp="later")) is None


def test_deleted_without_replacement() -> None:
    assert verdict(None) == rules.DELETED
    assert verdict(invoice(status="DELETED", dead=True)) == rules.DELETED


def test_deleted_and_recreated_breaks_the_mapping() -> None:
    fresh = invoice(id="inv-2")
    assert verdict(None, fresh) == rules.RECREATED
    assert verdict(invoice(status="VOIDED", dead=True), fresh) == rules.RECREATED


def test_voided() -> None:
    assert verdict(invoice(status="VOIDED", dead=True, amount_due=0.0)) == rules.VOIDED


def test_edited_total() -> None:
    assert verdict(invoice(total=450.0, amount_due=450.0)) == rules.EDITED


def test_paid_by_hand() -> None:
    paid = invoice(amount_due=0.0, payments=[LedgerPayment("p-hand", 500.0, None)])
    assert verdict(paid) == rules.ALREADY_PAID


def test_a_hand_payment_of_the_same_amount_blocks_even_if_room_is_left() -> None:
    seen = invoice(total=1000.0, amount_due=1000.0)
    now = invoice(total=1000.0, amount_due=500.0, payments=[LedgerPayment("p-hand", 500.0, None)])
    assert verdict(now, seen=seen) == rules.ALREADY_PAID


def test_an_unrelated_smaller_hand_payment_leaves_room() -> None:
    seen = invoice(total=1000.0, amount_due=1000.0)
    now = invoice(total=1000.0, amount_due=700.0, payments=[LedgerPayment("p-hand", 300.0, None)])
    assert verdict(now, seen=seen) is None


def test_our_own_payment_is_not_foreign() -> None:
    assert invoice(payments=[LedgerPayment("p", 500.0, REF)]).foreign_payments(REF) == []


def test_credit_applied_changes_the_amount_due() -> None:
    now = invoice(amount_due=350.0, credited=150.0, payments=[LedgerPayment("cn", 150.0, None, is_credit=True)])
    assert verdict(now) == rules.AMOUNT_CHANGED


def test_credit_unapplied_again_is_safe() -> None:
    assert verdict(invoice(stamp="moved", credited=0.0)) is None


@pytest.mark.parametrize("text", [
    "The document date cannot be before the period lock date, currently set at 31-Oct-2026",
    "The document date cannot be before the end of year lock date, currently set at 30-Jun-2026",
    "The account period has closed and the account books cannot be updated through the QBO Services API.",
])
def test_lock_rejections_are_locked_period_whatever_the_invoice_shows(text: str) -> None:
    assert rules.classify_rejection(text, rules.Verdict(rules.EDITED, "x")) == rules.LOCKED


def test_other_rejections_fall_back_to_the_invoice_then_the_text() -> None:
    assert rules.classify_rejection("nope", rules.Verdict(rules.ALREADY_PAID, "x")) == rules.ALREADY_PAID
    assert rules.classify_rejection("Object Not Found: Another user has deleted this transaction.", None) \
        == rules.DELETED
    assert rules.classify_rejection("Payment amount exceeds the amount outstanding on this document", None) \
        == rules.AMOUNT_CHANGED
    assert rules.classify_rejection("Something else", None) == rules.OTHER


def test_every_reason_has_guidance_naming_the_package() -> None:
    for reason in rules.GUIDANCE:
        assert "{pkg}" not in rules.guidance(reason, "Xero")
