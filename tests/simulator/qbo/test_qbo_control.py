"""The control actions the harness calls (/_connsim/qbo/<realm>/...), and what the API sees after."""

from __future__ import annotations

import pytest
from conftest import QboApi, assert_fault, sales_line

from connsim.simulator.client import ControlError


def act(api: QboApi, path: str, body: dict | None = None) -> dict:
    return api.control.action("qbo", f"{api.realm}/{path}", body or {})


def test_setup_payment_by_hand_and_credit_memos(api: QboApi) -> None:
    customer = act(api, "customers", {"name": "Control Co"})
    invoice = act(api, "invoices", {"customer_id": customer["Id"], "amount": 100.0, "date": "2025-03-01",
                                    "doc_number": "1001"})
    assert invoice["DocNumber"] == "1001" and invoice["TxnDate"] == "2025-03-01" and invoice["Balance"] == 100.0
    payment = act(api, "payments", {"invoice_id": invoice["Id"], "amount": 30.0})
    assert payment["TotalAmt"] == 30.0 and payment["Line"][0]["LinkedTxn"][0]["TxnId"] == invoice["Id"]
    credit = act(api, "credit-memos", {"customer_id": customer["Id"], "amount": 20.0})
    assert credit["RemainingCredit"] == 20.0
    applied = act(api, f"credit-memos/{credit['Id']}/apply", {"invoice_id": invoice["Id"], "amount": 20.0})
    assert applied["applied"]["amount"] == 20.0 and applied["Invoice"]["Balance"] == 50.0
    read = api.call("GET", f"invoice/{invoice['Id']}").json()["Invoice"]
    assert read["Balance"] == 50.0 and {link["TxnType"] for link in read["LinkedTxn"]} == {"Payment", "CreditMemo"}
    unapplied = act(api, f"credit-memos/{credit['Id']}/unapply", {"invoice_id": invoice["Id"]})
    assert unapplied["unapplied"]["amount"] == 20.0 and unapplied["Invoice"]["Balance"] == 70.0
    state = api.control.tenant_state(api.realm)
    assert state["invoices"][0]["Balance"] == 70.0 and len(state["payments"]) == 1
    assert state["creditMemos"][0]["RemainingCredit"] == 20.0


def test_manual_payment_makes_the_connector_payment_fail(api: QboApi) -> None:
    customer = act(api, "customers", {"name": "Paid Twice"})
    invoice = act(api, "invoices", {"customer_id": customer["Id"], "amount": 100.0})
    act(api, "payments", {"invoice_id": invoice["Id"], "amount": 100.0})
    attempt = api.call("POST", "payment", json={"CustomerRef": {"value": customer["Id"]}, "TotalAmt": 100, "Line": [
        {"Amount": 100, "LinkedTxn": [{"TxnId": invoice["Id"], "TxnType": "Invoice"}]}]})
    assert_fault(attempt, 400, "6000")


def test_deleted_and_recreated_invoice(api: QboApi) -> None:
    customer = act(api, "customers", {"name": "Recreated"})
    invoice = act(api, "invoices", {"customer_id": customer["Id"], "amount": 55.0, "doc_number": "2001"})
    assert act(api, f"invoices/{invoice['Id']}/delete") == {"deleted": invoice["Id"]}
    new = act(api, f"invoices/{invoice['Id']}/recreate")
    assert new["Id"] != invoice["Id"] and new["DocNumber"] == "2001" and new["TotalAmt"] == 55.0
    attempt = api.call("POST", "payment", json={"CustomerRef": {"value": customer["Id"]}, "TotalAmt": 55, "Line": [
        {"Amount": 55, "LinkedTxn": [{"TxnId": invoice["Id"], "TxnType": "Invoice"}]}]})
    error = assert_fault(attempt, 400, "610")
    assert error["Detail"] == "Object Not Found: Another user has deleted this transaction."


def test_edit_and_void_as_a_person_does_bump_the_sync_token(api: QboApi) -> None:
    customer = act(api, "customers", {"name": "Edited"})
    invoice = act(api, "invoices", {"customer_id": customer["Id"], "amount": 80.0, "doc_number": "3001"})
    edited = act(api, f"invoices/{invoice['Id']}/edit", {"amount": 95.0, "PrivateNote": "fixed the rate"})
    assert edited["TotalAmt"] == 95.0 and edited["Balance"] == 95.0 and edited["SyncToken"] != invoice["SyncToken"]
    stale = api.call("POST", "invoice", json={"Id": invoice["Id"], "SyncToken": invoice["SyncToken"], "sparse": True,
                                              "PrivateNote": "connector overwrite"})
    assert_fault(stale, 400, "5010")
    voided = act(api, f"invoices/{invoice['Id']}/void")
    assert voided["TotalAmt"] == 0.0 and voided["Balance"] == 0.0
    read = api.call("GET", f"invoice/{invoice['Id']}").json()["Invoice"]
    assert read["TotalAmt"] == 0.0 and read["SyncToken"] == voided["SyncToken"]


def test_closing_date_rejects_api_writes_not_ui_ones(api: QboApi) -> None:
    assert act(api, "closing-date", {"date": "2025-02-28", "password": False}) == {
        "BookCloseDate": "2025-02-28", "password": False}
    customer = act(api, "customers", {"name": "Closed"})
    attempt = api.call("POST", "invoice", json={"CustomerRef": {"value": customer["Id"]}, "TxnDate": "2025-02-28",
                                                "Line": [sales_line(10)]})
    error = assert_fault(attempt, 400, "6200")
    assert error["Message"] == "Account Period Closed"
    act(api, "closing-date", {"date": "2025-02-28", "password": True})
    assert_fault(api.call("POST", "invoice", json={"CustomerRef": {"value": customer["Id"]}, "TxnDate": "2025-01-02",
                                                   "Line": [sales_line(10)]}), 400, "6210")
    assert act(api, "invoices", {"customer_id": customer["Id"], "amount": 5, "date": "2025-01-02"})["Id"]
    assert act(api, "closing-date", {"date": None})["BookCloseDate"] is None


@pytest.mark.parametrize("path, body", [("invoices", {"customer_id": "1"}), ("closing-date", {"date": "31/12/2024"}),
                                        ("payments", {"invoice_id": "42", "amount": 5}),
                                        ("credit-memos/9/apply", {"invoice_id": "1", "amount": 1})])
def test_bad_control_requests_are_4xx(api: QboApi, path: str, body: dict) -> None:
    with pytest.raises(ControlError) as err:
        act(api, path, body)
    assert 400 <= err.value.status < 500


def test_seeded_realm_has_customers_and_invoices(api: QboApi) -> None:
    tenant = api.control.create_tenant("qbo-realm", "Seeded", populate=True)
    assert len(tenant["seeded"]["customers"]) == 5 and len(tenant["seeded"]["invoices"]) == 8
    again = api.control.create_tenant("qbo-realm", "Seeded again", populate=True)
    first = api.control.tenant_state(tenant["id"])["customers"]
    assert len(api.control.tenant_state(again["id"])["customers"]) == 5 and first[0]["DisplayName"]
