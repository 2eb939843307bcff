"""The request journal: bounded, per tenant, queryable. It is the evidence for "sent exactly once"."""

from __future__ import annotations

import itertools
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

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


class Journal:
    """One bounded deque per tenant (plus one for requests with no tenant). Appends are O(1)."""

    def __init__(self, per_tenant: int = 2000) -> None:
        self._per_tenant = per_tenant
        self._seq = itertools.count(1)
        self._lock = threading.Lock()
        self._entries: dict[str, deque[JournalEntry]] = {}

    def record(self, **fields: Any) -> JournalEntry:
        tenant = fields.get("tenant") or UNSCOPED
        fields["tenant"] = tenant
        entry = JournalEntry(seq=next(self._seq), **fields)
        with self._lock:
            bucket = self._entries.get(tenant)
            if bucket is None:
                bucket = self._entries[tenant] = deque(maxlen=self._per_tenant)
        bucket.append(entry)
        return entry

    def query(self, tenant: str | None = None, api: str | None = None, method: str | None = None,
              path_contains: str | None = None, since: int = 0, limit: int = 500) -> list[JournalEntry]:
        buckets: Iterable[deque[JournalEntry]]
        if tenant:
            buckets = [self._entries.get(tenant, deque())]
        else:
            buckets = list(self._entries.values())
        hits = [e for b in buckets for e in list(b)
                if e.seq > since
                and (api is None or e.api == api)
                and (method is None or e.method == method.upper())
                and (path_contains is None or path_contains in e.path)]
        hits.sort(key=lambda e: e.seq)
        return hits[-limit:]

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()
