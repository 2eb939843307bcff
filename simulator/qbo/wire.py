"""QBO on the wire: request bodies (JSON, or XML per Content-Type), responses as JSON or XML per
Accept, and ``render_error``, the one function that turns every error into what QBO sends: the
``Fault`` envelope, the gateway's lower-case ``fault`` JSON for 401/403, XML ThrottleExceeded for
429. Every response carries an ``intuit_tid`` header."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response, g, request

from connsim.simulator.core import jsonwire
from connsim.simulator.core.bounded import load_json
from connsim.simulator.core.errors import (
    Forbidden,
    InjectedFault,
    MalformedInput,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    SimError,
    TokenExpired,
    Unauthenticated,
    UnsupportedMediaType,
)
from connsim.simulator.core.idempotency import IdempotencyKeyReused
from connsim.simulator.core.xmlsafe import parse_xml
from connsim.simulator.intuit.wire import tid
from connsim.simulator.qbo.errors import (
    BusinessValidation,
    DuplicateRequestId,
    InvalidProperty,
    QboFault,
    SystemFailure,
    UnsupportedOperation,
)
from connsim.simulator.qbo.model.query import QueryResult
from connsim.simulator.qbo.model.views import jsonable
from connsim.simulator.remote import sim

NS = "http://schema.intuit.com/finance/v3"
JSON_TYPES = ("application/json", "text/json")
XML_TYPES = ("application/xml", "text/xml")
TEXT_TYPES = ("application/text", "text/plain")
#: XML children that are always lists in QBO's JSON
LIST_TAGS = {"Line", "LinkedTxn", "CustomField", "BatchItemRequest"}


def now_iso() -> str:
    """QBO's ``time``: ISO-8601 with milliseconds and an offset."""
    return sim().clock.now().isoformat(timespec="milliseconds")


def wants_xml() -> bool:
    accept = request.headers.get("Accept", "").lower()
    return ("xml" in accept) and "json" not in accept


# -- requests -------------------------------------------------------------------------------------
def entity_body(entity: str) -> dict[str, Any]:
    """The entity a POST carries, as a dict, from JSON or XML (by Content-Type)."""
    mimetype = request.mimetype
    raw = request.get_data(cache=True)
    if mimetype in XML_TYPES:
        return xml_to_dict(parse_xml(raw))
    if mimetype not in JSON_TYPES:
        raise UnsupportedMediaType(f"Content-Type {mimetype or '(none)'} is not supported here; send "
                                   "application/json or application/xml")
    if not raw.strip():
        raise MalformedInput("The request body is empty; a JSON object was expected")
    try:
        data = load_json(raw)  # depth-bounded: deep nesting is a 400, never a RecursionError
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"The JSON is not well formed: {exc}") from None
    if not isinstance(data, dict):
        raise MalformedInput("The request body must be a JSON object")
    if list(data) == [entity] and isinstance(data[entity], dict):  # {"Invoice": {...}} wrapper
        data = data[entity]
    return data


def query_text() -> str:
    """GET ?query=..., or POST with the statement as an application/text body."""
    if request.method == "GET":
        text = request.args.get("query")
    else:
        if request.mimetype not in TEXT_TYPES:
            raise UnsupportedMediaType(f"Content-Type {request.mimetype or '(none)'} is not supported for query; "
                                       "send application/text")
        try:
            text = request.get_data(cache=True).decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedInput("The query is not UTF-8 text") from None
    if not text or not text.strip():
        raise MalformedInput("The query statement is missing")
    return text


def xml_to_dict(el: Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, text in el.attrib.items():
        out[name] = text == "true" if name == "sparse" else text
    for child in el:
        tag = child.tag.rsplit("}", 1)[-1]
        if len(child):
            value: Any = xml_to_dict(child)
        elif child.attrib:
            value = {"value": (child.text or "").strip(), **child.attrib}
        else:
            value = (child.text or "").strip()
        if tag in LIST_TAGS or (tag in out and isinstance(out[tag], list)):
            out.setdefault(tag, []).append(value)
        elif tag in out:
            out[tag] = [out[tag], value]
        else:
            out[tag] = value
    return out


# -- responses ------------------------------------------------------------------------------------
def respond(payload: dict[str, Any], status: int = 200) -> Response:
    """A success body: JSON, or an IntuitResponse document when the client asked for XML."""
    payload = jsonable(payload)
    if wants_xml():
        root = Element("IntuitResponse", {"xmlns": NS, "time": now_iso()})
        for key, value in payload.items():
            _to_xml(root, key, value)
        response = Response(_xml_bytes(root), status=status, mimetype="application/xml")
    else:
        response = Response(jsonwire.dumps({**payload, "time": now_iso()}), status=status, mimetype="application/json")
    response.headers["intuit_tid"] = tid()
    return response


def entity_payload(kind: str, view: dict[str, Any]) -> dict[str, Any]:
    return {kind: view}


def deleted_payload(kind: str, record_id: str) -> dict[str, Any]:
    return {kind: {"domain": "QBO", "status": "Deleted", "Id": record_id}}


def query_payload(result: QueryResult) -> dict[str, Any]:
    """Rows under the entity name; an empty result is an empty QueryResponse; COUNT gives totalCount."""
    if result.total is not None:
        return {"QueryResponse": {"totalCount": result.total}}
    if not result.rows:
        return {"QueryResponse": {}}
    return {"QueryResponse": {result.entity: result.rows, "startPosition": result.start,
                              "maxResults": len(result.rows)}}


def _to_xml(parent: Element, key: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _to_xml(parent, key, item)
        return
    if isinstance(value, dict):
        if key == "QueryResponse":
            attrs = {k: str(v) for k, v in value.items() if not isinstance(v, (list, dict))}
            el = SubElement(parent, key, attrs)
            for k, v in value.items():
                if isinstance(v, (list, dict)):
                    _to_xml(el, k, v)
            return
        if "value" in value and not any(isinstance(v, (dict, list)) for v in value.values()):  # a Ref
            el = SubElement(parent, key, {k: _text(v) for k, v in value.items() if k != "value" and v is not None})
            el.text = _text(value["value"])
            return
        attrs = {k: _text(value[k]) for k in ("domain", "sparse", "status") if k in value}
        el = SubElement(parent, key, attrs)
        for k, v in value.items():
            if k not in attrs:
                _to_xml(el, k, v)
        return
    SubElement(parent, key).text = _text(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _xml_bytes(root: Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + tostring(root, encoding="utf-8")


# -- errors ---------------------------------------------------------------------------------------
def as_fault(exc: SimError) -> QboFault:
    """Every non-gateway error as the QBO Fault it becomes (choices listed in docs/simulator/qbo.md)."""
    if isinstance(exc, QboFault):
        return exc
    if isinstance(exc, MalformedInput):
        fault = InvalidProperty("body", exc.message)
        fault.element = None
        return fault
    if isinstance(exc, UnsupportedMediaType):
        return QboFault(exc.message, message="Unsupported Media Type", code="2010", status=415)
    if isinstance(exc, PayloadTooLarge):
        return QboFault(exc.message, message="Request Entity Too Large", code="1000", status=413)
    if isinstance(exc, IdempotencyKeyReused):
        return DuplicateRequestId(exc.message)
    if isinstance(exc, NotFound) or exc.status in (404, 405):
        return unsupported_resource()
    if exc.status >= 500:
        return SystemFailure(exc.status)
    if exc.code == "ValidationFailed":
        return BusinessValidation(exc.message)
    return QboFault(exc.message, message=exc.message, code="1000", status=exc.status)


def unsupported_resource() -> UnsupportedOperation:
    """A path QBO has no resource for (recorded: minimul/qbo_api spec/vcr/error/500.yml, GET customer/1/5)."""
    return UnsupportedOperation(f"Operation Could not find resource for relative : {request.path} of full path: "
                                f"{request.base_url} is not supported.")


def fault_body(fault: QboFault) -> dict[str, Any]:
    error = {"Message": fault.message, "Detail": fault.detail, "code": fault.code}
    if fault.element is not None:
        error["element"] = fault.element
    return {"Error": [error], "type": fault.fault_type}


def render_error(exc: SimError) -> Response:
    if isinstance(exc, RateLimited) or exc.status == 429:
        response = _throttled(exc)
    elif isinstance(exc, Unauthenticated) or exc.status == 401:
        response = _gateway(401, "AuthenticationFailed", "003200", "3200", "AUTHENTICATION", _auth_detail(exc))
    elif isinstance(exc, Forbidden) or exc.status == 403:
        response = _gateway(403, "AuthorizationFailed", "003100", "3100", "SERVICE",
                            "Token invalid or not authorized for this company (realmId)")
    else:
        fault = as_fault(exc) if not isinstance(exc, InjectedFault) or exc.status >= 500 else QboFault(
            exc.message, code="1000", status=exc.status)
        if wants_xml():
            root = Element("IntuitResponse", {"xmlns": NS, "time": now_iso()})
            f_el = SubElement(root, "Fault", {"type": fault.fault_type})
            e_el = SubElement(f_el, "Error", {"code": fault.code, **({"element": fault.element}
                                                                      if fault.element is not None else {})})
            SubElement(e_el, "Message").text = fault.message
            SubElement(e_el, "Detail").text = fault.detail
            response = Response(_xml_bytes(root), status=fault.status, mimetype="application/xml")
        else:
            timed = {"time": now_iso()} if fault.with_time else {}
            response = Response(jsonwire.dumps({"Fault": fault_body(fault), **timed}), status=fault.status,
                                mimetype="application/json")
    response.headers["intuit_tid"] = tid()
    return response


def _auth_detail(exc: SimError) -> str:
    if isinstance(exc, TokenExpired):
        return "Token expired: the access token has expired"  # UNCONFIRMED text
    if "revoked" in exc.message.lower():
        return "Token revoked"  # UNCONFIRMED text
    return "Malformed bearer token: too short or too long"


def _gateway(status: int, word: str, padded: str, code: str, kind: str, detail: str) -> Response:
    """The API gateway's own body: lower-case keys, epoch-ms time (reference/qbo-aps.md §1.6)."""
    body: dict[str, Any] = {"warnings": None, "intuitObject": None,
            "fault": {"error": [{"message": f"message={word}; errorCode={padded}; statusCode={status}",
                                 "detail": detail, "code": code, "element": None}], "type": kind},
            "report": None, "queryResponse": None, "batchItemResponse": [], "attachableResponse": [],
            "syncErrorResponse": None, "requestId": None, "time": int(sim().clock.timestamp() * 1000),
            "status": None, "cdcresponse": []}
    response = Response(jsonwire.dumps(body), status=status, mimetype="application/json")
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="Intuit", error="invalid_token"'  # UNCONFIRMED
    return response


def _throttled(exc: SimError) -> Response:
    """429 is XML even when JSON was asked for (reference/qbo-aps.md §3)."""
    root = Element("IntuitResponse", {"xmlns": NS, "time": now_iso()})
    err = SubElement(SubElement(root, "Fault", {"type": "SERVICE"}), "Error", {"code": "3001"})
    SubElement(err, "Message").text = "message=ThrottleExceeded; errorCode=003001; statusCode=429"
    SubElement(err, "Detail").text = "The request limit was reached.  Try again later"
    response = Response(_xml_bytes(root), status=429, mimetype="application/xml")
    tenant = g.get("tenant")
    retry_after = (tenant.settings.get("retry_after", "60") if tenant is not None else "60")
    if retry_after is not None:  # UNCONFIRMED that QBO sends it; setting "retry_after" (null: omit)
        response.headers["Retry-After"] = str(retry_after)
    return response
