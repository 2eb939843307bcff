"""A QBO realm without HTTP: the domain model on a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.qbo.model import QboBackend

FROZEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def realm() -> Any:
    registry = TenantRegistry(Clock(frozen_at=FROZEN))
    registry.register_backend("qbo-realm", QboBackend)
    return registry.create("qbo-realm", "Test Realm", tenant_id="9130350000000001")


@pytest.fixture
def qbo(realm: Any) -> QboBackend:
    return realm.backend


def sales_line(amount: Any) -> dict[str, Any]:
    return {"Amount": amount, "DetailType": "SalesItemLineDetail",
            "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}}}


class QboApi:
    """requests against the simulated QBO API of one realm, with a bearer token from the control API."""

    def __init__(self, remote: Any) -> None:
        self.remote = remote
        self.control = remote.control
        self.realm = self.control.create_tenant("qbo-realm", "Wire Test Realm")["id"]
        self.token = self.control.issue_tokens("intuit", [self.realm], ["com.intuit.quickbooks.accounting"])[
            "access_token"]
        self.session = requests.Session()

    def url(self, path: str, realm: str | None = None) -> str:
        return f"{self.remote.endpoints.qbo_api}/v3/company/{realm or self.realm}/{path}"

    def call(self, method: str, path: str, *, realm: str | None = None, token: str | None = None,
             headers: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
        sent = {"Accept": "application/json", "Authorization": f"Bearer {token or self.token}", **(headers or {})}
        params = {"minorversion": "75", **kwargs.pop("params", {})}
        return self.session.request(method, self.url(path, realm), headers=sent, params=params, timeout=30,
                                    **kwargs)

    def create(self, entity: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.call("POST", entity.lower(), json=body)
        assert response.status_code == 200, response.text
        return response.json()[entity]


@pytest.fixture
def api(connsim_remote: Any) -> QboApi:
    connsim_remote.control.freeze("2025-03-14T09:30:00Z")
    return QboApi(connsim_remote)


def assert_fault(response: requests.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """QBO's Fault envelope with a digit-string code (python-quickbooks needs one) and a 4xx."""
    assert response.status_code == status, response.text
    assert response.headers.get("intuit_tid")
    body = response.json()
    error = body["Fault"]["Error"][0]
    assert error["code"].isdigit() and body["Fault"]["type"] and "Message" in error and "Detail" in error
    assert "time" in body
    if code is not None:
        assert error["code"] == code, error
    return error


def count(api: QboApi, entity: str) -> int:
    """How many ``entity`` the realm holds (lists: active and inactive), read through the query API."""
    where = "" if entity in ("Invoice", "Payment", "CreditMemo") else " WHERE Active IN (true, false)"
    response = api.call("GET", "query", params={"query": f"SELECT COUNT(*) FROM {entity}{where}"})
    assert response.status_code == 200, response.text
    return int(response.json()["QueryResponse"]["totalCount"])


def ref(value: str, name: str | None = None) -> dict[str, str]:
    return {"value": value, **({"name": name} if name else {})}


def rich_invoice(customer: str) -> dict[str, Any]:
    """A valid invoice with every nested type a sales connector sends (the seeded realm's refs)."""
    return {
        "CustomerRef": ref(customer), "TxnDate": "2025-03-14", "DocNumber": "N-1", "SalesTermRef": ref("3"),
        "ClassRef": ref("1"), "DepartmentRef": ref("1"), "CurrencyRef": ref("USD", "United States Dollar"),
        "BillAddr": {"Line1": "1 Main St", "City": "Springfield", "CountrySubDivisionCode": "CA",
                     "PostalCode": "94000", "Country": "US"},
        "ShipAddr": {"Line1": "2 Dock Rd", "City": "Springfield"},
        "BillEmail": {"Address": "ap@example.com"}, "CustomerMemo": {"value": "Thank you"},
        "CustomField": [{"DefinitionId": "1", "Name": "PO", "Type": "StringType", "StringValue": "77"}],
        "DeliveryInfo": {"DeliveryType": "Email"},
        "MetaData": {"CreateTime": "2025-03-14T02:30:00-07:00"},
        "TxnTaxDetail": {"TotalTax": 0, "TaxLine": [
            {"Amount": 0, "DetailType": "TaxLineDetail",
             "TaxLineDetail": {"TaxRateRef": ref("1"), "PercentBased": True, "TaxPercent": 0, "NetAmountTaxable": 0}}]},
        "Line": [
            {"Amount": 100, "DetailType": "SalesItemLineDetail", "Description": "Work",
             "SalesItemLineDetail": {"ItemRef": ref("1", "Services"), "Qty": 2, "UnitPrice": 50,
                                     "ClassRef": ref("1"), "MarkupInfo": {"PercentBased": True, "Percent": 0}}},
            {"DetailType": "DescriptionOnly", "Description": "Note",
             "DescriptionLineDetail": {"ServiceDate": "2025-03-14"}},
            {"Amount": 10, "DetailType": "GroupLineDetail", "GroupLineDetail": {"GroupItemRef": ref("2"),
                                                                                "Quantity": 1}},
            {"Amount": 110, "DetailType": "SubTotalLineDetail", "SubTotalLineDetail": {}},
            {"Amount": 5, "DetailType": "DiscountLineDetail",
             "DiscountLineDetail": {"PercentBased": False, "DiscountAccountRef": ref("1")}},
        ],
    }
