"""Rate limits on the simulated clock. A RatePolicy is a list of fixed windows (Xero: 60/minute,
5000/day per tenant, 10000/minute per app; QBO: 500/minute, 10/second per realm) plus an optional
concurrency cap. Counters are per (policy, scope key), each with its own lock: no global lock.

Limits can be overridden per tenant (``tenant.settings["rate_limits"] = {"minute": 5}``) so a test
can reach a 429 in a handful of calls."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from typing import Any

from connsim.simulator.core.shards import Shards


@dataclass(frozen=True)
class Window:
    name: str          # the remote's own word for it: "minute", "day", "appminute", "second"
    limit: int
    seconds: int
    scope: str = "tenant"  # "tenant" or "app" (all tenants together)


@dataclass(frozen=True)
class RatePolicy:
    name: str
    windows: tuple[Window, ...]
    concurrent: int | None = None


@dataclass
class Decision:
    allowed: bool
    remaining: dict[str, int] = field(default_factory=dict)
    problem: str | None = None
    retry_after: int = 0


class _Counter:
    __slots__ = ("count", "in_flight", "lock", "window_start")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.window_start = -1
        self.count = 0
        self.in_flight = 0


class _Plan:
    """The counters one (policy, tenant, app) call touches, looked up once and kept: each window
    beside its counter, every lock they need in one fixed order, and the concurrency counter."""

    __slots__ = ("concurrent", "locks", "windows")

    def __init__(self, windows: tuple[tuple[Window, _Counter], ...], concurrent: _Counter | None) -> None:
        self.windows = windows
        self.concurrent = concurrent
        self.locks = tuple(dict.fromkeys(counter.lock for _, counter in windows))


class RateLimiter:
    def __init__(self, clock: Any) -> None:
        self._clock = clock
        self._counters: Shards[tuple[str, str, str], _Counter] = Shards(_Counter)
        self._plans: dict[tuple[str, str, str], _Plan] = {}
        self._create = threading.Lock()

    def reset(self) -> None:
        with self._create:
            self._counters.clear()
            self._plans.clear()

    def _counter(self, key: tuple[str, str, str]) -> _Counter:
        return self._counters.get(key)

    def _plan(self, policy: RatePolicy, tenant_id: str, app_id: str) -> _Plan:
        key = (policy.name, tenant_id, app_id)
        plan = self._plans.get(key)
        if plan is None:
            windows = tuple((window, self._counter((policy.name, window.name,
                                                    app_id if window.scope == "app" else tenant_id)))
                            for window in policy.windows)
            concurrent = self._counter((policy.name, "concurrent", tenant_id)) if policy.concurrent else None
            with self._create:
                plan = self._plans.setdefault(key, _Plan(windows, concurrent))
        return plan

    def acquire(self, policy: RatePolicy, tenant_id: str, app_id: str = "app",
                overrides: dict[str, int] | None = None) -> Decision:
        """Count one call against every window of the policy, atomically.

        Refused calls are not counted (the remote never ran them). A call allowed here holds a
        concurrency slot (when the policy has a cap) until ``release``."""
        now = self._clock.timestamp()
        custom = overrides if overrides and isinstance(overrides, dict) else None
        plan = self._plan(policy, tenant_id, app_id)
        slot = plan.concurrent
        if slot is not None:
            cap = _limit(custom, "concurrent", policy.concurrent or 0) if custom else policy.concurrent or 0
            with slot.lock:
                if slot.in_flight >= cap:
                    return Decision(False, {}, "concurrent", 1)
                slot.in_flight += 1
        remaining: dict[str, int] = {}
        problem: str | None = None
        retry_after = 0
        # every lock in a fixed order (policy window order), so concurrent callers never deadlock
        for lock in plan.locks:
            lock.acquire()
        try:
            for window, counter in plan.windows:
                limit = _limit(custom, window.name, window.limit) if custom else window.limit
                start = int(now // window.seconds) * window.seconds
                if counter.window_start != start:
                    counter.window_start, counter.count = start, 0
                if counter.count >= limit and problem is None:
                    problem = window.name
                    retry_after = max(1, math.ceil(start + window.seconds - now))
            for window, counter in plan.windows:
                if problem is None:
                    counter.count += 1
                limit = _limit(custom, window.name, window.limit) if custom else window.limit
                remaining[window.name] = max(0, limit - counter.count)
        finally:
            for lock in reversed(plan.locks):
                lock.release()
        if problem is not None and slot is not None:
            self.release(policy, tenant_id)
        return Decision(problem is None, remaining, problem, retry_after)

    def release(self, policy: RatePolicy, tenant_id: str) -> None:
        if policy.concurrent:
            counter = self._counter((policy.name, "concurrent", tenant_id))
            with counter.lock:
                counter.in_flight = max(0, counter.in_flight - 1)


def _limit(overrides: dict[str, Any], name: str, default: int) -> int:
    """A per-tenant override when it is a usable number, else the policy's own limit."""
    value = overrides.get(name, default)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default
