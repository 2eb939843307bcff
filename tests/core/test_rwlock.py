"""The tenant's readers-writer lock (core/rwlock.py), driven deterministically: threads wait on
Events and on ``RWLock.watch`` (woken by the lock's own state changes), never on sleeps; timeouts
are safety nets against a hang, never measurements."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from connsim.simulator.core.rwlock import RWLock

#: an assertion failing in a helper thread fails the test (not a warning)
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
WAIT = 10.0  # seconds before a broken lock fails the test instead of hanging it


def in_thread(target: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def holding_reader(lock: RWLock, holding: threading.Event, leave: threading.Event) -> threading.Thread:
    def run() -> None:
        with lock.read():
            holding.set()
            assert leave.wait(WAIT)
    return in_thread(run)


def test_two_readers_hold_together_and_a_writer_waits_for_both() -> None:
    lock = RWLock()
    held = [threading.Event(), threading.Event()]
    leave = [threading.Event(), threading.Event()]
    readers = [holding_reader(lock, held[i], leave[i]) for i in range(2)]
    assert held[0].wait(WAIT) and held[1].wait(WAIT)  # the second got in while the first held
    assert lock.readers == 2
    wrote = threading.Event()

    def write() -> None:
        with lock:
            wrote.set()
    writer = in_thread(write)
    assert lock.watch(lambda lk: lk.writers_waiting == 1, WAIT)
    leave[0].set()
    readers[0].join(WAIT)
    assert lock.watch(lambda lk: lk.readers == 1, WAIT)
    assert not wrote.is_set() and lock.writers_waiting == 1  # one reader left: still waiting
    leave[1].set()
    writer.join(WAIT)
    assert wrote.is_set() and not lock.writing and lock.readers == 0


def test_a_writer_excludes_readers_and_other_writers() -> None:
    lock = RWLock()
    entered: list[str] = []
    lock.acquire()
    threads = [in_thread(lambda: (lock.acquire_read(), entered.append("read"), lock.release_read())),
               in_thread(lambda: (lock.acquire(), entered.append("write"), lock.release()))]
    assert lock.watch(lambda lk: lk.readers_waiting == 1 and lk.writers_waiting == 1, WAIT)
    assert entered == [] and lock.readers == 0
    lock.release()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(entered) == ["read", "write"]


def test_a_waiting_writer_goes_before_readers_that_arrive_after_it() -> None:
    """Writer preference: a stream of reads does not starve a write."""
    lock = RWLock()
    order: list[str] = []
    holding, leave = threading.Event(), threading.Event()
    first = holding_reader(lock, holding, leave)
    assert holding.wait(WAIT)
    writer = in_thread(lambda: (lock.acquire(), order.append("write"), lock.release()))
    assert lock.watch(lambda lk: lk.writers_waiting == 1, WAIT)
    late = in_thread(lambda: (lock.acquire_read(), order.append("late read"), lock.release_read()))
    assert lock.watch(lambda lk: lk.readers_waiting == 1, WAIT)  # queued behind the writer
    leave.set()
    for thread in (first, writer, late):
        thread.join(WAIT)
    assert order == ["write", "late read"]


def test_reentrant_where_the_simulator_reenters() -> None:
    lock = RWLock()
    with lock, lock, lock.read():  # write twice (an RLock's use), then read under the write
        assert lock.writing and lock.readers == 1
    assert not lock.writing and lock.readers == 0
    lock.acquire_read()
    writer = in_thread(lambda: (lock.acquire(), lock.release()))
    assert lock.watch(lambda lk: lk.writers_waiting == 1, WAIT)
    with lock.read():  # a reader re-entering its read side is not queued behind the waiting writer
        assert lock.readers == 1 and lock.writers_waiting == 1
    lock.release_read()
    writer.join(WAIT)
    assert not writer.is_alive() and not lock.writing and lock.readers == 0


def test_a_reader_taking_the_write_side_fails_instead_of_deadlocking() -> None:
    lock = RWLock()
    with lock.read(), pytest.raises(RuntimeError, match="upgrading would deadlock"):
        lock.acquire()
    with lock:  # and the lock is still usable
        pass


def test_releasing_what_is_not_held_is_an_error() -> None:
    lock = RWLock()
    with pytest.raises(RuntimeError):
        lock.release()
    with pytest.raises(RuntimeError):
        lock.release_read()
