"""What each structure every request touches costs when the server's threads all use it at once,
against the same operations on one thread, in the same run. A structure guarded by a lock every
request takes queues its callers (a thread switched out while holding it stalls the rest: a
convoy), so its cost per operation grows with the threads; one without such a lock stays flat.
Issue 14: nothing global on the request path.

    .venv/bin/python -m bench.bench_contention [--threads 16] [--ops 48000] [--rounds 4]

Operations, as a request does them: the journal's record of one exchange; a rate-limit acquire and
release (Xero's policy, 4 tenants); an idempotency lookup and store (4 tenants); a fault pick with
one rule set that the request does not match; the read side of one tenant's lock, taken and let
go (every GET of that tenant does this); the access-log line as `connsim serve` writes it (a writer
thread formats and writes; its time is counted, since the lines are written before a side ends)
and, as the baseline for that row, a plain logging handler doing the same on the request's thread."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import alternate
from connsim.simulator import access_log
from connsim.simulator.core.clock import UTC, Clock
from connsim.simulator.core.faults import FaultPlan
from connsim.simulator.core.idempotency import IdempotencyStore
from connsim.simulator.core.journal import Journal
from connsim.simulator.core.matching import RequestView
from connsim.simulator.core.ratelimit import RateLimiter
from connsim.simulator.core.rwlock import RWLock
from connsim.simulator.xero_gateway import XERO_RATE_POLICY

TENANTS = ("t0", "t1", "t2", "t3")
#: one operation, given the calling thread's number and its running count
Operation = Callable[[int, int], object]
#: what a side does before and after its threads run, inside the timed span (start and drain a writer)
Around = Callable[[], contextlib.AbstractContextManager[object]]


def operations() -> dict[str, Operation]:
    clock = Clock(frozen_at=datetime(2026, 1, 1, tzinfo=UTC))
    journal = Journal()
    headers = [("Accept", "application/json"), ("Authorization", "Bearer ***"), ("Xero-Tenant-Id", "t0")]
    limiter = RateLimiter(clock)
    store = IdempotencyStore(clock)
    faults = FaultPlan()
    faults.add({"action": "status", "status": 503, "path": "/api.xro/2.0/Contacts", "times": None})
    view = RequestView(api="xero", method="GET", path="/api.xro/2.0/Invoices/1", tenant="t0", query="",
                       headers={"Accept": "application/json"}, body=b"")
    lock = RWLock()

    def record(thread: int, n: int) -> object:
        return journal.record(at="2026-01-01T00:00:00+00:00", api="xero", method="GET", path="/api.xro/2.0/Invoices/1",
                              query="", status=200, tenant=TENANTS[thread % 4], request_headers=headers,
                              response_headers=headers, response_body="x" * 600)

    def rate(thread: int, n: int) -> object:
        decision = limiter.acquire(XERO_RATE_POLICY, TENANTS[thread % 4], overrides={"minute": 10**9, "day": 10**9,
                                                                                     "appminute": 10**9})
        limiter.release(XERO_RATE_POLICY, TENANTS[thread % 4])
        return decision

    def idempotency(thread: int, n: int) -> object:
        scope = (TENANTS[thread % 4], "client", f"{thread}-{n}")
        store.lookup(scope, "fp")
        store.store(scope, "fp", 200, headers, b"{}")
        return scope

    def read_lock(thread: int, n: int) -> object:
        lock.acquire_read()
        lock.release_read()
        return lock

    line = {"sim_time": "2026-01-01T00:00:00+00:00", "request_id": "connsim-1", "api": "xero", "tenant": "t0",
            "method": "GET", "path": "/api.xro/2.0/Invoices/1", "query": "", "status": 200, "error": None,
            "fault": None, "duration_ms": 1.25, "client": "127.0.0.1"}

    def log_line(thread: int, n: int) -> object:
        access_log.emit(line)
        return line

    return {"journal record": record, "rate limit acquire + release": rate,
            "idempotency lookup + store": idempotency, "fault pick (no match)": lambda t, n: faults.pick(view),
            "one tenant's read lock": read_lock, "access log line, writer thread": log_line,
            "access log line, plain handler": log_line}


@contextlib.contextmanager
def access_log_to_devnull(background: bool) -> Iterator[object]:
    """The access log configured as `connsim serve` does (background) or with a plain handler,
    writing to /dev/null; the background writer's queue is drained before the side's time ends."""
    with open(os.devnull, "w") as sink:
        handler = access_log.configure("text", sink, background=background)
        access_log.start_writers()
        try:
            yield handler
        finally:
            access_log.stop_writers()
            logging.getLogger(access_log.LOGGER_NAME).removeHandler(handler)


#: rows whose sides run inside a setting (the others need none)
AROUND: dict[str, Around] = {
    "access log line, writer thread": lambda: access_log_to_devnull(background=True),
    "access log line, plain handler": lambda: access_log_to_devnull(background=False),
}


def on_threads(operation: Operation, threads: int, around: Around = contextlib.nullcontext) -> Callable[[int], float]:
    """A side for ``alternate``: ``ops`` operations split over ``threads`` threads, µs per operation,
    timed with whatever ``around`` does on entry and exit (a writer's drain counts)."""
    counter = itertools.count()

    def run(ops: int) -> float:
        each = max(1, ops // threads)

        def work(thread: int) -> None:
            base = next(counter) * each
            for n in range(base, base + each):
                operation(thread, n)

        workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
        started = time.perf_counter()
        with around():
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
        return (time.perf_counter() - started) / (each * threads) * 1e6

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--threads", type=int, default=16, help="the server's threads (the bench runs 16)")
    parser.add_argument("--ops", type=int, default=48_000, help="operations per side and round")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"contention: µs per operation on 1 thread and on {args.threads} at once, {args.rounds} alternating "
          f"rounds of {args.ops} operations, median; load average {load}")
    print(f"  {'operation':34}{'1 thread':>10}{f'{args.threads} threads':>12}{'ratio':>8}")
    for name, operation in operations().items():
        around = AROUND.get(name, contextlib.nullcontext)
        one, many = alternate([on_threads(operation, 1, around), on_threads(operation, args.threads, around)],
                              args.ops * (args.rounds), args.rounds)
        print(f"  {name:34}{median(one):10.2f}{median(many):12.2f}{median(many) / median(one):7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
