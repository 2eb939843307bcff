"""Xero Accounting on the wire: content negotiation (XML, Xero's default, or JSON with
``Accept: application/json``; reference/xero.md §2.1), request bodies in either format checked
against the schemas (unknown element → Xero's PostDataInvalidException), query strings, and
``render_error``, the one function that turns every SimError into Xero's answer: the gateway's
problem JSON for 401/403/429, ValidationException (10), PostDataInvalidException (14),
QueryParseException (16) as JSON or as XML ``<ApiException>``, and the plain-text 404."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any

from flask import Response, g, request

from connsim.simulator import xero_gateway
from connsim.simulator.core import jsonwire
from connsim.simulator.core.bounded import load_json
from connsim.simulator.core.errors import (
    InjectedFault,
    MalformedInput,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    SimError,
    UnsupportedMediaType,
)
from connsim.simulator.xero import fields, xmlwire
from connsim.simulator.xero.errors import (
    NotImplementedByXero,
    PostDataInvalid,
    QueryParseError,
    ValidationBatch,
    XeroValidation,
)

NOT_FOUND_TEXT = "The resource you're looking for cannot be found"
_XML_TYPES = ("text/xml", "application/xml")


# -- responses -----------------------------------------------------------------------------------
def wants_json() -> bool:
    """JSON only when asked for; XML otherwise (also for ``*/*`` or no Accept header at all)."""
    accept = (request.headers.get("Accept") or "").lower()
    return "application/json" in accept or "text/json" in accept


def respond(payload: dict[str, Any], status: int = 200, root: str | None = None) -> Response:
    """An envelope (or, with ``root``, one object) in the format the request asked for."""
    if wants_json():
        return json_response(payload, status)
    body = xmlwire.object_xml(root, payload) if root else xmlwire.envelope_xml(payload)
    response = Response(body, status=status, content_type="text/xml; charset=utf-8")
    if "Id" in payload:
        response.headers["Xero-Correlation-Id"] = payload["Id"]
    return response


def json_response(payload: dict[str, Any], status: int = 200) -> Response:
    correlation = payload.get("Id")
    return Response(jsonwire.dumps(payload), status=status, content_type="application/json; charset=utf-8",
                    headers=[("Xero-Correlation-Id", correlation)] if correlation is not None else None)


def _error(number: int, kind: str, message: str, status: int, elements: list[dict[str, Any]] | None = None,
           schema: str | None = None) -> Response:
    if wants_json():
        body: dict[str, Any] = {"ErrorNumber": number, "Type": kind, "Message": message}
        if elements is not None:
            body["Elements"] = elements
        return json_response(body, status)
    return Response(xmlwire.api_exception_xml(number, kind, message, elements, schema), status=status,
                    content_type="text/xml; charset=utf-8")


def render_error(exc: SimError) -> Response:
    """Every error of the Accounting API, in Xero's shape."""
    if isinstance(exc, InjectedFault) and exc.status == 429:
        exc = RateLimited("Rate limit exceeded", problem="minute", retry_after=60)
    gateway = xero_gateway.gateway_error(exc)
    if gateway is not None:
        return gateway
    if isinstance(exc, ValidationBatch):
        return _error(10, "ValidationException", "A validation exception occurred", 400, exc.elements, exc.schema)
    if isinstance(exc, XeroValidation):
        return _error(10, "ValidationException", "A validation exception occurred", 400,
                      [{"ValidationErrors": [{"Message": m} for m in exc.messages]}], getattr(g, "schema", None))
    if isinstance(exc, QueryParseError):
        return _error(16, "QueryParseException", exc.message, 400)
    if isinstance(exc, (MalformedInput, UnsupportedMediaType, PayloadTooLarge)):
        return _error(14, "PostDataInvalidException", exc.message, exc.status if exc.status in (413, 415) else 400)
    if isinstance(exc, NotImplementedByXero):
        return _error(20, "ApiMethodNotImplementedException", "The Api Method called is not implemented", 501)
    if isinstance(exc, NotFound):
        # text/html: pyxero's test_not_found, "verified response from the live API"
        return Response(NOT_FOUND_TEXT, status=404, content_type="text/html; charset=utf-8")
    if exc.status >= 500:
        return _error(500, "InternalServerError" if exc.status == 500 else exc.code, exc.message, exc.status)
    return _error(exc.status, exc.code, exc.message, exc.status)


# -- request bodies ------------------------------------------------------------------------------
def read_elements(collection: str, schema: str, strict_json: bool = True) -> list[dict[str, Any]]:
    """The elements of a write, from ``{"Invoices":[…]}``/one object in JSON or ``<Invoices>``/one
    ``<Invoice>`` in XML, each with its names checked against the schema. Only call on writes:
    GETs may carry a Content-Type and no body."""
    raw = request.get_data(cache=True)
    ctype = (request.mimetype or "").lower()
    g.schema = schema
    if not raw.strip():
        raise PostDataInvalid("The request body is empty")
    if ctype in _XML_TYPES or (not ctype and raw.lstrip().startswith(b"<")):
        return xmlwire.read_elements(raw, collection, schema)
    if ctype and ctype != "application/json" and not ctype.endswith("+json"):
        raise PostDataInvalid(f"The content type '{ctype}' is not supported; send application/json or text/xml")
    try:
        body = load_json(raw.decode("utf-8"), parse_float=Decimal)  # depth-bounded: deep nesting is a 400
    except (UnicodeDecodeError, ValueError):
        raise PostDataInvalid("JSON request body could not be read, please check the format of your request") \
            from None
    return [fields.conform_json(item, schema, strict_json) for item in _json_elements(body, collection)]


def _json_elements(body: Any, collection: str) -> list[dict[str, Any]]:
    if isinstance(body, dict) and collection in body:
        items = body[collection]
        if not isinstance(items, list):
            raise PostDataInvalid(f"'{collection}' must be an array")
    elif isinstance(body, dict):
        items = [body]
    else:
        raise PostDataInvalid("JSON request body could not be read, please check the format of your request")
    for item in items:
        if not isinstance(item, dict):
            raise PostDataInvalid(f"Each element of '{collection}' must be an object")
    return items


# -- query strings -------------------------------------------------------------------------------
def arg_bool(name: str, default: bool) -> bool:
    """xero-python sends Python bools: ``True``/``False``."""
    value = request.args.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise QueryParseError(f"The value '{value}' is not valid for {name}")


def arg_int(name: str) -> int | None:
    value = request.args.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise QueryParseError(f"The value '{value}' is not valid for {name}") from None


def arg_list(name: str) -> list[str] | None:
    value = request.args.get(name)
    return [v for v in value.split(",") if v.strip()] if value else None


def modified_since() -> datetime | None:
    """If-Modified-Since: ISO 8601 (what xero-python sends) or an RFC 1123 HTTP date."""
    value = request.headers.get("If-Modified-Since")
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise QueryParseError(f"The If-Modified-Since header '{value}' is not a valid date") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
