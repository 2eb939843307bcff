"""Expectations written from recorded real QuickBooks Online traffic: the VCR cassettes of
minimul/qbo_api (github.com/minimul/qbo_api, commit 34abd0e, ``spec/vcr/**``; recorded against Intuit's
sandbox in 2020-2022). Each expectation names its cassette and interaction; the files themselves are
not copied here. Per interaction: the request as recorded (entity ids replaced by the ids of entities
the test creates first), the status, the envelope (top-level keys), the field paths with their values
or formats, and the error code and texts.

Every one of the 51 recorded interactions is accounted for: ``RECORDED`` are compared; ``DIFFERS``
names, per compared interaction, each field where connsim knowingly answers otherwise and why;
``NOT_SIMULATED`` lists the others with what a connector sees instead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CASSETTES = "minimul/qbo_api spec/vcr/"
#: formats seen in the recordings
TIME_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")   # "time": 2020-09-29T05:58:07.300-07:00
INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")         # MetaData.CreateTime
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
DIGITS = re.compile(r"^\d+$")
ABSENT = object()


@dataclass(frozen=True)
class Recorded:
    """One recorded interaction as connsim must answer it."""

    cassette: str
    index: int
    method: str
    #: path below /v3/company/<realm>/, with {placeholders} for ids created by ``setup``
    path: str
    status: int
    envelope: set[str]
    fields: dict[str, Any]
    body: Any = None
    #: what the realm holds first: customer placeholders → Customer bodies, in order
    setup: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: prior interactions of the same cassette that leave the state this one was recorded in:
    #: (method, path, body, placeholder naming the entity it answers)
    before: tuple[tuple[str, str, Any, str | None], ...] = ()
    #: the access token has expired (error/401)
    expired_token: bool = False

    @property
    def name(self) -> str:
        return f"{self.cassette}#{self.index}"

    @property
    def source(self) -> str:
        return f"{CASSETTES}{self.cassette}.yml interaction {self.index}"


AMY = {"DisplayName": "Amy's Bird Sanctuary", "CompanyName": "Amy's Bird Sanctuary", "GivenName": "Amy",
       "FamilyName": "Lauterbach", "PrimaryPhone": {"FreeFormNumber": "(650) 555-3311"},
       "PrimaryEmailAddr": {"Address": "Birds@Intuit.com"},
       "BillAddr": {"Line1": "4581 Finch St.", "City": "Bayshore", "CountrySubDivisionCode": "CA",
                    "PostalCode": "94326"},
       "ShipAddr": {"Line1": "4581 Finch St.", "City": "Bayshore", "CountrySubDivisionCode": "CA",
                    "PostalCode": "94326"}}
DUKES = {"DisplayName": "Dukes Basketball Camp", "CompanyName": "Dukes Basketball Camp", "GivenName": "Peter",
         "FamilyName": "Dukes", "PrimaryPhone": {"FreeFormNumber": "(520) 420-5638"},
         "PrimaryEmailAddr": {"Address": "Dukes_bball@intuit.com"},
         "BillAddr": {"Line1": "25 Court St.", "City": "Tucson", "CountrySubDivisionCode": "AZ", "PostalCode": "85719"}}
SIX = {f"c{n}": {"DisplayName": f"Recorded Customer {n}"} for n in range(6)}
SIX_IDS = "'{c0}', '{c1}', '{c2}', '{c3}', '{c4}', '{c5}'"

#: the fields every recorded Customer carries (spec/vcr/get/id.yml, create/customer.yml, update/customer.yml)
CUSTOMER_FIELDS = {"Taxable": True, "Job": False, "BillWithParent": False, "Balance": 0, "BalanceWithJobs": 0,
                   "CurrencyRef": {"value": "USD", "name": "United States Dollar"}, "PreferredDeliveryMethod": "Print",
                   "domain": "QBO", "sparse": False, "Id": DIGITS, "SyncToken": "0", "MetaData.CreateTime": INSTANT,
                   "MetaData.LastUpdatedTime": INSTANT, "Active": True}
INVOICE_LINE = {"Amount": 100.0, "DetailType": "SalesItemLineDetail",
                "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}}}
#: the fields of the recorded invoice (spec/vcr/create/invoice.yml; delete/invoice.yml #0 reads the same one)
INVOICE_FIELDS = {
    "AllowIPNPayment": False, "AllowOnlinePayment": False, "AllowOnlineCreditCardPayment": False,
    "AllowOnlineACHPayment": False, "domain": "QBO", "sparse": False, "Id": DIGITS, "SyncToken": "0",
    "MetaData.CreateTime": INSTANT, "MetaData.LastUpdatedTime": INSTANT, "DocNumber": DIGITS,
    "TxnDate": "2020-09-29", "CurrencyRef": {"value": "USD", "name": "United States Dollar"}, "LinkedTxn": [],
    "Line[0].Id": "1", "Line[0].LineNum": 1, "Line[0].Amount": 100.0, "Line[0].DetailType": "SalesItemLineDetail",
    "Line[0].SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}, "TaxCodeRef": {"value": "NON"}},
    "Line[1]": {"Amount": 100.0, "DetailType": "SubTotalLineDetail", "SubTotalLineDetail": {}},
    "TxnTaxDetail": {"TotalTax": 0}, "CustomerRef": {"value": "{amy}", "name": "Amy's Bird Sanctuary"},
    "BillAddr.Line1": "4581 Finch St.", "BillAddr.City": "Bayshore", "BillAddr.CountrySubDivisionCode": "CA",
    "BillAddr.PostalCode": "94326", "BillAddr.Id": DIGITS, "ShipAddr.Line1": "4581 Finch St.",
    "DueDate": "2020-10-29",
    "TotalAmt": 100.0, "ApplyTaxAfterDiscount": False, "PrintStatus": "NeedToPrint", "EmailStatus": "NotSet",
    "Balance": 100.0}
CREATE_INVOICE = ("POST", "invoice", {"Line": [INVOICE_LINE], "CustomerRef": {"value": "{amy}"}}, "invoice")
DEACTIVATED_ACCOUNT = (("POST", "account", {"Name": "Fees Billed (deleted)", "AccountType": "Income",
                                            "AccountSubType": "ServiceFeeIncome"}, "fees"),
                       ("POST", "account", {"Id": "{fees}", "SyncToken": "0", "sparse": True, "Active": False}, None))


def _prefixed(prefix: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}.{k}": v for k, v in fields.items()}


def _fault(code: str, message: str, detail: Any, element: Any = ABSENT) -> dict[str, Any]:
    return {"Fault.type": "ValidationFault", "Fault.Error[0].code": code, "Fault.Error[0].Message": message,
            "Fault.Error[0].Detail": detail, "Fault.Error[0].element": element}


RECORDED: tuple[Recorded, ...] = (
    Recorded("all/alt_select", 0, "GET", f"query?query=SELECT count(*) FROM Customer WHERE Id IN ({SIX_IDS})", 200,
             {"QueryResponse", "time"}, {"QueryResponse": {"totalCount": 6}, "time": TIME_MS}, setup=SIX),
    *(Recorded("all/alt_select", n, "GET", f"query?query=SELECT * FROM Customer WHERE Id IN ({SIX_IDS}) AND Active "
               f"IN ( true, false ) MAXRESULTS 2 STARTPOSITION {2 * n - 1}", 200, {"QueryResponse", "time"},
               {"QueryResponse.startPosition": 2 * n - 1, "QueryResponse.maxResults": 2,
                "QueryResponse.Customer[1].DisplayName": f"Recorded Customer {2 * n - 1}",
                "QueryResponse.Customer[2]": ABSENT, "time": TIME_MS}, setup=SIX) for n in (1, 2, 3)),
    Recorded("all/alt_select", 4, "GET", f"query?query=SELECT * FROM Customer WHERE Id IN ({SIX_IDS}) AND Active IN "
             "( true, false ) MAXRESULTS 2 STARTPOSITION 7", 200, {"QueryResponse", "time"},
             {"QueryResponse": {}, "time": TIME_MS}, setup=SIX),
    Recorded("all/customers", 0, "GET", "query?query=SELECT COUNT(*) FROM Customer", 200, {"QueryResponse", "time"},
             {"QueryResponse": {"totalCount": 6}}, setup=SIX),
    Recorded("all/customers", 1, "GET", "query?query=SELECT * FROM Customer MAXRESULTS 1000 STARTPOSITION 1", 200,
             {"QueryResponse", "time"},
             {"QueryResponse.startPosition": 1, "QueryResponse.maxResults": 6, "QueryResponse.Customer[6]": ABSENT,
              **_prefixed("QueryResponse.Customer[0]", {**CUSTOMER_FIELDS, "DisplayName": "Recorded Customer 0",
                                                        "FullyQualifiedName": "Recorded Customer 0",
                                                        "PrintOnCheckName": "Recorded Customer 0"})}, setup=SIX),
    Recorded("create/customer", 0, "POST", "customer?requestid=", 200, {"Customer", "time"},
             _prefixed("Customer", {**CUSTOMER_FIELDS, "FullyQualifiedName": "Doe5, Jane", "DisplayName": "Doe5, Jane",
                                    "PrintOnCheckName": "Doe5, Jane"}), body={"DisplayName": "Doe5, Jane"}),
    Recorded("create/invoice", 0, "POST", "invoice", 200, {"Invoice", "time"}, _prefixed("Invoice", INVOICE_FIELDS),
             body=CREATE_INVOICE[2], setup={"amy": AMY}),
    Recorded("deactivate/account", 0, "GET", "account/{fees}", 200, {"Account", "time"}, _prefixed("Account", {
        "Name": "Fees Billed (deleted)", "SubAccount": False, "FullyQualifiedName": "Fees Billed (deleted)",
        "Active": False, "Classification": "Revenue", "AccountType": "Income", "AccountSubType": "ServiceFeeIncome",
        "CurrentBalance": 0, "CurrentBalanceWithSubAccounts": 0,
        "CurrencyRef": {"value": "USD", "name": "United States Dollar"}, "domain": "QBO", "sparse": False,
        "Id": "{fees}", "SyncToken": "1", "MetaData.CreateTime": INSTANT, "MetaData.LastUpdatedTime": INSTANT}),
        before=DEACTIVATED_ACCOUNT),
    Recorded("deactivate/account", 1, "POST", "account", 200, {"Account", "time"}, _prefixed("Account", {
        "Name": "Fees Billed (deleted)", "Active": False, "Classification": "Revenue", "AccountType": "Income",
        "AccountSubType": "ServiceFeeIncome", "Id": "{fees}", "SyncToken": "1"}),
        body={"Id": "{fees}", "SyncToken": "1", "sparse": True, "Active": False, "Name": "Fees Billed (deleted)"},
        before=DEACTIVATED_ACCOUNT),
    Recorded("delete/invoice", 0, "GET", "invoice/{invoice}", 200, {"Invoice", "time"},
             _prefixed("Invoice", INVOICE_FIELDS), setup={"amy": AMY}, before=(CREATE_INVOICE,)),
    Recorded("delete/invoice", 1, "POST", "invoice?operation=delete", 200, {"Invoice", "time"},
             {"Invoice": {"domain": "QBO", "status": "Deleted", "Id": "{invoice}"}, "time": TIME_MS},
             body={"Id": "{invoice}", "SyncToken": "0"}, setup={"amy": AMY}, before=(CREATE_INVOICE,)),
    Recorded("error/400", 0, "GET", "query?query=SELECT * FROM Customer", 200, {"QueryResponse", "time"},
             {"QueryResponse.startPosition": 1, "QueryResponse.maxResults": 1,
              "QueryResponse.Customer[0].DisplayName": "Amy's Bird Sanctuary",
              "QueryResponse.Customer[0].BillAddr.Line1": "4581 Finch St."}, setup={"amy": AMY}),
    Recorded("error/400", 1, "GET", "query?query=SELECT * FROM Custmoer", 400, {"Fault", "time"},
             {**_fault("4001", "Invalid query", "QueryValidationError: invalid context declaration: Custmoer"),
              "time": TIME_MS}),
    Recorded("error/400_json", 0, "POST", "invoice", 400, {"Fault", "time"},
             _fault("2010", "Request has invalid or unsupported property", re.compile(
                 r'^Property Name:Unrecognized field "BadJson" \(class com\.intuit\.schema\.finance\.v3\.Invoice\), '
                 r'not marked as ignorable \(\d+ known properties: "DocNumber", "HomeTotalAmt", "TotalAmt", .*'
                 r'"PaymentRefNum", "Tag", "TxnApprovalInfo" \[truncated\]\]\)\n specified is unsupported or invalid$',
                 re.S)), body={"BadJson": True}),
    Recorded("error/401", 0, "GET", "customer/{amy}", 401,
             {"warnings", "intuitObject", "fault", "report", "queryResponse", "batchItemResponse",
              "attachableResponse", "syncErrorResponse", "requestId", "time", "status", "cdcresponse"},
             {"warnings": None, "intuitObject": None, "fault.type": "AUTHENTICATION",
              "fault.error[0].message": "message=AuthenticationFailed; errorCode=003200; statusCode=401",
              "fault.error[0].detail": re.compile(r"^Token expired: "), "fault.error[0].code": "3200",
              "fault.error[0].element": None, "batchItemResponse": [], "cdcresponse": [],
              "time": re.compile(r"^\d{13}$")}, setup={"amy": AMY}, expired_token=True),
    Recorded("error/500", 0, "GET", "customer/1/5", 400, {"Fault", "time"}, _fault(
        "500", "Unsupported Operation", re.compile(r"^Operation Could not find resource for relative : "
                                                   r"/v3/company/\d+/customer/1/5 of full path: \S+/v3/company/\d+/"
                                                   r"customer/1/5 is not supported\.$"))),
    Recorded("error/500", 1, "GET", "customer/1.5", 400, {"Fault"},
             _fault("2030", "Invalid ID", "Id should be a valid number. Supplied value:1.5", "Id")),
    Recorded("error/validation", 0, "POST", "customer", 400, {"Fault", "time"},
             _fault("6240", "Duplicate Name Exists Error", re.compile(r"^The name supplied already exists\. : ")),
             body={"DisplayName": "Weiskopf Consulting"}, setup={"weiskopf": {"DisplayName": "Weiskopf Consulting"}}),
    Recorded("get/display_name", 0, "GET", "query?query=SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird "
             "Sanctuary'", 200, {"QueryResponse", "time"},
             {"QueryResponse.startPosition": 1, "QueryResponse.maxResults": 1,
              **_prefixed("QueryResponse.Customer[0]", {**CUSTOMER_FIELDS, "Id": "{amy}",
                                                        "DisplayName": "Amy's Bird Sanctuary",
                                                        "FullyQualifiedName": "Amy's Bird Sanctuary",
                                                        "GivenName": "Amy", "FamilyName": "Lauterbach",
                                                        "PrimaryEmailAddr": {"Address": "Birds@Intuit.com"},
                                                        "BillAddr.Id": DIGITS, "ShipAddr.Id": DIGITS})},
             setup={"other": {"DisplayName": "Bill's Windsurf Shop"}, "amy": AMY}),
    Recorded("get/id", 0, "GET", "customer/{dukes}", 200, {"Customer", "time"},
             {**_prefixed("Customer", {**CUSTOMER_FIELDS, "Id": "{dukes}", "GivenName": "Peter", "FamilyName": "Dukes",
                                       "FullyQualifiedName": "Dukes Basketball Camp",
                                       "CompanyName": "Dukes Basketball Camp", "DisplayName": "Dukes Basketball Camp",
                                       "PrintOnCheckName": "Dukes Basketball Camp",
                                       "PrimaryPhone": {"FreeFormNumber": "(520) 420-5638"},
                                       "PrimaryEmailAddr": {"Address": "Dukes_bball@intuit.com"},
                                       "BillAddr.Line1": "25 Court St.", "BillAddr.City": "Tucson",
                                       "BillAddr.Id": DIGITS}),
              "time": TIME_MS}, setup={"dukes": DUKES}),
    Recorded("update/customer", 0, "GET", "customer/{doe}?minorversion=8", 200, {"Customer", "time"},
             _prefixed("Customer", {**CUSTOMER_FIELDS, "Id": "{doe}", "DisplayName": "Doe2, Jane",
                                    "FullyQualifiedName": "Doe2, Jane", "PrintOnCheckName": "Doe2, Jane"}),
             setup={"doe": {"DisplayName": "Doe2, Jane"}}),
    Recorded("update/customer", 1, "POST", "customer?minorversion=8", 200, {"Customer", "time"},
             _prefixed("Customer", {**CUSTOMER_FIELDS, "Id": "{doe}", "SyncToken": "1", "DisplayName": "Jack Moe",
                                    "FullyQualifiedName": "Jack Moe", "PrintOnCheckName": "Jack Moe",
                                    "PrimaryPhone": {"FreeFormNumber": "(415) 444-1234"}}),
             body={"DisplayName": "Jack Moe", "PrimaryPhone": {"FreeFormNumber": "(415) 444-1234"}, "Id": "{doe}",
                   "SyncToken": "0"}, setup={"doe": {"DisplayName": "Doe2, Jane"}}),
    Recorded("void/invoice", 0, "GET", "invoice/{invoice}", 200, {"Invoice", "time"},
             _prefixed("Invoice", INVOICE_FIELDS), setup={"amy": AMY}, before=(CREATE_INVOICE,)),
    Recorded("void/invoice", 1, "POST", "invoice?operation=void", 200, {"Invoice", "time"}, _prefixed("Invoice", {
        **INVOICE_FIELDS, "SyncToken": "1", "PrivateNote": "Voided", "Line[0].Amount": 0,
        "Line[1]": {"Amount": 0, "DetailType": "SubTotalLineDetail", "SubTotalLineDetail": {}},
        "TotalAmt": 0, "Balance": 0}), body={"Id": "{invoice}", "SyncToken": "0"}, setup={"amy": AMY},
        before=(CREATE_INVOICE,)),
)

#: compared interaction → recorded field path → why connsim answers otherwise (the field is left out of the
#: comparison above; each is also in docs/simulator/qbo.md)
DIFFERS: dict[str, dict[str, str]] = {
    "create/invoice#0": {
        "Invoice.CustomField": "the recorded company defines a custom field \"Crew #\"; custom field "
                               "definitions are not simulated (connsim sends none)",
        "Invoice.BillAddr.Lat": "Lat/Long are no longer returned since Intuit's 2025-08 change "
                                "(reference/qbo-aps.md §1.2)"},
    "error/400_json#0": {
        "Fault.Error[0].Detail(count)": "QBO counted 83 known Invoice properties in 2020; connsim counts 99, "
                                        "Intuit's 2024 XSD (the 61 names printed before Jackson truncates match)"},
    "error/validation#0": {
        "Fault.Error[0].Detail": "recorded \"The name supplied already exists. : null\"; connsim keeps the "
                                 "Intuit blog's longer text naming the conflict (\"... Name=X Id=N\")"},
    "get/id#0": {
        "Customer.DefaultTaxCodeRef": "the recorded company gives new customers its sales-tax code \"2\"; US "
                                      "automated sales tax is not simulated"},
    "create/customer#0": {"Customer.DefaultTaxCodeRef": "as get/id#0"},
    "error/400#0": {"QueryResponse.Customer[*].DefaultTaxCodeRef": "as get/id#0"},
    "all/customers#1": {"QueryResponse.Customer[*].DefaultTaxCodeRef": "as get/id#0"},
    "update/customer#0": {"Customer.DefaultTaxCodeRef": "as get/id#0"},
    "update/customer#1": {"Customer.DefaultTaxCodeRef": "as get/id#0"},
    "delete/invoice#0": {"Invoice.CustomField": "as create/invoice#0"},
    "void/invoice#0": {"Invoice.CustomField": "as create/invoice#0"},
    "void/invoice#1": {"Invoice.CustomField": "as create/invoice#0"},
    "error/401#0": {"fault.error[0].detail": "recorded \"Token expired: <the token>\"; connsim does not echo "
                                             "the token (secrets stay out of answers and logs)"},
}

#: recorded interactions not compared: cassette → (count, what a connector sees from connsim instead)
NOT_SIMULATED: dict[str, tuple[int, str]] = {
    "all/employees_including_active": (2, "Employee is not simulated: COUNT answers 0, SELECT an empty "
                                          "QueryResponse"),
    "all/sales_receipts": (1, "SalesReceipt is not simulated: an empty QueryResponse"),
    "all/vendors_by_5": (7, "Vendor is not simulated: COUNT 0, pages empty"),
    "get/inactive_vendors": (1, "Vendor is not simulated: an empty QueryResponse"),
    "misc/ampersand": (1, "Vendor is not simulated: an empty QueryResponse"),
    "deactivate/employee": (2, "Employee is not simulated: 400 code 500 Unsupported Operation"),
    "update/sales_receipt": (2, "SalesReceipt is not simulated: 400 code 500 Unsupported Operation"),
    "attachment/create_for_invoice": (1, "/upload is not simulated: 400 code 500 Unsupported Operation"),
    "attachment/error_estimate": (1, "/upload is not simulated: 400 code 500 Unsupported Operation"),
    "attachment/read_attachment": (1, "Attachable is not simulated: 400 code 500 Unsupported Operation"),
    "attachment/delete_attachment": (1, "Attachable is not simulated: 400 code 500 Unsupported Operation"),
    "batch/basic": (1, "its items name Vendor and SalesReceipt (not simulated; each such item gets a Fault); "
                       "its invoice delete of a missing id is compared in test_recorded_qbo's batch test"),
    "cdc/basic": (1, "CDC is not simulated: 400 code 500 Unsupported Operation"),
    "get_pdf/invoice": (1, "PDFs are not simulated: 400 code 500 Unsupported Operation"),
    "reports/gl": (1, "reports are not simulated: 400 code 500 Unsupported Operation"),
    "reports/profit_and_loss": (1, "reports are not simulated: 400 code 500 Unsupported Operation"),
}
TOTAL_RECORDED = 51  # interactions in minimul/qbo_api spec/vcr at 34abd0e


def lookup(body: Any, path: str) -> Any:
    """The value at ``Invoice.Line[0].Amount``; ABSENT when any step is missing."""
    value = body
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(value, list) or index >= len(value):
                return ABSENT
            value = value[index]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return ABSENT
    return value


def mismatches(expected: dict[str, Any], body: Any, names: dict[str, str]) -> list[str]:
    """Each expected path whose value or format differs, with what was answered."""
    out = []
    for path, want in expected.items():
        got = lookup(body, path)
        if isinstance(want, re.Pattern):
            ok = got is not ABSENT and want.search(str(got)) is not None
        elif isinstance(want, str):
            ok = got == want.format(**names)
        elif isinstance(want, dict):
            ok = got == fill(want, names)
        else:
            ok = got is want if want is ABSENT or want is None or isinstance(want, bool) else got == want
        if not ok:
            out.append(f"{path}: expected {want!r}, got {'(absent)' if got is ABSENT else repr(got)}")
    return out


def fill(value: Any, names: dict[str, str]) -> Any:
    """{placeholders} replaced in every string of a request or an expected value."""
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    return value
