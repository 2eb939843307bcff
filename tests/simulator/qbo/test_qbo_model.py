"""Domain rules of a QBO realm, without HTTP: computed balances, payments and their links,
sync tokens, the closing date, credit memos, and python-quickbooks' payload quirks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from conftest import sales_line

from connsim.simulator.qbo.errors import (
    BusinessValidation,
    DuplicateDocNumber,
    DuplicateName,
    InvalidProperty,
    InvalidReference,
    ObjectNotFound,
    PeriodClosed,
    RequiredParamMissing,
    StaleObject,
)
from connsim.simulator.qbo.model import QboBackend


def customer(qbo: QboBackend, name: str = "Bob's Burgers") -> str:
    return qbo.create("Customer", {"DisplayName": name}).id


def invoice(qbo: QboBackend, customer_id: str, amount: Any = 100, **extra: Any) -> Any:
    return qbo.create("Invoice", {"CustomerRef": {"value": customer_id}, "Line": [sales_line(amount)], **extra})


def pay(qbo: QboBackend, customer_id: str, total: Any, *lines: tuple[str, Any], txn_type: str = "Invoice") -> Any:
    return qbo.create("Payment", {"CustomerRef": {"value": customer_id}, "TotalAmt": total,
                                  "Line": [{"Amount": amount, "LinkedTxn": [{"TxnId": txn_id, "TxnType": txn_type}]}
                                           for txn_id, amount in lines]})


# -- balances and payments ----------------------------------------------------------------------------
def test_invoice_balance_is_computed_and_ignores_client_balance(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = qbo.create("Invoice", {"CustomerRef": {"value": cid}, "Balance": 0, "TotalAmt": "",
                                 "Line": [sales_line(60), sales_line("40.50")]})
    view = qbo.view(inv)
    assert view["TotalAmt"] == Decimal("100.50") and view["Balance"] == Decimal("100.50")
    assert view["Line"][-1]["DetailType"] == "SubTotalLineDetail"
    assert view["Id"] == "1" and view["SyncToken"] == "0" and view["DocNumber"] == "1001"


def test_payment_reduces_balance_links_invoice_and_keeps_remainder_unapplied(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    payment = pay(qbo, cid, 65, (inv.id, 55))
    assert qbo.view(payment)["UnappliedAmt"] == Decimal("10.00")
    view = qbo.view(qbo.get("Invoice", inv.id))
    assert view["Balance"] == Decimal("45.00")
    assert view["LinkedTxn"] == [{"TxnId": payment.id, "TxnType": "Payment"}]
    assert view["SyncToken"] == "1", "linking a payment changes the invoice"
    assert qbo.view(qbo.get("Customer", cid))["Balance"] == Decimal("45.00")


def test_line_more_than_open_balance_is_a_business_validation_error(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    pay(qbo, cid, 80, (inv.id, 80))
    with pytest.raises(BusinessValidation) as err:
        pay(qbo, cid, 30, (inv.id, 30))
    assert err.value.code == "6000" and err.value.detail.startswith("Business Validation Error:")
    assert qbo.get("Invoice", inv.id).balance == Decimal("20.00")


def test_overapplied_line_is_clipped_when_the_tenant_says_so(qbo: QboBackend, realm: Any) -> None:
    realm.settings["reject_overapplied_lines"] = False
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    payment = pay(qbo, cid, 150, (inv.id, 150))
    assert qbo.get("Invoice", inv.id).balance == 0 and payment.unapplied == Decimal("50.00")


def test_lines_adding_up_to_more_than_total_are_rejected(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    with pytest.raises(BusinessValidation):
        pay(qbo, cid, 10, (inv.id, 50))


@pytest.mark.parametrize("deleted", [True, False])
def test_payment_against_deleted_or_unknown_invoice_is_610(qbo: QboBackend, deleted: bool) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    if deleted:
        qbo.delete("Invoice", {"Id": inv.id, "SyncToken": "0"})
    with pytest.raises(ObjectNotFound) as err:
        pay(qbo, cid, 10, (inv.id if deleted else "999", 10))
    assert err.value.code == "610"
    assert err.value.detail == "Object Not Found: Another user has deleted this transaction."


def test_deleting_a_paid_invoice_leaves_the_payment_unapplied(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    payment = pay(qbo, cid, 40, (inv.id, 40))
    qbo.delete("Invoice", {"Id": inv.id, "SyncToken": "1"})
    assert payment.applications == [] and payment.unapplied == Decimal("40.00") and payment.sync == 1
    with pytest.raises(ObjectNotFound):
        qbo.get("Invoice", inv.id)


def test_void_payment_restores_invoice_balance(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    payment = pay(qbo, cid, 100, (inv.id, 100))
    assert qbo.get("Invoice", inv.id).balance == 0
    qbo.void("Payment", {"Id": payment.id, "SyncToken": "0", "sparse": True})
    view = qbo.view(payment)
    assert view["TotalAmt"] == 0 and view["Line"] == [] and view["PrivateNote"] == "Voided"
    assert qbo.get("Invoice", inv.id).balance == Decimal("100.00")


def test_void_invoice_zeroes_it(qbo: QboBackend) -> None:
    inv = invoice(qbo, customer(qbo), 100)
    view = qbo.view(qbo.void("Invoice", {"Id": inv.id, "SyncToken": 0}))
    assert view["TotalAmt"] == 0 and view["Balance"] == 0 and view["SyncToken"] == "1"


def test_payment_update_moves_application(qbo: QboBackend) -> None:
    cid = customer(qbo)
    first, second = invoice(qbo, cid, 100), invoice(qbo, cid, 50)
    payment = pay(qbo, cid, 50, (first.id, 50))
    qbo.update("Payment", {"Id": payment.id, "SyncToken": "0", "CustomerRef": {"value": cid}, "TotalAmt": 50,
                           "Line": [{"Amount": 50, "LinkedTxn": [{"TxnId": second.id, "TxnType": "Invoice"}]}]},
               sparse=False)
    assert first.balance == Decimal("100.00") and second.balance == 0


# -- sync tokens ------------------------------------------------------------------------------------
def test_stale_sync_token_is_5010_and_changes_nothing(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    qbo.update("Invoice", {"Id": inv.id, "SyncToken": 0, "PrivateNote": "first"}, sparse=True)
    with pytest.raises(StaleObject) as err:
        qbo.update("Invoice", {"Id": inv.id, "SyncToken": "0", "PrivateNote": "second"}, sparse=True)
    assert err.value.code == "5010" and err.value.message == "Stale Object Error"
    assert "were working on this at the same time" in err.value.detail
    assert qbo.view(inv)["PrivateNote"] == "first" and inv.sync == 1


def test_missing_sync_token_is_required_param(qbo: QboBackend) -> None:
    inv = invoice(qbo, customer(qbo), 100)
    with pytest.raises(RequiredParamMissing):
        qbo.update("Invoice", {"Id": inv.id, "PrivateNote": "x"}, sparse=True)


def test_sparse_keeps_fields_full_update_clears_them(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100, PrivateNote="keep me")
    qbo.update("Invoice", {"Id": inv.id, "SyncToken": "0", "DueDate": "2025-04-30"}, sparse=True)
    assert qbo.view(inv)["PrivateNote"] == "keep me"
    qbo.update("Invoice", {"Id": inv.id, "SyncToken": "1", "CustomerRef": {"value": cid},
                           "Line": [sales_line(70)]}, sparse=False)
    view = qbo.view(inv)
    assert "PrivateNote" not in view and view["TotalAmt"] == Decimal("70.00") and view["SyncToken"] == "2"


def test_invoice_total_cannot_drop_below_payments(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    pay(qbo, cid, 80, (inv.id, 80))
    with pytest.raises(BusinessValidation):
        qbo.update("Invoice", {"Id": inv.id, "SyncToken": "1", "Line": [sales_line(50)]}, sparse=True)


# -- closing date -----------------------------------------------------------------------------------
def test_closing_date_blocks_creates_and_updates_on_or_before_it(qbo: QboBackend, realm: Any) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100, TxnDate="2025-01-31")
    qbo.set_closing_date(date(2025, 1, 31))
    with pytest.raises(PeriodClosed) as err:
        invoice(qbo, cid, 10, TxnDate="2025-01-31")
    assert err.value.code == "6200" and err.value.message == "Account Period Closed"
    assert err.value.detail.startswith("The account period has closed and the account books cannot be updated")
    with pytest.raises(PeriodClosed):  # editing an invoice dated in the closed period
        qbo.update("Invoice", {"Id": inv.id, "SyncToken": "0", "TxnDate": "2025-02-05"}, sparse=True)
    with pytest.raises(PeriodClosed):  # a payment dated in the closed period
        qbo.create("Payment", {"CustomerRef": {"value": cid}, "TotalAmt": 5, "TxnDate": "2025-01-15"})
    assert invoice(qbo, cid, 10, TxnDate="2025-02-01").txn_date == date(2025, 2, 1)
    qbo.set_closing_date(date(2025, 1, 31), password=True)
    with pytest.raises(PeriodClosed) as err:
        invoice(qbo, cid, 10, TxnDate="2025-01-01")
    assert err.value.code == "6210"
    realm.settings["closed_period_code"] = "5010"
    with pytest.raises(PeriodClosed) as err:
        invoice(qbo, cid, 10, TxnDate="2025-01-01")
    assert err.value.code == "5010"
    qbo.set_closing_date(None)
    assert invoice(qbo, cid, 10, TxnDate="2025-01-01").total == Decimal("10.00")


def test_undated_create_uses_today_for_the_closing_check(qbo: QboBackend) -> None:
    cid = customer(qbo)
    qbo.set_closing_date(date(2025, 3, 14))  # the frozen clock's day
    with pytest.raises(PeriodClosed):
        invoice(qbo, cid, 10)


# -- credit memos -----------------------------------------------------------------------------------
def test_credit_memo_applied_and_unapplied_changes_invoice_balance(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    credit = qbo.create("CreditMemo", {"CustomerRef": {"value": cid}, "Line": [sales_line(30)]}, ui=True)
    assert qbo.apply_credit(credit.id, inv.id, 20) == Decimal("20.00")
    assert inv.balance == Decimal("80.00") and credit.remaining == Decimal("10.00")
    assert {"TxnId": credit.id, "TxnType": "CreditMemo"} in qbo.view(inv)["LinkedTxn"]
    with pytest.raises(BusinessValidation):
        qbo.apply_credit(credit.id, inv.id, 50)
    assert qbo.unapply_credit(credit.id, inv.id) == Decimal("20.00")
    assert inv.balance == Decimal("100.00") and credit.remaining == Decimal("30.00")


def test_payment_with_credit_memo_line_uses_the_credit(qbo: QboBackend) -> None:
    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    credit = qbo.create("CreditMemo", {"CustomerRef": {"value": cid}, "Line": [sales_line(30)]})
    payment = qbo.create("Payment", {"CustomerRef": {"value": cid}, "TotalAmt": 70, "Line": [
        {"Amount": 100, "LinkedTxn": [{"TxnId": inv.id, "TxnType": "Invoice"}]},
        {"Amount": 30, "LinkedTxn": [{"TxnId": credit.id, "TxnType": "CreditMemo"}]}]})
    assert inv.balance == 0 and credit.remaining == 0 and payment.unapplied == 0


def test_recreated_invoice_has_new_id_same_number(qbo: QboBackend) -> None:
    cid = customer(qbo)
    old = invoice(qbo, cid, 100, DocNumber="A-7")
    new = qbo.recreate_invoice(old.id)
    assert new.id != old.id and new.doc_number == "A-7" and new.total == Decimal("100.00") and old.deleted


# -- customers and python-quickbooks quirks ------------------------------------------------------------
def test_duplicate_display_name_is_6240(qbo: QboBackend) -> None:
    customer(qbo, "Acme")
    with pytest.raises(DuplicateName) as err:
        customer(qbo, "acme")
    assert err.value.code == "6240"


def test_duplicate_doc_number_only_when_the_tenant_rejects_them(qbo: QboBackend, realm: Any) -> None:
    cid = customer(qbo)
    invoice(qbo, cid, 1, DocNumber="500")
    invoice(qbo, cid, 1, DocNumber="500")
    realm.settings["reject_duplicate_doc_number"] = True
    with pytest.raises(DuplicateDocNumber):
        invoice(qbo, cid, 1, DocNumber="500")


def test_python_quickbooks_defaults_are_tolerated(qbo: QboBackend) -> None:
    cid = qbo.create("Customer", {"DisplayName": "Q", "OpenBalanceDate": "", "Level": 0, "FullyQualifiedName": "",
                                  "Balance": 0, "SyncToken": 0, "sparse": False, "domain": "QBO"}).id
    inv = qbo.create("Invoice", {"CustomerRef": {"value": cid, "name": "", "type": ""}, "TxnDate": "", "DueDate": "",
                                 "ShipDate": "", "TotalAmt": "", "Balance": 0, "Deposit": 0, "HomeBalance": 0,
                                 "SyncToken": 0, "sparse": False, "domain": "QBO", "CustomField": [],
                                 "InvoiceLink": "", "Line": [dict(sales_line(12), LineNum=0, LinkedTxn=[])]})
    assert inv.total == Decimal("12.00") and inv.txn_date == date(2025, 3, 14)
    payment = qbo.create("Payment", {"CustomerRef": {"value": cid}, "TotalAmt": 12, "Line": [
        {"Amount": 12, "LinkedTxn": [{"TxnId": inv.id, "TxnType": "Invoice", "TxnLineId": 1}]}]})
    assert payment.unapplied == 0


@pytest.mark.parametrize("fields, error", [
    ({"Line": [sales_line(1)]}, RequiredParamMissing),
    ({"CustomerRef": {"value": "77"}, "Line": [sales_line(1)]}, InvalidReference),
    ({"CustomerRef": {"value": "1"}, "Line": [sales_line("ten")]}, InvalidProperty),
    ({"CustomerRef": {"value": "1"}, "Line": [sales_line(1)], "TxnDate": "14/03/2025"}, InvalidProperty),
    ({"CustomerRef": {"value": "1"}, "Line": []}, BusinessValidation),
    ({"CustomerRef": {"value": "1"}, "Line": [{"Amount": 1, "DetailType": "Bogus"}]}, InvalidProperty),
])
def test_invalid_invoices_are_rejected_with_their_codes(qbo: QboBackend, fields: dict[str, Any],
                                                        error: type) -> None:
    customer(qbo)
    with pytest.raises(error) as err:
        qbo.create("Invoice", fields)
    assert err.value.code.isdigit()
    assert qbo.store["Invoice"] == {}


def test_inactive_customer_cannot_be_invoiced(qbo: QboBackend) -> None:
    cid = customer(qbo)
    qbo.update("Customer", {"Id": cid, "SyncToken": "0", "Active": False}, sparse=True)
    with pytest.raises(ObjectNotFound):
        invoice(qbo, cid)


def test_snapshot_is_json_and_lists_state(qbo: QboBackend) -> None:
    import json

    cid = customer(qbo)
    inv = invoice(qbo, cid, 100)
    pay(qbo, cid, 10, (inv.id, 10))
    qbo.set_closing_date(date(2024, 12, 31))
    snap = json.loads(json.dumps(qbo.snapshot()))
    assert snap["BookCloseDate"] == "2024-12-31"
    assert snap["invoices"][0]["Balance"] == 90.0 and snap["invoices"][0]["LinkedTxn"][0]["TxnType"] == "Payment"
    assert snap["payments"][0]["TotalAmt"] == 10.0 and snap["customers"][0]["DisplayName"] == "Bob's Burgers"
