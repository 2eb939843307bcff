"""No silent acceptance, over the wire in both modes: on every simulated entity an unknown property,
a reference to nothing and a malformed Id each get QBO's own Fault, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import QboApi, assert_fault, count

WRITABLE = ("Customer", "Invoice", "Payment", "CreditMemo", "Item", "Account", "Term", "PaymentMethod", "Class",
            "Department")
READABLE = (*WRITABLE, "TaxCode", "TaxRate")


@pytest.fixture(autouse=True)
def unthrottled(api: QboApi) -> None:
    """Many calls at one frozen instant: lift Intuit's 10/second so the answers are the validation ones."""
    api.control.tenant_settings(api.realm, rate_limits={"second": 10_000, "minute": 10_000})


def test_unknown_property_on_every_entity_is_2010(api: QboApi) -> None:
    for entity in WRITABLE:
        before = count(api, entity)
        error = assert_fault(api.call("POST", entity.lower(), json={"BadJson": True}), 400, "2010")
        assert error["Message"] == "Request has invalid or unsupported property"
        assert error["Detail"].startswith(f'Property Name:Unrecognized field "BadJson" (class '
                                          f"com.intuit.schema.finance.v3.{entity}), not marked as ignorable (")
        assert "element" not in error  # as recorded
        assert count(api, entity) == before, entity


def test_malformed_id_on_every_entity_is_2030(api: QboApi) -> None:
    for entity in READABLE:
        response = api.call("GET", f"{entity.lower()}/1.5")
        assert response.status_code == 400 and response.json()["Fault"]["Error"][0]["code"] == "2030", entity
        assert_fault(api.call("GET", f"{entity.lower()}/99999"), 400, "610")


def customer_id(api: QboApi) -> str:
    return str(api.create("Customer", {"DisplayName": "Refs Ltd"})["Id"])


def test_every_checked_reference_to_nothing_is_2500(api: QboApi) -> None:
    buyer = customer_id(api)
    line = {"Amount": 10, "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {"ItemRef": {"value": "1"}}}
    invoice = {"CustomerRef": {"value": buyer}, "Line": [line]}
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("Invoice", {**invoice, "CustomerRef": {"value": "9999"}}, "Names element id 9999 not found"),
        ("Invoice", {**invoice, "SalesTermRef": {"value": "9999"}}, "Terms element id 9999 not found"),
        ("Invoice", {**invoice, "ClassRef": {"value": "9999"}}, "Klasses element id 9999 not found"),
        ("Invoice", {**invoice, "DepartmentRef": {"value": "9999"}}, "Departments element id 9999 not found"),
        ("Invoice", {**invoice, "Line": [{**line, "SalesItemLineDetail": {"ItemRef": {"value": "9999"}}}]},
         "Line.SalesItemLineDetail.ItemRef"),
        ("Invoice", {**invoice, "Line": [{**line, "SalesItemLineDetail": {"ItemRef": {"value": "1"},
                                                                          "TaxCodeRef": {"value": "ZZZ"}}}]},
         "Line.SalesItemLineDetail.TaxCodeRef"),
        ("CreditMemo", {**invoice, "PaymentMethodRef": {"value": "9999"}}, "PaymentMethods element id 9999"),
        ("Payment", {"CustomerRef": {"value": buyer}, "TotalAmt": 5, "DepositToAccountRef": {"value": "9999"}},
         "Accounts element id 9999 not found"),
        ("Payment", {"CustomerRef": {"value": buyer}, "TotalAmt": 5, "ARAccountRef": {"value": "9999"}},
         "Accounts element id 9999 not found"),
        ("Customer", {"DisplayName": "Child", "ParentRef": {"value": "9999"}}, "Names element id 9999 not found"),
        ("Customer", {"DisplayName": "Termed", "SalesTermRef": {"value": "9999"}}, "Terms element id 9999"),
        ("Item", {"Name": "Orphan", "Type": "Service", "IncomeAccountRef": {"value": "9999"}},
         "Accounts element id 9999 not found"),
        ("Item", {"Name": "Orphan", "Type": "Service", "IncomeAccountRef": {"value": "13"},
                  "SalesTaxCodeRef": {"value": "9999"}}, "TaxCodes element id 9999 not found"),
        ("Account", {"Name": "Orphan", "AccountType": "Bank", "ParentRef": {"value": "9999"}},
         "Accounts element id 9999 not found"),
        ("Class", {"Name": "Orphan", "ParentRef": {"value": "9999"}}, "Klasses element id 9999 not found"),
    ]
    for entity, body, detail in cases:
        before = count(api, entity)
        error = assert_fault(api.call("POST", entity.lower(), json=body), 400, "2500")
        assert error["Message"] == "Invalid Reference Id" and detail in error["Detail"], (entity, body, error)
        assert count(api, entity) == before, (entity, body)
