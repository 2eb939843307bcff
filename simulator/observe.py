"""Seeing what the connector did: after every request, one record is built once and goes to the
journal (API requests: headers and bodies, redacted) and to the access log (every request, no
bodies). Requests no route or no tenant matched carry their near-misses.

Wire layer (Flask): the storage is core/journal.py, the redaction core/redact.py, the ranking
core/near_miss.py, the line format access_log.py."""

from __future__ import annotations

import time
from typing import Any, NamedTuple

from flask import Flask, Request, Response, current_app, g, request

from connsim.simulator import access_log
from connsim.simulator.core import redact
from connsim.simulator.core.near_miss import RouteShape, closest_routes, closest_tenants
from connsim.simulator.remote import Remote

#: response headers that carry the remote's own request id, in the order they are looked for
REQUEST_ID_HEADERS = ("Xero-Correlation-Id", "intuit_tid", "X-Request-Id", "Request-Id")
_REQUEST_ID_KEYS = tuple(h.lower() for h in REQUEST_ID_HEADERS)
#: media types whose bodies the journal keeps as text
TEXT_TYPES = ("json", "xml", "text/", "x-www-form-urlencoded", "javascript")
CONTROL_PREFIX = "/_connsim"


def is_control_path(path: str) -> bool:
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


def note_error(code: str) -> None:
    """Called by the error renderers: the error code the response carries, for journal and log."""
    g.error_code = code


def observe(response: Response) -> Response:
    """After every request: its journal entry (API paths) and its access-log line. Runs once per
    request, so it reads the request and ``g`` through local names (each proxy lookup costs), walks
    each header list once (redacting and picking the request id in the same pass) and redacts what
    it keeps once."""
    req: Request = request._get_current_object()  # type: ignore[attr-defined]  # werkzeug LocalProxy's documented accessor
    ctx = g._get_current_object()
    state = ctx.get("state") or current_app.extensions["connsim"]
    if ctx.get("close_connection"):
        response.headers["Connection"] = "close"  # the rest of a timed-out body is never read
    environ = req.environ
    path = req.path
    control = is_control_path(path)
    remote: Remote | None = None if control else (ctx.get("remote") or owner_of_unrouted(state, path, req.host))
    rule = ctx.get("fault")
    tenant = ctx.get("tenant")
    tenant_id = tenant.id if tenant is not None else ctx.get("tenant_id")
    if tenant_id is None and remote is not None and remote.tenant_id is not None and "tenant_id" not in ctx:
        tenant_id = _named_tenant(remote)  # the gates did not run (no route): read it as they would
    response_headers, request_id, response_type = _response_headers(response)
    t0 = ctx.get("t0")
    duration = round((time.perf_counter() - t0) * 1000.0, 3) if t0 is not None else 0.0
    status = response.status_code
    error = ctx.get("error_code") or (None if status < 400 else f"HTTP{status}")
    sim_time = state.clock.now().isoformat()
    fault = f"{rule.action}#{rule.id}" if rule else None
    api = "control" if control else (remote.name if remote else "-")
    query = redact.query(req.query_string.decode(errors="replace"))
    if not control:
        idem = ctx.get("idempotency")
        content_type = environ.get("CONTENT_TYPE")
        entry = state.journal.record(
            at=sim_time, api=api, method=req.method, path=path, query=query, status=status,
            tenant=tenant_id or None, idempotency_key=idem[0][2] if idem else None, fault=fault,
            note={"replayed": True} if ctx.get("idempotent_replay") else {}, request_id=request_id,
            error_code=error, duration_ms=duration,
            request_headers=request_headers(environ),
            request_body=redact.body(_text(ctx.get("request_body") or b"", content_type), content_type),
            response_headers=response_headers,
            response_body=redact.body(_response_text(response, response_type), response_type),
            unmatched=_unmatched(state, remote, tenant_id, status) if status >= 400 or req.url_rule is None
            else None)
        request_id = entry.request_id
    if access_log.enabled():
        access_log.emit({"sim_time": sim_time, "request_id": request_id or None, "api": api, "tenant": tenant_id,
                         "method": req.method, "path": path, "query": query, "status": status, "error": error,
                         "fault": fault, "duration_ms": duration, "client": req.remote_addr})
    return response


class _EnvironHeader(NamedTuple):
    name: str
    #: its value is rewritten before it is kept (redact.header_value)
    rewritten: bool
    #: Content-Type and Content-Length are headers only when set (as werkzeug's EnvironHeaders has it)
    only_when_set: bool


#: what an environ key that carries no header maps to
_NOT_A_HEADER = _EnvironHeader("", False, False)
#: an environ key → the header it carries, worked out once per key. Bounded, because header names
#: come from clients.
_ENVIRON_NAMES: dict[str, _EnvironHeader] = {}
#: how many answers each of this module's per-process tables (keyed by what clients send) keeps
_MEMO_MAX = 4096


def _environ_header(key: str) -> _EnvironHeader:
    if key.startswith("HTTP_") and key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
        name = key[5:].replace("_", "-").title()
        found = _EnvironHeader(name, redact.rewrites(name), False)
    elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        found = _EnvironHeader(key.replace("_", "-").title(), False, True)
    else:
        found = _NOT_A_HEADER
    if len(_ENVIRON_NAMES) < _MEMO_MAX:
        _ENVIRON_NAMES[key] = found
    return found


def request_headers(environ: dict[str, Any]) -> list[tuple[str, str]]:
    """The request's headers as werkzeug's ``request.headers`` lists them, credentials masked: one
    pass over the environ, each key's header name worked out once per process."""
    out = []
    for key, value in environ.items():
        header = _ENVIRON_NAMES.get(key) or _environ_header(key)
        if header is _NOT_A_HEADER or (header.only_when_set and not value):
            continue
        name = header.name
        out.append((name, redact.header_value(name, value) if header.rewritten else value))
    return out


def _response_headers(response: Response) -> tuple[list[tuple[str, str]], str, str | None]:
    """The response's headers, credentials masked; the remote's request id; its Content-Type."""
    pairs = []
    found: dict[str, str] = {}
    content_type = None
    for name, value in response.headers.to_wsgi_list():
        lower = name.lower()
        if lower in _REQUEST_ID_KEYS:
            found.setdefault(lower, value)
        elif lower == "content-type":
            content_type = value
        pairs.append((name, redact.header_value(name, value) if redact.rewrites(lower) else value))
    request_id = next((found[h] for h in _REQUEST_ID_KEYS if h in found), "") if found else ""
    return pairs, request_id, content_type


def _named_tenant(remote: Remote) -> str | None:
    try:
        return remote.tenant_id(request) if remote.tenant_id else None
    except Exception:  # noqa: BLE001  a malformed path or header names no tenant; the line is still written
        return None


def _is_text(content_type: str | None) -> bool:
    """Whether the journal keeps a body of this media type as text; worked out once per type (a
    request's, and its response's, on every request). Bounded, because request types come from clients."""
    known = _TEXT_TYPE_ANSWERS.get(content_type)
    if known is None:
        kind = (content_type or "").lower()
        known = not kind or any(t in kind for t in TEXT_TYPES)
        if len(_TEXT_TYPE_ANSWERS) < _MEMO_MAX:
            _TEXT_TYPE_ANSWERS[content_type] = known
    return known


_TEXT_TYPE_ANSWERS: dict[str | None, bool] = {}


def _text(data: bytes, content_type: str | None) -> str:
    if not data:
        return ""
    if _is_text(content_type):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return f"<{len(data)} bytes of {content_type or 'binary data'}>"


def _response_text(response: Response, content_type: str | None) -> str:
    if response.is_streamed or response.direct_passthrough:
        return "<streamed body>"
    return _text(response.get_data(), content_type)


# -- near-misses ---------------------------------------------------------------------------------
def route_shapes(app: Flask) -> list[RouteShape]:
    """Every API route (not the control API's, not static files), computed once per app."""
    cached = app.extensions.get("connsim.routes")
    if cached is None:
        state = app.extensions["connsim"]
        by_blueprint = {r.blueprint.name: r.name for r in state.remotes}
        methods: dict[tuple[str, str], set[str]] = {}
        for rule in app.url_map.iter_rules():
            blueprint = rule.endpoint.split(".")[0] if "." in rule.endpoint else None
            if blueprint in by_blueprint and not is_control_path(rule.rule):
                methods.setdefault((by_blueprint[blueprint], rule.rule), set()).update(rule.methods or ())
        # one shape per path: the methods of every rule on it (Xero's GET and PUT /Invoices are two rules)
        cached = [RouteShape(api, rule, tuple(sorted(found))) for (api, rule), found in methods.items()]
        app.extensions["connsim.routes"] = cached
    return cached


def _unmatched(state: Any, remote: Remote | None, tenant_id: str | None, status: int) -> dict[str, Any] | None:
    if request.url_rule is None and status in (404, 405):
        shapes = route_shapes(current_app)
        own = [s for s in shapes if remote is not None and s.api == remote.name]
        return {"kind": "route", "candidates": closest_routes(request.method, request.path, own or shapes)}
    if remote is None or not remote.tenant_kind or not remote.tenant_id or g.get("tenant") is not None \
            or status < 400:
        return None
    found = state.tenants.find(tenant_id) if tenant_id else None
    if found is not None and found.kind == remote.tenant_kind:
        return None  # the tenant exists: the request failed for another reason (auth, fault)
    tenants = [(t.id, t.kind, t.name) for t in state.tenants.all()]
    return {"kind": "tenant", "tenant": tenant_id, "wantedKind": remote.tenant_kind,
            "candidates": closest_tenants(tenant_id, remote.tenant_kind, tenants)}


def owner_of_unrouted(state: Any, path: str, host: str) -> Remote | None:
    """The remote whose 404 a path outside every route gets: the one owning its prefix, else one
    served on the request's host (in process the host is the real one), else the one whose
    prefixes share the path's first segment (``/practicemanager/3.0/…`` is XPM's)."""
    owner = state.remote_for_path(path)
    if owner is not None:
        return owner
    first = path.strip("/").split("/", 1)[0].lower()
    remotes = state.remotes
    on_host = [r for r in remotes if host.split(":")[0].lower() in r.hosts]
    for candidates in (on_host, remotes):
        # an API (tenant scoped) before its token endpoint: /aps/v2/… is the APS API's, not its OAuth's
        for remote in sorted(candidates, key=lambda r: r.tenant_kind is None):
            if any(p.strip("/").split("/", 1)[0].lower() == first for p in remote.prefixes):
                return remote
    scoped = [r for r in on_host if r.tenant_kind]
    return (scoped or on_host or [None])[0]
