"""One structured line per request, as text (logfmt: ``key=value``) or JSON, on the
``connsim.access`` logger. The SRE's questions are answered by a line alone: when (wall clock
``ts``, plus the simulated ``sim_time`` the remote believed it was), which request (``request_id``
is the id the response carries, so a connector's own log can be joined with it), which API and
tenant, what was asked and answered, which error code, which injected fault, how long it took.

Secrets never reach a line: headers and bodies are not logged, and the query string is redacted.
"""

from __future__ import annotations

import json
import logging
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
        log.info("%s %s %s", fields.get("method"), fields.get("path"), fields.get("status"),
                 extra={"connsim": fields})


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


def _logfmt(value: Any) -> str:
    if value is None or value == "":
        return "-"
    text = str(value)
    if any(ch in text for ch in ' "=\\') or any(ord(ch) < 32 for ch in text):
        return json.dumps(text)
    return text


def configure(style: str = "text", stream: IO[str] | None = None) -> logging.Handler:
    """Send access lines to ``stream`` (stdout) in ``style``; replaces a handler set before."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(AccessFormatter(style))
    for old in list(log.handlers):
        log.removeHandler(old)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return handler
