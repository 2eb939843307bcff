"""Idempotency keys (Xero's ``Idempotency-Key``, QBO's ``requestid``): the first response for a key
is stored and replayed for the same request within the window; the same key with a different
request is refused. Scoped per (tenant, client, key). Expired entries are purged lazily.

Bounded per tenant by entry count and stored bytes, oldest stored first out: the harness runs with
a frozen clock, so the window alone would never free anything. The trade-off (docs/simulator/core.md):
a key evicted before its window ends is forgotten, and its retry runs as a new request."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from connsim.simulator.core.errors import SimError
from connsim.simulator.core.shards import Shards


class IdempotencyKeyReused(SimError):
    code = "IdempotencyKeyReused"


@dataclass
class StoredResponse:
    fingerprint: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    expires_at: datetime

    @property
    def size(self) -> int:
        """Bytes this entry holds (body, headers, and a fixed overhead for the key and fingerprint)."""
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 256


Scope = tuple[str, str, str]


class _TenantKeys:
    """One tenant's keys, oldest stored first, the bytes they hold, and the lock guarding both."""

    __slots__ = ("bytes", "entries", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[Scope, StoredResponse] = OrderedDict()
        self.bytes = 0

    def drop(self, scope: Scope) -> None:
        stored = self.entries.pop(scope, None)
        if stored is not None:
            self.bytes -= stored.size


class IdempotencyStore:
    """Keys per tenant, each tenant behind its own lock (core/shards.py): two tenants' keyed
    requests never wait on one another, and there is no global lock on the request path."""

    def __init__(self, clock: Any, window: timedelta = timedelta(minutes=6), max_keys_per_tenant: int = 2000,
                 max_bytes_per_tenant: int = 8 * 1024 * 1024) -> None:
        self._clock = clock
        self.window = window
        self.max_keys_per_tenant = max_keys_per_tenant
        self.max_bytes_per_tenant = max_bytes_per_tenant
        self._tenants: Shards[str, _TenantKeys] = Shards(_TenantKeys)

    @staticmethod
    def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
        return hashlib.sha256(b"\0".join([method.encode(), path.encode(), query.encode(), body])).hexdigest()

    def lookup(self, scope: Scope, fingerprint: str) -> StoredResponse | None:
        keys = self._tenants.peek(scope[0])
        if keys is None:
            return None
        now = self._clock.now()
        with keys.lock:
            stored = keys.entries.get(scope)
            if stored is None:
                return None
            if stored.expires_at <= now:
                keys.drop(scope)
                return None
        if stored.fingerprint != fingerprint:
            raise IdempotencyKeyReused(
                f"Idempotency-Key {scope[2]} is used with a different request", status=400)
        return stored

    def store(self, scope: Scope, fingerprint: str, status: int,
              headers: list[tuple[str, str]], body: bytes) -> None:
        now = self._clock.now()
        entry = StoredResponse(fingerprint, status, headers, body, now + self.window)
        keys = self._tenants.get(scope[0])
        with keys.lock:
            keys.drop(scope)
            keys.entries[scope] = entry
            keys.bytes += entry.size
            self._evict(keys, now)

    def _evict(self, keys: _TenantKeys, now: datetime) -> None:
        """Expired entries at the old end (the window is one length, so they expire in store order),
        then the oldest stored, until the tenant is within both bounds."""
        entries = keys.entries
        while entries and (len(entries) > self.max_keys_per_tenant or keys.bytes > self.max_bytes_per_tenant
                           or next(iter(entries.values())).expires_at <= now):
            keys.drop(next(iter(entries)))

    def tenant_usage(self, tenant: str) -> tuple[int, int]:
        """(entries, bytes) held for one tenant."""
        keys = self._tenants.peek(tenant)
        if keys is None:
            return 0, 0
        with keys.lock:
            return len(keys.entries), keys.bytes

    def __len__(self) -> int:
        return sum(len(keys.entries) for keys in self._tenants.values())

    def reset(self) -> None:
        self._tenants.clear()
