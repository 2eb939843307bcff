"""Idempotency store: replay, key reuse with another request, window on the simulated clock."""

from datetime import datetime, timedelta

import pytest
from no_wait import assert_returns_while_held

from connsim.simulator.core.clock import UTC, Clock
from connsim.simulator.core.idempotency import IdempotencyKeyReused, IdempotencyStore

SCOPE = ("tenant", "client", "key-1")


def make() -> tuple[Clock, IdempotencyStore]:
    clock = Clock(frozen_at=datetime(2025, 1, 1, tzinfo=UTC))
    return clock, IdempotencyStore(clock, window=timedelta(minutes=6))


def test_same_key_same_request_replays() -> None:
    _, store = make()
    fp = store.fingerprint("POST", "/Invoices", "", b'{"a":1}')
    assert store.lookup(SCOPE, fp) is None
    store.store(SCOPE, fp, 200, [("Content-Type", "application/json")], b"first")
    stored = store.lookup(SCOPE, fp)
    assert stored is not None and stored.body == b"first" and stored.status == 200


def test_same_key_different_request_is_refused_with_400() -> None:
    _, store = make()
    store.store(SCOPE, store.fingerprint("POST", "/Invoices", "", b"a"), 200, [], b"x")
    for other in (store.fingerprint("POST", "/Invoices", "", b"b"), store.fingerprint("PUT", "/Invoices", "", b"a"),
                  store.fingerprint("POST", "/Invoices", "x=1", b"a")):
        with pytest.raises(IdempotencyKeyReused) as err:
            store.lookup(SCOPE, other)
        assert err.value.status == 400


def test_scopes_are_separate() -> None:
    _, store = make()
    fp = store.fingerprint("POST", "/p", "", b"a")
    store.store(SCOPE, fp, 200, [], b"x")
    assert store.lookup(("other-tenant", "client", "key-1"), fp) is None
    assert store.lookup(("tenant", "other-client", "key-1"), store.fingerprint("POST", "/q", "", b"")) is None


def test_window_expires_on_simulated_clock() -> None:
    clock, store = make()
    fp = store.fingerprint("POST", "/p", "", b"a")
    store.store(SCOPE, fp, 201, [], b"x")
    clock.advance(6 * 60 - 1)
    assert store.lookup(SCOPE, fp) is not None
    clock.advance(1)
    assert store.lookup(SCOPE, fp) is None
    # after expiry the key is free for another request
    assert store.lookup(SCOPE, store.fingerprint("POST", "/other", "", b"")) is None


def test_expired_keys_never_retried_are_purged() -> None:
    clock, store = make()
    for n in range(600):
        store.store(("t", "c", f"k{n}"), "fp", 200, [], b"")
    clock.advance(3600)
    for n in range(600, 1100):
        store.store(("t", "c", f"k{n}"), "fp", 200, [], b"")
    assert len(store) < 1100


def test_one_tenants_keys_never_wait_on_anothers() -> None:
    """Each tenant's keys have their own lock: no global lock on the request path (issue 14)."""
    _, store = make()
    store.store(("a", "c", "k"), "fp", 200, [], b"")
    busy = store._tenants.peek("a")
    assert busy is not None
    # tenant a is mid-request
    assert_returns_while_held(busy.lock, lambda: (store.store(("b", "c", "k"), "fp", 201, [], b"x"),
                                                  store.lookup(("b", "c", "k"), "fp")), "tenant b's keys")
    assert store.tenant_usage("b")[0] == 1 and store.tenant_usage("nobody") == (0, 0)
