"""QBO's name lists (Item, Account, TaxCode, TaxRate, Term, PaymentMethod, Class, Department) declared
once as a table of ListSpecs: what each requires, which properties are references to which list, which
values are enumerations, which names must be unique, whether the API may write it. One generic
``derive`` and ``render`` serve them all; the few rules a list has of its own are small functions.

Facts: Intuit's entity reference pages (developer.intuit.com .../api/accounting/all-entities/<entity>);
Account types, subtypes and classifications from the same pages' AccountTypeEnum/AccountSubTypeEnum;
the recorded Account in minimul/qbo_api spec/vcr/deactivate/account.yml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from connsim.simulator.qbo.errors import (
    InvalidEnumeration,
    InvalidProperty,
    RequiredParamMissing,
)
from connsim.simulator.qbo.model.records import Record, money, parse_date

if TYPE_CHECKING:
    from connsim.simulator.qbo.model.backend import QboBackend

#: AccountType → (Classification, its AccountSubTypes; the first is the default)
ACCOUNT_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Bank": ("Asset", ("Checking", "Savings", "MoneyMarket", "CashOnHand", "RentsHeldInTrust", "TrustAccounts")),
    "Other Current Asset": ("Asset", (
        "OtherCurrentAssets", "UndepositedFunds", "Inventory", "PrepaidExpenses", "AllowanceForBadDebts",
        "DevelopmentCosts", "EmployeeCashAdvances", "LoansToOfficers", "LoansToOthers", "LoansToStockholders",
        "Retainage", "Investment_Other")),
    "Fixed Asset": ("Asset", (
        "OtherFixedAssets", "FurnitureAndFixtures", "MachineryAndEquipment", "Vehicles", "Buildings", "Land",
        "LeaseholdImprovements", "AccumulatedDepreciation", "AccumulatedAmortization", "IntangibleAssets")),
    "Other Asset": ("Asset", ("OtherLongTermAssets", "SecurityDeposits", "Goodwill", "Licenses", "LeaseBuyout",
                              "OrganizationalCosts", "AccumulatedAmortizationOfOtherAssets")),
    "Accounts Receivable": ("Asset", ("AccountsReceivable",)),
    "Equity": ("Equity", ("OpeningBalanceEquity", "RetainedEarnings", "OwnersEquity", "PartnersEquity",
                          "PartnerContributions", "PartnerDistributions", "CommonStock", "PreferredStock",
                          "PaidInCapitalOrSurplus", "TreasuryStock", "AccumulatedAdjustment", "PersonalIncome",
                          "PersonalExpense", "EstimatedTaxes", "Healthcare")),
    "Expense": ("Expense", (
        "OtherBusinessExpenses", "AdvertisingPromotional", "Auto", "BadDebts", "BankCharges",
        "CharitableContributions", "CommissionsAndFees", "CostOfLabor", "DuesSubscriptions", "Entertainment",
        "EntertainmentMeals", "EquipmentRental", "FinanceCosts", "Insurance", "InterestPaid",
        "LegalProfessionalFees", "OfficeExpenses", "OfficeGeneralAdministrativeExpenses", "PayrollExpenses",
        "PromotionalMeals", "RentOrLeaseOfBuildings", "RepairMaintenance", "ShippingFreightDelivery",
        "SuppliesMaterials", "TaxesPaid", "Travel", "TravelMeals", "Utilities", "GlobalTaxExpense",
        "UnappliedCashBillPaymentExpense", "OtherMiscellaneousServiceCost")),
    "Other Expense": ("Expense", ("OtherMiscellaneousExpense", "Depreciation", "Amortization", "ExchangeGainOrLoss",
                                  "PenaltiesSettlements", "GasAndFuel", "HomeOffice", "MortgageInterest",
                                  "ParkingAndTolls", "Vehicle", "VehicleInsurance", "VehicleLease",
                                  "VehicleLoanInterest", "VehicleRepairs", "WashAndRoadServices")),
    "Cost of Goods Sold": ("Expense", ("SuppliesMaterialsCogs", "CostOfLaborCos", "EquipmentRentalCos",
                                       "OtherCostsOfServiceCos", "ShippingFreightDeliveryCos")),
    "Accounts Payable": ("Liability", ("AccountsPayable",)),
    "Credit Card": ("Liability", ("CreditCard",)),
    "Long Term Liability": ("Liability", ("OtherLongTermLiabilities", "NotesPayable", "ShareholderNotesPayable")),
    "Other Current Liability": ("Liability", (
        "OtherCurrentLiabilities", "SalesTaxPayable", "GlobalTaxPayable", "GlobalTaxSuspense", "LineOfCredit",
        "LoanPayable", "PayrollClearing", "PayrollTaxPayable", "DirectDepositPayable", "InsurancePayable",
        "PrepaidExpensesPayable", "RentsInTrustLiability", "TrustAccountsLiabilities", "FederalIncomeTaxPayable",
        "StateLocalIncomeTaxPayable")),
    "Income": ("Revenue", ("ServiceFeeIncome", "SalesOfProductIncome", "OtherPrimaryIncome", "NonProfitIncome",
                           "DiscountsRefundsGiven", "UnappliedCashPaymentIncome")),
    "Other Income": ("Revenue", ("OtherMiscellaneousIncome", "InterestEarned", "DividendIncome",
                                 "OtherInvestmentIncome", "TaxExemptInterest")),
}
SUBTYPE_TO_TYPE = {sub: kind for kind, (_, subs) in ACCOUNT_TYPES.items() for sub in subs}
ITEM_TYPES = ("Service", "NonInventory", "Inventory", "Category")
#: Item accounts each type must name (Intuit's Item page: "required for Inventory item types" etc.)
ITEM_ACCOUNTS = {"Service": ("IncomeAccountRef",), "NonInventory": ("IncomeAccountRef",),
                 "Inventory": ("IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"), "Category": ()}


@dataclass(kw_only=True)
class ListRecord(Record):
    """One entry of a name list; its other properties live in ``fields`` as last written."""

    name: str = ""
    active: bool = True
    parent_id: str | None = None
    full_name: str = ""


Rule = Callable[["QboBackend", dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class ListSpec:
    kind: str
    #: the API may create and update it (TaxCode and TaxRate are written through TaxService only)
    writable: bool = True
    #: property → the list it references (validated on write, named on read)
    refs: dict[str, str] = field(default_factory=dict)
    #: property holding the "is a child" flag, for lists with ParentRef (FullyQualifiedName "Parent:Child")
    sub_flag: str | None = None
    #: properties queries may filter and sort on, besides Id, MetaData, Name, Active, FullyQualifiedName
    queryable: tuple[str, ...] = ()
    #: the list's own rule: normalised fields (defaults, enumerations) or a Fault
    rule: Rule | None = None


def _account_rule(backend: QboBackend, fields: dict[str, Any]) -> dict[str, Any]:
    kind, sub = fields.get("AccountType"), fields.get("AccountSubType")
    if kind is None and sub is None:
        raise RequiredParamMissing("AccountType")
    if kind is None:
        if sub not in SUBTYPE_TO_TYPE:
            raise InvalidEnumeration("AccountSubType", sub)
        kind = SUBTYPE_TO_TYPE[sub]
    if kind not in ACCOUNT_TYPES:
        raise InvalidEnumeration("AccountType", kind)
    classification, subtypes = ACCOUNT_TYPES[kind]
    if sub is None:
        sub = subtypes[0]
    elif sub not in subtypes:
        raise InvalidEnumeration("AccountSubType", sub)
    name = str(fields.get("Name", ""))
    if ":" in name or '"' in name:
        raise InvalidProperty("Name", "an account name can't contain \" or :")
    currency = fields.get("CurrencyRef") or {"value": backend.company.currency}
    return {**fields, "AccountType": kind, "AccountSubType": sub, "Classification": classification,
            "CurrencyRef": backend.company.currency_ref(ref_id_text(currency))}


def ref_id_text(value: Any) -> str:
    """A currency Ref's code ("USD"), which is not numeric like other Ref values."""
    return str(value.get("value") if isinstance(value, dict) else value)


def _item_rule(backend: QboBackend, fields: dict[str, Any]) -> dict[str, Any]:
    item_type = fields.get("Type", "NonInventory")  # UNCONFIRMED default, docs/simulator/qbo.md
    if item_type not in ITEM_TYPES:
        raise InvalidEnumeration("Type", item_type)
    for prop in ITEM_ACCOUNTS[item_type]:
        if prop not in fields and not (item_type != "Inventory" and "ExpenseAccountRef" in fields):
            raise RequiredParamMissing(prop)
    out = {**fields, "Type": item_type}
    for prop in ("UnitPrice", "PurchaseCost", "QtyOnHand"):
        if prop in fields:
            money(fields[prop], prop)
    if item_type == "Inventory":
        if "QtyOnHand" not in fields:
            raise RequiredParamMissing("QtyOnHand")
        if parse_date(fields.get("InvStartDate"), "InvStartDate") is None:
            raise RequiredParamMissing("InvStartDate")
        out["TrackQtyOnHand"] = True
    else:
        out.setdefault("TrackQtyOnHand", False)
    out.setdefault("UnitPrice", 0)
    out.setdefault("Taxable", False)
    out.setdefault("SalesTaxIncluded", False)
    return out


def _term_rule(backend: QboBackend, fields: dict[str, Any]) -> dict[str, Any]:
    term_type = fields.get("Type") or ("DATE_DRIVEN" if "DayOfMonthDue" in fields else "STANDARD")
    if term_type not in ("STANDARD", "DATE_DRIVEN"):
        raise InvalidEnumeration("Type", term_type)
    if term_type == "STANDARD" and "DueDays" not in fields:
        raise RequiredParamMissing("DueDays")
    if term_type == "DATE_DRIVEN" and "DayOfMonthDue" not in fields:
        raise RequiredParamMissing("DayOfMonthDue")
    return {**fields, "Type": term_type}


def _payment_method_rule(backend: QboBackend, fields: dict[str, Any]) -> dict[str, Any]:
    kind = fields.get("Type", "NON_CREDIT_CARD")
    if kind not in ("CREDIT_CARD", "NON_CREDIT_CARD"):
        raise InvalidEnumeration("Type", kind)
    return {**fields, "Type": kind}


SPECS: dict[str, ListSpec] = {spec.kind: spec for spec in (
    ListSpec("Account", refs={"ParentRef": "Account"}, sub_flag="SubAccount",
             queryable=("AccountType", "AccountSubType", "Classification", "AcctNum", "CurrentBalance",
                        "SubAccount", "ParentRef", "Description"), rule=_account_rule),
    ListSpec("Item", refs={"IncomeAccountRef": "Account", "ExpenseAccountRef": "Account",
                           "AssetAccountRef": "Account", "ParentRef": "Item", "SalesTaxCodeRef": "TaxCode",
                           "PurchaseTaxCodeRef": "TaxCode", "ClassRef": "Class"},
             sub_flag="SubItem", queryable=("Type", "Sku", "UnitPrice", "Taxable", "QtyOnHand", "Description",
                                            "ParentRef", "SubItem"), rule=_item_rule),
    ListSpec("TaxCode", writable=False, queryable=("Taxable", "TaxGroup", "Description")),
    ListSpec("TaxRate", writable=False, queryable=("RateValue", "Description", "SpecialTaxType")),
    ListSpec("Term", queryable=("Type", "DueDays", "DayOfMonthDue"), rule=_term_rule),
    ListSpec("PaymentMethod", queryable=("Type",), rule=_payment_method_rule),
    ListSpec("Class", refs={"ParentRef": "Class"}, sub_flag="SubClass", queryable=("ParentRef", "SubClass")),
    ListSpec("Department", refs={"ParentRef": "Department"}, sub_flag="SubDepartment",
             queryable=("ParentRef", "SubDepartment")),
)}
LIST_KINDS: dict[str, type[Record]] = {kind: type(kind, (ListRecord,), {"kind": kind}) for kind in SPECS}


def derive(backend: QboBackend, kind: str, fields: dict[str, Any], record: Record | None) -> dict[str, Any]:
    """A list entry's name, activity, parent and normalised fields; references must name live entries."""
    spec = SPECS[kind]
    name = fields.get("Name")
    if name in (None, ""):
        raise RequiredParamMissing("Name")
    if not isinstance(name, str):
        raise InvalidProperty("Name")
    name = name.strip()
    normal = spec.rule(backend, {**fields, "Name": name}) if spec.rule else {**fields, "Name": name}
    for prop, target in spec.refs.items():
        if prop in normal:
            found = backend.resolve(target, normal[prop], prop)
            normal[prop] = {"value": found.id}
    parent_id = normal["ParentRef"]["value"] if "ParentRef" in normal else None
    if parent_id is not None and record is not None and parent_id == record.id:
        raise InvalidProperty("ParentRef", "an entry can't be its own parent")
    full_name = name
    if parent_id is not None:
        parent = backend.store[kind][parent_id]
        full_name = f"{parent.full_name}:{name}"  # type: ignore[attr-defined]  # a parent is a list record with full_name
    if spec.sub_flag:
        normal[spec.sub_flag] = parent_id is not None
    active = normal.get("Active", True)
    if not isinstance(active, bool):
        if str(active).lower() not in ("true", "false"):
            raise InvalidProperty("Active", "not a boolean")
        active = str(active).lower() == "true"
    backend.check_unique_name(kind, full_name, record)
    return {"name": name, "active": active, "parent_id": parent_id, "full_name": full_name, "fields": normal}


def deriver(kind: str) -> Callable[..., dict[str, Any]]:
    """``derive`` for one list, in the backend's (backend, fields, record) shape."""
    return lambda backend, fields, record: derive(backend, kind, fields, record)


def render(backend: QboBackend, record: ListRecord) -> dict[str, Any]:
    spec = SPECS[record.kind]
    out: dict[str, Any] = dict(record.fields)
    for prop, target in spec.refs.items():
        if prop in out:
            out[prop] = backend.named_ref(target, out[prop]["value"])
    out.update({"Name": record.name, "Active": record.active, "domain": "QBO", "sparse": False, "Id": record.id,
                "SyncToken": str(record.sync),
                "MetaData": {"CreateTime": record.created, "LastUpdatedTime": record.updated}})
    if spec.sub_flag:
        out["FullyQualifiedName"] = record.full_name
    if record.kind == "Account":
        out.setdefault("CurrentBalance", 0)
        out.setdefault("CurrentBalanceWithSubAccounts", 0)
    if record.kind == "Item":
        out["FullyQualifiedName"] = record.full_name
    return out

