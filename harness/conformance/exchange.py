"""The HTTP exchange behind a failing scenario, read from the simulator's request journal: what the
engine sent and what the remote answered, with secrets redacted and long bodies cut, so a report
shows *why* a step failed without leaking a token."""

from __future__ import annotations

import re
from typing import Any

#: at most this many requests per failing scenario (the newest), and this many characters per body
MAX_ENTRIES = 60
MAX_BODY = 2000
REDACTED = "«redacted»"

_SECRET_KEY = re.compile(r"(authori[sz]ation|token|secret|password|assertion|^code$|cookie|api[-_]?key|admin)",
                         re.I)
_SECRET_TEXT = [
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)\b((?:access_token|refresh_token|id_token|client_secret|password|code)=)[^&\s\"',]+"),
    re.compile(r"(?i)(\"(?:access_token|refresh_token|id_token|client_secret|password|code)\"\s*:\s*\")[^\"]*"),
    re.compile(r"(?i)(<(?:access_?token|refresh_?token|password)>)[^<]*"),
]


def redact(value: Any) -> Any:
    """A copy of ``value`` with every credential replaced: by key name in mappings, by pattern in text."""
    if isinstance(value, dict):
        return {k: (REDACTED if _SECRET_KEY.search(str(k)) and isinstance(v, (str, int)) and v != ""
                    else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        for pattern in _SECRET_TEXT:
            value = pattern.sub(lambda m: (m.group(1) + " " if m.group(1).lower() in ("bearer", "basic")
                                           else m.group(1)) + REDACTED, value)
        return value
    return value


def cut(text: str, limit: int = MAX_BODY) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text) - limit} more characters)"


#: journal fields shown as a short note after the status (when the journal has them)
NOTE_FIELDS = ("error_code", "fault", "idempotency_key", "request_id", "duration_ms", "truncated")
#: fields never shown: bookkeeping, or headers (bodies say what a reader needs; headers carry credentials)
HIDDEN_FIELDS = {"seq", "tenant", "size", "request_headers", "response_headers", "note", "unmatched"}


def shape(entry: dict[str, Any]) -> dict[str, Any]:
    """One journal entry as the report shows it: the request line, the status, a note of the other
    facts the journal holds, and the request and response bodies, redacted and cut."""
    out: dict[str, Any] = {"method": entry.get("method"), "path": entry.get("path"),
                           "query": redact(entry.get("query") or ""), "status": entry.get("status"),
                           "api": entry.get("api"), "at": entry.get("at")}
    notes = [f"{k}={entry[k]}" for k in NOTE_FIELDS if entry.get(k) not in (None, "", False, 0, 0.0)]
    extra = {k: v for k, v in entry.items() if k not in out and k not in HIDDEN_FIELDS and k not in NOTE_FIELDS}
    notes += [f"{k}={_compact(v) if not isinstance(v, str) else v}" for k, v in extra.items()
              if k not in ("request_body", "response_body") and v not in (None, "", {}, [])]
    out["note"] = cut(redact(", ".join(notes)), 300)
    for key in ("request_body", "response_body"):
        body = entry.get(key)
        if body:
            out[key] = cut(redact(body if isinstance(body, str) else _compact(body)))
    return out


def _compact(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def scenario_exchange(request: Any) -> list[dict[str, Any]]:
    """The journal of the scenario's simulator (in-process: its own; server: reset before it), if the
    scenario got as far as creating one. Never raises: a report must not hide the real failure."""
    defs = getattr(request, "_fixture_defs", {}) or {}
    if "remote_env" not in defs:
        return []
    try:
        env = request.getfixturevalue("remote_env")
        entries = env.control.journal(limit=MAX_ENTRIES)
    except Exception as exc:  # noqa: BLE001 -- the remote itself may be what broke
        return [{"method": "?", "path": f"(the journal could not be read: {exc})", "status": None}]
    return [shape(e) for e in entries]
