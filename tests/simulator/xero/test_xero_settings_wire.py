"""Settings, items, overpayments and prepayments, contacts' details, XML and scopes on the wire
(both modes): every JSON answer validates against Xero's official OpenAPI schema; XML is Xero's
default format; nothing a client sends is dropped or accepted in silence."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from defusedxml import ElementTree as SafeET


def _check(schemas: Any, name: str, response: requests.Response, status: int = 200) -> dict[str, Any]:
    return schemas.check(name, response, status)  # type: ignore[no-any-return]

ALL_SCOPES = ["accounting.transactions", "accounting.contacts", "accounting.settings", "offline_access"]


def _session(remote: Any, scopes: list[str] = ALL_SCOPES, accept: str | None = "application/json") -> Any:
    control = remote.control
    control.freeze()
    tenant = control.create_tenant("xero-org", "Settings Org", populate=False)
    token = control.issue_tokens("xero", [tenant["id"]], scopes=scopes)
    session = requests.Session()
    session.headers.update({"Authorization": "Bearer " + token["access_token"], "xero-tenant-id": tenant["id"]})
    if accept:
        session.headers["Accept"] = accept
    else:
        session.headers.pop("Accept", None)
    base = remote.endpoints.xero_api + "/api.xro/2.0"

    def call(method: str, path: str, **kw: Any) -> requests.Response:
        return session.request(method, base + path, timeout=10, **kw)

    call.tenant = tenant["id"]  # type: ignore[attr-defined]
    call.control = control  # type: ignore[attr-defined]
    return call


@pytest.fixture
def api(connsim_remote: Any) -> Any:
    return _session(connsim_remote)


def test_settings_and_items_match_the_spec(api: Any, schemas: Any) -> None:
    rates = _check(schemas, "TaxRates", api("GET", "/TaxRates"))["TaxRates"]
    assert {"OUTPUT", "INPUT", "EXEMPTOUTPUT", "BASEXCLUDED"} <= {r["TaxType"] for r in rates}
    assert _check(schemas, "TaxRates", api("GET", "/TaxRates/OUTPUT"))["TaxRates"][0]["EffectiveRate"] == 10.0
    region = _check(schemas, "TrackingCategories", api("GET", "/TrackingCategories"))["TrackingCategories"][0]
    _check(schemas, "TrackingCategories", api("GET", f"/TrackingCategories/{region['TrackingCategoryID']}"))
    assert _check(schemas, "Currencies", api("GET", "/Currencies"))["Currencies"] == [
        {"Code": "AUD", "Description": "Australian Dollar"}]
    theme = _check(schemas, "BrandingThemes", api("GET", "/BrandingThemes"))["BrandingThemes"][0]
    _check(schemas, "BrandingThemes", api("GET", f"/BrandingThemes/{theme['BrandingThemeID']}"))
    item = _check(schemas, "Items", api("PUT", "/Items", json={"Items": [{
        "Code": "HOUR", "Name": "Hourly rate", "Description": "Consulting hour",
        "SalesDetails": {"UnitPrice": 150, "AccountCode": "200", "TaxType": "OUTPUT"},
        "PurchaseDetails": {"UnitPrice": 90, "AccountCode": "412"}}]}))["Items"][0]
    updated = _check(schemas, "Items", api("POST", f"/Items/{item['ItemID']}", json={"Name": "Consulting hour"}))
    assert updated["Items"][0]["Name"] == "Consulting hour"
    assert _check(schemas, "Items", api("GET", "/Items/HOUR"))["Items"][0]["ItemID"] == item["ItemID"]
    assert [i["Code"] for i in _check(schemas, "Items", api("GET", "/Items", params={"where": 'Code=="HOUR"'}))[
        "Items"]] == ["HOUR"]
    duplicate = api("PUT", "/Items", json={"Code": "hour"})
    assert duplicate.status_code == 400 and "already exists" in duplicate.text
    contact = api("PUT", "/Contacts", json={"Name": "Tracked Pty Ltd"}).json()["Contacts"][0]
    invoice = _check(schemas, "Invoices", api("PUT", "/Invoices", json={"Invoices": [{
        "Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]}, "Date": "2026-03-01", "DueDate": "2026-03-31",
        "Status": "AUTHORISED", "LineItems": [{"ItemCode": "HOUR", "Quantity": 3,
                                              "Tracking": [{"Name": "Region", "Option": "north"}]}]}]}))["Invoices"][0]
    line = invoice["LineItems"][0]
    assert (line["UnitAmount"], line["AccountCode"], line["TaxType"], invoice["Total"]) == (150.0, "200", "OUTPUT", 495.0)
    assert line["Tracking"][0]["Option"] == "North" and line["Tracking"][0]["TrackingCategoryID"]
    assert invoice["UpdatedDateUTCString"].endswith("Z")
    bad = api("PUT", "/Invoices", json={"Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]},
                                        "LineItems": [{"Description": "x", "UnitAmount": 1,
                                                       "Tracking": [{"Name": "Region", "Option": "Mars"}]}]})
    assert bad.status_code == 400 and "Mars" in bad.json()["Elements"][0]["ValidationErrors"][0]["Message"]
    nzd = api("PUT", "/Invoices", json={"Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]},
                                        "CurrencyCode": "NZD", "LineItems": [{"Description": "x", "UnitAmount": 1}]})
    assert nzd.json()["Elements"][0]["ValidationErrors"][0]["Message"] == \
        "Users Organisation is not subscribed to currency NZD"


def test_contact_details_and_balances(api: Any, schemas: Any) -> None:
    sent = {"Name": "Detail Co", "TaxNumber": "12 345 678 901", "BankAccountDetails": "062-000 1234 5678",
            "Addresses": [{"AddressType": "STREET", "AddressLine1": "1 Main St", "City": "Sydney"}],
            "Phones": [{"PhoneType": "MOBILE", "PhoneNumber": "0400 111 222"}],
            "ContactPersons": [{"FirstName": "Bo", "EmailAddress": "bo@detail.example", "IncludeInEmails": True}],
            "PaymentTerms": {"Bills": {"Day": 20, "Type": "OFFOLLOWINGMONTH"}}}
    contact = _check(schemas, "Contacts", api("PUT", "/Contacts", json={"Contacts": [sent]}))["Contacts"][0]
    assert [a["AddressType"] for a in contact["Addresses"]] == ["POBOX", "STREET"]
    assert contact["Addresses"][1]["AddressLine1"] == "1 Main St"
    assert {p["PhoneType"]: p.get("PhoneNumber") for p in contact["Phones"]}["MOBILE"] == "0400 111 222"
    assert contact["BankAccountDetails"] == "062-000 1234 5678" and contact["TaxNumber"] == "12 345 678 901"
    api("PUT", "/Invoices", json={"Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]}, "Status": "AUTHORISED",
                                  "Date": "2026-01-01", "DueDate": "2026-01-15",
                                  "LineItems": [{"Description": "x", "UnitAmount": 100, "AccountCode": "200"}]})
    read = _check(schemas, "Contacts", api("GET", f"/Contacts/{contact['ContactID']}"))["Contacts"][0]
    assert read["Balances"]["AccountsReceivable"] == {"Outstanding": 110.0, "Overdue": 110.0}
    for body, text in (({"Name": "Bad Mail", "EmailAddress": "not-an-email"}, "Email address must be valid"),
                       ({"Name": "Bad Type", "Addresses": [{"AddressType": "MOON"}]}, "MOON"),
                       ({"Name": "Bad Field", "Colour": "blue"}, "The element 'Colour' was not recognised")):
        refused = api("PUT", "/Contacts", json=body)
        assert refused.status_code == 400 and text in refused.text


def test_overpayments_and_prepayments_allocate(api: Any, schemas: Any) -> None:
    control, tid = api.control, api.tenant
    contact = api("PUT", "/Contacts", json={"Name": "Credit Holder"}).json()["Contacts"][0]
    invoice = api("PUT", "/Invoices", json={"Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]},
                                            "Status": "AUTHORISED", "Date": "2026-02-01", "LineAmountTypes": "NoTax",
                                            "LineItems": [{"Description": "x", "UnitAmount": 100}]}).json()["Invoices"][0]
    over = control.action("xero", f"{tid}/overpayments", {"contact_id": contact["ContactID"], "amount": 30.0,
                                                          "date": "2026-02-02"})
    pre = control.action("xero", f"{tid}/prepayments", {"contact_id": contact["ContactID"], "amount": 50.0,
                                                        "date": "2026-02-02"})
    assert over["Type"] == "RECEIVE-OVERPAYMENT" and pre["RemainingCredit"] == 50.0
    _check(schemas, "Overpayments", api("GET", "/Overpayments"))
    _check(schemas, "Prepayments", api("GET", f"/Prepayments/{pre['PrepaymentID']}"))
    alloc = _check(schemas, "Allocations", api("PUT", f"/Overpayments/{over['OverpaymentID']}/Allocations", json={
        "Allocations": [{"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 30, "Date": "2026-02-03"}]}))
    assert alloc["Allocations"][0]["Overpayment"]["OverpaymentID"] == over["OverpaymentID"]
    _check(schemas, "Allocations", api("PUT", f"/Prepayments/{pre['PrepaymentID']}/Allocations", json={
        "Allocations": [{"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 50, "Date": "2026-02-03"}]}))
    after = _check(schemas, "Invoices", api("GET", f"/Invoices/{invoice['InvoiceID']}"))["Invoices"][0]
    assert (after["AmountDue"], after["AmountCredited"]) == (20.0, 80.0)
    assert [o["OverpaymentID"] for o in after["Overpayments"]] == [over["OverpaymentID"]]
    assert after["Prepayments"][0]["AppliedAmount"] == 50.0
    spent = api("GET", f"/Overpayments/{over['OverpaymentID']}").json()["Overpayments"][0]
    assert (spent["Status"], spent["RemainingCredit"]) == ("PAID", 0.0)
    too_much = api("PUT", f"/Prepayments/{pre['PrepaymentID']}/Allocations", json={
        "Allocations": [{"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 5}]})
    assert too_much.status_code == 400
    removed = api("DELETE", f"/Overpayments/{over['OverpaymentID']}/Allocations/{alloc['Allocations'][0]['AllocationID']}")
    assert removed.json()["IsDeleted"] is True
    assert api("GET", f"/Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]["AmountDue"] == 50.0


def test_xml_is_the_default_format(connsim_remote: Any) -> None:
    api = _session(connsim_remote, accept=None)
    made = api("PUT", "/Contacts", data=b"<Contacts><Contact><Name>Xml Co</Name><Addresses><Address>"
                                        b"<AddressType>POBOX</AddressType><City>Perth</City></Address></Addresses>"
                                        b"<Colour>teal</Colour></Contact></Contacts>",
               headers={"Content-Type": "text/xml"})
    assert made.status_code == 400 and made.headers["Content-Type"].startswith("text/xml")
    error = SafeET.fromstring(made.content)
    assert error.tag == "ApiException" and error.findtext("ErrorNumber") == "14"
    assert error.findtext("Message").startswith("The element 'Colour' was not recognised")
    made = api("PUT", "/Contacts", data=b"<Contact><Name>Xml Co</Name><Addresses><Address>"
                                        b"<AddressType>POBOX</AddressType><City>Perth</City></Address></Addresses>"
                                        b"</Contact>", headers={"Content-Type": "application/xml"})
    root = SafeET.fromstring(made.content)
    assert made.status_code == 200 and root.tag == "Response" and root.findtext("Status") == "OK"
    contact = root.find("Contacts/Contact")
    assert contact is not None and contact.findtext("Name") == "Xml Co"
    assert contact.findtext("Addresses/Address[AddressType='POBOX']/City") == "Perth"
    assert contact.findtext("IsCustomer") == "false"
    invoice = SafeET.fromstring(api("PUT", "/Invoices", data=(
        "<Invoice><Type>ACCREC</Type><Contact><ContactID>" + contact.findtext("ContactID") + "</ContactID></Contact>"
        "<Date>2026-03-05T00:00:00</Date><LineItems><LineItem><Description>Xml line</Description>"
        "<Quantity>2</Quantity><UnitAmount>12.5</UnitAmount><AccountCode>200</AccountCode></LineItem></LineItems>"
        "</Invoice>").encode(), headers={"Content-Type": "text/xml"}).content).find("Invoices/Invoice")
    assert invoice is not None and invoice.findtext("Date") == "2026-03-05T00:00:00"
    assert invoice.findtext("Total") == "27.50" and invoice.findtext("LineItems/LineItem/Quantity") == "2.0000"
    refused = SafeET.fromstring(api("PUT", "/Invoices", data=b"<Invoice><Type>ACCREC</Type><LineItems/></Invoice>",
                                    headers={"Content-Type": "text/xml"}).content)
    base = refused.find("Elements/DataContractBase")
    assert refused.findtext("Type") == "ValidationException" and base is not None
    assert base.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "Invoice"
    assert base.findtext("ValidationErrors/ValidationError/Message") == \
        "A Contact must be specified for this type of transaction"
    assert api("GET", "/Invoices/00000000-0000-0000-0000-000000000000").text == \
        "The resource you're looking for cannot be found"


@pytest.mark.parametrize("scopes, method, path, allowed", [
    (["accounting.settings.read"], "GET", "/Organisation", True),
    (["accounting.contacts"], "GET", "/Organisation", False),
    (["accounting.transactions.read"], "GET", "/Invoices", True),
    (["accounting.transactions.read"], "PUT", "/Invoices", False),
    (["accounting.invoices"], "GET", "/Items", True),
    (["accounting.payments.read"], "GET", "/Payments", True),
    (["accounting.invoices"], "GET", "/Payments", False),
    (["accounting.contacts.read"], "GET", "/TaxRates", False),
])
def test_scopes_open_their_routes(connsim_remote: Any, scopes: list[str], method: str, path: str,
                                  allowed: bool) -> None:
    api = _session(connsim_remote, scopes=scopes)
    answer = api(method, path, json={"Invoices": []} if method == "PUT" else None)
    if allowed:
        assert answer.status_code == 200, answer.text
    else:
        assert answer.status_code == 401 and answer.json()["Detail"] == "AuthorizationUnsuccessful"
