"""No silent acceptance below the top level: an unknown property inside any nested QBO type (a Line,
each line detail, a Ref, an address, an e-mail, a phone, MetaData, the tax detail, LinkedTxn, custom
fields, memos, card payments, ...) gets QBO's 400 code 2010 naming the class it was found in, on every
entity, in both modes, and nothing is written. Expected class names and property counts are Intuit's
XSD's (QuickBooks-V3-Java-SDK ipp-v3-java-data/src/main/xsd), written here by hand."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from conftest import QboApi, assert_fault, count, ref, rich_invoice

PREFIX = 'Property Name:Unrecognized field "Bogus" (class com.intuit.schema.finance.v3.'
SUFFIX = "])\n specified is unsupported or invalid"


@pytest.fixture(autouse=True)
def unthrottled(api: QboApi) -> None:
    """Many calls at one frozen instant: lift Intuit's 10/second so the answers are the validation ones."""
    api.control.tenant_settings(api.realm, rate_limits={"second": 10_000, "minute": 10_000})


def inject(body: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    """A copy of ``body`` with ``"Bogus": 1`` added to the object at ``path``."""
    out = copy.deepcopy(body)
    node: Any = out
    for step in path:
        node = node[step]
    node["Bogus"] = 1
    return out


# (entity, path to the object given the unknown property, its XSD class, what the known-property list says)
INVOICE_CASES: list[tuple[tuple[str | int, ...], str, str]] = [
    (("Line", 0), "Line", "(30 known properties: "),
    (("Line", 0, "SalesItemLineDetail"), "SalesItemLineDetail", '(19 known properties: "ItemRef", "DiscountRate", '),
    (("Line", 0, "SalesItemLineDetail", "ItemRef"), "ReferenceType", '(3 known properties: "value", "name", "type"'),
    (("Line", 0, "SalesItemLineDetail", "MarkupInfo"), "MarkupInfo", "(5 known properties: "),
    (("Line", 1, "DescriptionLineDetail"), "DescriptionLineDetail",
     '(3 known properties: "ServiceDate", "TaxCodeRef", "DescriptionLineDetailEx"'),
    (("Line", 2, "GroupLineDetail"), "GroupLineDetail", "(6 known properties: "),
    (("Line", 3, "SubTotalLineDetail"), "SubTotalLineDetail", '(2 known properties: "ItemRef", "ServiceDate"'),
    (("Line", 4, "DiscountLineDetail"), "DiscountLineDetail", "(9 known properties: "),
    (("BillAddr",), "PhysicalAddress", '(17 known properties: "Id", "Line1", '),
    (("ShipAddr",), "PhysicalAddress", "(17 known properties: "),
    (("BillEmail",), "EmailAddress", '(4 known properties: "Id", "Address", "Default", "Tag"'),
    (("CustomerMemo",), "MemoRef", '(2 known properties: "value", "id"'),
    (("CurrencyRef",), "ReferenceType", "(3 known properties: "),
    (("CustomField", 0), "CustomField", "(7 known properties: "),
    (("DeliveryInfo",), "TransactionDeliveryInfo",
     '(3 known properties: "DeliveryType", "DeliveryTime", "DeliveryErrorType"'),
    (("MetaData",), "ModificationMetaData", "(6 known properties: "),
    (("TxnTaxDetail",), "TxnTaxDetail", "(6 known properties: "),
    (("TxnTaxDetail", "TaxLine", 0), "Line", "(30 known properties: "),
    (("TxnTaxDetail", "TaxLine", 0, "TaxLineDetail"), "TaxLineDetail", "(8 known properties: "),
]


def test_unknown_property_inside_an_invoice_is_2010_at_every_depth(api: QboApi) -> None:
    customer = str(api.create("Customer", {"DisplayName": "Nested Ltd"})["Id"])
    body = rich_invoice(customer)
    for path, cls, listed in INVOICE_CASES:
        error = assert_fault(api.call("POST", "invoice", json=inject(body, path)), 400, "2010")
        assert error["Message"] == "Request has invalid or unsupported property", path
        assert error["Detail"].startswith(f"{PREFIX}{cls}), not marked as ignorable {listed}"), (path, error)
        assert error["Detail"].endswith(SUFFIX) and "element" not in error, path
    assert count(api, "Invoice") == 0
    assert api.create("Invoice", body)["TotalAmt"] == 105  # the same invoice without the stranger is fine


def test_unknown_property_inside_every_other_entity_is_2010(api: QboApi) -> None:
    customer = str(api.create("Customer", {"DisplayName": "Payer Ltd"})["Id"])
    invoice = api.create("Invoice", rich_invoice(customer))["Id"]
    line = {"Amount": 10, "DetailType": "SalesItemLineDetail",
            "SalesItemLineDetail": {"ItemRef": ref("1"), "TaxCodeRef": ref("NON")}}
    card = {"CreditChargeInfo": {"Type": "Visa", "NameOnAcct": "A Payer", "ProcessPayment": False}}
    cases: list[tuple[str, dict[str, Any], tuple[str | int, ...], str]] = [
        ("Customer", {"DisplayName": "Phoned", "PrimaryPhone": {"FreeFormNumber": "555-0100"}}, ("PrimaryPhone",),
         "TelephoneNumber"),
        ("Customer", {"DisplayName": "Webbed", "WebAddr": {"URI": "https://example.com"}}, ("WebAddr",),
         "WebSiteAddress"),
        ("Customer", {"DisplayName": "Mailed", "PrimaryEmailAddr": {"Address": "a@example.com"}},
         ("PrimaryEmailAddr",), "EmailAddress"),
        ("Customer", {"DisplayName": "Housed", "BillAddr": {"Line1": "3 Elm"}}, ("BillAddr",), "PhysicalAddress"),
        ("Customer", {"DisplayName": "Termed", "SalesTermRef": ref("3")}, ("SalesTermRef",), "ReferenceType"),
        ("Payment", {"CustomerRef": ref(customer), "TotalAmt": 5,
                     "Line": [{"Amount": 5, "LinkedTxn": [{"TxnId": invoice, "TxnType": "Invoice"}]}]},
         ("Line", 0), "Line"),
        ("Payment", {"CustomerRef": ref(customer), "TotalAmt": 5,
                     "Line": [{"Amount": 5, "LinkedTxn": [{"TxnId": invoice, "TxnType": "Invoice"}]}]},
         ("Line", 0, "LinkedTxn", 0), "LinkedTxn"),
        ("Payment", {"CustomerRef": ref(customer), "TotalAmt": 5, "DepositToAccountRef": ref("4")},
         ("DepositToAccountRef",), "ReferenceType"),
        ("Payment", {"CustomerRef": ref(customer), "TotalAmt": 5, "CreditCardPayment": card},
         ("CreditCardPayment",), "CreditCardPayment"),
        ("Payment", {"CustomerRef": ref(customer), "TotalAmt": 5, "CreditCardPayment": card},
         ("CreditCardPayment", "CreditChargeInfo"), "CreditChargeInfo"),
        ("CreditMemo", {"CustomerRef": ref(customer), "Line": [line]}, ("Line", 0, "SalesItemLineDetail"),
         "SalesItemLineDetail"),
        ("CreditMemo", {"CustomerRef": ref(customer), "Line": [line]},
         ("Line", 0, "SalesItemLineDetail", "TaxCodeRef"), "ReferenceType"),
        ("CreditMemo", {"CustomerRef": ref(customer), "Line": [line], "BillAddr": {"City": "Springfield"}},
         ("BillAddr",), "PhysicalAddress"),
        ("Item", {"Name": "Nested Item", "Type": "Service", "IncomeAccountRef": ref("13")}, ("IncomeAccountRef",),
         "ReferenceType"),
        ("Account", {"Name": "Nested Account", "AccountType": "Bank", "CurrencyRef": ref("USD")}, ("CurrencyRef",),
         "ReferenceType"),
        ("Term", {"Name": "Net 45", "DueDays": 45, "MetaData": {"CreateTime": "2025-03-14T02:30:00-07:00"}},
         ("MetaData",), "ModificationMetaData"),
        ("PaymentMethod", {"Name": "Wire", "CustomField": [{"Name": "Bank"}]}, ("CustomField", 0), "CustomField"),
        ("Class", {"Name": "Nested Class", "ParentRef": ref("1")}, ("ParentRef",), "ReferenceType"),
        ("Department", {"Name": "Nested Dept", "Address": {"City": "Springfield"}}, ("Address",),
         "PhysicalAddress"),
    ]
    for entity, body, path, cls in cases:
        before = count(api, entity)
        error = assert_fault(api.call("POST", entity.lower(), json=inject(body, path)), 400, "2010")
        assert error["Detail"].startswith(f"{PREFIX}{cls}), not marked as ignorable ("), (entity, path, error)
        assert count(api, entity) == before, (entity, path)
        assert api.call("POST", entity.lower(), json=body).status_code == 200, (entity, body)


def test_a_sparse_update_with_a_nested_stranger_changes_nothing(api: QboApi) -> None:
    created = api.create("Customer", {"DisplayName": "Kept", "BillAddr": {"Line1": "1 Old Rd"}})
    update = {"Id": created["Id"], "SyncToken": created["SyncToken"], "sparse": True,
              "BillAddr": {"Line1": "9 New Rd", "Bogus": 1}}
    error = assert_fault(api.call("POST", "customer", json=update), 400, "2010")
    assert error["Detail"].startswith(f"{PREFIX}PhysicalAddress), not marked as ignorable (17 known properties")
    read = api.call("GET", f"customer/{created['Id']}").json()["Customer"]
    assert read["BillAddr"]["Line1"] == "1 Old Rd" and read["SyncToken"] == created["SyncToken"]


def test_the_first_stranger_in_document_order_is_the_one_reported(api: QboApi) -> None:
    customer = str(api.create("Customer", {"DisplayName": "Ordered"})["Id"])
    body = {"CustomerRef": {"value": customer, "Early": 1}, "Line": rich_invoice(customer)["Line"], "Late": 1}
    error = assert_fault(api.call("POST", "invoice", json=body), 400, "2010")
    assert error["Detail"].startswith('Property Name:Unrecognized field "Early" (class '
                                      "com.intuit.schema.finance.v3.ReferenceType)")


def test_delete_and_void_bodies_are_bound_too(api: QboApi) -> None:
    customer = str(api.create("Customer", {"DisplayName": "Voided Ltd"})["Id"])
    made = api.create("Invoice", rich_invoice(customer))
    stranger = {"Id": made["Id"], "SyncToken": made["SyncToken"], "MetaData": {"Bogus": 1}}
    for operation in ("delete", "void"):
        error = assert_fault(api.call("POST", "invoice", params={"operation": operation}, json=stranger), 400, "2010")
        assert error["Detail"].startswith(f"{PREFIX}ModificationMetaData), not marked as ignorable (6 known"), error
    read = api.call("GET", f"invoice/{made['Id']}").json()["Invoice"]
    assert read["TotalAmt"] == 105 and read["SyncToken"] == made["SyncToken"]


def test_what_a_read_answers_can_be_posted_back_to_update_void_and_delete(api: QboApi) -> None:
    """node-quickbooks' deleteX/voidX(id) read the entity and post the whole answer back; a connector's
    full update does the same: nothing the simulator answers may be a stranger to its own tree."""
    customer = str(api.create("Customer", {"DisplayName": "Echo Ltd", "BillAddr": {"Line1": "1 Main St"}})["Id"])
    voided = api.create("Invoice", rich_invoice(customer))["Id"]
    paid = api.create("Invoice", rich_invoice(customer) | {"DocNumber": "N-2"})["Id"]
    payment = api.create("Payment", {"CustomerRef": ref(customer), "TotalAmt": 5, "Line": [
        {"Amount": 5, "LinkedTxn": [{"TxnId": paid, "TxnType": "Invoice"}]}]})["Id"]
    memo = api.create("CreditMemo", {"CustomerRef": ref(customer), "Line": rich_invoice(customer)["Line"][:1]})["Id"]
    for entity, entity_id, operation in [("Customer", customer, "update"), ("CreditMemo", memo, "update"),
                                         ("Payment", payment, "update"), ("Invoice", voided, "void"),
                                         ("Payment", payment, "delete"), ("CreditMemo", memo, "delete")]:
        read = api.call("GET", f"{entity.lower()}/{entity_id}").json()[entity]
        answer = api.call("POST", entity.lower(), params={"operation": operation}, json=read)
        assert answer.status_code == 200, (entity, operation, answer.text)
    assert api.call("GET", f"invoice/{voided}").json()["Invoice"]["TotalAmt"] == 0


def test_an_xml_body_is_checked_the_same_way(api: QboApi) -> None:
    xml = (b'<Customer xmlns="http://schema.intuit.com/finance/v3"><DisplayName>Xml Nested</DisplayName>'
           b"<BillAddr><Line1>1 Main St</Line1><Bogus>1</Bogus></BillAddr></Customer>")
    answer = api.call("POST", "customer", data=xml, headers={"Content-Type": "application/xml"})
    error = assert_fault(answer, 400, "2010")
    assert error["Detail"].startswith(f"{PREFIX}PhysicalAddress), not marked as ignorable (17 known properties")
    assert count(api, "Customer") == 0
