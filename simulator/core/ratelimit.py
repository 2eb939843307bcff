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


class RateLimiter:
    def __init__(self, clock: Any) -> None:
        self._clock = clock
        self._counters: dict[tuple[str, str, str], _Counter] = {}
        self._create = threading.Lock()

    def reset(self) -> None:
        with self._create:
            self._counters.clear()

    def _counter(self, key: tuple[str, str, str]) -> _Counter:
        counter = self._counters.get(key)
        if counter is None:
            with self._create:
                counter = self._counters.setdefault(key, _Counter())
        return counter

    def acquire(self, policy: RatePolicy, tenant_id: str, app_id: str = "app",
                overrides: dict[str, int] | None = None) -> Decision:
        """Count one call against every window of the policy, atomically.

        Refused calls are not counted (the remote never ran them). A call allowed here holds a
        concurrency slot (when the policy has a cap) until ``release``."""
        now = self._clock.timestamp()
        overrides = overrides if isinstance(overrides, dict) else {}
        if policy.concurrent and not self._enter(policy, tenant_id, _limit(overrides, "concurrent", policy.concurrent)):
            return Decision(False, {}, "concurrent", 1)
        checks: list[tuple[Window, _Counter, int, int]] = []
        for window in policy.windows:
            scope_key = app_id if window.scope == "app" else tenant_id
            counter = self._counter((policy.name, window.name, scope_key))
            start = int(now // window.seconds) * window.seconds
            checks.append((window, counter, _limit(overrides, window.name, window.limit), start))
        decision = Decision(allowed=True)
        # lock in a fixed order (policy window order) so concurrent callers never deadlock
        for _, counter, _, _ in checks:
            counter.lock.acquire()
        try:
            for window, counter, limit, start in checks:
                count = counter.count if counter.window_start == start else 0
                if count >= limit and decision.allowed:
                    decision.allowed = False
                    decision.problem = window.name
                    decision.retry_after = max(1, math.ceil(start + window.seconds - now))
            for window, counter, limit, start in checks:
                if counter.window_start != start:
                    counter.window_start, counter.count = start, 0
                if decision.allowed:
                    counter.count += 1
                decision.remaining[window.name] = max(0, limit - counter.count)
        finally:
            for _, counter, _, _ in reversed(checks):
                counter.lock.release()
        if not decision.allowed and policy.concurrent:
            self.release(policy, tenant_id)
        return decision

    def _enter(self, policy: RatePolicy, tenant_id: str, limit: int) -> bool:
        counter = self._counter((policy.name, "concurrent", tenant_id))
        with counter.lock:
            if counter.in_flight >= limit:
                return False
            counter.in_flight += 1
            return True

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
