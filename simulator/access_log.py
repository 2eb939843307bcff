"""One structured line per request, as text (logfmt: ``key=value``) or JSON, on the
``connsim.access`` logger. The SRE's questions are answered by a line alone: when (wall clock
``ts``, plus the simulated ``sim_time`` the remote believed it was), which request (``request_id``
is the id the response carries, so a connector's own log can be joined with it), which API and
tenant, what was asked and answered, which error code, which injected fault, how long it took.

Secrets never reach a line: headers and bodies are not logged, and the query string is redacted.

``connsim serve`` writes the lines from one writer thread (``configure(background=True)``): a
logging handler formats and writes under its lock, so with a plain handler every request of every
tenant would queue on one lock for a JSON encoding and a write to stdout (issue 14: nothing global
on the request path). The request's thread only puts the record on a queue; lines keep the order
requests finished in, and ``stop_writers`` writes whatever is queued before the worker exits.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import queue
import re
import sys
from datetime import UTC, datetime
from typing import IO, Any

LOGGER_NAME = "connsim.access"
FORMATS = ("text", "json")
#: the fields of every line, in this order
FIELDS = ("ts", "sim_time", "request_id", "api", "tenant", "method", "path", "query", "status", "error",
          "fault", "duration_ms", "client")

log = logging.getLogger(LOGGER_NAME)


def enabled() -> bool:
    """Whether a line would be written (callers skip building one when not: it is per request)."""
    return log.isEnabledFor(logging.INFO)


def emit(fields: dict[str, Any]) -> None:
    """Log one request (a no-op unless a handler is configured, e.g. by ``connsim serve``)."""
    if enabled():
        # made and handled directly: ``log.info`` would walk the stack for the caller's file and
        # line, which an access line does not show (a fifth of its cost)
        log.handle(log.makeRecord(LOGGER_NAME, logging.INFO, "", 0, "%s %s %s",
                                  (fields.get("method"), fields.get("path"), fields.get("status")), None,
                                  extra={"connsim": fields}))


class AccessFormatter(logging.Formatter):
    def __init__(self, style: str = "text") -> None:
        super().__init__()
        if style not in FORMATS:
            raise ValueError(f"log format is one of {', '.join(FORMATS)}, not {style!r}")
        self.style_name = style

    def format(self, record: logging.LogRecord) -> str:
        fields = dict(getattr(record, "connsim", None) or {"message": record.getMessage()})
        # wall-clock time of the log line itself (log metadata, not the simulated time)
        fields["ts"] = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        ordered = {key: fields.get(key) for key in FIELDS if key in fields or key == "ts"}
        ordered.update({k: v for k, v in fields.items() if k not in ordered})
        if self.style_name == "json":
            return json.dumps(ordered, separators=(",", ":"), default=str)
        return " ".join(f"{key}={_logfmt(value)}" for key, value in ordered.items())


#: a logfmt value is quoted (as JSON) when it holds a space, a quote, "=", a backslash or a control character
_NEEDS_QUOTES = re.compile(r'[ "=\\\x00-\x1f]')


def _logfmt(value: Any) -> str:
    if value is None or value == "":
        return "-"
    text = str(value)
    return json.dumps(text) if _NEEDS_QUOTES.search(text) else text


class QueuedHandler(logging.handlers.QueueHandler):
    """Hands each record to a writer thread that formats and writes it with ``target``. Records
    logged before ``start`` wait in the queue (gunicorn forks the worker after configuring, and a
    thread does not survive a fork, so the worker starts it)."""

    def __init__(self, target: logging.Handler) -> None:
        super().__init__(queue.SimpleQueue())
        self.target = target
        self._listener: logging.handlers.QueueListener | None = None

    def handle(self, record: logging.LogRecord) -> bool:
        """Enqueue as is: no handler lock (the queue is thread safe) and no formatting on the
        request's thread (QueueHandler.prepare formats, for queues that cross processes)."""
        if not self.filter(record):
            return False
        self.enqueue(record)
        return True

    def start(self) -> None:
        if self._listener is None:
            self._listener = logging.handlers.QueueListener(self.queue, self.target)
            self._listener.start()

    def stop(self) -> None:
        """Write everything queued, then end the writer thread."""
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self.target.flush()


def configure(style: str = "text", stream: IO[str] | None = None, background: bool = False) -> logging.Handler:
    """Send access lines to ``stream`` (stdout) in ``style``; replaces a handler set before. With
    ``background`` the lines are written by a writer thread (``start_writers``), as ``connsim
    serve`` does; without, by the request's own thread (in process, where a test reads them at once)."""
    handler: logging.Handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(AccessFormatter(style))
    if background:
        handler = QueuedHandler(handler)
    for old in list(log.handlers):
        if isinstance(old, QueuedHandler):
            old.stop()
        log.removeHandler(old)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return handler


def start_writers() -> None:
    """Start the writer thread of a background access log (in the process that serves)."""
    for handler in log.handlers:
        if isinstance(handler, QueuedHandler):
            handler.start()


def stop_writers() -> None:
    """Write every queued line and end the writer thread (before the serving process exits)."""
    for handler in log.handlers:
        if isinstance(handler, QueuedHandler):
            handler.stop()
