"""Bad input gets QBO's Fault and a 4xx, never a 500 or a traceback: malformed JSON and XML,
hostile XML, unknown entities and ids, bad queries, oversized bodies, wrong content types."""

from __future__ import annotations

import pytest
from conftest import QboApi, assert_fault, sales_line

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                  b"<Customer><DisplayName>&lol2;</DisplayName></Customer>")


@pytest.mark.parametrize("body, content_type", [
    (b'{"DisplayName": "x",', "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b"", "application/json"),
    (b"\xff\xfe not utf8", "application/json"),
    (b"<Customer><DisplayName>x</Customer>", "application/xml"),
    (BILLION_LAUGHS, "application/xml"),
])
def test_malformed_bodies_are_2010(api: QboApi, body: bytes, content_type: str) -> None:
    response = api.call("POST", "customer", data=body, headers={"Content-Type": content_type})
    assert_fault(response, 400, "2010")


@pytest.mark.parametrize("body", [
    {"DisplayName": ["not", "a", "name"]},
    {"DisplayName": "x", "Active": "maybe"},
])
def test_wrong_types_are_2010(api: QboApi, body: dict) -> None:
    assert_fault(api.call("POST", "customer", json=body), 400, "2010")


def test_wrong_types_in_invoice(api: QboApi) -> None:
    customer = api.create("Customer", {"DisplayName": "Types"})
    ref = {"value": customer["Id"]}
    for body in ({"CustomerRef": ref, "Line": "lines"}, {"CustomerRef": ref, "Line": [sales_line({"a": 1})]},
                 {"CustomerRef": ref, "Line": [sales_line(1)], "TxnDate": "yesterday"},
                 {"CustomerRef": {"value": "abc"}, "Line": [sales_line(1)]}):
        assert_fault(api.call("POST", "invoice", json=body), 400, "2010")
    assert_fault(api.call("POST", "invoice", json={"CustomerRef": {"value": "404"}, "Line": [sales_line(1)]}),
                 400, "2500")


@pytest.mark.parametrize("method, path", [("POST", "widget"), ("GET", "widget/1"), ("GET", "invoice/1/pdf"),
                                          ("PUT", "invoice")])
def test_unknown_entities_and_routes_are_unsupported_operation(api: QboApi, method: str, path: str) -> None:
    response = api.call(method, path, json={"Id": "1"})
    error = assert_fault(response, 400, "500")
    assert error["Message"] == "Unsupported Operation"


def test_unknown_and_non_numeric_ids(api: QboApi) -> None:
    assert_fault(api.call("GET", "invoice/999"), 400, "610")
    malformed = api.call("GET", "invoice/abc")  # recorded (minimul/qbo_api spec/vcr/error/500.yml): no "time"
    assert malformed.status_code == 400 and malformed.json() == {"Fault": {"Error": [{
        "Message": "Invalid ID", "Detail": "Id should be a valid number. Supplied value:abc", "code": "2030",
        "element": "Id"}], "type": "ValidationFault"}}
    assert_fault(api.call("POST", "invoice", json={"Id": "999", "SyncToken": "0", "sparse": True}), 400, "610")


def test_unknown_realm_is_the_gateway_403(api: QboApi) -> None:
    response = api.call("GET", "customer/1", realm="99999999")
    assert response.status_code == 403 and response.json()["fault"]["error"][0]["code"] == "3100"


@pytest.mark.parametrize("query, code", [("SELECT FROM Invoice", "4000"), ("SELECT * FROM Invoice WHERE", "4000"),
                                         ("SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'", "4000"),
                                         ("DROP TABLE Invoice", "4000"), ("SELECT * FROM Nope", "4001")])
def test_bad_queries(api: QboApi, query: str, code: str) -> None:
    error = assert_fault(api.call("GET", "query", params={"query": query}), 400, code)
    assert error["Detail"].startswith("QueryParserError" if code == "4000" else "QueryValidationError")


def test_missing_query_is_a_fault(api: QboApi) -> None:
    assert_fault(api.call("GET", "query"), 400, "2010")


def test_oversized_body_is_413_in_fault_shape(api: QboApi) -> None:
    response = api.call("POST", "customer", data=b'{"DisplayName": "' + b"x" * (1024 * 1024 + 10) + b'"}',
                        headers={"Content-Type": "application/json"})
    assert_fault(response, 413)


@pytest.mark.parametrize("path, content_type", [("customer", "text/html"), ("customer", "application/text"),
                                                ("query", "application/json"), ("customer", "")])
def test_wrong_content_type_is_415_fault(api: QboApi, path: str, content_type: str) -> None:
    body = b"SELECT * FROM Customer" if path == "query" else b'{"DisplayName": "x"}'
    response = api.call("POST", path, data=body, headers={"Content-Type": content_type})
    assert_fault(response, 415, "2010")


def test_sync_token_of_wrong_type(api: QboApi) -> None:
    customer = api.create("Customer", {"DisplayName": "Tok"})
    assert_fault(api.call("POST", "customer", json={"Id": customer["Id"], "SyncToken": "zero", "sparse": True}),
                 400, "2010")
    assert_fault(api.call("POST", "customer", json={"Id": customer["Id"], "SyncToken": True, "sparse": True}),
                 400, "2010")
