"""A Remote describes one simulated API to the shared request pipeline, and the pipeline itself.

Request flow (each arrow a function): body-size gate (app level) → route → fault gate → auth gate
(bearer token of the API's identity provider, connection to the named tenant) → rate-limit gate →
*the tenant's readers-writer lock* (read side for GET/HEAD/OPTIONS, which run together; write side
for the rest) → idempotency replay → handler (wire parse → domain call → wire render) → rate
headers, idempotency store, unlock → journal and access log (outside the tenant's lock). Every
SimError on the way is rendered by the API's own ``render_error``, so bad input gets the real
API's error format and never a traceback.

Each API package declares its Remotes in ``remote.py`` (``REMOTES``) and calls
``install_gates(remote)`` once for each."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Request, Response, current_app, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from connsim.simulator.core.errors import (
    Forbidden,
    InjectedFault,
    MalformedInput,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    SimError,
    UnsupportedMediaType,
)
from connsim.simulator.core.matching import RequestView
from connsim.simulator.core.oauth import IdentityProvider
from connsim.simulator.core.ratelimit import Decision, RatePolicy
from connsim.simulator.core.tenants import BackendFactory, Tenant, TenantKind

if TYPE_CHECKING:
    from connsim.simulator.state import SimState

log = logging.getLogger("connsim.simulator")

ErrorRenderer = Callable[[SimError], Response]


@dataclass
class Remote:
    """Everything about one simulated API, declared in its own package (``simulator/<pkg>/remote.py``
    exposes ``REMOTES``); the core builds hosts, tenant kinds, providers and docs from these."""

    name: str
    blueprint: Blueprint
    #: path prefixes this API owns on the one server, e.g. ("/api.xro/2.0",)
    prefixes: tuple[str, ...]
    #: real hosts the in-process mode intercepts, e.g. ("api.xero.com",)
    hosts: tuple[str, ...]
    render_error: ErrorRenderer
    #: kind of tenant this API serves (None: not tenant scoped, e.g. token endpoints)
    tenant_kind: str | None = None
    #: identity provider whose bearer tokens this API accepts (None: no bearer auth)
    provider: str | None = None
    #: how a request names its tenant (header, path part)
    tenant_id: Callable[[Request], str | None] | None = None
    rate_policy: RatePolicy | None = None
    rate_headers: Callable[[Decision], dict[str, str]] | None = None
    idempotency_header: str | None = None
    #: control actions a person does in this remote's UI, mounted under /_connsim/<name>/
    control: Blueprint | None = None
    #: OpenAPI 3.0 fragment of the control blueprint: ``paths`` relative to /_connsim/<name> and the
    #: ``components`` they use, merged into /_connsim/openapi.json at start-up (control/openapi_doc.py)
    control_openapi: Traversable | None = None
    backend_factory: BackendFactory | None = None
    seed: Callable[..., dict[str, Any] | None] | None = None
    #: tenant kinds this remote defines (their id shape, how a provider labels them)
    tenant_kinds: tuple[TenantKind, ...] = ()
    #: the identity provider this remote runs (its token rules and the app it knows on start)
    identity: IdentityProvider | None = None
    #: named URLs a client uses to reach this remote on its real hosts (``Endpoints``), e.g.
    #: {"xero_api": "https://api.xero.com"}; in server mode the origin becomes the server's
    endpoints: dict[str, str] = field(default_factory=dict)

    def owns_path(self, path: str) -> bool:
        return any(path == p or path.startswith(p.rstrip("/") + "/") for p in self.prefixes)


def sim() -> SimState:
    """The SimState of the current app."""
    state: SimState = current_app.extensions["connsim"]
    return state


def current_tenant() -> Tenant:
    """The tenant the gates resolved for this request (its backend is the domain model)."""
    tenant = getattr(g, "tenant", None)
    if tenant is None:
        raise Forbidden("AuthenticationUnsuccessful", code="AuthenticationUnsuccessful")
    return tenant


def install_gates(remote: Remote) -> None:
    bp = remote.blueprint
    bp.before_request(lambda: _before(remote))
    bp.after_request(lambda response: _after(remote, response))
    bp.teardown_request(lambda exc: _teardown(remote))
    bp.register_error_handler(SimError, lambda exc: render(remote, exc))
    bp.register_error_handler(HTTPException, lambda exc: render(remote, http_to_sim(exc)))
    bp.register_error_handler(Exception, lambda exc: _unexpected(remote, exc))


def render(remote: Remote, exc: SimError) -> Response:
    """The remote's own error response; its code is noted for the journal and the access log."""
    g.error_code = exc.code
    return remote.render_error(exc)


def http_to_sim(exc: HTTPException) -> SimError:
    """Werkzeug's own errors (404 route, 405 method, 413 size) as domain errors."""
    if isinstance(exc, RequestEntityTooLarge):
        return PayloadTooLarge("The request body is larger than the simulator accepts")
    if exc.code == 404:
        return NotFound("The resource you're looking for cannot be found")
    if exc.code == 415:
        return UnsupportedMediaType(exc.description or "Unsupported media type")
    return SimError(exc.description or exc.name, code=exc.name.replace(" ", ""), status=exc.code or 400)


def _unexpected(remote: Remote, exc: Exception) -> Response:
    log.exception("unexpected error in %s %s %s", remote.name, request.method, request.path)
    return render(remote, SimError("An internal error occurred in the simulator", code="InternalError", status=500))


def _before(remote: Remote) -> Response | None:
    # the request and ``g`` are read through local names: each proxy lookup costs, on every request
    req: Request = request._get_current_object()  # type: ignore[attr-defined]  # werkzeug LocalProxy's documented accessor
    ctx = g._get_current_object()
    state = sim()
    ctx.state = state
    ctx.remote = remote  # the body size was checked by the app before any blueprint (app._limit_body)
    tenant_id = remote.tenant_id(req) if remote.tenant_id else None
    ctx.tenant_id = tenant_id
    _fault_gate(state, remote, tenant_id)
    grant = None
    tenant = None
    if remote.provider:
        provider = state.providers[remote.provider]
        grant, _ = provider.validate(req.headers.get("Authorization"))
        ctx.grant = grant
        if remote.tenant_kind:
            tenant = state.tenants.find(tenant_id)
            if tenant is None or tenant.kind != remote.tenant_kind:
                raise Forbidden("AuthenticationUnsuccessful", code="AuthenticationUnsuccessful")
            provider.require_tenant(grant, tenant.id)
            ctx.tenant = tenant
    elif remote.tenant_kind and tenant_id:
        tenant = state.tenants.find(tenant_id)
        if tenant is None or tenant.kind != remote.tenant_kind:
            raise NotFound(f"no such tenant {tenant_id}")
        ctx.tenant = tenant
    if remote.rate_policy and tenant is not None:
        decision = state.ratelimiter.acquire(remote.rate_policy, tenant.id,
                                             app_id=grant.client_id if grant else "app",
                                             overrides=tenant.settings.get("rate_limits"))
        ctx.rate = decision
        if not decision.allowed:
            raise RateLimited(f"Rate limit exceeded: {decision.problem}", problem=decision.problem or "minute",
                              retry_after=decision.retry_after)
        ctx.rate_acquired = True
    if tenant is None:
        return None
    # the lock is taken before the idempotency lookup: two concurrent requests with the same
    # key run one after the other, and the second replays what the first stored in _after
    lock_tenant(tenant, write=req.method not in SAFE_METHODS)
    return _idempotency_gate(state, remote, tenant, grant, req, ctx)


#: methods that only read a tenant (RFC 9110 §9.2.1): they take the read side and run together
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def lock_tenant(tenant: Tenant, write: bool) -> None:
    """Hold the tenant for this request: the read side for a safe method, else the write side."""
    if write:
        tenant.lock.acquire()
    else:
        tenant.lock.acquire_read()
    ctx = g._get_current_object()
    ctx.locked_tenant, ctx.locked_write = tenant, write


def unlock_tenant() -> None:
    """Let the tenant go once the response is built (the journal and access log need no lock);
    teardown calls it again for requests that never reached after_request."""
    ctx = g._get_current_object()
    tenant = ctx.get("locked_tenant")
    if tenant is None:
        return
    ctx.locked_tenant = None
    if ctx.locked_write:
        tenant.lock.release()
    else:
        tenant.lock.release_read()


def request_view(api: str, tenant_id: str | None) -> RequestView:
    """The current request as the matcher vocabulary sees it (core/matching.py)."""
    return RequestView(api=api, method=request.method, path=request.path, tenant=tenant_id,
                       query=request.query_string.decode(errors="replace"), headers=dict(request.headers),
                       body=request.get_data(cache=True))


def _fault_gate(state: Any, remote: Remote, tenant_id: str | None) -> None:
    if not state.faults.active:
        return
    rule = state.faults.pick(request_view(remote.name, tenant_id))
    if rule is None:
        return
    g.fault = rule
    if rule.latency_ms:
        request.environ["connsim.latency_ms"] = rule.latency_ms
    if rule.action == "status":
        raise InjectedFault(rule.message or _default_fault_message(rule.status), status=rule.status)
    if rule.action in ("reset", "drop"):
        request.environ["connsim.abort"] = rule.action
    if rule.action == "reset":
        # the remote never sees the request: answer nothing, the middleware kills the connection
        raise _Aborted()


class _Aborted(SimError):
    status = 499
    code = "ConnectionReset"

    def __init__(self) -> None:
        super().__init__("connection reset by injected fault")


def _default_fault_message(status: int) -> str:
    return {429: "Rate limit exceeded", 500: "An error occurred", 502: "Bad Gateway",
            503: "The service is temporarily unavailable", 504: "Gateway Timeout"}.get(status, "Injected fault")


def _idempotency_gate(state: Any, remote: Remote, tenant: Any, grant: Any, req: Request,
                      ctx: Any) -> Response | None:
    if not remote.idempotency_header or req.method not in ("POST", "PUT", "PATCH"):
        return None
    key = req.headers.get(remote.idempotency_header)
    if not key:
        return None
    if len(key) > 128:
        raise MalformedInput(f"{remote.idempotency_header} must be 128 characters or fewer")
    scope = (tenant.id, grant.client_id if grant else "-", key)
    fingerprint = state.idempotency.fingerprint(req.method, req.path, req.query_string.decode(),
                                                req.get_data(cache=True))
    stored = state.idempotency.lookup(scope, fingerprint)
    ctx.idempotency = (scope, fingerprint)
    if stored is None:
        return None
    ctx.idempotent_replay = True
    return Response(stored.body, status=stored.status, headers=stored.headers)


def _after(remote: Remote, response: Response) -> Response:
    ctx = g._get_current_object()
    decision = ctx.get("rate")
    if decision is not None and remote.rate_headers:
        headers = response.headers
        for name, value in remote.rate_headers(decision).items():
            headers[name] = value
    idem = ctx.get("idempotency")
    if idem is not None and not ctx.get("idempotent_replay") and response.status_code != 429:
        ctx.state.idempotency.store(idem[0], idem[1], response.status_code,
                                    [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"],
                                    response.get_data())
    unlock_tenant()
    return response


def _teardown(remote: Remote) -> None:
    unlock_tenant()
    ctx = g._get_current_object()
    if ctx.get("rate_acquired") and remote.rate_policy:
        ctx.rate_acquired = False
        ctx.state.ratelimiter.release(remote.rate_policy, ctx.tenant.id)
