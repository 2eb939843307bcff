"""Proof that reads are read-only: a request holding a tenant's *read* side (GET, HEAD, OPTIONS run
together since issue 14) must leave the tenant's domain state exactly as it found it, or two
concurrent reads would race on whatever it changed (a lazy cache, a counter, an RNG draw).

``probing()`` wraps the pipeline's lock and unlock (simulator/remote.py) so every in-process read
snapshots the tenant's backend before the handler and compares after it. Used by
tests/core/test_reads_read_only.py, and over the whole suite as a plugin:

    PYTHONPATH=tests .venv/bin/python -m pytest -p readprobe      # fails the session on any finding
"""

from __future__ import annotations

import os
import random
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import g, request

from connsim.simulator import remote as pipeline
from connsim.simulator.core.clock import Clock
from connsim.simulator.core.rwlock import RWLock
from connsim.simulator.core.tenants import Tenant

_OPAQUE = (Tenant, Clock, RWLock, type(threading.Lock()), type(threading.RLock()), threading.Condition)


def snapshot(value: Any, _seen: set[int] | None = None) -> Any:
    """A comparable copy of an object graph as plain tagged data (RNG state included: a read that
    draws from the tenant's RNG changes the ids the next write makes)."""
    seen = _seen if _seen is not None else set()
    if value is None or isinstance(value, (str, bytes, int, float, bool, complex)):
        return value
    if isinstance(value, _OPAQUE) or (callable(value) and not hasattr(value, "__dict__")):
        return f"<{type(value).__name__}>"
    if isinstance(value, random.Random):
        return ("rng", value.getstate())
    if id(value) in seen:
        return "<cycle>"
    seen.add(id(value))
    try:
        if isinstance(value, dict):
            return ("map", {repr(k): snapshot(v, seen) for k, v in value.items()}, [repr(k) for k in value])
        if isinstance(value, (list, tuple, deque)):
            return ("seq", [snapshot(v, seen) for v in value])
        if isinstance(value, (set, frozenset)):
            return ("set", sorted(repr(snapshot(v, seen)) for v in value))
        if hasattr(value, "__dict__") or hasattr(value, "__slots__"):
            fields = dict(vars(value)) if hasattr(value, "__dict__") else {}
            for slot in getattr(type(value), "__slots__", ()):
                if hasattr(value, slot):
                    fields[slot] = getattr(value, slot)
            return ("map", {k: snapshot(v, seen) for k, v in fields.items()}, list(fields))
        return ("value", repr(value))  # datetimes, Decimals, enums: their repr is their value
    finally:
        seen.discard(id(value))


def first_difference(before: Any, after: Any, where: str = "backend") -> str | None:
    """Where two snapshots first differ, as a path a person can follow."""
    if before == after:
        return None
    if isinstance(before, tuple) and isinstance(after, tuple) and before[0] == after[0] == "map":
        for key in dict.fromkeys([*before[2], *after[2]]):
            if key not in before[1] or key not in after[1]:
                return f"{where}.{key}: {'added' if key not in before[1] else 'removed'}"
            found = first_difference(before[1][key], after[1][key], f"{where}.{key}")
            if found:
                return found
        return f"{where}: order of keys changed"
    if isinstance(before, tuple) and isinstance(after, tuple) and before[0] == after[0] == "seq":
        if len(before[1]) != len(after[1]):
            return f"{where}: {len(before[1])} items -> {len(after[1])}"
        for index, (a, b) in enumerate(zip(before[1], after[1], strict=True)):
            found = first_difference(a, b, f"{where}[{index}]")
            if found:
                return found
    return f"{where}: {before!r:.100} -> {after!r:.100}"


@contextmanager
def probing() -> Iterator[list[str]]:
    """Collect, for every read that changed its tenant, ``METHOD path: where it changed``."""
    findings: list[str] = []
    lock, unlock = pipeline.lock_tenant, pipeline.unlock_tenant

    def probed_lock(tenant: Tenant, write: bool) -> None:
        lock(tenant, write)
        if not write and tenant.has_backend:
            g.read_probe = snapshot(tenant.backend)

    def probed_unlock() -> None:
        before = g.pop("read_probe", None)
        tenant = g.get("locked_tenant")
        if before is not None and tenant is not None:
            where = first_difference(before, snapshot(tenant.backend))
            if where:
                findings.append(f"{request.method} {request.full_path.rstrip('?')}: {where}")
        unlock()

    pipeline.lock_tenant, pipeline.unlock_tenant = probed_lock, probed_unlock  # type: ignore[assignment]  # the probe wraps the pipeline's own functions
    try:
        yield findings
    finally:
        pipeline.lock_tenant, pipeline.unlock_tenant = lock, unlock  # type: ignore[assignment]  # restored


# -- as a plugin over a whole run (``-p readprobe``; with xdist each worker appends to one file) ----
_run: dict[str, Any] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    _run["probe"] = probing()
    _run["findings"] = _run["probe"].__enter__()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if "probe" not in _run:
        return
    _run.pop("probe").__exit__(None, None, None)
    unique = sorted(set(_run.pop("findings")))
    with open(os.environ.get("READPROBE_OUT", "readprobe.txt"), "a", encoding="utf-8") as out:
        out.writelines(f"{line}\n" for line in unique)
    if unique:
        session.exitstatus = 1
