"""XPM's wire format: XML bodies in (text/xml, application/xml, or the raw XML sent as
application/x-www-form-urlencoded, as recorded traffic shows), parsed only with defusedxml; the
``<Response api-method=…><Status>OK|ERROR</Status>`` envelope out, always text/xml.

``render_error`` is the one place an error becomes a response: the Xero gateway's JSON for
401/403/429, otherwise the XPM ERROR envelope. Business-rule errors use the tenant's
``xpm_error_http_status`` (200 by default, as recorded XPM traffic shows); bad input keeps its 4xx."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote_plus
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response, g, request

from connsim.simulator.core.errors import SimError, UnsupportedMediaType, ValidationFailed
from connsim.simulator.core.xmlsafe import parse_xml
from connsim.simulator.xero_gateway import gateway_error
from connsim.simulator.xpm.errors import XpmBadInput
from connsim.simulator.xpm.model import DEFAULT_SETTINGS

PREFIX = "/practicemanager/3.1"
XML_MIMETYPE = "text/xml"
ACCEPTED_TYPES = ("text/xml", "application/xml", "application/x-www-form-urlencoded", "")

#: api-method attribute by the action part of the path (recorded v3.0 traffic: Get, List, Add, ...)
_ACTIONS = {"get": "Get", "list": "List", "paged-list": "List", "current": "List", "client": "List",
            "tasks": "List", "costs": "List", "contacts": "List", "staff": "List", "search": "Search",
            "add": "Add", "addrelationship": "Add", "update": "Update", "updaterelationship": "Update",
            "archive": "Update", "state": "State", "delete": "Delete", "deleterelationship": "Delete"}
_BY_VERB = {"GET": "Get", "POST": "Add", "PUT": "Update", "DELETE": "Delete"}


def api_method() -> str:
    """The Response's api-method for this request, from its path (``job.api/get/…`` → Get)."""
    parts = request.path[len(PREFIX):].strip("/").split("/")
    action = parts[1] if len(parts) > 1 else ""
    if action in ("cost", "contact") or action not in _ACTIONS:
        return _BY_VERB.get(request.method, "Get")
    return _ACTIONS[action]


# -- input ------------------------------------------------------------------------------------------
def read_xml(root: str | tuple[str, ...]) -> Element:
    """The request body as XML with the expected root; bad bodies are MalformedInput (400)."""
    mimetype = request.mimetype or ""
    if mimetype not in ACCEPTED_TYPES:
        raise UnsupportedMediaType(f"Content type {mimetype} is not supported; send XML (text/xml)")
    raw = request.get_data(cache=True)
    if mimetype == "application/x-www-form-urlencoded" and raw.lstrip()[:1] not in (b"<", b""):
        raw = unquote_plus(raw.decode("utf-8", errors="replace")).encode("utf-8")
    return parse_xml(raw, expected_root=root)


def field(el: Element, *tags: str) -> str | None:
    """Text of the first child present among ``tags`` (alternative spellings), stripped; None if absent."""
    for tag in tags:
        child = el.find(tag)
        if child is not None:
            return (child.text or "").strip()
    return None


def required(el: Element, tag: str) -> str:
    value = field(el, tag)
    if not value:
        raise XpmBadInput(f"{tag} is required")
    return value


def date_field(el: Element, tag: str) -> date | None:
    value = field(el, tag)
    return parse_date(value, tag) if value else None


def parse_date(value: str, name: str) -> date:
    """Request dates are YYYYMMDD (docs); ISO dates and datetimes are accepted too."""
    for fmt in ("%Y%m%d", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise XpmBadInput(f"{name} is not a valid date: {value!r} (expected YYYYMMDD)")


def parse_datetime(value: str, name: str) -> datetime:
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise XpmBadInput(f"{name} is not a valid date/time: {value!r} (expected yyyy-MM-ddTHH:mm:ss)")


def decimal_field(el: Element, tag: str) -> Decimal | None:
    value = field(el, tag)
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise XpmBadInput(f"{tag} is not a number: {value!r}") from None
    if not number.is_finite():
        raise XpmBadInput(f"{tag} is not a number: {value!r}")
    return number


def bool_field(el: Element, tag: str) -> bool | None:
    value = field(el, tag)
    if not value:
        return None
    lowered = value.lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise XpmBadInput(f"{tag} must be true or false, not {value!r}")


def query_flag(name: str) -> bool:
    return request.args.get(name, "").lower() in ("true", "yes", "1")


# -- output -----------------------------------------------------------------------------------------
def sub(parent: Element, tag: str, value: object = None) -> Element:
    """Append <tag>value</tag>: dates as XPM writes them (2008-08-29T00:00:00), booleans true/false."""
    return _fill(SubElement(parent, tag), value)


def leaf(tag: str, value: object = None) -> Element:
    return _fill(Element(tag), value)


def _fill(child: Element, value: object) -> Element:
    if value is None:
        return child
    if isinstance(value, bool):
        child.text = "true" if value else "false"
    elif isinstance(value, datetime):
        child.text = value.strftime("%Y-%m-%dT%H:%M:%S")
    elif isinstance(value, date):
        child.text = value.strftime("%Y-%m-%dT00:00:00")
    else:
        child.text = str(value)
    return child


def envelope(status: str, children: tuple[Element, ...] = (), error: str | None = None,
             http_status: int = 200) -> Response:
    root = Element("Response", {"api-method": api_method()})
    sub(root, "Status", status)
    if error is not None:
        sub(root, "ErrorDescription", error)
    root.extend(children)
    body = tostring(root, encoding="unicode")
    return Response(body, status=http_status, content_type=f"{XML_MIMETYPE}; charset=utf-8")


def ok(*children: Element) -> Response:
    return envelope("OK", children)


def render_error(exc: SimError) -> Response:
    gateway = gateway_error(exc)
    if gateway is not None:
        return gateway
    status = exc.status
    if isinstance(exc, ValidationFailed):
        status = _rule_status()
    return envelope("ERROR", error=exc.message, http_status=status)


def _rule_status() -> int:
    tenant = g.get("tenant")
    value = (tenant.settings if tenant is not None else {}).get("xpm_error_http_status",
                                                                DEFAULT_SETTINGS["xpm_error_http_status"])
    try:
        status = int(value)
    except (TypeError, ValueError):
        return 200
    return status if 200 <= status <= 599 else 200
