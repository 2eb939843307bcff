"""The prototype's wire: a minimal Flask app serving GET /Invoices/{id} and PUT /Invoices of Xero
Accounting over a shared Store, with Xero's answers for the gateway (401/403/429 problem JSON and
X-MinLimit-Remaining), validation (ValidationException) and bad bodies (PostDataInvalidException).
Every request that reaches a tenant is one transaction: token, counter, the operation, the journal.

Rendering reuses connsim's Xero envelope. The PUT keeps only what the hot path needs from Xero's
create: no totals, contacts or accounts are checked (that work is CPU in the worker, the same on any
store; the bench measures what the store adds)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Request, Response, request

from bench.scaleout.store import DuplicateNumber, Grant, RateLimited, Store, Tx, Unauthorized
from connsim.simulator.xero.render import envelope
from connsim.simulator.xero.wire import NOT_FOUND_TEXT

#: what a PUT may set on a new invoice; the rest comes from the template (a real rendered invoice)
WRITABLE = frozenset({"Type", "Contact", "Date", "DueDate", "Status", "LineAmountTypes", "LineItems", "Reference",
                      "CurrencyCode", "InvoiceNumber", "BrandingThemeID", "Url", "SentToContact",
                      "ExpectedPaymentDate"})
NEW_STATUSES = ("DRAFT", "SUBMITTED", "AUTHORISED")  # reference/xero.md §2.2
UNREADABLE = "JSON request body could not be read, please check the format of your request"  # connsim's text


class BadBody(Exception):
    """The body is not an invoice document: Xero's PostDataInvalidException (14)."""


def create_app(store: Store, template: dict[str, Any], wall: Callable[[], float] = time.time) -> Flask:
    """``template``: the invoice every PUT starts from; ``wall``: real time, injected for tests."""
    app = Flask("scaleout")
    app.config["MAX_CONTENT_LENGTH"] = 1 << 20

    def serve(op: Callable[[Tx, Grant], Response]) -> Response:
        with store.transaction() as tx:
            try:
                grant = tx.check_token(_bearer(request), wall())
            except Unauthorized as exc:
                response = _problem(401, "Unauthorized", exc.detail)
                response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
                return response
            if request.headers.get("xero-tenant-id") != grant.tenant:
                return _problem(403, "Forbidden", "AuthenticationUnsuccessful")
            try:
                remaining = tx.count_request(grant)
                response = op(tx, grant)
                response.headers["X-MinLimit-Remaining"] = str(remaining)
            except RateLimited as exc:
                response = _problem(429, "Too Many Requests", "Rate limit exceeded: minute")
                response.headers.update({"Retry-After": str(exc.retry_after), "X-Rate-Limit-Problem": "minute",
                                         "X-MinLimit-Remaining": "0"})
            tx.journal_append(grant.tenant, grant.now, request.method, request.path, response.status_code)
        return response

    @app.get("/api.xro/2.0/Invoices/<key>")
    def get_invoice(key: str) -> Response:
        def op(tx: Tx, grant: Grant) -> Response:
            doc = tx.get_invoice(grant.tenant, key)
            if doc is None:
                return Response(NOT_FOUND_TEXT, status=404, content_type="text/html; charset=utf-8")
            return _json(envelope("Invoices", [doc], _at(grant)))

        return serve(op)

    @app.route("/api.xro/2.0/Invoices", methods=["PUT"])
    def put_invoices() -> Response:
        def op(tx: Tx, grant: Grant) -> Response:
            try:
                items = [_new_invoice(template, item) for item in _elements(request.get_data())]
            except BadBody as exc:
                return _error(14, "PostDataInvalidException", str(exc), 400)
            except ValueError as exc:
                return _validation(str(exc))
            batch = len(items) > 1
            if batch:  # all or nothing, at the cost of the batch only
                tx.execute("SAVEPOINT batch")
            try:
                created = [tx.insert_invoice(grant.tenant, item) for item in items]
            except DuplicateNumber:
                if batch:
                    tx.execute("ROLLBACK TO SAVEPOINT batch")
                return _validation("Invoice # must be unique.")
            return _json(envelope("Invoices", created, _at(grant)))

        return serve(op)

    @app.errorhandler(404)
    def not_found(_: Exception) -> Response:
        return Response(NOT_FOUND_TEXT, status=404, content_type="text/html; charset=utf-8")

    @app.errorhandler(413)
    def too_large(_: Exception) -> Response:
        return _error(14, "PostDataInvalidException", "The request body is too large", 413)

    return app


def _elements(raw: bytes) -> list[dict[str, Any]]:
    """``{"Invoices": [...]}`` or one invoice object, as Xero reads a JSON write."""
    try:
        body = json.loads(raw)
    except ValueError:
        raise BadBody(UNREADABLE) from None
    items = body.get("Invoices", [body]) if isinstance(body, dict) else None
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise BadBody(UNREADABLE)
    return items


def _new_invoice(template: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(item) - WRITABLE - set(template))
    if unknown:
        raise BadBody(f"The element '{unknown[0]}' is not expected on a new invoice")
    status = item.get("Status", "DRAFT")
    if status not in NEW_STATUSES:
        raise ValueError(f"Invoice status '{status}' is not valid for a new invoice")  # UNCONFIRMED text
    fields = {k: v for k, v in item.items() if k in WRITABLE}
    return {**template, **fields, "Status": status, "InvoiceNumber": item.get("InvoiceNumber") or None}


def _bearer(req: Request) -> str:
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _at(grant: Grant) -> datetime:
    return datetime.fromtimestamp(grant.now, tz=UTC)


def _json(payload: dict[str, Any], status: int = 200) -> Response:
    response = Response(json.dumps(payload), status=status, content_type="application/json; charset=utf-8")
    if "Id" in payload:
        response.headers["Xero-Correlation-Id"] = payload["Id"]
    return response


def _problem(status: int, title: str, detail: str) -> Response:
    """The gateway's problem JSON (reference/xero.md §1.6), as connsim's xero_gateway renders it."""
    return _json({"Type": None, "Title": title, "Status": status, "Detail": detail, "Instance": str(uuid.uuid4()),
                  "Extensions": {}}, status)


def _error(number: int, kind: str, message: str, status: int) -> Response:
    return _json({"ErrorNumber": number, "Type": kind, "Message": message}, status)


def _validation(message: str) -> Response:
    return _json({"ErrorNumber": 10, "Type": "ValidationException", "Message": "A validation exception occurred",
                  "Elements": [{"ValidationErrors": [{"Message": message}]}]}, 400)
