"""A readers-writer lock for one tenant's state: reads (GET, HEAD) run together, a write runs alone.

Why not the standard library's RLock: with one RLock per tenant every read queued behind every
other read (issue 14 measured 21 % of server wall time waiting for it). Why writer-preferring: a
steady stream of reads must not starve a write, so once a writer waits, new readers wait behind it.

Reentrancy, because the simulator re-enters its own locks (a control action inside ``with
tenant.lock`` builds the backend, which takes the lock again; a writer renders what it wrote):
* the write side is reentrant, as an RLock is (``with lock:`` is the write side, so code written
  for the RLock keeps its meaning);
* the read side is reentrant per thread, and a thread holding the write side may take the read
  side too (it already excludes everyone);
* a thread holding only the read side may not take the write side: two readers upgrading would
  wait for each other forever, so that raises ``RuntimeError`` instead of hanging.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType


class RWLock:
    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        #: thread id -> how many times it holds the read side (threads in here are the readers)
        self._reads: dict[int, int] = {}
        self._writer: int | None = None
        self._write_depth = 0
        self._writers_waiting = 0
        self._readers_waiting = 0

    # -- read side -----------------------------------------------------------------------------
    def acquire_read(self) -> None:
        me = threading.get_ident()
        with self._cond:
            held = self._reads.get(me, 0)
            if not held and self._writer != me and (self._writer is not None or self._writers_waiting):
                self._readers_waiting += 1
                self._cond.notify_all()  # only watchers care (see ``watch``); waiters re-check and sleep
                try:
                    while self._writer is not None or self._writers_waiting:
                        self._cond.wait()
                finally:
                    self._readers_waiting -= 1
            self._reads[me] = held + 1

    def release_read(self) -> None:
        me = threading.get_ident()
        with self._cond:
            held = self._reads.get(me, 0)
            if not held:
                raise RuntimeError("release_read of a read side this thread does not hold")
            if held == 1:
                del self._reads[me]
                if not self._reads:
                    self._cond.notify_all()
            else:
                self._reads[me] = held - 1

    @contextmanager
    def read(self) -> Iterator[None]:
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    # -- write side (also the plain lock protocol: acquire, release, with) -------------------------
    def acquire(self) -> bool:
        me = threading.get_ident()
        with self._cond:
            if self._writer == me:
                self._write_depth += 1
                return True
            if me in self._reads:
                raise RuntimeError("a reader cannot take the write side (upgrading would deadlock)")
            self._writers_waiting += 1
            self._cond.notify_all()  # see acquire_read
            try:
                while self._writer is not None or self._reads:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer, self._write_depth = me, 1
            return True

    def release(self) -> None:
        with self._cond:
            if self._writer != threading.get_ident():
                raise RuntimeError("release of a write side this thread does not hold")
            self._write_depth -= 1
            if not self._write_depth:
                self._writer = None
                self._cond.notify_all()

    def __enter__(self) -> RWLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self:
            yield

    # -- introspection (tests, diagnostics) ------------------------------------------------------
    def watch(self, predicate: Callable[[RWLock], bool], timeout: float) -> bool:
        """Block until ``predicate(self)`` holds, re-checked whenever a thread starts waiting or lets
        go; False after ``timeout`` seconds (a safety net for a broken lock, never a measurement).
        This is how a test knows a writer *is* queued without sleeping and hoping."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    @property
    def readers(self) -> int:
        """How many threads hold the read side now."""
        return len(self._reads)

    @property
    def writing(self) -> bool:
        return self._writer is not None

    @property
    def writers_waiting(self) -> int:
        return self._writers_waiting

    @property
    def readers_waiting(self) -> int:
        return self._readers_waiting
