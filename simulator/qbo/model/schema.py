"""The properties each QBO entity has, so a property it does not have is refused as QBO refuses it
(400 code 2010, Jackson's "Unrecognized field" text) instead of being kept and echoed back.

Sources: Invoice's first 61 names are the list QBO itself printed in minimul/qbo_api
spec/vcr/error/400_json.yml (its list is truncated at 61 of 83); every entity also has each attribute
python-quickbooks 0.9.12 serialises (quickbooks/objects/*.py), since that client sends them all; the rest
are the properties on Intuit's entity reference pages (developer.intuit.com .../all-entities/<entity>).
Only top-level properties are checked (nested objects: see docs/simulator/qbo.md)."""

from __future__ import annotations

from typing import Any

from connsim.simulator.qbo.errors import UnknownProperty

_BASE = ("Id", "SyncToken", "MetaData", "domain", "sparse", "status")
_ADDR_CONTACT = ("BillAddr", "ShipAddr", "PrimaryPhone", "AlternatePhone", "Mobile", "Fax", "PrimaryEmailAddr",
                 "WebAddr")

_RECORDED_INVOICE = (
    "DocNumber", "HomeTotalAmt", "TotalAmt", "TxnSource", "AllowOnlinePayment", "RecurringInfo", "EmailStatus",
    "callToAction", "AutoDocNumber", "ECloudStatusTimeStamp", "TaxFormNum", "TxnDate", "FOB", "ClassRef",
    "AllowOnlineACHPayment", "DepositToAccountRef", "InvoiceEx", "AllowOnlineCreditCardPayment", "CurrencyRef",
    "InvoiceLink", "PONumber", "ShipDate", "PaymentMethodRef", "TrackingNum", "TxnTaxDetail", "CustomerRef",
    "ShipFromAddr", "BillAddr", "EInvoiceStatus", "Id", "RecurDataRef", "ApplyTaxAfterDiscount", "DepartmentRef",
    "SalesRepRef", "ExchangeRate", "domain", "invoiceStatusLog", "TaxFormType", "BillEmailBcc", "LessCIS",
    "CustomerMemo", "TxnStatus", "HomeBalance", "PrintStatus", "ConvenienceFeeDetail", "DiscountRate",
    "DeliveryInfo", "FreeFormAddress", "AllowIPNPayment", "CustomField", "PaymentDetailsMessage",
    "TransactionLocationType", "MetaData", "LinkedTxn", "status", "RemitToRef", "PrivateNote", "ShipMethodRef",
    "PaymentRefNum", "Tag", "TxnApprovalInfo")
_SALES_FORM = ("SyncToken", "sparse", "Deposit", "Balance", "DueDate", "GlobalTaxCalculation", "ShipAddr",
               "BillEmail", "BillEmailCc", "SalesTermRef", "TaxExemptionRef", "Line", "ProjectRef")

KNOWN: dict[str, tuple[str, ...]] = {
    "Invoice": _RECORDED_INVOICE + _SALES_FORM,
    "CreditMemo": _BASE + ("DocNumber", "TxnDate", "CustomerRef", "Line", "TotalAmt", "Balance", "RemainingCredit",
                           "ApplyTaxAfterDiscount", "PrintStatus", "EmailStatus", "BillEmail", "BillAddr", "ShipAddr",
                           "CustomField", "TxnTaxDetail", "ClassRef", "DepartmentRef", "CurrencyRef", "ExchangeRate",
                           "GlobalTaxCalculation", "PrivateNote", "CustomerMemo", "SalesTermRef", "HomeBalance",
                           "HomeTotalAmt", "PaymentMethodRef", "DepositToAccountRef", "TransactionLocationType",
                           "TxnSource", "ProjectRef", "LinkedTxn"),
    "Payment": _BASE + ("CustomerRef", "TotalAmt", "UnappliedAmt", "TxnDate", "PaymentRefNum", "PaymentMethodRef",
                        "DepositToAccountRef", "ARAccountRef", "CurrencyRef", "ExchangeRate", "PrivateNote",
                        "TxnStatus", "ProcessPayment", "CreditCardPayment", "Line", "TaxExemptionRef",
                        "TransactionLocationType", "TxnSource", "ProjectRef", "LinkedTxn"),
    "Customer": _BASE + _ADDR_CONTACT + (
        "DisplayName", "Title", "GivenName", "MiddleName", "FamilyName", "Suffix", "FullyQualifiedName",
        "CompanyName", "PrintOnCheckName", "Active", "Balance", "BalanceWithJobs", "Job", "IsProject", "ParentRef",
        "BillWithParent", "Level", "Taxable", "Notes", "PreferredDeliveryMethod", "OpenBalanceDate", "CurrencyRef",
        "ARAccountRef", "DefaultTaxCodeRef", "SalesTermRef", "PaymentMethodRef", "PrimaryTaxIdentifier",
        "SecondaryTaxIdentifier", "ResaleNum", "TaxExemptionReasonId", "CustomerTypeRef", "BusinessNumber",
        "GSTIN", "GSTRegistrationType", "Source", "ClientEntityId"),
    "Item": _BASE + (
        "Name", "Sku", "Description", "Active", "SubItem", "ParentRef", "Level", "FullyQualifiedName", "Taxable",
        "SalesTaxIncluded", "UnitPrice", "Type", "IncomeAccountRef", "PurchaseDesc", "PurchaseTaxIncluded",
        "PurchaseCost", "ExpenseAccountRef", "AssetAccountRef", "TrackQtyOnHand", "QtyOnHand", "InvStartDate",
        "SalesTaxCodeRef", "PurchaseTaxCodeRef", "AbatementRate", "ReverseChargeRate", "ServiceType",
        "ItemCategoryType", "ClassRef", "PrefVendorRef", "TaxClassificationRef", "ReorderPoint", "UQCId",
        "UQCDisplayText", "Source"),
    "Account": _BASE + (
        "Name", "SubAccount", "ParentRef", "Description", "FullyQualifiedName", "Active", "Classification",
        "AccountType", "AccountSubType", "AcctNum", "CurrentBalance", "CurrentBalanceWithSubAccounts", "CurrencyRef",
        "TaxCodeRef", "TxnLocationType", "AccountAlias"),
    "TaxCode": _BASE + ("Name", "Description", "Active", "Taxable", "TaxGroup", "Hidden", "SalesTaxRateList",
                        "PurchaseTaxRateList", "AdjustmentTaxRateList", "TaxCodeConfigType"),
    "TaxRate": _BASE + ("Name", "Description", "Active", "RateValue", "AgencyRef", "TaxReturnLineRef",
                        "SpecialTaxType", "DisplayType", "EffectiveTaxRate"),
    "Term": _BASE + ("Name", "Active", "Type", "DueDays", "DiscountPercent", "DiscountDays", "DayOfMonthDue",
                     "DueNextMonthDays", "DiscountDayOfMonth"),
    "PaymentMethod": _BASE + ("Name", "Active", "Type"),
    "Class": _BASE + ("Name", "SubClass", "ParentRef", "FullyQualifiedName", "Active"),
    "Department": _BASE + ("Name", "SubDepartment", "ParentRef", "FullyQualifiedName", "Active"),
}


def check_properties(kind: str, data: dict[str, Any]) -> None:
    """Refuse the first top-level property ``kind`` does not have (400 code 2010, as recorded)."""
    known = KNOWN.get(kind)
    if known is None:
        return
    names = set(known)
    for prop in data:
        if prop not in names:
            raise UnknownProperty(prop, kind, known)
