"""SQLite state of the reference engine. Documents per collection (JSON, indexed on the fields the
engine filters by), sync attempts with the remote's answer, an outbox of remote writes keyed by
idempotency key, and the activity log."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (collection TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
                                 seq INTEGER NOT NULL, PRIMARY KEY (collection, id));
CREATE INDEX IF NOT EXISTS docs_status ON docs (collection, json_extract(data, '$.status'));
CREATE INDEX IF NOT EXISTS docs_key ON docs (collection, json_extract(data, '$.key'));
CREATE TABLE IF NOT EXISTS attempts (seq INTEGER PRIMARY KEY AUTOINCREMENT, collection TEXT, ref TEXT,
                                     at TEXT, outcome TEXT, reason TEXT, error TEXT);
CREATE INDEX IF NOT EXISTS attempts_ref ON attempts (collection, ref);
CREATE TABLE IF NOT EXISTS outbox (key TEXT PRIMARY KEY, kind TEXT, ref TEXT, state TEXT,
                                   remote_ref TEXT, payload TEXT);
CREATE TABLE IF NOT EXISTS activity (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, kind TEXT,
                                     message TEXT, data TEXT);
"""


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._seq = 0
        with self._lock:
            self._db.executescript(SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- documents -----------------------------------------------------------------------------
    def put(self, collection: str, doc: dict[str, Any]) -> dict[str, Any]:
        doc.setdefault("id", uuid.uuid4().hex[:12])
        with self._lock:
            self._seq += 1
            self._db.execute("INSERT INTO docs (collection, id, data, seq) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data",
                             (collection, doc["id"], json.dumps(doc), self._seq))
        return doc

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM docs WHERE collection = ? AND id = ?",
                                   (collection, doc_id)).fetchone()
        return json.loads(row["data"]) if row else None

    def find(self, collection: str, **equals: Any) -> list[dict[str, Any]]:
        sql, args = "SELECT data FROM docs WHERE collection = ?", [collection]
        for field, value in equals.items():
            sql += f" AND json_extract(data, '$.{field}') IS ?"
            args.append(value)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY seq", args).fetchall()
        return [json.loads(r["data"]) for r in rows]

    def delete(self, collection: str, doc_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM docs WHERE collection = ? AND id = ?", (collection, doc_id))

    # -- attempts, outbox, activity ----------------------------------------------------------------
    def attempt(self, collection: str, ref: str, at: str, outcome: str, reason: str | None = None,
                error: str | None = None) -> None:
        with self._lock:
            self._db.execute("INSERT INTO attempts (collection, ref, at, outcome, reason, error) VALUES (?,?,?,?,?,?)",
                             (collection, ref, at, outcome, reason, error))

    def attempts(self, collection: str, ref: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM attempts WHERE collection = ? AND ref = ? ORDER BY seq",
                                    (collection, ref)).fetchall()
        return [dict(r) for r in rows]

    def outbox_get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM outbox WHERE key = ?", (key,)).fetchone()
        return dict(row) if row else None

    def outbox_put(self, key: str, kind: str, ref: str, state: str, remote_ref: str | None = None,
                   payload: dict[str, Any] | None = None) -> None:
        with self._lock:
            self._db.execute("INSERT INTO outbox (key, kind, ref, state, remote_ref, payload) VALUES (?,?,?,?,?,?) "
                             "ON CONFLICT (key) DO UPDATE SET state = excluded.state, "
                             "remote_ref = COALESCE(excluded.remote_ref, outbox.remote_ref)",
                             (key, kind, ref, state, remote_ref, json.dumps(payload or {})))

    def log(self, at: str, kind: str, message: str, **data: Any) -> None:
        with self._lock:
            self._db.execute("INSERT INTO activity (at, kind, message, data) VALUES (?,?,?,?)",
                             (at, kind, message, json.dumps(data)))

    def activity(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM activity ORDER BY seq").fetchall()
        return [{**dict(r), "data": json.loads(r["data"])} for r in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
