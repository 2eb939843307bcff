"""Idempotency keys (Xero's ``Idempotency-Key``, QBO's ``requestid``): the first response for a key
is stored and replayed for the same request within the window; the same key with a different
request is refused. Scoped per (tenant, client, key). Expired entries are purged lazily."""

from __future__ import annotations

import hashlib
import threading
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


class IdempotencyStore:
    def __init__(self, clock: Any, window: timedelta = timedelta(minutes=6)) -> None:
        self._clock = clock
        self.window = window
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str], StoredResponse] = {}
        self._stores = 0

    @staticmethod
    def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
        return hashlib.sha256(b"\0".join([method.encode(), path.encode(), query.encode(), body])).hexdigest()

    def lookup(self, scope: tuple[str, str, str], fingerprint: str) -> StoredResponse | None:
        now = self._clock.now()
        with self._lock:
            stored = self._entries.get(scope)
            if stored is None:
                return None
            if stored.expires_at <= now:
                del self._entries[scope]
                return None
        if stored.fingerprint != fingerprint:
            raise IdempotencyKeyReused(
                f"Idempotency-Key {scope[2]} is used with a different request", status=400)
        return stored

    def store(self, scope: tuple[str, str, str], fingerprint: str, status: int,
              headers: list[tuple[str, str]], body: bytes) -> None:
        now = self._clock.now()
        with self._lock:
            self._entries[scope] = StoredResponse(fingerprint, status, headers, body, now + self.window)
            self._stores += 1
            if self._stores % 512 == 0:  # keys never retried would otherwise stay forever
                self._entries = {k: v for k, v in self._entries.items() if v.expires_at > now}

    def __len__(self) -> int:
        return len(self._entries)

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()
