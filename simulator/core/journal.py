"""The request journal: bounded, per tenant, queryable with the matcher vocabulary of
``core/matching.py``. It is the evidence for "sent exactly once"."""

from __future__ import annotations

import itertools
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

from connsim.simulator.core.matching import RequestMatch, RequestView

UNSCOPED = "-"


@dataclass
class JournalEntry:
    seq: int
    at: str
    api: str
    method: str
    path: str
    query: str
    status: int
    tenant: str
    idempotency_key: str | None = None
    fault: str | None = None
    note: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def view(self) -> RequestView:
        """The recorded request as matchers see it (tenant "-" for requests that named none)."""
        return RequestView(api=self.api, method=self.method, path=self.path,
                           tenant=self.tenant, query=self.query)


class Journal:
    """One bounded deque per tenant (plus one for requests with no tenant). Appends are O(1)."""

    def __init__(self, per_tenant: int = 2000, max_tenants: int = 10_000) -> None:
        self._per_tenant = per_tenant
        #: requests naming ever new tenant ids (a fuzzer, a bad header) share the UNSCOPED bucket
        #: once this many buckets exist, so memory stays bounded
        self._max_tenants = max_tenants
        self._seq = itertools.count(1)
        self._lock = threading.Lock()
        self._entries: dict[str, deque[JournalEntry]] = {}

    def record(self, **fields: Any) -> JournalEntry:
        tenant = fields.get("tenant") or UNSCOPED
        with self._lock:
            bucket = self._entries.get(tenant)
            if bucket is None:
                if len(self._entries) >= self._max_tenants:
                    tenant = UNSCOPED
                    bucket = self._entries.get(tenant)
                if bucket is None:
                    bucket = self._entries[tenant] = deque(maxlen=self._per_tenant)
            fields["tenant"] = tenant
            entry = JournalEntry(seq=next(self._seq), **fields)
            bucket.append(entry)
        return entry

    def query(self, tenant: str | None = None, api: str | None = None, method: str | None = None,
              path_contains: str | None = None, since: int = 0, limit: int = 500,
              status: int | None = None, match: RequestMatch | None = None) -> list[JournalEntry]:
        """Entries in arrival order, filtered; the *last* ``limit`` of them (the newest).
        ``api``, ``method`` and ``path_contains`` are shorthands for the same fields of ``match``."""
        if limit <= 0:
            return []
        with self._lock:  # copy under the lock: appends from request threads never race the read
            if tenant:
                entries = list(self._entries.get(tenant, ()))
            else:
                entries = [e for b in self._entries.values() for e in b]
        shorthand = RequestMatch.from_spec({"api": api, "method": method, "path": path_contains})
        criteria = [m for m in (shorthand, match) if m is not None and m.matchers]
        hits = [e for e in entries
                if e.seq > since
                and (status is None or e.status == status)
                and all(m.matches(e.view()) for m in criteria)]
        hits.sort(key=lambda e: e.seq)
        return hits[-limit:]

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()
