"""Each input that once made the simulator answer 500 (issue 13), now refused with a clear 4xx in
the remote's own format: deep nesting, non-ASCII credentials, clock overflow, empty client ids,
unbounded idempotency storage."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wire import Wire, assert_own_format

from connsim.simulator.core.bounded import MAX_DEPTH, json_depth, load_json
from connsim.simulator.core.clock import Clock
from connsim.simulator.core.errors import MalformedInput
from connsim.simulator.core.idempotency import IdempotencyStore


@pytest.fixture(scope="module")
def wire() -> Wire:
    return Wire()


def nested_json(depth: int, leaf: str = '"x"') -> str:
    return "[" * depth + leaf + "]" * depth


def nested_object(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def nested_xml(root: str, depth: int) -> bytes:
    return (f"<{root}>" + "<a>" * depth + "x" + "</a>" * depth + f"</{root}>").encode()


JSON = {"Content-Type": "application/json"}
XML = {"Content-Type": "application/xml"}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deep_json_is_the_remotes_own_400(wire: Wire, depth: int) -> None:
    deep = nested_object(depth)
    cases = [
        ("xero", "PUT", "/Invoices", f'{{"Invoices": [{{"Type": "ACCREC", "Contact": {deep}}}]}}', ""),
        ("xero", "PUT", "/Invoices", f'{{"Invoices": [{{"Type": "ACCREC", "Foo": {deep}}}]}}', "summarizeErrors=false"),
        ("xero", "PUT", "/Contacts", nested_json(depth), ""),
        ("qbo", "POST", "/customer", f'{{"DisplayName": "x", "Notes": {deep}}}', "minorversion=75"),
        ("qbo", "POST", "/invoice", f'{{"Invoice": {deep}}}', "minorversion=75"),
        ("aps", "POST", "/clients", f'{{"name": {deep}}}', ""),
    ]
    for surface, method, path, body, query in cases:
        response = wire.send(surface, method, path, data=body, headers=JSON, query=query)
        assert 400 <= response.status_code < 500, (surface, path, response.get_data()[:200])
        assert_own_format(surface, response)
    response = wire.client.post("/_connsim/tenants", data=deep, headers={**JSON, **wire.admin})
    assert response.status_code == 400 and response.get_json()["error"] == "MalformedInput"


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 5_000, 100_000])
def test_deep_xml_is_the_remotes_own_400(wire: Wire, depth: int) -> None:
    qbo = wire.send("qbo", "POST", "/customer", data=nested_xml("Customer", depth), headers=XML,
                    query="minorversion=75")
    assert qbo.status_code == 400
    assert_own_format("qbo", qbo)
    xpm = wire.send("xpm", "POST", "/client.api/add", data=nested_xml("Client", depth),
                    headers={"Content-Type": "text/xml"})
    assert xpm.status_code == 400
    assert_own_format("xpm", xpm)


def test_documents_within_the_bound_still_parse() -> None:
    assert load_json(nested_json(MAX_DEPTH)) == json.loads(nested_json(MAX_DEPTH))
    assert json_depth(json.loads(nested_json(10))) == 10 and json_depth(5) == 0
    with pytest.raises(MalformedInput):
        load_json(nested_json(MAX_DEPTH + 1))
    with pytest.raises(MalformedInput):
        load_json(nested_json(MAX_DEPTH + 1).encode())


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(alphabet="{[]}ab\"\\", max_size=6),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                                        max_size=3),
                           max_leaves=40)


@settings(max_examples=300, derandomize=True, database=None)
@given(value=JSON_VALUES, max_depth=st.integers(min_value=0, max_value=6), as_bytes=st.booleans())
def test_the_bracket_count_shortcut_refuses_exactly_what_the_walk_refuses(value: Any, max_depth: int,
                                                                          as_bytes: bool) -> None:
    text = json.dumps(value)
    deep = json_depth(value) > max_depth
    try:
        load_json(text.encode() if as_bytes else text, max_depth=max_depth)
    except MalformedInput:
        assert deep
    else:
        assert not deep


SECRETS = ["sécret", "秘密", "\u00ff" * 40, "emoji-\U0001F600"]


@pytest.mark.parametrize("secret", SECRETS)
def test_non_ascii_client_secret_is_invalid_client_on_every_token_endpoint(wire: Wire, secret: str) -> None:
    basic = {"Authorization": "Basic " + base64.b64encode(f"connsim-xero-client:{secret}".encode()).decode()}
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    posts: list[tuple[str, str, dict[str, str], Any]] = [
        ("xero-identity", "/connect/token", {**basic, **form}, {"grant_type": "client_credentials"}),
        ("xero-identity", "/connect/token", form,
         {"grant_type": "refresh_token", "refresh_token": "r", "client_id": "connsim-xero-client",
          "client_secret": secret}),
        ("xero-identity", "/connect/revocation", {**basic, **form}, {"token": "t"}),
        ("intuit-oauth", "/oauth2/v1/tokens/bearer", form,
         {"grant_type": "refresh_token", "refresh_token": "r", "client_id": "connsim-qbo-client",
          "client_secret": secret}),
        ("intuit-oauth", "/v2/oauth2/tokens/revoke", {**basic, **JSON}, json.dumps({"token": "t"})),
        ("aps-oauth", "/token", {**basic, **form}, {"grant_type": "refresh_token", "refresh_token": "r"}),
        ("aps-oauth", "/token", form, {"grant_type": "refresh_token", "refresh_token": "r",
                                       "client_id": "connsim-aps-client", "client_secret": secret}),
    ]
    for surface, path, headers, data in posts:
        response = wire.client.post(wire.path(surface, path), data=data, headers=headers)
        assert response.status_code in (400, 401), (path, response.status_code, response.get_data()[:200])
        assert response.get_json()["error"] == "invalid_client"


@pytest.mark.parametrize("header", ["Basic é", "Basic", "Basic ", "Basic ÿÿÿÿ=", "Basic Zm9v"])
def test_malformed_basic_credentials_are_invalid_client(wire: Wire, header: str) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": header}
    for surface, path in (("xero-identity", "/connect/token"), ("xero-identity", "/connect/revocation"),
                          ("intuit-oauth", "/oauth2/v1/tokens/bearer"), ("aps-oauth", "/token")):
        response = wire.client.post(wire.path(surface, path), data={"grant_type": "refresh_token",
                                                                    "refresh_token": "r", "token": "t"},
                                    headers=form)
        assert response.status_code in (400, 401), (path, header, response.get_data()[:200])
        assert response.get_json()["error"] in ("invalid_client", "invalid_request"), response.get_data()


@pytest.mark.parametrize("credential", ["sécret", "ÿ" * 30])
@pytest.mark.parametrize("path", ["/health", "/tenants", "/clock", "/no-such-path", "/xero/anything"])
def test_non_ascii_admin_credential_is_refused_on_every_control_path(wire: Wire, credential: str, path: str) -> None:
    for headers in ({"X-Connsim-Admin": credential}, {"Authorization": f"Bearer {credential}"}):
        response = wire.client.get(f"/_connsim{path}", headers=headers)
        assert response.status_code == 401 and response.get_json()["error"] == "AdminCredentialRequired"


def test_a_non_ascii_admin_credential_can_be_the_right_one() -> None:
    wire = Wire(admin_token="clé-ÿ")
    assert wire.client.get("/_connsim/health", headers={"X-Connsim-Admin": "clé-ÿ"}).status_code == 200
    assert wire.client.get("/_connsim/health", headers={"X-Connsim-Admin": "clé-y"}).status_code == 401


@pytest.mark.parametrize("move", [{"advance_seconds": 1e300}, {"advance_seconds": -1e300},
                                  {"advance_seconds": 10**400}, {"set": "9999-12-31T23:59:59Z"},
                                  {"freeze": "9999-12-31T23:59:59Z"}, {"set": "0001-01-01T00:00:00Z"}])
def test_clock_moves_out_of_range_are_a_clear_400_and_change_nothing(move: dict[str, Any]) -> None:
    wire = Wire()
    wire.control("POST", "/clock", {"unfreeze": True})
    before = wire.control("GET", "/clock")
    body = json.dumps(move) if move.get("advance_seconds") != 10**400 else '{"advance_seconds": 1' + "0" * 400 + "}"
    response = wire.client.post("/_connsim/clock", data=body, headers={**JSON, **wire.admin})
    assert response.status_code == 400, response.get_data()
    assert response.get_json()["error"] == "MalformedInput"
    after = wire.control("GET", "/clock")
    assert after["frozen"] is False and after["now"][:4] == before["now"][:4]
    assert_own_format("xero", wire.send("xero", "GET", "/Invoices"))
    assert wire.send("xero", "GET", "/Invoices").status_code == 200


def test_a_running_clock_set_to_its_latest_instant_keeps_answering() -> None:
    """The failure was a running clock set near year 9999, overflowing a second later."""
    wall = [1_750_000_000.0]
    clock = Clock(wall=lambda: wall[0])
    latest = datetime(9000, 1, 1, tzinfo=UTC)
    clock.set(latest)
    wall[0] += 3600
    assert clock.now().year == 9000
    with pytest.raises(ValueError):
        clock.advance(1e300)
    with pytest.raises(ValueError):
        clock.set(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))
    with pytest.raises(ValueError):
        clock.advance(float("nan"))
    assert clock.now().year == 9000


@pytest.mark.parametrize("client_id", [None, ""])
def test_control_api_refuses_an_empty_or_null_client_id(wire: Wire, client_id: str | None) -> None:
    calls = [("/oauth/xero/clients", {"client_id": client_id, "client_secret": "s"}),
             ("/oauth/xero/clients", {"client_id": "ok-client", "client_secret": client_id}),
             ("/oauth/xero/tokens", {"tenant_ids": [wire.tenants.xero], "client_id": client_id}),
             (f"/tenants/{wire.tenants.xero}/revoke", {"client_id": client_id})]
    for path, body in calls:
        response = wire.client.post(f"/_connsim{path}", json=body, headers=wire.admin)
        assert response.status_code == 400, (path, response.get_data())
        assert response.get_json()["error"] == "MalformedInput"
    registered = wire.app.extensions["connsim"].providers["xero"].clients
    assert "" not in registered and None not in registered and "ok-client" not in registered
    assert wire.send("xero", "GET", "/Invoices").status_code == 200  # nothing was revoked


def test_idempotency_store_is_bounded_per_tenant_oldest_first() -> None:
    clock = Clock(frozen_at=datetime(2025, 1, 1, tzinfo=UTC))
    store = IdempotencyStore(clock, max_keys_per_tenant=50, max_bytes_per_tenant=20_000)
    for n in range(200):
        store.store(("t1", "c", f"k{n}"), "fp", 200, [("Content-Type", "application/json")], b"x" * 100)
        entries, size = store.tenant_usage("t1")
        assert entries <= 50 and size <= 20_000
    assert store.lookup(("t1", "c", "k199"), "fp") is not None  # the newest is kept
    assert store.lookup(("t1", "c", "k0"), "fp") is None        # the oldest went first
    store.store(("t2", "c", "big"), "fp", 200, [], b"y" * 15_000)
    store.store(("t2", "c", "big2"), "fp", 200, [], b"y" * 15_000)  # over the bytes: the first goes
    assert store.lookup(("t2", "c", "big"), "fp") is None and store.lookup(("t2", "c", "big2"), "fp") is not None
    assert store.tenant_usage("t1")[0] == 50  # another tenant's entries are not evicted


def test_idempotency_store_bound_holds_on_the_wire_with_a_frozen_clock() -> None:
    wire = Wire(idempotency_keys_per_tenant=20)
    for n in range(45):  # under Xero's 60 a minute
        contact = json.dumps({"Contacts": [{"Name": f"Bounded {n}"}]})
        response = wire.send("xero", "PUT", "/Contacts", data=contact,
                             headers={**JSON, "Idempotency-Key": f"key-{n}"})
        assert response.status_code == 200, response.get_data()[:200]
    state = wire.app.extensions["connsim"]
    assert state.idempotency.tenant_usage(wire.tenants.xero)[0] == 20
    replay = wire.send("xero", "PUT", "/Contacts", data=contact, headers={**JSON, "Idempotency-Key": "key-44"})
    assert replay.status_code == 200


@pytest.mark.parametrize("collection, element", [
    ("Contacts", {"Name": "", "ContactStatus": "", "EmailAddress": 5}),
    ("Invoices", {"Type": "ACCREC", "Contact": {"ContactID": "00000000-0000-0000-0000-000000000000",
                                                "ContactStatus": "NOPE"}, "Status": "SHINY",
                  "LineItems": [{"Quantity": "1", "UnitAmount": "2.5", "Description": "d"}],
                  "CurrencyCode": "XXX"}),
])
def test_failed_elements_echo_only_what_fits_xeros_schema(wire: Wire, collection: str, element: dict) -> None:
    """summarizeErrors=false: the ERROR element is echoed as Xero's model read it, never the raw input."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from specs import xero_accounting

    spec = xero_accounting()
    registry = Registry().with_resource("spec", Resource.opaque(spec))
    response = wire.send("xero", "PUT", f"/{collection}", data=json.dumps({collection: [element]}),
                         headers=JSON, query="summarizeErrors=false")
    assert response.status_code in (200, 400), response.get_data()[:300]
    assert_own_format("xero", response)
    body = response.get_json()
    echoed = body.get(collection) or body.get("Elements") or []
    assert echoed and echoed[0].get("StatusAttributeString", "ERROR") == "ERROR", body
    name = {"Contacts": "Contacts", "Invoices": "Invoices"}[collection]
    Draft202012Validator({"$ref": f"spec#/components/schemas/{name}"}, registry=registry).validate(
        {collection: echoed})
    if collection == "Invoices":  # numbers sent as text come back as numbers, as Xero's model holds them
        assert echoed[0]["LineItems"][0]["Quantity"] == 1.0 and "CurrencyCode" not in echoed[0]
    else:
        assert "ContactStatus" not in echoed[0]
