"""Steps for payments pushed to the accounting package (seed 004, ConnectBooster), in the users'
words: "I click Resolve Now", "I choose Dismiss Syncing", "I hide the transaction", "the payment is
not pushed again". They drive the engine's payments service, act in Xero or QuickBooks through the
control API, and check both what the engine shows and what the books really hold."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then, when

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.bdd.steps.payments_books import Books, open_books
from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv

PORTAL_DATE = "2026-11-18"


def books(world: World, label: str | None = None) -> Books:
    found = world.books
    if found is None:
        raise AssertionError("the scenario never connected ConnectBooster to an accounting package")
    if label is not None and found.label != label:
        raise AssertionError(f"this scenario's accounting package is {found.label}, the step says {label}")
    return found


def service(engine: Any) -> Any:
    return engine.service("payments")


def payment_id(world: World, number: str) -> str:
    world.selected_payment = world.need(world.payments, number, "a portal payment for invoice")
    return world.selected_payment


def selected(world: World) -> str:
    return world.looking_at(world.selected_payment, "a payment")


def payment_view(engine: Any, world: World, number: str) -> dict[str, Any]:
    return service(engine).payment(payment_id(world, number))


# -- set-up -------------------------------------------------------------------------------------
@given(parsers.parse("ConnectBooster is connected to {system}"))
def connected(remote_env: RemoteEnv, engine: Any, world: World, system: str) -> None:
    world.books = open_books(remote_env, system)
    service(engine).connect_accounting(world.books.system)


@given(parsers.parse('an open invoice "{number}" for {amount:f} to "{customer}" dated {date}'))
def open_invoice(world: World, number: str, amount: float, customer: str, date: str) -> None:
    books(world).add_invoice(number, amount, date, customer)


@given(parsers.parse('the client paid {amount:f} on invoice "{number}" in the portal on {date}'))
@when(parsers.parse('the client paid {amount:f} on invoice "{number}" in the portal on {date}'))
def portal_payment(engine: Any, world: World, amount: float, number: str, date: str) -> None:
    world.payments[number] = service(engine).record_payment(number, amount, date)


@given(parsers.parse("{count:d} invoices were paid in full by clients in the portal"))
def many_paid(engine: Any, world: World, count: int) -> None:
    for n in range(1, count + 1):
        number = f"INV-R{n:03d}"
        books(world).add_invoice(number, 100.0, "2026-11-02", "Rate Client Ltd")
        world.payments[number] = service(engine).record_payment(number, 100.0, PORTAL_DATE)


@given(parsers.parse("{count:d} of them were already paid by hand in {system}"))
def many_paid_by_hand(world: World, count: int, system: str) -> None:
    for n in range(1, count + 1):
        books(world, system).pay_by_hand(f"INV-R{n:03d}", 100.0, PORTAL_DATE)


# -- the engine ---------------------------------------------------------------------------------
@given("ConnectBooster syncs payments")
@when("ConnectBooster syncs payments")
@when("the next sync runs")
def sync(engine: Any) -> None:
    service(engine).sync_payments()


@when(parsers.parse('I click Resolve Now on the payment for invoice "{number}"'))
def resolve_now(engine: Any, world: World, number: str) -> None:
    world.resolved = service(engine).resolve_now(payment_id(world, number))


@when("I choose Dismiss Syncing")
def dismiss(engine: Any, world: World) -> None:
    service(engine).dismiss_syncing(selected(world))


@when("I search Entities for its transaction number")
def search_entities(engine: Any, world: World) -> None:
    txn = service(engine).payment(selected(world))["transaction_number"]
    found = service(engine).search_entities(txn)
    assert len(found) == 1, f"expected the search for {txn} to find 1 transaction, found {found}"
    world.selected_payment = found[0]["id"]


@when("I hide the transaction")
def hide(engine: Any, world: World) -> None:
    service(engine).hide(selected(world))


@when(parsers.parse('I try to hide the payment for invoice "{number}"'))
def try_hide(engine: Any, world: World, number: str) -> None:
    world.last_error = None
    try:
        service(engine).hide(payment_id(world, number))
    except UnsupportedAction as exc:
        world.last_error = str(exc)


@when(parsers.parse("I reconnect ConnectBooster to {system}"))
def reconnect(engine: Any, world: World, system: str) -> None:
    service(engine).connect_accounting(books(world, system).system)


# -- what a person does in the accounting package -----------------------------------------------
@given(parsers.parse('someone records a payment of {amount:f} on invoice "{number}" by hand in {system}'))
@when(parsers.parse('someone records a payment of {amount:f} on invoice "{number}" by hand in {system}'))
def pay_by_hand(world: World, amount: float, number: str, system: str) -> None:
    books(world, system).pay_by_hand(number, amount, PORTAL_DATE)


@given(parsers.parse('a credit of {amount:f} is applied to invoice "{number}" in {system}'))
@when(parsers.parse('a credit of {amount:f} is applied to invoice "{number}" in {system}'))
def apply_credit(world: World, amount: float, number: str, system: str) -> None:
    books(world, system).apply_credit(number, amount, "2026-11-19")


@when(parsers.parse('the credit is un-applied from invoice "{number}" in {system}'))
def unapply_credit(world: World, number: str, system: str) -> None:
    books(world, system).unapply_credit(number)


@given(parsers.parse('invoice "{number}" is deleted and recreated in {system}'))
@when(parsers.parse('invoice "{number}" is deleted and recreated in {system}'))
def recreate(world: World, number: str, system: str) -> None:
    books(world, system).recreate(number)


@when(parsers.parse('invoice "{number}" is voided in {system}'))
def void(world: World, number: str, system: str) -> None:
    books(world, system).void(number)


@when(parsers.parse('the total of invoice "{number}" is edited to {amount:f} in {system}'))
def edit_total(world: World, number: str, amount: float, system: str) -> None:
    books(world, system).edit_total(number, amount)


@given(parsers.parse("the period is locked up to {date} in {system}"))
@when(parsers.parse("the period is locked up to {date} in {system}"))
def lock(world: World, date: str, system: str) -> None:
    books(world, system).lock(date)


@when(parsers.parse("the period lock is removed in {system}"))
def unlock(world: World, system: str) -> None:
    books(world, system).lock(None)


@when(parsers.parse("the app is disconnected in {system}"))
def disconnect(remote_env: RemoteEnv, world: World, system: str) -> None:
    remote_env.control.revoke_tenant(books(world, system).tenant)


# -- what the engine shows ----------------------------------------------------------------------
@then(parsers.parse('the payment for invoice "{number}" shows {status:w}'))
def shows(engine: Any, world: World, number: str, status: str) -> None:
    view = payment_view(engine, world, number)
    assert view["status"] == status, f"expected the payment for {number} to show {status}, found {view}"


@then(parsers.parse('the payment for invoice "{number}" failed with reason "{reason}"'))
def failed_with(engine: Any, world: World, number: str, reason: str) -> None:
    view = payment_view(engine, world, number)
    assert (view["status"], view["reason"]) == ("Failed", reason), \
        f"expected the payment for {number} Failed with reason {reason!r}, found {view}"
    assert view["error"] and view["guidance"], f"expected an error and guidance for the user, found {view}"


@then(parsers.parse('the payment for invoice "{number}" is waiting with reason "{reason}"'))
def waiting_with(engine: Any, world: World, number: str, reason: str) -> None:
    view = payment_view(engine, world, number)
    assert (view["status"], view["reason"]) == ("Pending", reason), \
        f"expected the payment for {number} Pending with reason {reason!r}, found {view}"


@then(parsers.parse('its error is the remote\'s own text "{text}"'))
def error_text(engine: Any, world: World, text: str) -> None:
    view = service(engine).payment(selected(world))
    assert text.lower() in (view["error"] or "").lower(), f"expected the error to contain {text!r}, found {view}"


@then(parsers.parse('I see the reason "{reason}" and the choice "{action}"'))
def resolve_shows(world: World, reason: str, action: str) -> None:
    details = world.resolved or {}
    assert details.get("reason") == reason and action in details.get("actions", []), \
        f"expected Resolve Now to show reason {reason!r} and {action!r}, found {details}"
    assert details.get("guidance"), f"expected guidance on what to do, found {details}"


def payment_writes(remote_env: RemoteEnv, world: World, since: int) -> list[tuple[str, str, int]]:
    """Payment creations the remote received (Xero PUT/POST /Payments, QBO POST /payment), from its journal."""
    return [(e["method"], e["path"], e["status"])
            for e in remote_env.control.journal(api=books(world).system, since=since)
            if e["method"] in ("PUT", "POST") and e["path"].lower().rstrip("/").endswith(("/payments", "/payment"))]


@then(parsers.parse("{system} received no payment since then"))
def no_payment_since(remote_env: RemoteEnv, world: World, system: str) -> None:
    books(world, system)
    sent = payment_writes(remote_env, world, world.mark)
    assert not sent, f"expected no payment sent to {system}, found {sent}"


@then("the payment is not in the portal list")
def not_listed(engine: Any, world: World) -> None:
    listed = [p["id"] for p in service(engine).payments()]
    assert selected(world) not in listed, f"expected {selected(world)} hidden from the portal list, found {listed}"


@then("searching its transaction number still finds it")
def still_on_record(engine: Any, world: World) -> None:
    view = service(engine).payment(selected(world))
    found = service(engine).search_entities(view["transaction_number"])
    assert [p["id"] for p in found] == [view["id"]] and found[0]["hidden"], \
        f"expected search to find the hidden payment {view['transaction_number']}, found {found}"


@then(parsers.parse('the payment for invoice "{number}" is still in the portal list, failed'))
def still_listed_failed(engine: Any, world: World, number: str) -> None:
    """CB-KEEP: a failed payment stays visible until resolved or dismissed. Refusing the hide (with
    any words) or ignoring it both keep it visible; hiding it is the bug."""
    pid = payment_id(world, number)
    listed = {p["id"]: p for p in service(engine).payments()}
    assert pid in listed, f"expected the failed payment for {number} still in the portal list, found {list(listed)}"
    assert listed[pid]["status"] == "Failed" and not listed[pid]["hidden"], \
        f"expected the payment for {number} visibly Failed, found {listed[pid]}"


@then(parsers.parse("{count:d} payments show Failed"))
def count_failed(engine: Any, count: int) -> None:
    failed = [p for p in service(engine).payments() if p["status"] == "Failed"]
    assert len(failed) == count, f"expected {count} failed payments, found {len(failed)}: {failed}"


@then(parsers.parse("the failure-rate alert is {outcome}"))
def failure_alert(engine: Any, outcome: str) -> None:
    alerts = [a for a in service(engine).alerts() if a["kind"] == "failure-rate"]
    expected = {"raised": 1, "not raised": 0}[outcome]
    assert len(alerts) == expected, f"expected the failure-rate alert {outcome}, found {alerts}"


@then(parsers.parse("ConnectBooster asks me to reconnect {system}"))
def asks_reconnect(engine: Any, world: World, system: str) -> None:
    books(world, system)
    alerts = service(engine).alerts()
    assert any(a["kind"] == "reconnect" and system in a["message"] for a in alerts), \
        f"expected an alert asking to reconnect {system}, found {alerts}"


@then("every payment is synced, dismissed or visibly failed")
def every_payment_accounted(engine: Any, world: World) -> None:
    views = {p["id"]: p for p in service(engine).payments(include_hidden=True)}
    for number, pid in world.payments.items():
        view = views.get(pid)
        assert view is not None, f"expected the payment for {number} on record, found none"
        ok = view["status"] in ("Synced", "Dismissed") or (view["status"] == "Failed" and not view["hidden"]
                                                           and view["reason"])
        assert ok, f"expected the payment for {number} synced, dismissed or visibly failed, found {view}"


# -- what the books really hold -----------------------------------------------------------------
@then(parsers.parse('invoice "{number}" has exactly {count:d} payment in {system}'))
@then(parsers.parse('invoice "{number}" has exactly {count:d} payments in {system}'))
def payments_on_invoice(world: World, number: str, count: int, system: str) -> None:
    found = books(world, system).payments_on(books(world).invoice_id(number))
    assert len(found) == count, f"expected {count} payment(s) on {number} in {system}, found {found}"


@then(parsers.parse('the payment landed once on invoice "{number}" in {system}'))
def landed_once(engine: Any, world: World, number: str, system: str) -> None:
    view = payment_view(engine, world, number)
    assert view["status"] == "Synced", f"expected the payment for {number} Synced, found {view}"
    the_books = books(world, system)
    ours = the_books.payments_with_reference(view["transaction_number"])
    assert len(ours) == 1, f"expected exactly one payment referencing {view['transaction_number']}, found {ours}"
    on_invoice = [p for p in the_books.payments_on(the_books.invoice_id(number))
                  if p["reference"] == view["transaction_number"]]
    assert len(on_invoice) == 1 and abs(float(on_invoice[0]["amount"]) - view["amount"]) < 0.005, \
        f"expected one payment of {view['amount']} on {number} carrying its reference, found {on_invoice}"
    assert view["remote_id"] == on_invoice[0]["id"], \
        f"expected the engine's remote id {view['remote_id']} to be {on_invoice[0]['id']}"


@then(parsers.parse('the payment for invoice "{number}" is either synced or visibly not yet, and {system} holds it '
                    'at most once'))
def synced_or_visibly_waiting(engine: Any, world: World, number: str, system: str) -> None:
    """After a transient fault the catalogue accepts either outcome: landed once, or still shown as
    not synced (Pending or Failed, listed) with nothing doubled on the books."""
    view = payment_view(engine, world, number)
    if view["status"] == "Synced":
        landed_once(engine, world, number, system)
        return
    assert view["status"] in ("Pending", "Failed") and not view["hidden"], \
        f"expected the payment for {number} Synced, or visibly Pending or Failed, found {view}"
    ours = books(world, system).payments_with_reference(view["transaction_number"])
    assert len(ours) <= 1, f"expected at most one payment referencing {view['transaction_number']}, found {ours}"


@then(parsers.parse('every other payment landed once in {system}'))
def others_landed(engine: Any, world: World, system: str) -> None:
    for number in world.payments:
        if payment_view(engine, world, number)["status"] != "Failed":
            landed_once(engine, world, number, system)


@then(parsers.parse('nothing was posted for the payment on invoice "{number}"'))
def nothing_posted(engine: Any, world: World, number: str) -> None:
    txn = payment_view(engine, world, number)["transaction_number"]
    found = books(world).payments_with_reference(txn)
    assert not found, f"expected no payment referencing {txn} in {books(world).label}, found {found}"


@then(parsers.parse('no payment was posted to the deleted invoice "{number}"'))
def nothing_on_dead(world: World, number: str) -> None:
    the_books = books(world)
    dead = [i for i in the_books.history.get(number, []) if i != the_books.invoice_id(number)]
    assert dead, f"expected invoice {number} to have been deleted and recreated, its IDs: {the_books.history}"
    for invoice_id in dead:
        found = the_books.payments_on(invoice_id)
        assert not found, f"expected no payment on the deleted invoice {invoice_id}, found {found}"
