"""What every Accounting route shares: the blueprint and its path rule (canonical and lower-case
spellings, each with the scope family that opens it), the scope gate, list query parameters,
envelopes, and ``batch``, the PUT/POST element loop with Xero's summarizeErrors semantics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, g, request

from connsim.simulator.core.errors import SimError, Unauthenticated
from connsim.simulator.remote import current_tenant
from connsim.simulator.xero import parse, render, scopes, wire
from connsim.simulator.xero.errors import ValidationBatch, XeroValidation
from connsim.simulator.xero.model import XeroBackend
from connsim.simulator.xero.model.listing import ListQuery

PREFIX = "/api.xro/2.0"
bp = Blueprint("xero", __name__)
#: endpoint name → scope family (scopes.FAMILIES)
SCOPE_OF: dict[str, str] = {}


def route(rule: str, methods: list[str], family: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the canonical path and its lower-case spelling (Xero's paths ignore case)."""
    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        bp.add_url_rule(PREFIX + rule, view_func=fn, methods=methods)
        SCOPE_OF[fn.__name__] = family
        if rule.lower() != rule:
            bp.add_url_rule(PREFIX + rule.lower(), endpoint=fn.__name__ + "_lc", view_func=fn, methods=methods)
            SCOPE_OF[fn.__name__ + "_lc"] = family
        return fn
    return wrap


def check_scope() -> None:
    """Runs after the auth gate (which put the token's grant on ``g``)."""
    family = SCOPE_OF.get((request.endpoint or "").rpartition(".")[2])
    grant = getattr(g, "grant", None)
    if family and grant is not None and not scopes.allows(grant.scopes, family, request.method == "GET"):
        raise Unauthenticated("AuthorizationUnsuccessful", code="AuthorizationUnsuccessful")


def books() -> XeroBackend:
    return current_tenant().backend


def ok(collection: str, items: list[dict[str, Any]], pagination: dict[str, int] | None = None) -> Response:
    return wire.respond(render.envelope(collection, items, books().now(), pagination=pagination))


def query() -> ListQuery:
    return ListQuery(where=request.args.get("where"), order=request.args.get("order"), ids=wire.arg_list("IDs"),
                     numbers=wire.arg_list("InvoiceNumbers"), contact_ids=wire.arg_list("ContactIDs"),
                     statuses=wire.arg_list("Statuses"), modified_since=wire.modified_since(),
                     page=wire.arg_int("page"), page_size=wire.arg_int("pageSize"),
                     include_archived=wire.arg_bool("includeArchived", False),
                     search_term=request.args.get("searchTerm"))


def batch(collection: str, schema: str, apply: Callable[[dict[str, Any]], Any], show: Callable[[Any], dict[str, Any]],
          error_flag: str) -> Response:
    """Run each element. Default (summarizeErrors omitted/True): all or nothing, failures → 400 with
    Elements. summarizeErrors=False: 200, each element marked OK or ERROR with its ValidationErrors."""
    summarize = wire.arg_bool("summarizeErrors", True)
    backend = books()
    raw = wire.read_elements(collection, schema, strict_json=backend.setting("xero_unknown_json_fields") == "reject")
    saved = backend.savepoint() if summarize and len(raw) > 1 else None
    out, failures = [], []
    try:
        for element in raw:
            try:
                shown = show(apply(element))
                if not summarize:
                    shown["StatusAttributeString"] = "OK"
                out.append(shown)
            except XeroValidation as exc:
                failed = {**parse.echo(element, collection), error_flag: True, "StatusAttributeString": "ERROR",
                          "ValidationErrors": [{"Message": m} for m in exc.messages]}
                failures.append(failed)
                out.append(failed)
        if failures and summarize:
            raise ValidationBatch(failures, schema)
    except SimError:
        if saved is not None:
            backend.restore(saved)
        raise
    finally:
        if saved is not None:
            backend.release(saved)  # no-op after restore; keeps the undo log from growing
    return ok(collection, out)
