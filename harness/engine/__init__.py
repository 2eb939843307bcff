"""The reference sync engine: implements every documented behaviour against the remotes' real
HTTP APIs (never the simulator's internals). State in SQLite: records, attempts with the remote's
error, an outbox with idempotency keys, and the activity log, so a failed sync is never lost and a
retried one never doubles."""
