"""XPM's wire format: XML bodies in (text/xml, application/xml, or the raw XML sent as
application/x-www-form-urlencoded, as recorded traffic shows), parsed only with defusedxml; the
``<Response api-method=…><Status>OK|ERROR</Status>`` envelope out, always text/xml.

``render_error`` is the one place an error becomes a response: the Xero gateway's JSON for
401/403/429, otherwise the XPM ERROR envelope. Business-rule errors use the tenant's
``xpm_error_http_status`` (200 by default, as recorded XPM traffic shows); bad input keeps its 4xx."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote_plus
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response, g, request

from connsim.simulator.core.errors import RateLimited, SimError, UnsupportedMediaType, ValidationFailed
from connsim.simulator.core.xmlsafe import parse_xml
from connsim.simulator.xero_gateway import gateway_error
from connsim.simulator.xpm.errors import XpmBadInput
from connsim.simulator.xpm.model import DEFAULT_SETTINGS

PREFIX = "/practicemanager/3.1"
XML_MIMETYPE = "text/xml"
ACCEPTED_TYPES = ("text/xml", "application/xml", "application/x-www-form-urlencoded", "")

#: XPM's casing of method names that plain capitalisation would get wrong (ApplyTemplate is recorded)
_METHOD_CASE = {"applytemplate": "ApplyTemplate", "addrelationship": "AddRelationship",
                "updaterelationship": "UpdateRelationship", "deleterelationship": "DeleteRelationship",
                "paged-list": "PagedList", "reordertasks": "ReorderTasks", "createquote": "CreateQuote",
                "createestimate": "CreateEstimate", "forgottenpassword": "ForgottenPassword"}


def api_method() -> str:
    """The Response's api-method: the method segment after ``<resource>.api/``, in XPM's casing.
    Recorded (ignitionapp/xpm_ruby spec/vcr_cassettes): list → List, get → Get, add → Add, update →
    Update, delete → Delete, search → Search, state → State, current → Current, contact → Contact
    (add, update and delete alike), assign → Assign, applytemplate → ApplyTemplate; the recorded
    exceptions (staff.api/add answers Get) are the tenant setting ``xpm_api_method_overrides``."""
    parts = request.path[len(PREFIX):].strip("/").split("/")
    segment = parts[1] if len(parts) > 1 else ""
    overrides = _setting("xpm_api_method_overrides") or {}
    override = overrides.get(f"{parts[0]}/{segment}") if isinstance(overrides, dict) else None
    if override:
        return str(override)
    return _METHOD_CASE.get(segment.lower(), segment[:1].upper() + segment[1:])


def _setting(key: str) -> object:
    tenant = g.get("tenant")
    return (tenant.settings if tenant is not None else {}).get(key, DEFAULT_SETTINGS[key])


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


def check_elements(el: Element, allowed: Iterable[str]) -> None:
    """No silent acceptance: an element the method does not know is refused (text: tenant setting
    ``xpm_unknown_element_message``, UNCONFIRMED), never ignored."""
    known = set(allowed)
    for child in el:
        if child.tag not in known:
            text = str(_setting("xpm_unknown_element_message"))
            raise XpmBadInput(text.format(element=child.tag, root=el.tag))


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


def int_field(el: Element, tag: str) -> int | None:
    value = field(el, tag)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise XpmBadInput(f"{tag} is not a whole number: {value!r}") from None


def time_field(el: Element, tag: str) -> time | None:
    """Start/End of a time entry: HH:MM (time.md)."""
    value = field(el, tag)
    if not value:
        return None
    try:
        return datetime.strptime(value, "%H:%M").time()
    except ValueError:
        raise XpmBadInput(f"{tag} is not a valid time: {value!r} (expected HH:MM)") from None


def date_range() -> tuple[date, date]:
    """Required ``from``/``to`` query parameters (YYYYMMDD)."""
    start, end = request.args.get("from"), request.args.get("to")
    if not start or not end:
        raise XpmBadInput("from and to are required (YYYYMMDD)")
    return parse_date(start, "from"), parse_date(end, "to")


def optional_range() -> tuple[date | None, date | None]:
    start, end = request.args.get("from"), request.args.get("to")
    return (parse_date(start, "from") if start else None, parse_date(end, "to") if end else None)


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
    if gateway is not None and isinstance(exc, RateLimited):
        # XPM's 429 has an empty body and no content type, only the gateway's headers
        # (xpm_ruby spec/vcr_cassettes/xpm_ruby/connection/get/rate_limit_exceeded.yml: content-length 0)
        gateway.set_data(b"")
        del gateway.headers["Content-Type"]
        gateway.headers["Content-Length"] = "0"
        return gateway
    if gateway is not None:
        return gateway
    status = exc.status
    if isinstance(exc, ValidationFailed):
        status = _rule_status()
    return envelope("ERROR", error=exc.message, http_status=status)


def _rule_status() -> int:
    value = _setting("xpm_error_http_status")
    try:
        status = int(value)  # type: ignore[call-overload]  # value checked to be a number string above
    except (TypeError, ValueError):
        return 200
    return status if 200 <= status <= 599 else 200
