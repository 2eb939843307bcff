"""Which elements each Xero Accounting object accepts, so an unknown one gets Xero's own error
instead of being dropped in silence.

The table is the ``properties`` of each schema in Xero's official OpenAPI file (OAS-ACC,
XeroAPI/Xero-OpenAPI ``xero_accounting.yaml`` v16.1.0, ``components.schemas``), one line per
schema: ``Name`` is a scalar, ``Name:Schema`` an object, ``Name:Schema[]`` a list.

Xero's answer to an element it does not know, in XML (recorded in pyxero PR #105 and xeroizer
issue #403): 400 PostDataInvalidException (ErrorNumber 14) "The element 'HasValidationErrors' was
not recognised. Ensure the element name has the correct case and that there are no duplicate
elements of the same name." XML names are case sensitive (the xeroizer case: ``CogsAccountCode``
for ``COGSAccountCode``). JSON is matched without regard to case (.NET's JSON reader); refusing an
unknown JSON property is UNCONFIRMED (setting ``xero_unknown_json_fields``)."""

from __future__ import annotations

from typing import Any

from connsim.simulator.xero.errors import PostDataInvalid

_SPEC = {
    "Account": (
        "AccountID AddToWatchlist BankAccountNumber BankAccountType Class Code CurrencyCode Description "
        "EnablePaymentsToAccount HasAttachments Name ReportingCode ReportingCodeName ShowInExpenseClaims "
        "Status SystemAccount TaxType Type UpdatedDateUTC ValidationErrors:ValidationError[] "
    ),
    "AccountsPayable": "Outstanding Overdue",
    "AccountsReceivable": "Outstanding Overdue",
    "Address": (
        "AddressLine1 AddressLine2 AddressLine3 AddressLine4 AddressType AttentionTo City Country PostalCode "
        "Region "
    ),
    "AddressForOrganisation": (
        "AddressLine1 AddressLine2 AddressLine3 AddressLine4 AddressType AttentionTo City Country PostalCode "
        "Region "
    ),
    "Allocation": (
        "AllocationID Amount CreditNote:CreditNote Date Invoice:Invoice IsDeleted Overpayment:Overpayment "
        "Prepayment:Prepayment StatusAttributeString ValidationErrors:ValidationError[] "
    ),
    "Attachment": "AttachmentID ContentLength FileName IncludeOnline MimeType Url",
    "Balances": "AccountsPayable:AccountsPayable AccountsReceivable:AccountsReceivable",
    "BatchPayment": (
        "Account:Account Amount BatchPaymentID Code Date DateString Details IsReconciled Narrative "
        "Particulars Payments:Payment[] Reference Status TotalAmount Type UpdatedDateUTC "
        "ValidationErrors:ValidationError[] "
    ),
    "BatchPaymentDetails": "BankAccountName BankAccountNumber Code Details Reference",
    "Bill": "Day Type",
    "BrandingTheme": "BrandingThemeID CreatedDateUTC LogoUrl Name SortOrder Type",
    "Contact": (
        "AccountNumber AccountsPayableTaxType AccountsReceivableTaxType Addresses:Address[] "
        "Attachments:Attachment[] Balances:Balances BankAccountDetails BatchPayments:BatchPaymentDetails "
        "BrandingTheme:BrandingTheme CompanyNumber ContactGroups:ContactGroup[] ContactID ContactNumber "
        "ContactPersons:ContactPerson[] ContactStatus DefaultCurrency Discount EmailAddress FirstName "
        "HasAttachments HasValidationErrors IsCustomer IsSupplier LastName MergedToContactID Name "
        "PaymentTerms:PaymentTerm Phones:Phone[] PurchasesDefaultAccountCode PurchasesDefaultLineAmountType "
        "PurchasesTrackingCategories:SalesTrackingCategory[] SalesDefaultAccountCode "
        "SalesDefaultLineAmountType SalesTrackingCategories:SalesTrackingCategory[] StatusAttributeString "
        "TaxNumber TaxNumberType TrackingCategoryName TrackingCategoryOption UpdatedDateUTC "
        "ValidationErrors:ValidationError[] Website XeroNetworkKey "
    ),
    "ContactGroup": "ContactGroupID Contacts:Contact[] Name Status",
    "ContactPerson": "EmailAddress FirstName IncludeInEmails LastName",
    "CreditNote": (
        "Allocations:Allocation[] AppliedAmount BrandingThemeID CISDeduction CISRate Contact:Contact "
        "CreditNoteID CreditNoteNumber CurrencyCode CurrencyRate Date DueDate FullyPaidOnDate HasAttachments "
        "HasErrors InvoiceAddresses:InvoiceAddress[] LineAmountTypes LineItems:LineItem[] Payments:Payment[] "
        "Reference RemainingCredit SentToContact Status StatusAttributeString SubTotal Total TotalTax Type "
        "UpdatedDateUTC UpdatedDateUTCString ValidationErrors:ValidationError[] Warnings:ValidationError[] "
    ),
    "Currency": "Code Description",
    "ExternalLink": "Description LinkType Url",
    "Invoice": (
        "AmountCredited AmountDue AmountPaid Attachments:Attachment[] BrandingThemeID CISDeduction CISRate "
        "Contact:Contact CreditNotes:CreditNote[] CurrencyCode CurrencyRate Date DueDate ExpectedPaymentDate "
        "FullyPaidOnDate HasAttachments HasErrors InvoiceAddresses:InvoiceAddress[] InvoiceID InvoiceNumber "
        "IsDiscounted LineAmountTypes LineItems:LineItem[] Overpayments:Overpayment[] Payments:Payment[] "
        "PlannedPaymentDate Prepayments:Prepayment[] Reference RepeatingInvoiceID SentToContact Status "
        "StatusAttributeString SubTotal Total TotalDiscount TotalTax Type UpdatedDateUTC UpdatedDateUTCString "
        "Url ValidationErrors:ValidationError[] Warnings:ValidationError[] "
    ),
    "InvoiceAddress": (
        "AddressLine1 AddressLine2 AddressLine3 AddressLine4 City Country InvoiceAddressType PostalCode "
        "Region "
    ),
    "Item": (
        "Code Description InventoryAssetAccountCode IsPurchased IsSold IsTrackedAsInventory ItemID Name "
        "PurchaseDescription PurchaseDetails:Purchase QuantityOnHand SalesDetails:Purchase "
        "StatusAttributeString TotalCostPool UpdatedDateUTC ValidationErrors:ValidationError[] "
    ),
    "LineItem": (
        "AccountCode AccountID Description DiscountAmount DiscountRate Item:LineItemItem ItemCode LineAmount "
        "LineItemID Quantity RepeatingInvoiceID SalesTaxCodeId TaxAmount TaxBreakdown:TaxBreakdownComponent[] "
        "TaxType Taxability Tracking:LineItemTracking[] UnitAmount "
    ),
    "LineItemItem": "Code ItemID Name",
    "LineItemTracking": "Name Option TrackingCategoryID TrackingOptionID",
    "Organisation": (
        "APIKey Addresses:AddressForOrganisation[] BaseCurrency Class CountryCode CreatedDateUTC "
        "DefaultPurchasesTax DefaultSalesTax Edition EmployerIdentificationNumber EndOfYearLockDate "
        "ExternalLinks:ExternalLink[] FinancialYearEndDay FinancialYearEndMonth IsDemoCompany LegalName "
        "LineOfBusiness Name OrganisationEntityType OrganisationID OrganisationStatus OrganisationType "
        "PaymentTerms:PaymentTerm PaysTax PeriodLockDate Phones:Phone[] RegistrationNumber SalesTaxBasis "
        "SalesTaxPeriod ShortCode TaxNumber Timezone Version "
    ),
    "Overpayment": (
        "Allocations:Allocation[] AppliedAmount Attachments:Attachment[] Contact:Contact CurrencyCode "
        "CurrencyRate Date HasAttachments LineAmountTypes LineItems:LineItem[] OverpaymentID "
        "Payments:Payment[] Reference RemainingCredit Status SubTotal Total TotalTax Type UpdatedDateUTC "
        "UpdatedDateUTCString "
    ),
    "Payment": (
        "Account:Account Amount BankAccountNumber BankAmount BatchPayment:BatchPayment BatchPaymentID Code "
        "CreditNote:CreditNote CreditNoteNumber CurrencyRate Date Details HasAccount HasValidationErrors "
        "Invoice:Invoice InvoiceNumber IsReconciled Overpayment:Overpayment Particulars PaymentID PaymentType "
        "Prepayment:Prepayment Reference Status StatusAttributeString UpdatedDateUTC UpdatedDateUTCString "
        "ValidationErrors:ValidationError[] Warnings:ValidationError[] "
    ),
    "PaymentTerm": "Bills:Bill Sales:Bill",
    "Phone": "PhoneAreaCode PhoneCountryCode PhoneNumber PhoneType",
    "Prepayment": (
        "Allocations:Allocation[] AppliedAmount Attachments:Attachment[] BrandingThemeID Contact:Contact "
        "CurrencyCode CurrencyRate Date HasAttachments InvoiceNumber LineAmountTypes LineItems:LineItem[] "
        "Payments:Payment[] PrepaymentID Reference RemainingCredit Status SubTotal Total TotalTax Type "
        "UpdatedDateUTC UpdatedDateUTCString "
    ),
    "Purchase": "AccountCode COGSAccountCode TaxType UnitPrice",
    "SalesTrackingCategory": "TrackingCategoryName TrackingOptionName",
    "TaxBreakdownComponent": (
        "ExemptAmount JurisdictionRegion Name NonTaxableAmount StateAssignedNo TaxAmount TaxComponentId "
        "TaxPercentage TaxableAmount Type "
    ),
    "TaxComponent": "IsCompound IsNonRecoverable Name Rate",
    "TaxRate": (
        "CanApplyToAssets CanApplyToEquity CanApplyToExpenses CanApplyToLiabilities CanApplyToRevenue "
        "DisplayTaxRate EffectiveRate Name ReportTaxType Status TaxComponents:TaxComponent[] TaxType "
    ),
    "TrackingCategory": "Name Option Options:TrackingOption[] Status TrackingCategoryID TrackingOptionID",
    "TrackingOption": "Name Status TrackingCategoryID TrackingOptionID",
    "ValidationError": "Message",
}

#: read-only fields Xero writes in its JSON answers (OAS-ACC examples) that a client may send back
#: unchanged: JSON tolerates them (the official SDKs re-send what they read)
ECHOED = frozenset({"DateString", "DueDateString", "UpdatedDateUTCString", "FullyPaidOnDateString",
                    "CreatedDateUTCString", "ExpectedPaymentDateString", "PlannedPaymentDateString"})
#: read-only elements an XML body may not carry: pyxero leaves them out because Xero refuses them
#: (pyxero ``BaseManager.NO_SEND_FIELDS``; PR #105 quotes the refusal for HasValidationErrors)
XML_REFUSED = frozenset({"UpdatedDateUTC", "HasValidationErrors", "IsDiscounted", "DateString", "HasErrors",
                         "DueDateString", "HasAccount"})
#: element names of list items in XML where they differ from the schema name (xeroizer recordings:
#: ``<Tracking><TrackingCategory>``, ``<Options><Option>``)
XML_ITEM_NAMES = {"Addresses": "Address", "Tracking": "TrackingCategory", "Options": "Option",
                  "SalesTrackingCategories": "SalesTrackingCategory",
                  "PurchasesTrackingCategories": "SalesTrackingCategory", "Warnings": "Warning"}
#: pyxero sends an allocation's amount as AppliedAmount in XML (``BaseManager._put_allocation``)
_XML_EXTRA = {"Allocation": {"AppliedAmount": (None, False)}}

Field = tuple[str | None, bool]  # (child schema or None for a scalar, is a list)


def _parse(line: str) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    for token in line.split():
        name, _, kind = token.partition(":")
        is_list = kind.endswith("[]")
        fields[name] = (kind.rstrip("[]") or None, is_list)
    return fields


SCHEMAS: dict[str, dict[str, Field]] = {name: _parse(line) for name, line in _SPEC.items()}
_FOLDED = {name: {k.lower(): k for k in fields} for name, fields in SCHEMAS.items()}


def not_recognised(name: str) -> PostDataInvalid:
    return PostDataInvalid(f"The element '{name}' was not recognised. Ensure the element name has the correct case "
                           "and that there are no duplicate elements of the same name.")


def conform_json(data: dict[str, Any], schema: str, strict: bool = True) -> dict[str, Any]:
    """The JSON object with its keys in Xero's spelling; an unknown key is refused when ``strict``."""
    folded, fields = _FOLDED[schema], SCHEMAS[schema]
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = folded.get(key.lower())
        if name is None:
            if key in ECHOED or not strict:
                continue
            raise not_recognised(str(key))
        child, is_list = fields[name]
        if child in SCHEMAS and isinstance(value, dict) and not is_list:
            value = conform_json(value, child, strict)
        elif child in SCHEMAS and is_list and isinstance(value, list):
            value = [conform_json(v, child, strict) if isinstance(v, dict) else v for v in value]
        out[name] = value
    return out


def field(schema: str, name: str, xml: bool) -> Field | None:
    """The declared shape of element ``name`` of ``schema`` (XML: exact case, read-only refused)."""
    if xml:
        if name in XML_REFUSED:
            return None
        return SCHEMAS[schema].get(name) or _XML_EXTRA.get(schema, {}).get(name)
    return SCHEMAS[schema].get(name)


def item_name(key: str, child: str | None) -> str:
    """The element name of one item of list ``key`` in XML."""
    return XML_ITEM_NAMES.get(key) or child or key.rstrip("s")
