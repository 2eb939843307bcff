"""The scale-out prototype's store (bench/scaleout/store.py) on SQLite in process: no server, no
timing. What a shared store must get right whatever its speed: the token check on the simulated
clock, an atomic rate counter and invoice numbering under concurrent writers, InvoiceNumber
uniqueness, and journal order. Plus the wire: the Xero answers the prototype gives."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.scaleout.app import create_app
from bench.scaleout.store import DuplicateNumber, RateLimited, Store, Unauthorized, open_store

T0 = 1_800_000_000.0  # wall time the tests pretend it is: nothing reads the real clock
TEMPLATE = {"Type": "ACCREC", "InvoiceNumber": "INV-0001", "Status": "AUTHORISED", "Total": 115.0}


@pytest.fixture(params=["sqlite", "sqlite+lock"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    made = open_store(f"{request.param}:{tmp_path / 'world.db'}")
    made.create()
    made.add_tenant("org-a", minute_limit=1000)
    made.add_tenant("org-b", minute_limit=1000)
    return made


def run_threads(count: int, work: Callable[[int], None]) -> None:
    errors: list[BaseException] = []

    def guarded(n: int) -> None:
        try:
            work(n)
        except BaseException as exc:  # noqa: BLE001  # re-raised below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_token_maps_to_its_tenant_and_expires_on_the_stores_clock(store: Store) -> None:
    token = store.issue_token("org-a", expires_at=T0 + 1800)
    with store.transaction() as tx:
        grant = tx.check_token(token, T0)
    assert (grant.tenant, grant.now, grant.minute_limit) == ("org-a", T0, 1000)
    with pytest.raises(Unauthorized) as unknown, store.transaction() as tx:
        tx.check_token("no-such-token", T0)
    assert unknown.value.detail == "AuthenticationUnsuccessful"
    store.move_clock(1799)  # every worker reads this offset: one second before expiry it still works
    with store.transaction() as tx:
        assert tx.check_token(token, T0).now == T0 + 1799
    store.move_clock(1)
    with pytest.raises(Unauthorized) as expired, store.transaction() as tx:
        tx.check_token(token, T0)
    assert expired.value.detail.startswith("TokenExpired")


def test_rate_counter_is_atomic_under_concurrent_writers(store: Store) -> None:
    token = store.issue_token("org-a", expires_at=T0 + 1800)
    remaining: list[int] = []

    def hit(_: int) -> None:
        for _ in range(25):
            with store.transaction() as tx:
                remaining.append(tx.count_request(tx.check_token(token, T0)))

    run_threads(8, hit)
    # 200 transactions, each saw its own count: a lost update would repeat a value and skip another
    assert sorted(remaining) == list(range(1000 - 200, 1000))
    store.close()


def test_rate_limit_refuses_past_the_minute_and_resets_in_the_next(store: Store) -> None:
    store.add_tenant("org-small", minute_limit=2)
    token = store.issue_token("org-small", expires_at=T0 + 1800)
    start = (T0 // 60) * 60 + 15  # 15 s into a minute window
    with store.transaction() as tx:
        grant = tx.check_token(token, start)
        assert [tx.count_request(grant), tx.count_request(grant)] == [1, 0]
    with pytest.raises(RateLimited) as limited, store.transaction() as tx:
        tx.count_request(tx.check_token(token, start))
    assert limited.value.retry_after == 45
    store.move_clock(44)  # still the same window: still refused, and the refusals were not counted
    with pytest.raises(RateLimited), store.transaction() as tx:
        tx.count_request(tx.check_token(token, start))
    with store.transaction() as tx:
        assert tx.one("SELECT hits FROM rate") == (2,)
        assert tx.count_request(tx.check_token(token, start + 1)) == 1  # the next window


def test_invoice_numbers_are_unique_per_tenant_among_live_invoices(store: Store) -> None:
    with store.transaction() as tx:
        seeded = tx.insert_invoice("org-a", TEMPLATE, invoice_id="seeded-id")
        auto = tx.insert_invoice("org-a", {"Status": "DRAFT"})
        assert tx.get_invoice("org-a", "seeded-id") == seeded
        assert tx.get_invoice("org-a", "inv-0002") == auto  # by number too, without case
        assert tx.get_invoice("org-b", "seeded-id") is None  # tenants never see each other
    assert auto["InvoiceNumber"] == "INV-0002"  # auto-numbering skips the number taken by hand
    with pytest.raises(DuplicateNumber), store.transaction() as tx:
        tx.insert_invoice("org-a", {"Status": "DRAFT", "InvoiceNumber": "inv-0001"})
    with store.transaction() as tx:
        tx.insert_invoice("org-b", {"Status": "DRAFT", "InvoiceNumber": "INV-0001"})  # another tenant: fine
        tx.insert_invoice("org-a", {"Status": "VOIDED", "InvoiceNumber": "V-1"})
        tx.insert_invoice("org-a", {"Status": "DRAFT", "InvoiceNumber": "V-1"})  # a voided number is free


def test_concurrent_creates_get_distinct_numbers(store: Store) -> None:
    numbers: list[str] = []

    def create(_: int) -> None:
        for _ in range(10):
            with store.transaction() as tx:
                numbers.append(tx.insert_invoice("org-a", {"Status": "DRAFT"})["InvoiceNumber"])

    run_threads(6, create)
    assert sorted(numbers) == [f"INV-{n:04d}" for n in range(1, 61)]


def test_journal_keeps_append_order_per_tenant(store: Store) -> None:
    def append(n: int) -> None:
        for i in range(20):
            with store.transaction() as tx:
                tx.journal_append("org-a" if n % 2 else "org-b", T0, "GET", f"/t{n}/{i}", 200)

    run_threads(6, append)
    entries = store.journal("org-a")
    assert [seq for seq, *_ in entries] == sorted(seq for seq, *_ in entries)
    assert len(entries) == 60 and all(path.startswith(("/t1/", "/t3/", "/t5/")) for _, _, path, _ in entries)
    for n in (1, 3, 5):  # one writer's appends read back in the order it made them
        assert [p for _, _, p, _ in entries if p.startswith(f"/t{n}/")] == [f"/t{n}/{i}" for i in range(20)]


def test_a_failed_batch_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(DuplicateNumber), store.transaction() as tx:
        tx.insert_invoice("org-a", {"Status": "DRAFT", "InvoiceNumber": "A-1"})
        tx.insert_invoice("org-a", {"Status": "DRAFT", "InvoiceNumber": "a-1"})
    with store.transaction() as tx:
        assert tx.get_invoice("org-a", "A-1") is None


def test_wire_answers_as_xero(store: Store) -> None:
    token = store.issue_token("org-a", expires_at=T0 + 1800)
    with store.transaction() as tx:
        tx.insert_invoice("org-a", TEMPLATE, invoice_id="seeded-id")
    client = create_app(store, TEMPLATE, wall=lambda: T0).test_client()
    auth = {"Authorization": f"Bearer {token}", "xero-tenant-id": "org-a"}
    got = client.get("/api.xro/2.0/Invoices/seeded-id", headers=auth)
    assert got.status_code == 200 and got.json["Invoices"] == [{**TEMPLATE, "InvoiceID": "seeded-id"}]
    assert got.headers["X-MinLimit-Remaining"] == "999"
    assert client.get("/api.xro/2.0/Invoices/nope", headers=auth).status_code == 404
    other = client.get("/api.xro/2.0/Invoices/seeded-id", headers={**auth, "xero-tenant-id": "org-b"})
    assert (other.status_code, other.json["Detail"]) == (403, "AuthenticationUnsuccessful")
    bad_token = client.get("/api.xro/2.0/Invoices/seeded-id", headers={**auth, "Authorization": "Bearer x"})
    assert (bad_token.status_code, bad_token.json["Title"]) == (401, "Unauthorized")
    put = client.put("/api.xro/2.0/Invoices", headers=auth,
                     json={"Invoices": [{"Type": "ACCREC", "Status": "DRAFT"}]})
    assert put.status_code == 200 and put.json["Invoices"][0]["InvoiceNumber"] == "INV-0002"
    dup = client.put("/api.xro/2.0/Invoices", headers=auth, json={"InvoiceNumber": "INV-0002"})
    assert dup.status_code == 400
    assert dup.json["Elements"][0]["ValidationErrors"] == [{"Message": "Invoice # must be unique."}]
    garbled = client.put("/api.xro/2.0/Invoices", headers=auth, data=b"{not json",
                         content_type="application/json")
    assert (garbled.status_code, garbled.json["ErrorNumber"]) == (400, 14)
    journal = store.journal("org-a")
    assert [(m, s) for _, m, _, s in journal] == [("GET", 200), ("GET", 404), ("PUT", 200), ("PUT", 400),
                                                  ("PUT", 400)]


def test_wire_rate_limit_is_xeros_429(store: Store) -> None:
    store.add_tenant("org-small", minute_limit=1)
    token = store.issue_token("org-small", expires_at=T0 + 1800)
    client = create_app(store, TEMPLATE, wall=lambda: (T0 // 60) * 60 + 50).test_client()
    auth = {"Authorization": f"Bearer {token}", "xero-tenant-id": "org-small"}
    assert client.get("/api.xro/2.0/Invoices/x", headers=auth).status_code == 404
    limited = client.get("/api.xro/2.0/Invoices/x", headers=auth)
    assert limited.status_code == 429 and json.loads(limited.data)["Title"] == "Too Many Requests"
    assert (limited.headers["Retry-After"], limited.headers["X-Rate-Limit-Problem"]) == ("10", "minute")
