"""Accounting API on the wire (both modes): every response validates against Xero's official
OpenAPI schema, and bad input gets Xero's error shapes with a 4xx, never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
import yaml

jsonschema = pytest.importorskip("jsonschema")
from outside import outside_file  # noqa: E402
from referencing import Registry, Resource  # noqa: E402

SPEC_WHERE = ("a copy of Xero's official Accounting OpenAPI file, xero_accounting.yaml from "
              "github.com/XeroAPI/Xero-OpenAPI (v16.1.0, commit e952d0b), in ../shared/reference/specs/")
MS_DATE = re.compile(r"^/Date\(-?\d+(\+0000)?\)/$")


@pytest.fixture(scope="module")
def schemas() -> Any:
    spec = yaml.load(outside_file("reference/specs/xero_accounting.yaml", SPEC_WHERE).read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    registry = Registry().with_resource("spec", Resource.opaque(spec))

    def validator(name: str) -> Any:
        return jsonschema.Draft202012Validator({"$ref": f"spec#/components/schemas/{name}"}, registry=registry)

    return validator


@pytest.fixture
def api(connsim_remote: Any) -> Any:
    control = connsim_remote.control
    control.freeze()
    tenant = control.create_tenant("xero-org", "Wire Org", populate=True)
    token = control.issue_tokens("xero", [tenant["id"]], scopes=["accounting.transactions", "accounting.contacts", "accounting.settings",
                                                                  "offline_access"])
    session = requests.Session()
    session.headers.update({"Authorization": "Bearer " + token["access_token"], "xero-tenant-id": tenant["id"],
                            "Accept": "application/json"})
    base = connsim_remote.endpoints.xero_api + "/api.xro/2.0"

    def call(method: str, path: str, **kw: Any) -> requests.Response:
        return session.request(method, base + path, timeout=10, **kw)

    call.tenant = tenant["id"]  # type: ignore[attr-defined]
    call.control = control  # type: ignore[attr-defined]
    return call


def _check(schemas: Any, name: str, response: requests.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    errors = list(schemas(name).iter_errors(body))
    assert not errors, errors[0]
    return body


def test_every_operation_matches_the_spec(api: Any, schemas: Any) -> None:
    _check(schemas, "Organisations", api("GET", "/Organisation"))
    banks = _check(schemas, "Accounts", api("GET", "/Accounts", params={"where": 'Type=="BANK" AND Status=="ACTIVE"',
                                                                       "order": "Code"}))["Accounts"]
    assert [a["Code"] for a in banks] == ["090", "091"] and {a["Class"] for a in banks} == {"ASSET"}
    _check(schemas, "Accounts", api("GET", f"/Accounts/{banks[0]['AccountID']}"))
    assert api("GET", "/Accounts/00000000-0000-0000-0000-000000000000").status_code == 404
    contacts = _check(schemas, "Contacts", api("GET", "/Contacts"))["Contacts"]
    contact_id = contacts[0]["ContactID"]
    _check(schemas, "Contacts", api("GET", f"/Contacts/{contact_id}"))
    _check(schemas, "Contacts", api("PUT", "/Contacts", json={"Contacts": [{"Name": "Spec Co"}]}))
    _check(schemas, "Contacts", api("POST", "/Contacts", json={"Contacts": [{"Name": "Spec Co", "EmailAddress": "a@b.c"}]}))
    created = _check(schemas, "Invoices", api("PUT", "/Invoices", json={"Invoices": [{
        "Type": "ACCREC", "Contact": {"ContactID": contact_id}, "Date": "2026-03-01", "DueDate": "/Date(1775001600000)/",
        "Status": "AUTHORISED", "LineItems": [{"Description": "x", "Quantity": 2, "UnitAmount": 50, "TaxType": "OUTPUT"}]}]}))
    invoice = created["Invoices"][0]
    assert invoice["Total"] == 110.0 and MS_DATE.match(invoice["Date"])
    _check(schemas, "Invoices", api("GET", f"/Invoices/{invoice['InvoiceNumber']}"))
    _check(schemas, "Invoices", api("POST", f"/Invoices/{invoice['InvoiceID']}", json={"Reference": "R1"}))
    listed = _check(schemas, "Invoices", api("GET", "/Invoices", params={
        "where": f'Contact.ContactID==Guid("{contact_id}") && Status=="AUTHORISED" and AmountDue >= 100',
        "page": 1, "pageSize": 5}))
    assert invoice["InvoiceID"] in [i["InvoiceID"] for i in listed["Invoices"]]
    assert listed["pagination"]["pageSize"] == 5
    pay = _check(schemas, "Payments", api("PUT", "/Payments", params={"summarizeErrors": "False"}, json={"Payments": [
        {"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Account": {"Code": "090"}, "Amount": 10, "Date": "2026-03-02"},
        {"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Account": {"Code": "090"}, "Amount": 999, "Date": "2026-03-02"}]}))
    assert [p["StatusAttributeString"] for p in pay["Payments"]] == ["OK", "ERROR"]
    payment_id = pay["Payments"][0]["PaymentID"]
    _check(schemas, "Payments", api("GET", "/Payments"))
    _check(schemas, "Payments", api("GET", f"/Payments/{payment_id}"))
    _check(schemas, "Payments", api("POST", f"/Payments/{payment_id}", json={"Status": "DELETED"}))
    note = _check(schemas, "CreditNotes", api("PUT", "/CreditNotes", json={"CreditNotes": [{
        "Type": "ACCRECCREDIT", "Contact": {"ContactID": contact_id}, "Date": "2026-03-03", "Status": "AUTHORISED",
        "LineAmountTypes": "NoTax", "LineItems": [{"Description": "c", "UnitAmount": 30}]}]}))["CreditNotes"][0]
    _check(schemas, "CreditNotes", api("GET", "/CreditNotes"))
    alloc = _check(schemas, "Allocations", api("PUT", f"/CreditNotes/{note['CreditNoteID']}/Allocations", json={
        "Allocations": [{"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 30, "Date": "2026-03-04"}]}))
    after = api("GET", f"/Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert after["AmountCredited"] == 30.0 and after["AmountDue"] == 80.0
    _check(schemas, "CreditNotes", api("GET", f"/CreditNotes/{note['CreditNoteID']}"))
    removed = _check(schemas, "Allocation", api(
        "DELETE", f"/CreditNotes/{note['CreditNoteID']}/Allocations/{alloc['Allocations'][0]['AllocationID']}"))
    assert removed["IsDeleted"] is True
    assert api("GET", f"/Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]["AmountDue"] == 110.0
    _check(schemas, "Error", api("PUT", "/Payments", json={"Payments": [{"Invoice": {"InvoiceID": invoice["InvoiceID"]},
                                                                        "Account": {"Code": "090"}, "Amount": 1e6}]}), 400)


@pytest.mark.parametrize("kwargs, status, number", [
    ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, 14),
    ({"data": b"<Invoices/>", "headers": {"Content-Type": "text/plain"}}, 400, 14),
    ({"json": {"Invoices": [{"Type": "ACCREC", "Contact": {"Name": "X"}, "Date": "31/02/2026"}]}}, 400, 14),
    ({"json": {"Invoices": [{"Type": "ACCREC", "Contact": {"Name": "X"}, "Date": "2026-02-31"}]}}, 400, 14),
    ({"json": {"Invoices": "nope"}}, 400, 14),
    ({"json": {"Invoices": [{"Type": "ACCREC"}]}}, 400, 10),
    ({"json": {"Invoices": [{"Type": "ACCREC", "Contact": {"Name": "X"}, "LineItems": [{"UnitAmount": "abc"}]}]}}, 400, 14),
])
def test_bad_input_gets_xero_errors(api: Any, kwargs: dict[str, Any], status: int, number: int) -> None:
    answer = api("PUT", "/Invoices", **kwargs)
    assert answer.status_code == status, answer.text
    assert answer.json()["ErrorNumber"] == number


def test_unknown_ids_and_oversized_body(api: Any) -> None:
    for path in ("/Invoices/00000000-0000-0000-0000-000000000000", "/Payments/nope", "/Contacts/nope",
                 "/CreditNotes/nope", "/NoSuchThing"):
        answer = api("GET", path)
        assert answer.status_code == 404 and answer.text == "The resource you're looking for cannot be found"
    big = api("PUT", "/Invoices", data=b"{" + b" " * (1024 * 1024 + 10) + b"}",
              headers={"Content-Type": "application/json"})
    assert big.status_code == 413 and big.json()["Type"] == "PostDataInvalidException"
    bad_where = api("GET", "/Invoices", params={"where": 'Nope == "x"'})
    assert bad_where.status_code == 400 and bad_where.json()["Type"] == "QueryParseException"
    empty_get = api("GET", "/Invoices", headers={"Content-Type": "application/json"})
    assert empty_get.status_code == 200


def test_control_actions(api: Any) -> None:
    tid, control = api.tenant, api.control
    contact = control.action("xero", f"{tid}/contacts", {"name": "Hand Made Ltd"})
    inv = control.action("xero", f"{tid}/invoices", {"contact_id": contact["ContactID"], "amount": 100.0,
                                                     "date": "2026-04-01", "number": "INV-900"})
    assert inv["Status"] == "AUTHORISED" and inv["Total"] == 100.0
    edited = control.action("xero", f"{tid}/invoices/{inv['InvoiceID']}/edit", {"Total": 80.0})
    assert edited["Total"] == 80.0 and edited["UpdatedDateUTC"]
    note = control.action("xero", f"{tid}/credit-notes", {"contact_id": contact["ContactID"], "amount": 10.0,
                                                          "date": "2026-04-02"})
    alloc = control.action("xero", f"{tid}/credit-notes/{note['CreditNoteID']}/allocate",
                           {"invoice_id": inv["InvoiceID"], "amount": 10.0})
    assert api("GET", f"/Invoices/{inv['InvoiceID']}").json()["Invoices"][0]["AmountDue"] == 70.0
    assert control.action("xero", f"{tid}/allocations/{alloc['AllocationID']}/remove") == {"removed": True}
    payment = control.action("xero", f"{tid}/payments", {"invoice_id": inv["InvoiceID"], "amount": 5.0})
    assert payment["Amount"] == 5.0
    other = control.action("xero", f"{tid}/invoices", {"contact_id": contact["ContactID"], "amount": 20.0,
                                                       "date": "2026-04-01"})
    fresh = control.action("xero", f"{tid}/invoices/{other['InvoiceID']}/recreate")
    assert fresh["InvoiceID"] != other["InvoiceID"] and fresh["InvoiceNumber"] == other["InvoiceNumber"]
    old = api("GET", f"/Invoices/{other['InvoiceID']}").json()["Invoices"][0]
    assert old["Status"] == "VOIDED"
    assert api("GET", f"/Invoices/{other['InvoiceNumber']}").json()["Invoices"][0]["InvoiceID"] == fresh["InvoiceID"]
    voided = control.action("xero", f"{tid}/invoices/{fresh['InvoiceID']}/void")
    assert voided["Status"] == "VOIDED"
    state = control.tenant_state(tid)
    assert {"organisation", "contacts", "invoices", "payments", "creditNotes"} <= set(state)
