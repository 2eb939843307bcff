"""QuickBooks Online Accounting API v3 on its real paths, ``/v3/company/<realmId>/...``: entity
create/read/update/delete/void, query (GET and POST), batch, preferences and company info. The
realm comes from the path; tokens are Intuit OAuth bearer tokens for a connected realm."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, g, request

from connsim.simulator.core.errors import MalformedInput, RateLimited, SimError
from connsim.simulator.core.ratelimit import RatePolicy, Window
from connsim.simulator.qbo import wire
from connsim.simulator.qbo.errors import BatchTooLarge, DuplicateRequestId, InvalidProperty, UnsupportedOperation
from connsim.simulator.qbo.model import QboBackend
from connsim.simulator.qbo.model.company import company_info, preferences
from connsim.simulator.qbo.model.lists import SPECS
from connsim.simulator.remote import current_tenant, sim

#: per realm: 500/minute and 10/second, 10 concurrent (reference/qbo-aps.md §3)
QBO_RATE_POLICY = RatePolicy("qbo", windows=(Window("minute", 500, 60), Window("second", 10, 1)), concurrent=10)
#: batch requests: 40/minute per realm and app (the 120/minute per realm limit is the looser one)
QBO_BATCH_POLICY = RatePolicy("qbo-batch", windows=(Window("batch", 40, 60),))
BATCH_MAX_ITEMS = 30
ENTITIES = {kind.lower(): kind for kind in ("Customer", "Invoice", "Payment", "CreditMemo", *SPECS)}

bp = Blueprint("qbo", __name__)


def _realm(req: Any) -> str | None:
    return (req.view_args or {}).get("realm")


def _kind(entity: str) -> str:
    kind = ENTITIES.get(entity.lower())
    if kind is None:
        raise wire.unsupported_resource()
    return kind


def backend() -> QboBackend:
    return current_tenant().backend


def perform(qbo: QboBackend, kind: str, operation: str | None, include: str | None, data: Any) -> dict[str, Any]:
    """One write, as a URL's ?operation= (or a batch item's operation) asks; the success payload."""
    if not isinstance(data, dict):
        raise InvalidProperty(kind, "not an object")
    if operation == "delete":
        return wire.deleted_payload(kind, qbo.delete(kind, data).id)
    if operation == "void" or (operation == "update" and include == "void"):
        return wire.entity_payload(kind, qbo.view(qbo.void(kind, data)))
    if operation not in (None, "", "update", "create"):
        raise UnsupportedOperation(f"Operation {operation} is not supported.")
    record_id = data.get("Id")
    if record_id in (None, "", 0, "0") or operation == "create":
        record = qbo.create(kind, data)
    else:
        sparse = data.get("sparse") in (True, "true")
        record = qbo.update(kind, data, sparse=sparse)
    return wire.entity_payload(kind, qbo.view(record))


def with_requestid(produce: Callable[[], Response]) -> Response:
    """QBO's ``requestid`` query parameter: a retried write gets the first answer back, not a second write.

    Setting ``requestid_mode``: "replay" (default) or "fault" (600 Duplicate Request ID); UNCONFIRMED."""
    key = request.args.get("requestid")
    if not key:
        return produce()
    state, tenant = sim(), current_tenant()
    scope = (tenant.id, g.grant.client_id if g.get("grant") else "-", f"requestid:{key}")
    fingerprint = state.idempotency.fingerprint(request.method, request.path, request.query_string.decode(),
                                                request.get_data(cache=True))
    stored = state.idempotency.lookup(scope, fingerprint)
    if stored is not None:
        if tenant.settings.get("requestid_mode", "replay") == "fault":
            raise DuplicateRequestId(key)
        g.idempotent_replay = True
        return Response(stored.body, status=stored.status, headers=stored.headers)
    response = produce()
    g.idempotency = (scope, fingerprint)  # the journal shows the key
    state.idempotency.store(scope, fingerprint, response.status_code,
                            [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"],
                            response.get_data())
    return response


@bp.route("/v3/company/<realm>/query", methods=["GET", "POST"])
def query(realm: str) -> Response:
    return wire.respond(wire.query_payload(backend().query(wire.query_text())))


@bp.get("/v3/company/<realm>/preferences")
def get_preferences(realm: str) -> Response:
    return wire.respond({"Preferences": preferences(backend())})


@bp.get("/v3/company/<realm>/companyinfo/<company_id>")
def get_company_info(realm: str, company_id: str) -> Response:
    return wire.respond({"CompanyInfo": company_info(backend())})


@bp.post("/v3/company/<realm>/batch")
def batch(realm: str) -> Response:
    def produce() -> Response:
        items = wire.entity_body("IntuitBatchRequest").get("BatchItemRequest")
        if not isinstance(items, list):
            raise MalformedInput("BatchItemRequest must be a list")
        tenant = current_tenant()
        limit = int(tenant.settings.get("batch_max_items", BATCH_MAX_ITEMS))
        if len(items) > limit:
            raise BatchTooLarge(len(items), limit)
        decision = sim().ratelimiter.acquire(QBO_BATCH_POLICY, tenant.id,
                                             app_id=g.grant.client_id if g.get("grant") else "app",
                                             overrides=tenant.settings.get("rate_limits"))
        if not decision.allowed:
            raise RateLimited("Batch rate limit exceeded", problem="batch", retry_after=decision.retry_after)
        return wire.respond({"BatchItemResponse": [_batch_item(backend(), item) for item in items]})

    return with_requestid(produce)


def _batch_item(qbo: QboBackend, item: Any) -> dict[str, Any]:
    """One item; its failure is a Fault inside the 200 response, as QBO answers."""
    bid = item.get("bId") if isinstance(item, dict) else None
    try:
        if not isinstance(item, dict):
            raise InvalidProperty("BatchItemRequest")
        if "Query" in item:
            return {"bId": bid, **wire.query_payload(qbo.query(str(item["Query"])))}
        kinds = [k for k in ENTITIES.values() if k in item]
        if len(kinds) != 1:
            raise InvalidProperty("BatchItemRequest", "one entity per item")
        include = "void" if item.get("optionsData") == "void" else None
        return {"bId": bid, **perform(qbo, kinds[0], item.get("operation"), include, item[kinds[0]])}
    except SimError as exc:
        return {"bId": bid, "Fault": wire.fault_body(wire.as_fault(exc))}


@bp.post("/v3/company/<realm>/<entity>")
def write(realm: str, entity: str) -> Response:
    kind = _kind(entity)
    return with_requestid(lambda: wire.respond(perform(backend(), kind, request.args.get("operation"),
                                                       request.args.get("include"), wire.entity_body(kind))))


@bp.get("/v3/company/<realm>/<entity>/<record_id>")
def read(realm: str, entity: str, record_id: str) -> Response:
    kind = _kind(entity)
    qbo = backend()
    return wire.respond(wire.entity_payload(kind, qbo.view(qbo.get(kind, record_id))))


@bp.after_request
def _transaction_id(response: Response) -> Response:
    response.headers.setdefault("intuit_tid", wire.tid())
    return response
