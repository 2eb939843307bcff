"""Expectations written from public recordings of real Xero Accounting traffic and from the
official OpenAPI file's examples. Nothing here is copied from those files: each expectation states,
in our words, what the recorded answer shows (status, content type, envelope, element/field paths,
formats, error texts) and cites where it was seen.

Sources (short names):
- XZ: waynerobinson/xeroizer ``test/stub_responses/*`` (XML and JSON answers captured from the API)
- XZ#403: xeroizer issue #403 (a PostDataInvalidException quoted from a live answer)
- PX: freakboy3742/pyxero ``tests/test_exceptions.py`` + ``tests/mock_data.py`` (mocks marked
  "Verified response from the live API"); PX#105: pyxero PR #105 (a live refusal quoted)
- PY: XeroAPI/xero-python ``tests/accounting/api/cassettes/test_get_organisations.yaml`` (VCR cassette)
- OAS: XeroAPI/Xero-OpenAPI ``xero_accounting.yaml`` v16.1.0, the response examples of the operation named
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
XML_DAY = re.compile(r"^\d{4}-\d\d-\d\dT00:00:00$")  # <Date>2011-02-16T00:00:00</Date>
XML_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?$")  # <UpdatedDateUTC>2011-05-03T23:28:09.993
XML_NOW = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$")  # <DateTimeUTC>2011-05-31T01:33:42.1556163Z
MONEY = re.compile(r"^-?\d+\.\d\d$")  # <Amount>148.50</Amount>
QTY = re.compile(r"^-?\d+\.\d{4}$")  # <Quantity>1.0000</Quantity>
RATE = re.compile(r"^\d+\.\d{6}$")  # <CurrencyRate>1.000000</CurrencyRate>
MS_PLAIN = re.compile(r"^/Date\(\d+\)/$")  # "DateTimeUTC": "/Date(1584585851967)/"
MS_OFFSET = re.compile(r"^/Date\(\d+\+0000\)/$")  # "PeriodLockDate": "/Date(1254268800000+0000)/"
DAY_STRING = re.compile(r"^\d{4}-\d\d-\d\dT00:00:00$")  # "DateString": "2018-10-10T00:00:00"
STAMP_STRING = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")  # "UpdatedDateUTCString": "2019-03-12T23:10:38Z"
PRESENT = object()


@dataclass(frozen=True)
class Recorded:
    """One recorded interaction: the request to replay and what the recorded answer shows."""

    id: str
    source: str
    method: str
    #: path under /api.xro/2.0; ``{name}`` placeholders are filled from the world's ids
    path: str
    status: int
    content_type: str
    #: XML: (ElementTree path from the root, expected); JSON: (dotted path, ``[n]`` for list items, expected).
    #: expected is a value, a compiled regex, or PRESENT
    checks: tuple[tuple[str, Any], ...] = ()
    accept_json: bool = False
    body: bytes | None = None
    body_type: str | None = None
    query: dict[str, str] = field(default_factory=dict)
    headers: tuple[tuple[str, Any], ...] = ()
    #: how to authenticate: "good", "expired" (token past its 30 minutes), "other-tenant"
    auth: str = "good"
    root: str | None = None


XML_ENVELOPE = (("Id", GUID), ("Status", "OK"), ("ProviderName", PRESENT), ("DateTimeUTC", XML_NOW))

RECORDED: tuple[Recorded, ...] = (
    # -- XML answers (no Accept header): xeroizer's stub responses --------------------------------
    Recorded("xml-organisation", "XZ organisation.xml", "GET", "/Organisation", 200, "text/xml", root="Response",
             checks=(*XML_ENVELOPE,
                 ("Organisations/Organisation/Version", "AU"), ("Organisations/Organisation/BaseCurrency", "AUD"),
                 ("Organisations/Organisation/CountryCode", "AU"), ("Organisations/Organisation/PaysTax", "true"),
                 ("Organisations/Organisation/OrganisationStatus", "ACTIVE"),
                 ("Organisations/Organisation/FinancialYearEndDay", re.compile(r"^\d{1,2}$")),
                 ("Organisations/Organisation/PeriodLockDate", "2008-06-30T00:00:00"),
                 ("Organisations/Organisation/CreatedDateUTC", XML_STAMP),
                 ("Organisations/Organisation/Addresses/Address[AddressType='POBOX']", PRESENT),
                 ("Organisations/Organisation/Addresses/Address[AddressType='STREET']", PRESENT),
                 ("Organisations/Organisation/Phones/Phone[PhoneType='DEFAULT']", PRESENT),
                 ("Organisations/Organisation/Phones/Phone[PhoneType='FAX']", PRESENT))),
    Recorded("xml-contact-details", "XZ contact_with_details.xml", "GET", "/Contacts/{contact}", 200, "text/xml",
             root="Response", checks=(*XML_ENVELOPE,
                 ("Contacts/Contact/ContactID", GUID), ("Contacts/Contact/ContactStatus", "ACTIVE"),
                 ("Contacts/Contact/Name", "Melrose Parking"), ("Contacts/Contact/TaxNumber", "53003086616"),
                 ("Contacts/Contact/Addresses/Address[AddressType='POBOX']/City", "Melbourne"),
                 ("Contacts/Contact/Addresses/Address[AddressType='POBOX']/AttentionTo", "Accounts"),
                 ("Contacts/Contact/Addresses/Address[AddressType='STREET']", PRESENT),
                 ("Contacts/Contact/Phones/Phone[PhoneType='DEFAULT']/PhoneNumber", "4389376"),
                 ("Contacts/Contact/Phones/Phone[PhoneType='DEFAULT']/PhoneAreaCode", "0800"),
                 ("Contacts/Contact/Phones/Phone[PhoneType='MOBILE']", PRESENT),
                 ("Contacts/Contact/Phones/Phone[PhoneType='DDI']", PRESENT),
                 ("Contacts/Contact/UpdatedDateUTC", XML_STAMP), ("Contacts/Contact/IsSupplier", "false"),
                 ("Contacts/Contact/IsCustomer", "true"),
                 ("Contacts/Contact/Balances/AccountsReceivable/Outstanding", MONEY),
                 ("Contacts/Contact/Balances/AccountsPayable/Overdue", "0.00"))),
    Recorded("xml-invoice", "XZ invoice.xml", "GET", "/Invoices/{invoice}", 200, "text/xml", root="Response",
             checks=(*XML_ENVELOPE,
                 ("Invoices/Invoice/Contact/ContactID", "{contact}"),
                 ("Invoices/Invoice/Contact/Addresses/Address[AddressType='POBOX']/City", "Melbourne"),
                 ("Invoices/Invoice/Contact/Phones/Phone[PhoneType='DEFAULT']", PRESENT),
                 ("Invoices/Invoice/Date", XML_DAY), ("Invoices/Invoice/DueDate", XML_DAY),
                 ("Invoices/Invoice/Status", "PAID"), ("Invoices/Invoice/LineAmountTypes", "Exclusive"),
                 ("Invoices/Invoice/LineItems/LineItem/UnitAmount", "135.00"),
                 ("Invoices/Invoice/LineItems/LineItem/TaxType", "OUTPUT"),
                 ("Invoices/Invoice/LineItems/LineItem/TaxAmount", "13.50"),
                 ("Invoices/Invoice/LineItems/LineItem/LineAmount", "135.00"),
                 ("Invoices/Invoice/LineItems/LineItem/Quantity", QTY),
                 ("Invoices/Invoice/SubTotal", "135.00"), ("Invoices/Invoice/TotalTax", "13.50"),
                 ("Invoices/Invoice/Total", "148.50"), ("Invoices/Invoice/UpdatedDateUTC", XML_STAMP),
                 ("Invoices/Invoice/CurrencyCode", "AUD"), ("Invoices/Invoice/FullyPaidOnDate", XML_DAY),
                 ("Invoices/Invoice/Type", "ACCREC"), ("Invoices/Invoice/InvoiceID", "{invoice}"),
                 ("Invoices/Invoice/Payments/Payment/PaymentID", GUID),
                 ("Invoices/Invoice/Payments/Payment/Date", XML_DAY),
                 ("Invoices/Invoice/Payments/Payment/Amount", "148.50"),
                 ("Invoices/Invoice/Payments/Payment/Reference", "Chq 409"),
                 ("Invoices/Invoice/AmountDue", "0.00"), ("Invoices/Invoice/AmountPaid", "148.50"),
                 ("Invoices/Invoice/AmountCredited", "0.00"))),
    Recorded("xml-payments", "XZ payments.xml", "GET", "/Payments", 200, "text/xml", root="Response",
             checks=(*XML_ENVELOPE,
                 ("Payments/Payment/PaymentID", GUID), ("Payments/Payment/Date", XML_DAY),
                 ("Payments/Payment/Amount", "148.50"), ("Payments/Payment/Reference", "Chq 409"),
                 ("Payments/Payment/CurrencyRate", RATE), ("Payments/Payment/PaymentType", "ACCRECPAYMENT"),
                 ("Payments/Payment/Status", "AUTHORISED"), ("Payments/Payment/UpdatedDateUTC", XML_STAMP),
                 ("Payments/Payment/Account/AccountID", GUID),
                 ("Payments/Payment/Invoice/Contact/ContactID", "{contact}"),
                 ("Payments/Payment/Invoice/Contact/Name", "Melrose Parking"),
                 ("Payments/Payment/Invoice/Type", "ACCREC"), ("Payments/Payment/Invoice/InvoiceID", "{invoice}"),
                 ("Payments/Payment/Invoice/CurrencyCode", "AUD"))),
    Recorded("xml-prepayments", "XZ prepayments.xml", "GET", "/Prepayments", 200, "text/xml", root="Response",
             checks=(*XML_ENVELOPE,
                 ("Prepayments/Prepayment/Contact/ContactID", "{contact}"),
                 ("Prepayments/Prepayment/Contact/Name", "Melrose Parking"),
                 ("Prepayments/Prepayment/Date", XML_DAY), ("Prepayments/Prepayment/Status", "AUTHORISED"),
                 ("Prepayments/Prepayment/SubTotal", "400.00"), ("Prepayments/Prepayment/Total", "400.00"),
                 ("Prepayments/Prepayment/UpdatedDateUTC", XML_STAMP),
                 ("Prepayments/Prepayment/CurrencyCode", "AUD"),
                 ("Prepayments/Prepayment/Type", "RECEIVE-PREPAYMENT"),
                 ("Prepayments/Prepayment/RemainingCredit", "400.00"),
                 ("Prepayments/Prepayment/HasAttachments", "false"), ("Prepayments/Prepayment/PrepaymentID", GUID))),
    Recorded("xml-items", "XZ items.xml", "GET", "/Items", 200, "text/xml", root="Response",
             checks=(*XML_ENVELOPE,
                 ("Items/Item/ItemID", GUID), ("Items/Item/Code", "DevD"),
                 ("Items/Item/Description", "Development work - developer onsite per day"),
                 ("Items/Item/UpdatedDateUTC", XML_STAMP), ("Items/Item/SalesDetails/UnitPrice", "650.00"),
                 ("Items/Item/SalesDetails/AccountCode", "200"), ("Items/Item/SalesDetails/TaxType", "OUTPUT"))),
    Recorded("xml-currencies", "XZ currencies.xml", "GET", "/Currencies", 200, "text/xml", root="Response",
             checks=(*XML_ENVELOPE, ("Currencies/Currency/Code", "AUD"),
                                    ("Currencies/Currency/Description", "Australian Dollar"))),
    Recorded("xml-branding-themes", "XZ branding_themes.xml", "GET", "/BrandingThemes", 200, "text/xml",
             root="Response", checks=(*XML_ENVELOPE,
                 ("BrandingThemes/BrandingTheme/BrandingThemeID", GUID),
                 ("BrandingThemes/BrandingTheme/Name", "Standard"), ("BrandingThemes/BrandingTheme/SortOrder", "0"),
                 ("BrandingThemes/BrandingTheme/CreatedDateUTC", XML_STAMP))),
    Recorded("xml-credit-note-tracking", "XZ credit_note.xml", "GET", "/CreditNotes/{credit_note}", 200, "text/xml",
             root="Response", checks=(*XML_ENVELOPE,
                 ("CreditNotes/CreditNote/Contact/ContactID", "{contact}"),
                 ("CreditNotes/CreditNote/Date", XML_DAY), ("CreditNotes/CreditNote/Status", "AUTHORISED"),
                 ("CreditNotes/CreditNote/LineItems/LineItem/UnitAmount", "199.00"),
                 ("CreditNotes/CreditNote/LineItems/LineItem/TaxAmount", "19.90"),
                 ("CreditNotes/CreditNote/LineItems/LineItem/AccountCode", "200"),
                 ("CreditNotes/CreditNote/LineItems/LineItem/Tracking/TrackingCategory/Name", "Region"),
                 ("CreditNotes/CreditNote/LineItems/LineItem/Tracking/TrackingCategory/Option", "North"),
                 ("CreditNotes/CreditNote/LineItems/LineItem/Tracking/TrackingCategory/TrackingCategoryID", GUID),
                 ("CreditNotes/CreditNote/LineItems/LineItem/Quantity", "1.0000"))),
    Recorded("xml-validation-currency", "XZ api_exception.xml", "PUT", "/Invoices", 400, "text/xml",
             root="ApiException", body_type="text/xml",
             body=b"<Invoice><Type>ACCREC</Type><Contact><ContactID>{contact}</ContactID></Contact>"
                  b"<Reference>Ref:SMITHK</Reference><CurrencyCode>NZD</CurrencyCode><LineItems><LineItem>"
                  b"<Description>x</Description><UnitAmount>10</UnitAmount></LineItem></LineItems></Invoice>",
             checks=(("ErrorNumber", "10"), ("Type", "ValidationException"),
                     ("Message", "A validation exception occurred"),
                     ("Elements/DataContractBase/ValidationErrors/ValidationError/Message",
                      "Users Organisation is not subscribed to currency NZD"),
                     ("Elements/DataContractBase/Reference", "Ref:SMITHK"))),
    Recorded("xml-validation-three-errors", "PX test_bad_request (mock_data.bad_request_text)", "PUT", "/Invoices",
             400, "text/xml", root="ApiException", body_type="application/xml",
             body=b"<Invoice><Type>ACCREC</Type><LineAmountTypes>Exclusive</LineAmountTypes>"
                  b"<Date>2013-04-29T00:00:00</Date><DueDate>2013-04-29T00:00:00</DueDate>"
                  b"<Reference>Order # 123456</Reference><Status>PAID</Status></Invoice>",
             checks=(("ErrorNumber", "10"), ("Type", "ValidationException"),
                     ("Elements/DataContractBase/ValidationErrors/ValidationError[1]/Message",
                      "One or more line items must be specified"),
                     ("Elements/DataContractBase/ValidationErrors/ValidationError[2]/Message",
                      "Invoice not of valid status for creation"),
                     ("Elements/DataContractBase/ValidationErrors/ValidationError[3]/Message",
                      "A Contact must be specified for this type of transaction"),
                     ("Elements/DataContractBase/Date", "2013-04-29T00:00:00"))),
    Recorded("xml-unknown-element-case", "XZ#403 (Item with CogsAccountCode)", "POST", "/Items", 400, "text/xml",
             root="ApiException", body_type="text/xml",
             body=b"<Items><Item><Code>DevD</Code><PurchaseDetails><CogsAccountCode>310</CogsAccountCode>"
                  b"</PurchaseDetails></Item></Items>",
             checks=(("ErrorNumber", "14"), ("Type", "PostDataInvalidException"),
                     ("Message", "The element 'CogsAccountCode' was not recognised. Ensure the element name has the "
                                 "correct case and that there are no duplicate elements of the same name."))),
    Recorded("xml-read-only-element", "PX#105 (a contact re-sent with HasValidationErrors)", "POST", "/Contacts", 400,
             "text/xml", root="ApiException", body_type="text/xml",
             body=b"<Contacts><Contact><ContactID>{contact}</ContactID><Name>Melrose Parking</Name>"
                  b"<HasValidationErrors>false</HasValidationErrors></Contact></Contacts>",
             checks=(("ErrorNumber", "14"), ("Type", "PostDataInvalidException"),
                     ("Message", "The element 'HasValidationErrors' was not recognised. Ensure the element name has "
                                 "the correct case and that there are no duplicate elements of the same name."))),
    Recorded("xml-not-implemented", "PX test_not_implemented (mock_data.not_implemented_text)", "POST",
             "/Organisation", 501, "text/xml", root="ApiException", body_type="text/xml",
             body=b"<Organisation><Name>x</Name></Organisation>",
             checks=(("ErrorNumber", "20"), ("Type", "ApiMethodNotImplementedException"),
                     ("Message", "The Api Method called is not implemented"))),
    Recorded("not-found", "PX test_not_found", "GET", "/Contacts/7c4d8f4e-0000-4000-8000-000000000001", 404,
             "text/html", checks=(("$text", "The resource you're looking for cannot be found"),)),
    # -- gateway answers (JSON whatever the Accept header) ---------------------------------------
    Recorded("expired-token", "XZ expired_oauth2_token.json; PX test_unauthorized_expired_json", "GET", "/Contacts",
             401, "application/json", auth="expired",
             checks=(("Title", "Unauthorized"), ("Status", 401),
                     ("Detail", re.compile(r"^TokenExpired: token expired at \d\d/\d\d/\d{4} \d\d:\d\d:\d\d$")),
                     ("Instance", GUID))),
    Recorded("wrong-tenant", "XZ invalid_tenant_header.json", "GET", "/Contacts", 403, "application/json",
             auth="other-tenant",
             checks=(("title", "Forbidden"), ("status", 403), ("detail", "AuthenticationUnsuccessful"),
                     ("instance", GUID))),
    # -- JSON answers: xero-python's cassette and the OpenAPI examples ---------------------------
    Recorded("json-organisation", "PY test_get_organisations.yaml", "GET", "/Organisation", 200,
             "application/json; charset=utf-8", accept_json=True,
             headers=(("Xero-Correlation-Id", "{Id}"), ("X-DayLimit-Remaining", re.compile(r"^\d+$")),
                      ("X-MinLimit-Remaining", re.compile(r"^\d+$"))),
             checks=(("Id", GUID), ("Status", "OK"), ("DateTimeUTC", MS_PLAIN),
                     ("Organisations[0].PaysTax", True), ("Organisations[0].OrganisationStatus", "ACTIVE"),
                     ("Organisations[0].PeriodLockDate", MS_OFFSET), ("Organisations[0].CreatedDateUTC", MS_PLAIN),
                     ("Organisations[0].ShortCode", re.compile(r"^!\w{5}$")),
                     ("Organisations[0].OrganisationID", GUID), ("Organisations[0].Edition", "BUSINESS"),
                     ("Organisations[0].ExternalLinks", []), ("Organisations[0].PaymentTerms", {}),
                     ("Organisations[0].FinancialYearEndDay", 30))),  # a JSON number (31 in the capture)
    Recorded("json-invoice", "OAS getInvoice example", "GET", "/Invoices/{invoice}", 200, "application/json",
             accept_json=True,
             checks=(("Invoices[0].Type", "ACCREC"), ("Invoices[0].InvoiceID", "{invoice}"),
                     ("Invoices[0].Payments[0].Date", MS_OFFSET), ("Invoices[0].Payments[0].CurrencyRate", 1.0),
                     ("Invoices[0].Payments[0].HasValidationErrors", False), ("Invoices[0].Prepayments", []),
                     ("Invoices[0].Overpayments", []), ("Invoices[0].AmountDue", 0.0),
                     ("Invoices[0].HasErrors", False), ("Invoices[0].IsDiscounted", False),
                     ("Invoices[0].Contact.ContactStatus", "ACTIVE"), ("Invoices[0].Contact.Addresses", PRESENT),
                     ("Invoices[0].DateString", DAY_STRING), ("Invoices[0].Date", MS_OFFSET),
                     ("Invoices[0].DueDateString", DAY_STRING), ("Invoices[0].UpdatedDateUTC", MS_OFFSET),
                     ("Invoices[0].UpdatedDateUTCString", STAMP_STRING),
                     ("Invoices[0].LineItems[0].LineItemID", GUID), ("Invoices[0].LineItems[0].Tracking", []))),
    Recorded("json-items", "OAS getItems example", "GET", "/Items", 200, "application/json", accept_json=True,
             checks=(("Items[0].ItemID", GUID), ("Items[0].UpdatedDateUTC", MS_OFFSET),
                     ("Items[0].PurchaseDetails", {}), ("Items[0].SalesDetails.UnitPrice", 650.0),
                     ("Items[0].IsTrackedAsInventory", False), ("Items[0].IsSold", True))),
    Recorded("json-tax-rates", "OAS getTaxRates example", "GET", "/TaxRates", 200, "application/json",
             accept_json=True,
             checks=(("TaxRates[0].TaxComponents[0].Name", "GST"), ("TaxRates[0].TaxComponents[0].IsCompound", False),
                     ("TaxRates[0].Status", "ACTIVE"), ("TaxRates[0].ReportTaxType", PRESENT),
                     ("TaxRates[0].DisplayTaxRate", PRESENT), ("TaxRates[0].EffectiveRate", PRESENT),
                     ("TaxRates[0].CanApplyToRevenue", PRESENT))),
    Recorded("json-tracking", "OAS getTrackingCategories example", "GET", "/TrackingCategories", 200,
             "application/json", accept_json=True,
             checks=(("TrackingCategories[0].Status", "ACTIVE"), ("TrackingCategories[0].TrackingCategoryID", GUID),
                     ("TrackingCategories[0].Options[0].TrackingOptionID", GUID),
                     ("TrackingCategories[0].Options[0].Status", "ACTIVE"))),
    Recorded("json-overpayment-allocation", "OAS createOverpaymentAllocations example", "PUT",
             "/Overpayments/{overpayment}/Allocations", 200, "application/json", accept_json=True,
             body=b'{"Allocations":[{"Invoice":{"InvoiceID":"{open_invoice}"},"Amount":1,"Date":"2019-03-12"}]}',
             body_type="application/json",
             checks=(("Allocations[0].Amount", 1.0), ("Allocations[0].Date", MS_OFFSET),
                     ("Allocations[0].Invoice.InvoiceID", "{open_invoice}"),
                     ("Allocations[0].Overpayment.OverpaymentID", "{overpayment}"))),
    Recorded("json-overpayments", "OAS getOverpayments example", "GET", "/Overpayments", 200, "application/json",
             accept_json=True,
             checks=(("Overpayments[0].OverpaymentID", "{overpayment}"),
                     ("Overpayments[0].Type", "RECEIVE-OVERPAYMENT"),
                     ("Overpayments[0].RemainingCredit", PRESENT), ("Overpayments[0].Allocations", PRESENT),
                     ("Overpayments[0].HasAttachments", False), ("Overpayments[0].Contact.ContactID", "{contact}"),
                     ("Overpayments[0].DateString", DAY_STRING), ("Overpayments[0].Date", MS_OFFSET),
                     ("Overpayments[0].LineAmountTypes", "NoTax"),
                     ("Overpayments[0].UpdatedDateUTCString", STAMP_STRING))),
    Recorded("json-overpay-summarize-false", "OAS createPayments example (summarizeErrors=false)", "PUT",
             "/Payments", 200, "application/json", accept_json=True, query={"summarizeErrors": "false"},
             body=b'{"Payments":[{"Invoice":{"InvoiceID":"{open_invoice}"},"Account":{"Code":"090"},'
                  b'"Date":"2019-03-12","Amount":9999}]}', body_type="application/json",
             checks=(("Payments[0].HasValidationErrors", True), ("Payments[0].StatusAttributeString", "ERROR"),
                     ("Payments[0].ValidationErrors[0].Message",
                      "Payment amount exceeds the amount outstanding on this document"))),
    Recorded("json-duplicate-contact", "OAS createContacts 400 example", "PUT", "/Contacts", 400,
             "application/json", accept_json=True, body=b'{"Contacts":[{"Name":"Melrose Parking"}]}',
             body_type="application/json",
             checks=(("ErrorNumber", 10), ("Type", "ValidationException"),
                     ("Message", "A validation exception occurred"),
                     ("Elements[0].ValidationErrors[0].Message",
                      "The contact name Melrose Parking is already assigned to another contact. The contact name must "
                      "be unique across all active contacts."))),
    Recorded("json-duplicate-invoice-number", "OAS example text 'Invoice # must be unique.'", "PUT", "/Invoices", 400,
             "application/json", accept_json=True,
             body=b'{"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":"{contact}"},"InvoiceNumber":"INV-0001",'
                  b'"LineItems":[{"Description":"x","UnitAmount":1}]}]}', body_type="application/json",
             checks=(("ErrorNumber", 10), ("Elements[0].ValidationErrors[0].Message", "Invoice # must be unique."),
                     ("Elements[0].HasErrors", True))),
    Recorded("json-bad-email", "OAS 400Error example; DOCS responsecodes", "PUT", "/Contacts", 400,
             "application/json", accept_json=True, body=b'{"Contacts":[{"Name":"Mail Co","EmailAddress":"nope"}]}',
             body_type="application/json",
             checks=(("ErrorNumber", 10), ("Elements[0].ValidationErrors[0].Message", "Email address must be valid"))),
)

#: interactions whose recorded answer the simulator does not reproduce, and why each is left
KNOWN_MISMATCHES: dict[str, str] = {
    "wrong-tenant": "xeroizer's capture spells the gateway's keys in lower case (title/status/detail/instance); "
                    "xero-node #432 and xero-python #116 show them capitalised, as the 401 capture does: the "
                    "simulator follows the majority",
}
