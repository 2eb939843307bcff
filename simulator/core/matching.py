"""One vocabulary for "which requests": fault rules, journal queries and anything else that picks
requests use it, so a test writes a criterion once and every mechanism reads it the same way.

A matcher is a function ``(RequestView) -> (matched, reason)``: on a miss the reason says why in
one line, the way ``responses``' matchers explain a miss (getsentry/responses, matchers.py).
``RequestMatch.from_spec`` builds the conjunction of matchers from a plain dict (the JSON a test
sends to the control API):

=============  =====================================================================
``api``        the remote's name (``xero``, ``xpm``, ``qbo``, ``aps``, ``xero-identity``...)
``tenant``     the tenant id the request named
``method``     HTTP method, any case
``path``       substring of the path (``/Invoices``)
``path_regex`` regular expression searched in the path (``^/api.xro/2.0/Invoices/[^/]+$``)
``query``      ``{name: value}``: each name present in the query string with that value
``headers``    ``{name: value}``: each header present with that value (names any case)
``body``       substring of the request body (decoded as UTF-8)
``json``       the body is JSON and contains this value (objects: these keys with these
               values, recursively; anything else: equal)
=============  =====================================================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from connsim.simulator.core.errors import MalformedInput

#: every field of the vocabulary, in the order a miss is reported
MATCH_FIELDS = ("api", "tenant", "method", "path", "path_regex", "query", "headers", "body", "json")

MATCHED = "matched"


@dataclass(frozen=True)
class RequestView:
    """What a matcher sees of one request: built from a live request or from a journal entry."""

    api: str
    method: str
    path: str
    tenant: str | None = None
    #: the raw query string, without "?"
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def query_params(self) -> dict[str, list[str]]:
        return parse_qs(self.query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


Matcher = Callable[[RequestView], tuple[bool, str]]


def api_is(name: str) -> Matcher:
    return lambda req: (True, MATCHED) if req.api == name else (False, f"api {req.api!r} is not {name!r}")


def tenant_is(tenant_id: str) -> Matcher:
    def match(req: RequestView) -> tuple[bool, str]:
        if req.tenant == tenant_id:
            return True, MATCHED
        return False, f"tenant {req.tenant!r} is not {tenant_id!r}"
    return match


def method_is(method: str) -> Matcher:
    wanted = method.upper()

    def match(req: RequestView) -> tuple[bool, str]:
        if req.method.upper() == wanted:
            return True, MATCHED
        return False, f"method {req.method.upper()} is not {wanted}"
    return match


def path_contains(part: str) -> Matcher:
    def match(req: RequestView) -> tuple[bool, str]:
        if part in req.path:
            return True, MATCHED
        return False, f"path {req.path!r} does not contain {part!r}"
    return match


def path_matches(pattern: str) -> Matcher:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise MalformedInput(f"path_regex is not a regular expression: {exc}") from None

    def match(req: RequestView) -> tuple[bool, str]:
        if compiled.search(req.path):
            return True, MATCHED
        return False, f"path {req.path!r} does not match /{pattern}/"
    return match


def query_has(expected: Mapping[str, str]) -> Matcher:
    def match(req: RequestView) -> tuple[bool, str]:
        params = req.query_params()
        for name, value in expected.items():
            got = params.get(name)
            if got is None:
                return False, f"query has no {name!r}"
            if value not in got:
                return False, f"query {name}={got[0]!r} is not {value!r}"
        return True, MATCHED
    return match


def headers_have(expected: Mapping[str, str]) -> Matcher:
    def match(req: RequestView) -> tuple[bool, str]:
        for name, value in expected.items():
            got = req.header(name)
            if got is None:
                return False, f"header {name} is missing"
            if got != value:
                return False, f"header {name}: {got!r} is not {value!r}"
        return True, MATCHED
    return match


def body_contains(part: str) -> Matcher:
    def match(req: RequestView) -> tuple[bool, str]:
        if part in req.body.decode("utf-8", errors="replace"):
            return True, MATCHED
        return False, f"body does not contain {part!r}"
    return match


def json_contains(expected: Any) -> Matcher:
    def match(req: RequestView) -> tuple[bool, str]:
        try:
            document = json.loads(req.body or b"null")
        except ValueError:
            return False, "body is not JSON"
        miss = _json_miss(expected, document, "$")
        return (True, MATCHED) if miss is None else (False, miss)
    return match


def _json_miss(expected: Any, actual: Any, where: str) -> str | None:
    """Why ``actual`` does not contain ``expected`` (None when it does)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"json {where} is not an object"
        for key, value in expected.items():
            if key not in actual:
                return f"json {where} has no {key!r}"
            miss = _json_miss(value, actual[key], f"{where}.{key}")
            if miss:
                return miss
        return None
    return None if expected == actual else f"json {where} is {actual!r}, not {expected!r}"


def _string(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise MalformedInput(f"{name} is a string")
    return value


def _string_map(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise MalformedInput(f"{name} is an object of string values")
    return dict(value)


_BUILDERS: dict[str, Callable[[Any], Matcher]] = {
    "api": lambda v: api_is(_string("api", v)),
    "tenant": lambda v: tenant_is(_string("tenant", v)),
    "method": lambda v: method_is(_string("method", v)),
    "path": lambda v: path_contains(_string("path", v)),
    "path_regex": lambda v: path_matches(_string("path_regex", v)),
    "query": lambda v: query_has(_string_map("query", v)),
    "headers": lambda v: headers_have(_string_map("headers", v)),
    "body": lambda v: body_contains(_string("body", v)),
    "json": json_contains,
}


@dataclass(frozen=True)
class RequestMatch:
    """All of the given criteria (an empty match takes every request)."""

    #: the criteria as given, for listing a rule or query back to the user
    spec: Mapping[str, Any] = field(default_factory=dict)
    matchers: tuple[Matcher, ...] = ()

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> RequestMatch:
        """Criteria from the vocabulary's fields; None values are ignored, anything else that is
        not in the vocabulary is MalformedInput (pick the match fields out of a larger dict first)."""
        unknown = set(spec) - set(MATCH_FIELDS)
        if unknown:
            raise MalformedInput(f"unknown match fields: {', '.join(sorted(unknown))}; "
                                 f"expected {', '.join(MATCH_FIELDS)}")
        given = {name: spec[name] for name in MATCH_FIELDS if spec.get(name) is not None}
        return cls(given, tuple(_BUILDERS[name](value) for name, value in given.items()))

    def __call__(self, req: RequestView) -> tuple[bool, str]:
        """(True, "matched"), or (False, why) for the first criterion that fails."""
        for matcher in self.matchers:
            ok, reason = matcher(req)
            if not ok:
                return False, reason
        return True, MATCHED

    def matches(self, req: RequestView) -> bool:
        return self(req)[0]


def split_spec(spec: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(match fields, everything else): for specs that carry criteria next to their own fields."""
    match = {k: v for k, v in spec.items() if k in MATCH_FIELDS}
    rest = {k: v for k, v in spec.items() if k not in MATCH_FIELDS}
    return match, rest
