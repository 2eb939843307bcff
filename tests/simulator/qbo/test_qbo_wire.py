"""QBO over real HTTP (in process and against `connsim serve`): shapes, XML, query, delete/void,
requestid replay, batch, preferences, and the gateway's 401/403/429 bodies."""

from __future__ import annotations

from xml.etree import ElementTree

from conftest import QboApi, assert_fault, sales_line

NS = "{http://schema.intuit.com/finance/v3}"


def setup_invoice(api: QboApi, amount: int = 100) -> tuple[dict, dict]:
    customer = api.create("Customer", {"DisplayName": "Wire Co"})
    invoice = api.create("Invoice", {"CustomerRef": {"value": customer["Id"]}, "Line": [sales_line(amount)]})
    return customer, invoice


def test_create_read_shapes(api: QboApi) -> None:
    customer, invoice = setup_invoice(api)
    assert customer["Id"].isdigit() and customer["SyncToken"] == "0" and customer["domain"] == "QBO"
    response = api.call("GET", f"invoice/{invoice['Id']}")
    assert response.status_code == 200 and response.headers["intuit_tid"]
    body = response.json()
    assert body["time"].startswith("2025-03-14T09:30:00.000")
    read = body["Invoice"]
    assert read["Balance"] == 100.0 and read["TotalAmt"] == 100.0 and read["TxnDate"] == "2025-03-14"
    assert read["MetaData"]["CreateTime"] == "2025-03-14T09:30:00+00:00"
    assert read["CustomerRef"] == {"value": customer["Id"], "name": "Wire Co"}


def test_xml_read_and_write(api: QboApi) -> None:
    xml_body = b'<Customer xmlns="http://schema.intuit.com/finance/v3"><DisplayName>Xml Ltd</DisplayName></Customer>'
    created = api.call("POST", "customer", data=xml_body,
                       headers={"Content-Type": "application/xml", "Accept": "application/xml"})
    assert created.status_code == 200 and created.headers["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(created.content)
    assert root.tag == f"{NS}IntuitResponse"
    customer_id = root.find(f"{NS}Customer/{NS}Id").text  # type: ignore[union-attr]
    read = api.call("GET", f"customer/{customer_id}", headers={"Accept": "application/xml"})
    customer = ElementTree.fromstring(read.content).find(f"{NS}Customer")
    assert customer is not None and customer.get("domain") == "QBO"
    assert customer.find(f"{NS}DisplayName").text == "Xml Ltd"  # type: ignore[union-attr]
    missing = api.call("GET", "customer/999", headers={"Accept": "application/xml"})
    assert missing.status_code == 400
    error = ElementTree.fromstring(missing.content).find(f"{NS}Fault/{NS}Error")
    assert error is not None and error.get("code") == "610"


def test_query_get_and_post(api: QboApi) -> None:
    setup_invoice(api, 100)
    by_get = api.call("GET", "query", params={"query": "SELECT * FROM Invoice WHERE TotalAmt > '50'"})
    assert by_get.status_code == 200
    rows = by_get.json()["QueryResponse"]
    assert len(rows["Invoice"]) == 1 and rows["startPosition"] == 1 and rows["maxResults"] == 1
    by_post = api.call("POST", "query", data="select count(*) from Invoice",
                       headers={"Content-Type": "application/text"})
    assert by_post.json()["QueryResponse"] == {"totalCount": 1}
    empty = api.call("POST", "query", data="SELECT * FROM Payment", headers={"Content-Type": "application/text"})
    assert empty.json()["QueryResponse"] == {}


def test_delete_and_void(api: QboApi) -> None:
    _customer, invoice = setup_invoice(api)
    voided = api.call("POST", "invoice", params={"operation": "void"},
                      json={"Id": invoice["Id"], "SyncToken": invoice["SyncToken"]})
    assert voided.json()["Invoice"]["Balance"] == 0 and voided.json()["Invoice"]["SyncToken"] == "1"
    deleted = api.call("POST", "invoice", params={"operation": "delete"}, json={"Id": invoice["Id"],
                                                                                 "SyncToken": "1"})
    assert deleted.json()["Invoice"] == {"domain": "QBO", "status": "Deleted", "Id": invoice["Id"]}
    assert_fault(api.call("GET", f"invoice/{invoice['Id']}"), 400, "610")


def test_requestid_replays_the_first_answer(api: QboApi) -> None:
    customer = api.create("Customer", {"DisplayName": "Retry Co"})
    body = {"CustomerRef": {"value": customer["Id"]}, "Line": [sales_line(10)]}
    first = api.call("POST", "invoice", json=body, params={"requestid": "abc-1"})
    second = api.call("POST", "invoice", json=body, params={"requestid": "abc-1"})
    assert first.status_code == second.status_code == 200
    assert first.json()["Invoice"]["Id"] == second.json()["Invoice"]["Id"]
    count = api.call("GET", "query", params={"query": "SELECT COUNT(*) FROM Invoice"})
    assert count.json()["QueryResponse"]["totalCount"] == 1
    other = api.call("POST", "invoice", json={**body, "PrivateNote": "different"}, params={"requestid": "abc-1"})
    assert_fault(other, 400, "600")


def test_batch_items_succeed_and_fail_independently(api: QboApi) -> None:
    _customer, invoice = setup_invoice(api)
    response = api.call("POST", "batch", json={"BatchItemRequest": [
        {"bId": "1", "operation": "create", "Customer": {"DisplayName": "Batch Co"}},
        {"bId": "2", "operation": "update", "Invoice": {"Id": invoice["Id"], "SyncToken": "7", "sparse": True}},
        {"bId": "3", "Query": "SELECT * FROM Customer"},
    ]})
    assert response.status_code == 200
    items = {item["bId"]: item for item in response.json()["BatchItemResponse"]}
    assert items["1"]["Customer"]["DisplayName"] == "Batch Co"
    assert items["2"]["Fault"]["Error"][0]["code"] == "5010"
    assert len(items["3"]["QueryResponse"]["Customer"]) == 2
    too_many = api.call("POST", "batch", json={"BatchItemRequest": [{"bId": str(n), "Query": "SELECT * FROM Item"}
                                                                     for n in range(31)]})
    assert_fault(too_many, 400, "1040")


def test_preferences_show_the_closing_date(api: QboApi) -> None:
    api.control.action("qbo", f"{api.realm}/closing-date", {"date": "2024-12-31", "password": False})
    prefs = api.call("GET", "preferences").json()["Preferences"]
    assert prefs["AccountingInfoPrefs"]["BookCloseDate"] == "2024-12-31"
    info = api.call("GET", f"companyinfo/{api.realm}").json()["CompanyInfo"]
    assert info["CompanyName"] == "Wire Test Realm"


def test_old_minorversion_is_accepted(api: QboApi) -> None:
    response = api.call("GET", "query", params={"query": "SELECT * FROM Customer", "minorversion": "40"})
    assert response.status_code == 200


def assert_gateway_error(response: object, status: int, code: str) -> None:
    assert response.status_code == status  # type: ignore[attr-defined]
    assert response.headers["intuit_tid"]  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert "Fault" not in body and body["fault"]["error"][0]["code"] == code
    assert isinstance(body["time"], int)


def test_bad_tokens_get_the_gateway_401(api: QboApi) -> None:
    assert_gateway_error(api.call("GET", "query", params={"query": "SELECT * FROM Customer"}, token="nonsense"), 401,
                   "3200")
    no_auth = api.session.get(api.url("customer/1"), headers={"Accept": "application/json"})
    assert_gateway_error(no_auth, 401, "3200")
    api.control.advance(3601)
    assert_gateway_error(api.call("GET", "customer/1"), 401, "3200")


def test_disconnected_app_gets_401(api: QboApi) -> None:
    api.create("Customer", {"DisplayName": "Before"})
    assert api.control.revoke_tenant(api.realm) == 1
    assert_gateway_error(api.call("GET", "customer/1"), 401, "3200")


def test_other_realm_gets_403(api: QboApi) -> None:
    other = api.control.create_tenant("qbo-realm", "Other")["id"]
    assert_gateway_error(api.call("GET", "customer/1", realm=other), 403, "3100")
    assert_gateway_error(api.call("GET", "customer/1", realm="123456"), 403, "3100")


def test_throttle_is_xml_3001_with_retry_after(api: QboApi) -> None:
    api.control.tenant_settings(api.realm, rate_limits={"minute": 2})
    for _ in range(2):
        assert api.call("GET", "preferences").status_code == 200
    throttled = api.call("GET", "preferences")
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "60"
    error = ElementTree.fromstring(throttled.content).find(f"{NS}Fault/{NS}Error")
    assert error is not None and error.get("code") == "3001"
    assert "ThrottleExceeded" in (error.findtext(f"{NS}Message") or "")
    api.control.tenant_settings(api.realm, retry_after=None)
    assert "Retry-After" not in api.call("GET", "preferences").headers
    api.control.advance(60)
    assert api.call("GET", "preferences").status_code == 200


def test_injected_server_fault_is_a_system_fault(api: QboApi) -> None:
    api.control.add_fault(action="status", api="qbo", status=503, times=1)
    error = assert_fault(api.call("GET", "preferences"), 503, "10000")
    assert error["Message"].startswith("An application error")
    assert api.call("GET", "preferences").status_code == 200
