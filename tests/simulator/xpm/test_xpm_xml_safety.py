"""Untrusted XML never hurts the simulator: entity bombs, external entities, DTDs, malformed or
misnamed documents, wrong content types and oversized bodies all get XPM's ERROR envelope with a
4xx, no file is read, and the server keeps answering."""

from __future__ import annotations

import pytest
from xpm_http_client import Practice, xml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Client><Name>&lol9;</Name></Client>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Client [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Client><Name>&xxe;</Name></Client>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE Client SYSTEM "file:///etc/passwd">
<Client><Name>Evil</Name></Client>"""

PLAIN_DTD = """<?xml version="1.0"?><!DOCTYPE Client [<!ELEMENT Client ANY>]><Client><Name>Dtd</Name></Client>"""

BODIES = {
    "billion-laughs": (BILLION_LAUGHS, "text/xml", 400),
    "external-entity": (EXTERNAL_ENTITY, "application/xml", 400),
    "external-dtd": (EXTERNAL_DTD, "text/xml", 400),
    "dtd": (PLAIN_DTD, "text/xml", 400),
    "malformed": ("<Client><Name>Open</Client>", "text/xml", 400),
    "not-xml": ("Name=Acme", "application/x-www-form-urlencoded", 400),
    "wrong-root": ("<Job><Name>Acme</Name></Job>", "text/xml", 400),
    "empty": ("", "text/xml", 400),
    "json": ('{"Name": "Acme"}', "application/json", 415),
    "missing-name": ("<Client><Email>a@b.test</Email></Client>", "text/xml", 400),
    "oversized": ("<Client><Name>" + "x" * (1024 * 1024 + 10) + "</Name></Client>", "text/xml", 413),
}


def _assert_rejected(answer, status: int) -> None:  # type: ignore[no-untyped-def]
    assert answer.status == status, answer.text[:300]
    assert answer.headers["Content-Type"].startswith("text/xml")
    assert answer.root.findtext("Status") == "ERROR" and answer.error
    assert "root:" not in answer.text and "lollol" not in answer.text


@pytest.mark.parametrize("name", list(BODIES))
def test_hostile_or_broken_client_bodies_are_refused(practice: Practice, name: str) -> None:
    body, content_type, status = BODIES[name]
    _assert_rejected(practice.api.call("POST", "client.api/add", body, content_type=content_type), status)
    assert practice.remote.control.tenant_state(practice.id)["clients"] == {}
    assert practice.api.call("GET", "client.api/list").ok  # still serving


def test_bad_values_in_a_cost_are_400_not_business_errors(practice: Practice) -> None:
    api = practice.api
    number = api.add_job(api.add_client("Values")).findtext("ID")
    for extra in ({"Date": "2026-13-45"}, {"Quantity": "lots"}, {"UnitCost": "NaN"}, {"Billable": "maybe"}):
        answer = api.call("POST", "job.api/cost", xml("Cost", **{
            "Job": number, "Date": "20261115", "Description": "x", "Quantity": "1", "UnitCost": "1",
            "UnitPrice": "2", **extra}))
        _assert_rejected(answer, 400)
    _assert_rejected(api.call("POST", "job.api/cost", xml("Cost", Job=number, Date="20261115")), 400)
    _assert_rejected(api.call("GET", "job.api/list", **{"from": "2026", "to": "20261231"}), 400)
    _assert_rejected(api.call("GET", "client.api/list", modifiedsince="yesterday"), 400)
    assert practice.action(f"jobs/{number}/costs", method="GET")["costs"] == []


def test_unknown_path_is_xpm_404(practice: Practice) -> None:
    _assert_rejected(practice.api.call("GET", "nothing.api/list"), 404)
