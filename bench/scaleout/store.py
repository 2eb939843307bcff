"""The hot path of one connsim request on a shared store, the same SQL on SQLite (WAL) and on
PostgreSQL: token check (token -> tenant, expiry against the store's simulated clock), the per-tenant
minute counter (one atomic upsert), GET and PUT of one Xero invoice (InvoiceNumber unique per tenant
among live invoices, as connsim's model has it), and the journal append. One transaction per request,
one connection per thread: that is what every gunicorn worker shares, and what the bench measures.

A prototype for docs/design/scale-out.md, not part of the simulator: it models only what the hot
path needs to show what a shared store costs and what it must answer (clock, counters, ordering)."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

#: a number may be reused once its invoice is deleted or voided (connsim's _check_number_unique)
_LIVE = "status NOT IN ('DELETED', 'VOIDED')"

SCHEMA = (
    "CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), offset_s DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE tenants (id TEXT PRIMARY KEY, next_number BIGINT NOT NULL, minute_limit BIGINT NOT NULL)",
    "CREATE TABLE tokens (token TEXT PRIMARY KEY, tenant TEXT NOT NULL REFERENCES tenants(id),"
    " expires_at DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE rate (tenant TEXT NOT NULL, win BIGINT NOT NULL, hits BIGINT NOT NULL, PRIMARY KEY (tenant, win))",
    "CREATE TABLE invoices (tenant TEXT NOT NULL, id TEXT NOT NULL, number_key TEXT NOT NULL, status TEXT NOT NULL,"
    " doc TEXT NOT NULL, PRIMARY KEY (tenant, id))",
    f"CREATE UNIQUE INDEX invoices_number ON invoices (tenant, number_key) WHERE {_LIVE}",
    "CREATE TABLE journal (seq {serial}, tenant TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, method TEXT NOT NULL,"
    " path TEXT NOT NULL, status INTEGER NOT NULL)",
    "CREATE INDEX journal_tenant ON journal (tenant, seq)",
    "INSERT INTO clock (id, offset_s) VALUES (1, 0)",
)
#: auto-numbering skips numbers taken by hand (connsim's _next_number), this many at most
_NUMBER_TRIES = 1000
TABLES = ("journal", "invoices", "rate", "tokens", "tenants", "clock")


class Unauthorized(Exception):
    """No such token, or it expired on the simulated clock: Xero's 401 with this detail."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class RateLimited(Exception):
    """The tenant's minute window is spent: Xero's 429 with Retry-After (whole seconds)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = retry_after


class DuplicateNumber(Exception):
    """A live invoice of the tenant already has this InvoiceNumber (compared without case)."""


@dataclass(frozen=True)
class Dialect:
    """What differs between the two stores: how to connect, the placeholder, how a writing
    transaction starts, and the journal's sequence column."""

    name: str
    connect: Callable[[], Any]
    placeholder: str
    begin: str
    serial: str
    #: queue a process's own threads on a Python lock before BEGIN, so only one per process waits
    #: in SQLite's busy handler (which sleeps 1, 2, 5 ... 100 ms between tries instead of queueing)
    lock_writers: bool = False


def sqlite_dialect(path: str, busy_timeout_ms: int = 10000, lock_writers: bool = False) -> Dialect:
    """One file in WAL mode. ``BEGIN IMMEDIATE`` takes the write lock at the start (every request
    writes its counter), so two writers never deadlock upgrading a read lock; a waiting writer
    sleeps in SQLite's busy handler up to ``busy_timeout_ms``. ``synchronous=NORMAL``: a commit
    survives a process crash, the last ones may not survive a power cut (no fsync per commit)."""

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    return Dialect("sqlite", connect, "?", "BEGIN IMMEDIATE", "INTEGER PRIMARY KEY AUTOINCREMENT", lock_writers)


def postgres_dialect(dsn: str) -> Dialect:
    """A server reached by DSN (psycopg 3, an optional extra: imported only here). Autocommit
    connection with explicit BEGIN/COMMIT, so the transaction code is the same as SQLite's."""

    def connect() -> Any:
        import psycopg  # optional extra: only the PostgreSQL rows need it

        return psycopg.connect(dsn, autocommit=True)

    return Dialect("postgres", connect, "%s", "BEGIN", "BIGSERIAL PRIMARY KEY")


@dataclass(frozen=True)
class Grant:
    """Who is asking, the minute limit that applies, and simulated now, read once per request."""

    tenant: str
    now: float
    minute_limit: int


class Tx:
    """One request's transaction: the hot-path operations, each one statement (two for a PUT)."""

    def __init__(self, cursor: Any, sql: Callable[[str], str]) -> None:
        self._cur = cursor
        self._sql = sql

    def execute(self, text: str, *args: Any) -> Any:
        """Run one statement written with ``?`` placeholders; the cursor, for its rows."""
        self._cur.execute(self._sql(text), args)
        return self._cur

    def one(self, text: str, *args: Any) -> Any:
        return self.execute(text, *args).fetchone()

    def check_token(self, token: str, wall: float) -> Grant:
        """Token -> tenant and simulated now (wall + the store's clock offset), in one query."""
        row = self.one("SELECT t.tenant, t.expires_at, c.offset_s, n.minute_limit FROM tokens t"
                        " JOIN tenants n ON n.id = t.tenant CROSS JOIN clock c WHERE t.token = ?", token)
        if row is None:
            raise Unauthorized("AuthenticationUnsuccessful")
        tenant, expires_at, offset, limit = row
        now = wall + offset
        if now >= expires_at:
            raise Unauthorized("TokenExpired: token expired")
        return Grant(tenant, now, int(limit))

    def count_request(self, grant: Grant) -> int:
        """Count this request in the tenant's minute window, in one atomic upsert that refuses
        without counting once the window is full (connsim: a refused call is not counted); the
        calls left."""
        window = int(grant.now // 60)
        row = self.one("INSERT INTO rate (tenant, win, hits) VALUES (?, ?, 1) ON CONFLICT (tenant, win)"
                       " DO UPDATE SET hits = rate.hits + 1 WHERE rate.hits < ? RETURNING hits",
                       grant.tenant, window, grant.minute_limit)
        if row is None or row[0] > grant.minute_limit:
            raise RateLimited(max(1, int((window + 1) * 60 - grant.now + 0.999)))
        return int(grant.minute_limit - row[0])

    def get_invoice(self, tenant: str, key: str) -> dict[str, Any] | None:
        """By InvoiceID or by InvoiceNumber, as Xero's GET /Invoices/{InvoiceID} accepts both."""
        row = self.one("SELECT doc FROM invoices WHERE tenant = ? AND id = ?", tenant, key)
        if row is None:
            row = self.one(f"SELECT doc FROM invoices WHERE tenant = ? AND number_key = ? AND {_LIVE}",
                            tenant, key.lower())
        return None if row is None else dict(json.loads(row[0]))

    def next_number(self, tenant: str) -> str:
        (n,) = self.one("UPDATE tenants SET next_number = next_number + 1 WHERE id = ? RETURNING next_number",
                         tenant)
        return f"INV-{n:04d}"

    def insert_invoice(self, tenant: str, doc: dict[str, Any], invoice_id: str | None = None) -> dict[str, Any]:
        """Create: a new InvoiceID (unless seeding one), the given InvoiceNumber or the tenant's
        next free one. The unique index decides a duplicate, inside this transaction, on either store."""
        given = doc.get("InvoiceNumber")
        doc = {**doc, "InvoiceID": invoice_id or str(uuid.uuid4())}
        for _ in range(_NUMBER_TRIES):
            doc["InvoiceNumber"] = number = given or self.next_number(tenant)
            row = self.one(f"INSERT INTO invoices (tenant, id, number_key, status, doc) VALUES (?, ?, ?, ?, ?)"
                           f" ON CONFLICT (tenant, number_key) WHERE {_LIVE} DO NOTHING RETURNING id",
                           tenant, doc["InvoiceID"], number.lower(), doc.get("Status", "DRAFT"), json.dumps(doc))
            if row is not None:
                return doc
            if given:
                break
        raise DuplicateNumber(given or number)

    def journal_append(self, tenant: str, at: float, method: str, path: str, status: int) -> int:
        (seq,) = self.one("INSERT INTO journal (tenant, at, method, path, status) VALUES (?, ?, ?, ?, ?)"
                           " RETURNING seq", tenant, at, method, path, status)
        return int(seq)


class Store:
    """A shared store: one connection per thread (created on first use), one transaction per request."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self._local = threading.local()
        self._texts: dict[str, str] = {}
        self._writer = threading.Lock() if dialect.lock_writers else None

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.dialect.connect()
        return conn

    def _sql(self, text: str) -> str:
        out = self._texts.get(text)
        if out is None:
            out = self._texts[text] = text.replace("?", self.dialect.placeholder)
        return out

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        if self._writer is None:
            with self._begin() as tx:
                yield tx
        else:
            with self._writer, self._begin() as tx:
                yield tx

    @contextmanager
    def _begin(self) -> Iterator[Tx]:
        cur = self._connection().cursor()
        cur.execute(self.dialect.begin)
        try:
            yield Tx(cur, self._sql)
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- set-up and the control side (not on the hot path) -----------------------------------------
    def create(self) -> None:
        """A fresh world: drop every table, then create the schema."""
        with self.transaction() as tx:
            for table in TABLES:
                tx.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in SCHEMA:
                tx.execute(statement.replace("{serial}", self.dialect.serial))

    def add_tenant(self, tenant: str, minute_limit: int = 60) -> None:
        with self.transaction() as tx:
            tx.one("INSERT INTO tenants (id, next_number, minute_limit) VALUES (?, 0, ?) RETURNING id",
                    tenant, minute_limit)

    def issue_token(self, tenant: str, expires_at: float) -> str:
        token = uuid.uuid4().hex
        with self.transaction() as tx:
            tx.one("INSERT INTO tokens (token, tenant, expires_at) VALUES (?, ?, ?) RETURNING token",
                    token, tenant, expires_at)
        return token

    def move_clock(self, seconds: float) -> None:
        """Every worker reads the same offset: the simulated clock lives in the store."""
        with self.transaction() as tx:
            tx.one("UPDATE clock SET offset_s = offset_s + ? WHERE id = 1 RETURNING offset_s", seconds)

    def journal(self, tenant: str) -> list[tuple[int, str, str, int]]:
        with self.transaction() as tx:
            rows = tx.execute("SELECT seq, method, path, status FROM journal WHERE tenant = ? ORDER BY seq",
                              tenant).fetchall()
        return [(int(s), m, p, int(st)) for s, m, p, st in rows]


def open_store(spec: str) -> Store:
    """``sqlite:PATH``, ``sqlite+lock:PATH`` (threads queue on a process lock) or a PostgreSQL URL."""
    if spec.startswith("sqlite:"):
        return Store(sqlite_dialect(spec.removeprefix("sqlite:")))
    if spec.startswith("sqlite+lock:"):
        return Store(sqlite_dialect(spec.removeprefix("sqlite+lock:"), lock_writers=True))
    if spec.startswith(("postgresql:", "postgres:")):
        return Store(postgres_dialect(spec))
    raise ValueError(f"unknown store {spec!r}: sqlite:PATH or postgresql://…")
