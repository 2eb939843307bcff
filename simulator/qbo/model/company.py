"""What a new QuickBooks company holds before anyone types in it, per country: its currency, chart of
accounts, products and services, tax codes and rates, terms, payment methods, classes and locations;
and the CompanyInfo and Preferences entities a connector reads first (country, home currency,
multicurrency, default terms, closing date).

The country is the realm's ``country`` setting (US, GB, CA, AU; default US), read when the realm is
first used. Names follow QBO's own defaults where public recordings show them (minimul/qbo_api:
ItemRef 1 "Services", DepositToAccountRef "Undeposited Funds", PaymentMethodRef 2 "Check", terms
giving DueDate = TxnDate + 30 days); the rest is a plausible small-business company, UNCONFIRMED in
detail (docs/simulator/qbo.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.errors import BusinessValidation

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend

CURRENCY_NAMES = {"USD": "United States Dollar", "GBP": "British Pound Sterling", "CAD": "Canadian Dollar",
                  "AUD": "Australian Dollar", "EUR": "Euro", "NZD": "New Zealand Dollar"}


@dataclass(frozen=True)
class Country:
    code: str
    iso3: str
    currency: str
    fiscal_start: str
    #: US companies tax lines with the pseudo-codes TAX/NON and compute no tax here; the others use VAT/GST
    #: codes whose rates the simulator applies (GlobalTaxCalculation TaxExcluded)
    sales_tax: bool
    tax_account: tuple[str, str]
    #: (name, percent) for each TaxRate; (name, description, rate names) for each TaxCode
    rates: tuple[tuple[str, str], ...]
    codes: tuple[tuple[str, str, tuple[str, ...]], ...]
    #: the code products and services are sold with
    standard_code: str
    address: tuple[str, str, str, str]


COUNTRIES: dict[str, Country] = {c.code: c for c in (
    Country("US", "USA", "USD", "January", True, ("Sales Tax Payable", "SalesTaxPayable"),
            (("California", "8"),), (("California", "California sales tax", ("California",)),), "TAX",
            ("2500 Garcia Ave", "Mountain View", "CA", "94043")),
    Country("GB", "GBR", "GBP", "April", False, ("VAT Control", "GlobalTaxPayable"),
            (("20.0% S", "20"), ("5.0% R", "5"), ("0.0% Z", "0"), ("Exempt", "0")),
            (("20.0% S", "Standard rated sales", ("20.0% S",)), ("5.0% R", "Reduced rated sales", ("5.0% R",)),
             ("0.0% Z", "Zero rated sales", ("0.0% Z",)), ("Exempt", "Exempt sales", ("Exempt",)),
             ("No VAT", "Outside the scope of VAT", ())), "20.0% S",
            ("1 Poultry", "London", "", "EC2R 8EJ")),
    Country("CA", "CAN", "CAD", "January", False, ("GST/HST Payable", "GlobalTaxPayable"),
            (("GST", "5"), ("HST ON", "13"), ("PST BC", "7")),
            (("GST", "GST", ("GST",)), ("HST ON", "HST Ontario", ("HST ON",)),
             ("GST/PST BC", "GST and PST British Columbia", ("GST", "PST BC")), ("Exempt", "Exempt", ()),
             ("Zero-rated", "Zero-rated", ())), "HST ON",
            ("100 King St W", "Toronto", "ON", "M5X 1A9")),
    Country("AU", "AUS", "AUD", "July", False, ("GST Payable", "GlobalTaxPayable"),
            (("GST (sales)", "10"), ("GST free (sales)", "0")),
            (("GST", "GST on sales", ("GST (sales)",)), ("FRE", "GST free", ("GST free (sales)",)),
             ("N-T", "Not reportable", ())), "GST",
            ("1 Martin Pl", "Sydney", "NSW", "2000")),
)}

#: (Name, AccountType, AccountSubType, AcctNum); the country's tax liability is added after row 9
CHART: tuple[tuple[str, str, str, str], ...] = (
    ("Checking", "Bank", "Checking", "1000"),
    ("Savings", "Bank", "Savings", "1010"),
    ("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "1100"),
    ("Undeposited Funds", "Other Current Asset", "UndepositedFunds", "1200"),
    ("Inventory Asset", "Other Current Asset", "Inventory", "1300"),
    ("Prepaid Expenses", "Other Current Asset", "PrepaidExpenses", "1400"),
    ("Furniture and Equipment", "Fixed Asset", "FurnitureAndFixtures", "1500"),
    ("Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable", "2000"),
    ("Visa", "Credit Card", "CreditCard", "2100"),
    ("Opening Balance Equity", "Equity", "OpeningBalanceEquity", "3000"),
    ("Retained Earnings", "Equity", "RetainedEarnings", "3100"),
    ("Services", "Income", "ServiceFeeIncome", "4000"),
    ("Sales of Product Income", "Income", "SalesOfProductIncome", "4100"),
    ("Discounts given", "Income", "DiscountsRefundsGiven", "4200"),
    ("Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs", "5000"),
    ("Advertising", "Expense", "AdvertisingPromotional", "6000"),
    ("Bank Charges", "Expense", "BankCharges", "6100"),
    ("Legal & Professional Fees", "Expense", "LegalProfessionalFees", "6200"),
    ("Office Expenses", "Expense", "OfficeGeneralAdministrativeExpenses", "6300"),
    ("Rent or Lease", "Expense", "RentOrLeaseOfBuildings", "6400"),
    ("Utilities", "Expense", "Utilities", "6500"),
    ("Interest Earned", "Other Income", "InterestEarned", "7000"),
    ("Depreciation", "Other Expense", "Depreciation", "8000"),
)
#: (Name, Type, UnitPrice, income account, description); Item 1 is "Services", as seeded invoices reference
ITEMS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Services", "Service", "0", "Services", ""),
    ("Hours", "Service", "75", "Services", "Hourly work"),
    ("Consulting", "Service", "150", "Services", "Advisory services"),
    ("Bookkeeping", "Service", "95", "Services", "Monthly bookkeeping"),
    ("Hardware", "NonInventory", "120", "Sales of Product Income", "Hardware supplied"),
    ("Widget", "Inventory", "25", "Sales of Product Income", "Stocked widget"),
)
TERMS: tuple[tuple[str, int], ...] = (("Due on receipt", 0), ("Net 15", 15), ("Net 30", 30), ("Net 60", 60))
PAYMENT_METHODS: tuple[tuple[str, str], ...] = (
    ("Cash", "NON_CREDIT_CARD"), ("Check", "NON_CREDIT_CARD"), ("Visa", "CREDIT_CARD"),
    ("MasterCard", "CREDIT_CARD"), ("American Express", "CREDIT_CARD"), ("Direct Debit", "NON_CREDIT_CARD"))
CLASSES = ("Advisory", "Compliance")
DEPARTMENTS = ("Head Office", "Branch")


class Company:
    """The realm's company settings: country, currencies, default terms; and its standard lists."""

    def __init__(self, backend: QboBackend) -> None:
        code = str(backend.setting("country", "US")).upper()
        self.country = COUNTRIES.get(code, COUNTRIES["US"])
        self.currency = str(backend.setting("home_currency", self.country.currency))
        self.multicurrency = bool(backend.setting("multicurrency", False))
        self.default_terms = str(backend.setting("default_terms", "Net 30"))
        self.default_term_id: str | None = None
        self.undeposited_id = ""

    def currency_ref(self, code: str | None = None) -> dict[str, str]:
        """{"value": "USD", "name": "United States Dollar"}; another currency needs multicurrency on."""
        code = (code or self.currency).upper()
        if code != self.currency and not self.multicurrency:
            # UNCONFIRMED wording; QBO refuses foreign currencies until multicurrency is turned on
            raise BusinessValidation(f"Multicurrency is turned off: {code} can't be used, only {self.currency}.",
                                     element="CurrencyRef")
        return {"value": code, "name": CURRENCY_NAMES.get(code, code)}

    def install(self, backend: QboBackend) -> None:
        """The lists a new company has, written as a person setting up QuickBooks would."""
        country = self.country
        accounts: dict[str, str] = {}
        rows = list(CHART)
        rows.insert(10, (country.tax_account[0], "Other Current Liability", country.tax_account[1], "2200"))
        for name, kind, sub, number in rows:
            accounts[name] = backend.create("Account", {"Name": name, "AccountType": kind, "AccountSubType": sub,
                                                        "AcctNum": number}, ui=True).id
        self.undeposited_id = accounts["Undeposited Funds"]
        rates = {name: backend.create("TaxRate", {"Name": name, "Description": name, "RateValue": percent,
                                                  "SpecialTaxType": "NONE", "DisplayType": "ReadOnly"}, ui=True)
                 for name, percent in country.rates}
        codes = {}
        for name, description, rate_names in country.codes:
            details = [{"TaxRateRef": {"value": rates[r].id, "name": r}, "TaxTypeApplicable": "TaxOnAmount",
                        "TaxOrder": 0} for r in rate_names]
            codes[name] = backend.create("TaxCode", {
                "Name": name, "Description": description, "Taxable": bool(rate_names),
                "TaxGroup": len(rate_names) > 1, "SalesTaxRateList": {"TaxRateDetail": details},
                "PurchaseTaxRateList": {"TaxRateDetail": []}}, ui=True).id
        for name, kind, price, income, description in ITEMS:
            fields: dict[str, Any] = {"Name": name, "Type": kind, "UnitPrice": price,
                                      "IncomeAccountRef": {"value": accounts[income]}}
            if description:
                fields["Description"] = description
            if country.sales_tax:
                fields["Taxable"] = kind != "Service"
            else:
                fields["SalesTaxCodeRef"] = {"value": codes[country.standard_code]}
            if kind == "Inventory":
                fields.update({"ExpenseAccountRef": {"value": accounts["Cost of Goods Sold"]},
                               "AssetAccountRef": {"value": accounts["Inventory Asset"]}, "QtyOnHand": 40,
                               "InvStartDate": backend.today().replace(month=1, day=1).isoformat(),
                               "PurchaseCost": "12"})
            backend.create("Item", fields, ui=True)
        for name, days in TERMS:
            term = backend.create("Term", {"Name": name, "Type": "STANDARD", "DueDays": days}, ui=True)
            if name == self.default_terms:
                self.default_term_id = term.id
        for name, kind in PAYMENT_METHODS:
            backend.create("PaymentMethod", {"Name": name, "Type": kind}, ui=True)
        for name in CLASSES:
            backend.create("Class", {"Name": name}, ui=True)
        for name in DEPARTMENTS:
            backend.create("Department", {"Name": name}, ui=True)


def preferences(backend: QboBackend) -> dict[str, Any]:
    """The Preferences entity as connectors read it (Intuit's Preferences page; BookCloseDate needs
    minorversion >= 21, reference/qbo-aps.md §1.3)."""
    company = backend.company
    accounting: dict[str, Any] = {"TrackDepartments": True, "DepartmentTerminology": "Location",
                                  "ClassTrackingPerTxn": False, "ClassTrackingPerTxnLine": True,
                                  "CustomerTerminology": "Customers", "UseAccountNumbers": True,
                                  "FirstMonthOfFiscalYear": company.country.fiscal_start, "TaxYearMonth": "January"}
    if backend.closing_date is not None:
        accounting["BookCloseDate"] = backend.closing_date
    sales: dict[str, Any] = {"CustomTxnNumbers": False, "AllowDeposit": False, "AllowDiscount": True,
                             "AllowShipping": False, "AllowEstimates": True, "IPNSupportEnabled": False,
                             "ETransactionEnabledStatus": "NotApplicable"}
    if company.default_term_id is not None:
        sales["DefaultTerms"] = {"value": company.default_term_id}
    tax: dict[str, Any] = {"UsingSalesTax": True, "PartnerTaxEnabled": True}
    return {"AccountingInfoPrefs": accounting, "SalesFormsPrefs": sales,
            "ProductAndServicesPrefs": {"ForSales": True, "ForPurchase": True, "QuantityWithPriceAndRate": True,
                                        "QuantityOnHand": True},
            "CurrencyPrefs": {"MultiCurrencyEnabled": company.multicurrency,
                              "HomeCurrency": {"value": company.currency}},
            "TaxPrefs": tax, "ReportPrefs": {"ReportBasis": "Accrual", "CalcAgingReportFromTxnDate": False},
            "domain": "QBO", "sparse": False, "Id": "1", "SyncToken": "0",
            "MetaData": {"CreateTime": backend.tenant.created_at, "LastUpdatedTime": backend.now()}}


def company_info(backend: QboBackend) -> dict[str, Any]:
    """CompanyInfo: addresses carry the ISO 3-letter country since 2025 (reference/qbo-aps.md §1.2)."""
    tenant, country = backend.tenant, backend.company.country
    line1, city, region, postcode = country.address
    address = {"Id": "1", "Line1": line1, "City": city, "CountrySubDivisionCode": region, "PostalCode": postcode,
               "Country": country.iso3}
    if not region:
        del address["CountrySubDivisionCode"]
    return {"CompanyName": tenant.name, "LegalName": tenant.name, "CompanyAddr": address,
            "CustomerCommunicationAddr": address, "LegalAddr": address,
            "PrimaryPhone": {"FreeFormNumber": "(555) 010-0100"}, "CompanyStartDate": tenant.created_at.date(),
            "FiscalYearStartMonth": country.fiscal_start, "Country": country.code, "SupportedLanguages": "en",
            "Email": {"Address": "accounts@example.com"}, "WebAddr": {},
            "NameValue": [{"Name": "OfferingSku", "Value": "QuickBooks Online Plus"},
                          {"Name": "NeoEnabled", "Value": "true"},
                          {"Name": "IsQbdtMigrated", "Value": "false"}],
            "domain": "QBO", "sparse": False, "Id": "1", "SyncToken": "0",
            "MetaData": {"CreateTime": tenant.created_at, "LastUpdatedTime": tenant.created_at}}
