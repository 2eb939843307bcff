"""The request journal: every exchange with its headers and bodies (credentials redacted before
they are stored), bounded by bytes per tenant and in total, queryable. It is the evidence for
"sent exactly once, with this body" and for "why did my request match nothing" (near-misses).

Bounds (WireMock learned the need from OutOfMemoryError reports): each tenant's entries may hold
``bytes_per_tenant`` bytes (its oldest entries are evicted first), all tenants together
``total_bytes`` (the oldest entry of all is evicted first), and one body is cut at ``max_body``
characters. Requests naming ever new tenant ids share the UNSCOPED bucket past ``max_tenants``.

No request waits for another's entry (issue 14: nothing global on the request path). A request puts
its entry on a queue of entries not yet filed (a deque append, atomic) and files the queue only if
the journal's lock is free at that instant; if it is not, whoever holds it files the entry, or the
next request or read does. Every read files the queue first, so a reader never misses an entry,
and entries are numbered as they are filed, so ``seq`` order is arrival order for every reader (a
poller's ``since`` never skips one).
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from itertools import chain
from typing import Any

from connsim.simulator.core.matching import RequestMatch, RequestView

UNSCOPED = "-"
#: bytes an entry costs besides its bodies and headers (its fields, the dict, the deque slot)
ENTRY_OVERHEAD = 256


@dataclass(slots=True)  # no __dict__ per entry: fewer objects for the collector to walk
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
    #: the id the response carries (Xero-Correlation-Id, intuit_tid), else one the simulator made
    request_id: str = ""
    error_code: str | None = None
    duration_ms: float = 0.0
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: str = ""
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: str = ""
    #: set when a body was longer than the journal keeps
    truncated: bool = False
    #: for a request no route or no tenant matched: {"kind": "route"|"tenant", "candidates": [...]}
    unmatched: dict[str, Any] | None = None
    size: int = 0

    def view(self) -> RequestView:
        """The recorded request as matchers see it: headers and body as kept (credentials redacted,
        so a matcher on a secret's value never matches), tenant "-" for requests that named none."""
        return RequestView(api=self.api, method=self.method, path=self.path, tenant=self.tenant, query=self.query,
                           headers=dict(self.request_headers), body=self.request_body.encode())

    def header(self, name: str, response: bool = False) -> str | None:
        wanted = name.lower()
        pairs = self.response_headers if response else self.request_headers
        return next((value for key, value in pairs if key.lower() == wanted), None)

    def to_dict(self, bodies: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data["request_headers"] = dict(self.request_headers)
        data["response_headers"] = dict(self.response_headers)
        if not bodies:
            for key in ("request_headers", "request_body", "response_headers", "response_body"):
                data.pop(key)
        return data


def entry_size(fields: dict[str, Any]) -> int:
    """What an entry costs the journal's byte bounds: its texts, its headers and a fixed overhead."""
    size = ENTRY_OVERHEAD
    for key in ("request_headers", "response_headers"):
        size += sum(map(len, chain.from_iterable(fields.get(key) or ())))  # C loops, not a Python one per header
    for key in ("path", "query", "request_body", "response_body"):
        size += len(fields.get(key) or "")
    unmatched = fields.get("unmatched")
    return size + (len(repr(unmatched)) if unmatched else 0)


class Journal:
    """One deque per tenant (plus UNSCOPED) and one deque of everything in arrival order, so both
    evictions are O(1): the oldest of all is always the oldest of its own tenant too."""

    def __init__(self, bytes_per_tenant: int = 4 * 1024 * 1024, max_tenants: int = 10_000,
                 total_bytes: int = 256 * 1024 * 1024, max_body: int = 64 * 1024) -> None:
        self.bytes_per_tenant, self.total_bytes, self.max_body = bytes_per_tenant, total_bytes, max_body
        self._max_tenants = max_tenants
        self._seq = itertools.count(1)
        #: the simulator's own request ids; next() on a C counter is atomic, so no lock
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        #: entries recorded but not yet filed (see the module docstring)
        self._unfiled: deque[JournalEntry] = deque()
        self._entries: dict[str, deque[JournalEntry]] = {}
        self._bytes: dict[str, int] = {}
        self._all: deque[JournalEntry] = deque()
        self._total = 0
        self._evicted: set[int] = set()

    def record(self, **fields: Any) -> JournalEntry:
        """Keep one exchange. Its ``request_id`` (when the response carried none) is set here; its
        ``seq`` and bucket when it is filed, which is before any read can see it."""
        for key in ("request_body", "response_body"):
            text = fields.get(key) or ""
            if len(text) > self.max_body:
                fields[key] = text[:self.max_body]
                fields["truncated"] = True
        fields["size"] = entry_size(fields)
        entry = JournalEntry(seq=0, **fields)
        if not entry.request_id:
            # numbered like seq (one count per entry), so the two agree unless two requests record at once
            entry.request_id = f"connsim-{next(self._ids)}"
        else:
            next(self._ids)
        self._unfiled.append(entry)
        if self._lock.acquire(blocking=False):  # never wait: a holder files this entry, or the next caller does
            try:
                self._file()
            finally:
                self._lock.release()
        return entry

    def _file(self) -> None:
        """File every queued entry, oldest first, and apply both byte bounds. Caller holds the lock."""
        unfiled = self._unfiled
        while unfiled:
            entry = unfiled.popleft()
            tenant = entry.tenant or UNSCOPED
            if tenant not in self._entries and len(self._entries) >= self._max_tenants:
                tenant = UNSCOPED
            bucket = self._entries.setdefault(tenant, deque())
            entry.tenant = tenant
            entry.seq = next(self._seq)
            bucket.append(entry)
            self._all.append(entry)
            self._bytes[tenant] = self._bytes.get(tenant, 0) + entry.size
            self._total += entry.size
            while self._bytes[tenant] > self.bytes_per_tenant and len(bucket) > 1:
                self._drop(bucket.popleft())
            while self._total > self.total_bytes and len(self._all) > 1:
                oldest = self._all.popleft()
                if oldest.seq in self._evicted:
                    self._evicted.discard(oldest.seq)
                    continue
                self._entries[oldest.tenant].popleft()
                self._drop(oldest, from_all=True)
            if len(self._evicted) > 1024 and len(self._evicted) > len(self._all) // 2:
                self._all = deque(e for e in self._all if e.seq not in self._evicted)
                self._evicted.clear()  # compacted: entries evicted per tenant no longer held

    def _drop(self, entry: JournalEntry, from_all: bool = False) -> None:
        """Account for an evicted entry (the caller popped it from its tenant's deque)."""
        self._bytes[entry.tenant] -= entry.size
        self._total -= entry.size
        if not from_all:
            self._evicted.add(entry.seq)  # still in _all: skipped when it reaches the front

    def entries(self, tenant: str | None = None, since: int = 0) -> list[JournalEntry]:
        """All kept entries (of one tenant), in arrival order, copied under the lock."""
        with self._lock:
            self._file()
            if tenant:
                found = list(self._entries.get(tenant, ()))
            else:
                found = [e for e in self._all if e.seq not in self._evicted]
        return [e for e in found if e.seq > since]

    def find(self, predicate: Callable[[JournalEntry], bool], tenant: str | None = None, since: int = 0,
             limit: int | None = None) -> list[JournalEntry]:
        """Entries a predicate (a matcher) accepts, oldest first; the newest ``limit`` of them."""
        hits = [e for e in self.entries(tenant, since) if predicate(e)]
        return hits if limit is None else (hits[-limit:] if limit > 0 else [])

    def query(self, tenant: str | None = None, api: str | None = None, method: str | None = None,
              path_contains: str | None = None, since: int = 0, limit: int = 500,
              status: int | None = None, match: RequestMatch | None = None) -> list[JournalEntry]:
        """Entries in arrival order, filtered; the *last* ``limit`` of them (the newest).
        ``api``, ``method`` and ``path_contains`` are shorthands for the same fields of ``match``."""
        shorthand = RequestMatch.from_spec({"api": api, "method": method, "path": path_contains})
        criteria = [m for m in (shorthand, match) if m is not None and m.matchers]
        return self.find(lambda e: (status is None or e.status == status)
                         and all(m.matches(e.view()) for m in criteria), tenant=tenant, since=since, limit=limit)

    def closest(self, match: RequestMatch, since: int = 0, limit: int = 3) -> list[tuple[JournalEntry, list[str]]]:
        """The entries ``match`` missed by the fewest criteria, newest first among equals, each with
        every reason it missed (a verification failure shows these as its difference)."""
        scored = []
        for entry in self.entries(since=since):
            view = entry.view()
            reasons = [why for ok, why in (m(view) for m in match.matchers) if not ok]
            if reasons:
                scored.append((len(reasons), -entry.seq, entry, reasons))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [(entry, reasons) for _, _, entry, reasons in scored[:limit]]

    def unmatched(self, since: int = 0, limit: int = 100) -> list[JournalEntry]:
        """Requests no route or no tenant matched, each with its closest candidates."""
        return self.find(lambda e: e.unmatched is not None, since=since, limit=limit)

    def usage(self) -> dict[str, Any]:
        with self._lock:
            self._file()
            return {"bytes": self._total, "totalBytesLimit": self.total_bytes,
                    "bytesPerTenantLimit": self.bytes_per_tenant,
                    "tenants": {t: {"entries": len(b), "bytes": self._bytes.get(t, 0)}
                                for t, b in self._entries.items()}}

    def reset(self) -> None:
        with self._lock:
            self._unfiled.clear()
            self._entries.clear()
            self._bytes.clear()
            self._all.clear()
            self._evicted.clear()
            self._total = 0


def newest_seq(entries: Iterable[JournalEntry]) -> int:
    return max((e.seq for e in entries), default=0)
