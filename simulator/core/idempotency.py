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


class IdempotencyStore:
    def __init__(self, clock: Any, window: timedelta = timedelta(minutes=6), max_keys_per_tenant: int = 2000,
                 max_bytes_per_tenant: int = 8 * 1024 * 1024) -> None:
        self._clock = clock
        self.window = window
        self.max_keys_per_tenant = max_keys_per_tenant
        self.max_bytes_per_tenant = max_bytes_per_tenant
        self._lock = threading.Lock()
        #: tenant -> its entries, oldest stored first; and the bytes they hold
        self._tenants: dict[str, OrderedDict[Scope, StoredResponse]] = {}
        self._bytes: dict[str, int] = {}

    @staticmethod
    def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
        return hashlib.sha256(b"\0".join([method.encode(), path.encode(), query.encode(), body])).hexdigest()

    def lookup(self, scope: Scope, fingerprint: str) -> StoredResponse | None:
        now = self._clock.now()
        with self._lock:
            entries = self._tenants.get(scope[0])
            stored = entries.get(scope) if entries is not None else None
            if stored is None:
                return None
            if stored.expires_at <= now:
                self._drop(scope)
                return None
        if stored.fingerprint != fingerprint:
            raise IdempotencyKeyReused(
                f"Idempotency-Key {scope[2]} is used with a different request", status=400)
        return stored

    def store(self, scope: Scope, fingerprint: str, status: int,
              headers: list[tuple[str, str]], body: bytes) -> None:
        now = self._clock.now()
        entry = StoredResponse(fingerprint, status, headers, body, now + self.window)
        with self._lock:
            self._drop(scope)
            entries = self._tenants.setdefault(scope[0], OrderedDict())
            entries[scope] = entry
            self._bytes[scope[0]] = self._bytes.get(scope[0], 0) + entry.size
            self._evict(scope[0], now)

    def _evict(self, tenant: str, now: datetime) -> None:
        """Expired entries at the old end (the window is one length, so they expire in store order),
        then the oldest stored, until the tenant is within both bounds."""
        entries = self._tenants[tenant]
        while entries and (self._over(tenant) or next(iter(entries.values())).expires_at <= now):
            self._drop(next(iter(entries)))

    def _over(self, tenant: str) -> bool:
        return (len(self._tenants.get(tenant, ())) > self.max_keys_per_tenant
                or self._bytes.get(tenant, 0) > self.max_bytes_per_tenant)

    def _drop(self, scope: Scope) -> None:
        entries = self._tenants.get(scope[0])
        if entries is not None and scope in entries:
            self._bytes[scope[0]] -= entries.pop(scope).size

    def tenant_usage(self, tenant: str) -> tuple[int, int]:
        """(entries, bytes) held for one tenant."""
        with self._lock:
            return len(self._tenants.get(tenant, ())), self._bytes.get(tenant, 0)

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._tenants.values())

    def reset(self) -> None:
        with self._lock:
            self._tenants.clear()
            self._bytes.clear()
