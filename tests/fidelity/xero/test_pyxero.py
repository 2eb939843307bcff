"""pyxero (PyPI ``pyxero``, freakboy3742/pyxero), a community client nobody here wrote, unchanged,
in both modes. It writes XML bodies (``Content-Type: application/xml``) and reads JSON
(``Accept: application/json``): a contact with addresses and phones, an item, an invoice with that
item and a tax type, a payment, each read back; and Xero's own errors for what it must refuse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

xero_mod = pytest.importorskip("xero")

from xero import Xero  # noqa: E402
from xero.auth import OAuth2Credentials  # noqa: E402
from xero.exceptions import XeroBadRequest, XeroUnauthorized  # noqa: E402

SCOPES = ["accounting.transactions", "accounting.contacts", "accounting.settings", "offline_access"]


@pytest.fixture(autouse=True)
def _plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """oauthlib refuses bearer tokens over http unless told; `connsim serve` listens on plain http."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


def _client(remote: Any, scopes: list[str] = SCOPES) -> tuple[Xero, str]:
    control = remote.control
    control.freeze()
    tenant = control.create_tenant("xero-org", "pyxero Org", populate=False)["id"]
    token = control.issue_tokens("xero", [tenant], scopes=scopes)
    credentials = OAuth2Credentials("connsim-xero-client", "connsim-xero-secret", scope=scopes, tenant_id=tenant,
                                    token={"access_token": token["access_token"], "token_type": "Bearer"})
    if remote.mode == "server":
        credentials.base_url = remote.endpoints.xero_api  # pyxero's managers read it when built
    return Xero(credentials), tenant


def test_contact_item_invoice_payment_round_trip(connsim_remote: Any) -> None:
    xero, _ = _client(connsim_remote)
    [contact] = xero.contacts.put({
        "Name": "Parker Surveying Pty Ltd", "EmailAddress": "accounts@parker.example", "TaxNumber": "51824753556",
        "Addresses": [{"AddressType": "POBOX", "AddressLine1": "PO Box 123", "City": "Melbourne",
                       "PostalCode": "3000", "Country": "Australia"},
                      {"AddressType": "STREET", "AddressLine1": "1 Collins St", "City": "Melbourne"}],
        "Phones": [{"PhoneType": "DEFAULT", "PhoneAreaCode": "03", "PhoneNumber": "9123 4567"},
                   {"PhoneType": "MOBILE", "PhoneNumber": "0400 000 000"}],
        "ContactPersons": [{"FirstName": "Ann", "LastName": "Lee", "EmailAddress": "ann@parker.example",
                            "IncludeInEmails": True}],
        "PaymentTerms": {"Sales": {"Day": 14, "Type": "DAYSAFTERBILLDATE"}}})
    read = xero.contacts.get(contact["ContactID"])[0]
    addresses = {a["AddressType"]: a for a in read["Addresses"]}
    assert addresses["POBOX"]["AddressLine1"] == "PO Box 123" and addresses["STREET"]["City"] == "Melbourne"
    phones = {p["PhoneType"]: p for p in read["Phones"]}
    assert phones["DEFAULT"]["PhoneNumber"] == "9123 4567" and phones["MOBILE"]["PhoneNumber"] == "0400 000 000"
    assert read["ContactPersons"][0]["EmailAddress"] == "ann@parker.example"
    assert read["TaxNumber"] == "51824753556"
    assert read["PaymentTerms"]["Sales"] == {"Day": 14, "Type": "DAYSAFTERBILLDATE"}

    [item] = xero.items.put({"Code": "SURVEY", "Name": "Site survey", "Description": "Site survey (per visit)",
                             "SalesDetails": {"UnitPrice": Decimal("450.00"), "AccountCode": "200",
                                              "TaxType": "OUTPUT"}})
    assert xero.items.get(item["ItemID"])[0]["SalesDetails"]["UnitPrice"] == 450.0

    [invoice] = xero.invoices.put({
        "Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]}, "Date": dt.date(2026, 3, 2),
        "DueDate": dt.date(2026, 3, 16), "Status": "AUTHORISED", "LineAmountTypes": "Exclusive",
        "LineItems": [{"ItemCode": "SURVEY", "Quantity": 2},
                      {"Description": "Travel", "Quantity": 1, "UnitAmount": Decimal("80.00"),
                       "AccountCode": "260", "TaxType": "EXEMPTOUTPUT"}]})
    assert invoice["Total"] == 1070.0 and invoice["TotalTax"] == 90.0
    first = invoice["LineItems"][0]
    assert (first["Description"], first["UnitAmount"], first["AccountCode"], first["TaxType"]) == (
        "Site survey (per visit)", 450.0, "200", "OUTPUT")
    assert invoice["Date"].date() == dt.date(2026, 3, 2)  # pyxero parsed the /Date(…)/ it got back

    [payment] = xero.payments.put({"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Account": {"Code": "090"},
                                   "Date": dt.date(2026, 3, 10), "Amount": Decimal("1070.00"),
                                   "Reference": "EFT 5521"})
    assert xero.payments.get(payment["PaymentID"])[0]["Amount"] == 1070.0
    paid = xero.invoices.get(invoice["InvoiceID"])[0]
    assert paid["Status"] == "PAID" and paid["AmountDue"] == 0.0
    assert [p["PaymentID"] for p in paid["Payments"]] == [payment["PaymentID"]]
    found = xero.contacts.filter(Name="Parker Surveying Pty Ltd")
    assert [c["ContactID"] for c in found] == [contact["ContactID"]]


@pytest.mark.parametrize("element, message", [
    ({"Name": "Typo Ltd", "EmailAdress": "x@y.example"}, "The element 'EmailAdress' was not recognised"),
    ({"Name": "Case Ltd", "Taxnumber": "1"}, "The element 'Taxnumber' was not recognised"),  # XML names are exact
])
def test_unknown_elements_are_refused(connsim_remote: Any, element: dict[str, Any], message: str) -> None:
    xero, _ = _client(connsim_remote)
    with pytest.raises(XeroBadRequest) as refused:
        xero.contacts.put(element)
    assert refused.value.response.status_code == 400 and message in str(refused.value)
    assert "PostDataInvalidException" in str(refused.value)
    assert xero.contacts.filter(Name=element["Name"]) == []


@pytest.mark.parametrize("line, message", [
    ({"Description": "x", "UnitAmount": 1, "AccountCode": "999"},
     "Account code '999' is not a valid code for this document."),
    ({"Description": "x", "UnitAmount": 1, "TaxType": "BOGUS"},
     "The TaxType code BOGUS does not exist or cannot be used for this type of transaction."),
    ({"ItemCode": "NOPE", "Quantity": 1}, "Item code 'NOPE' is not valid"),
])
def test_unknown_references_on_lines(connsim_remote: Any, line: dict[str, Any], message: str) -> None:
    xero, _ = _client(connsim_remote)
    [contact] = xero.contacts.put({"Name": "Ref Check Ltd"})
    with pytest.raises(XeroBadRequest) as refused:
        xero.invoices.put({"Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]},
                           "Date": dt.date(2026, 3, 2), "LineItems": [line]})
    assert refused.value.errors == [message]


def test_unknown_and_malformed_contact_ids(connsim_remote: Any) -> None:
    xero, _ = _client(connsim_remote)
    with pytest.raises(XeroBadRequest) as unknown:
        xero.invoices.put({"Type": "ACCREC", "Contact": {"ContactID": "0b8f4d1e-35a8-4a6f-9a57-3e4a1f0c2b11"},
                           "LineItems": [{"Description": "x", "UnitAmount": 1}]})
    assert unknown.value.errors == ["The contact with the specified ContactID could not be found"]
    with pytest.raises(XeroBadRequest) as malformed:
        xero.invoices.put({"Type": "ACCREC", "Contact": {"ContactID": "not-a-guid"},
                           "LineItems": [{"Description": "x", "UnitAmount": 1}]})
    assert "PostDataInvalidException" in str(malformed.value) and "not-a-guid" in str(malformed.value)


def test_a_missing_scope_is_authorization_unsuccessful(connsim_remote: Any) -> None:
    xero, _ = _client(connsim_remote, scopes=["accounting.contacts.read", "offline_access"])
    assert xero.contacts.all() == []
    with pytest.raises(XeroUnauthorized) as refused:
        xero.contacts.put({"Name": "Write Without Scope Ltd"})
    assert refused.value.problem == "AuthorizationUnsuccessful"
    with pytest.raises(XeroUnauthorized):
        xero.invoices.all()
