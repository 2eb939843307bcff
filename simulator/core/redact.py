"""Redaction of credentials before a request or response is kept (journal) or shown (dashboard).

Why here and once: the journal is evidence people paste into tickets and CI reports, so bearer
tokens, refresh tokens, client secrets and authorization codes must never reach it. What counts
as a secret follows OAuth 2.0 (RFC 6749 §4.1.3, §5.1, §6; RFC 7009 §2.1; RFC 7636 §4.5) and the
remotes' own token endpoints (Xero identity, Intuit OAuth: /work/shared/reference/).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "[REDACTED]"

#: headers whose whole value is a credential (the auth scheme of Authorization is kept)
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-connsim-admin",
                            "x-api-key", "api-key"})
#: form fields and query parameters of OAuth requests that carry a credential or a one-time code
SECRET_FORM_FIELDS = frozenset({"code", "code_verifier", "client_secret", "refresh_token", "access_token",
                                "id_token", "token", "password", "assertion", "client_assertion"})
#: JSON keys that carry a credential ("code" is not one: APS clients and Xero accounts have codes)
SECRET_JSON_KEYS = frozenset({"access_token", "refresh_token", "id_token", "client_secret", "password",
                              "code_verifier", "client_assertion", "admin_token"})

#: every SECRET_JSON_KEYS key holds one of these: a body holding none is kept as it is, unparsed
#: (four scans instead of one per key; QBO's "SyncToken" matches none of them)
_JSON_KEY_FRAGMENTS = ("_token", "client_", "password", "code_verifier")
#: (one case-blind regex of the four was tried instead and is 30x slower: 160 µs on a 2.5 KB body
#: against about 5 for lower() and four substring scans, which are C memory searches)

_XML_SECRET = re.compile(r"<(Password|ClientSecret|AccessToken|RefreshToken)>[^<]*</\1>", re.IGNORECASE)


#: every header whose value is rewritten (one set test per header on the common path)
_REWRITTEN_HEADERS = SECRET_HEADERS | {"location"}


def rewrites(name: str) -> bool:
    """Whether ``header_value`` may change this header's value (callers skip it when not)."""
    return name.lower() in _REWRITTEN_HEADERS


def header_value(name: str, value: str) -> str:
    """The value as it may be kept: credentials masked, the Authorization scheme kept for reading."""
    lower = name.lower()
    if lower not in _REWRITTEN_HEADERS:
        return value
    if lower in ("authorization", "proxy-authorization"):
        scheme, _, rest = value.partition(" ")
        return f"{scheme} {MASK}" if rest else MASK
    if lower in SECRET_HEADERS:
        return MASK
    if lower == "location":
        return url(value)
    return value


def headers(items: list[tuple[str, str]] | Any) -> list[tuple[str, str]]:
    pairs = items.items() if hasattr(items, "items") else items
    return [(name, header_value(name, value)) for name, value in pairs]


def query(text: str) -> str:
    """A query string with secret parameters masked (an authorize redirect carries ``code``)."""
    if not text:
        return text
    pairs = parse_qsl(text, keep_blank_values=True)
    if not any(key in SECRET_FORM_FIELDS for key, _ in pairs):
        return text
    return urlencode([(key, MASK if key in SECRET_FORM_FIELDS else value) for key, value in pairs], safe="[]")


def url(value: str) -> str:
    parts = urlsplit(value)
    return urlunsplit(parts._replace(query=query(parts.query))) if parts.query else value


def body(text: str, content_type: str | None) -> str:
    """A body (already decoded) with secrets masked, according to its media type."""
    if not text:
        return text
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return query(text)
    if kind.endswith("json") or (not kind and text.lstrip()[:1] in "{["):
        lowered = text.lower()
        if not any(fragment in lowered for fragment in _JSON_KEY_FRAGMENTS):
            return text  # the common case: no secret key, no parse
        try:
            data = json.loads(text)
        except ValueError:
            return text
        return json.dumps(_json(data), ensure_ascii=False)
    if "xml" in kind:
        return _XML_SECRET.sub(lambda m: f"<{m.group(1)}>{MASK}</{m.group(1)}>", text)
    return text


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: (MASK if key.lower() in SECRET_JSON_KEYS and value[key] is not None else _json(item))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_json(item) for item in value]
    return value
