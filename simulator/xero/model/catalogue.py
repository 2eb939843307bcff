"""An organisation's settings that documents refer to: chart of accounts, tax rates, tracking
categories, currencies, branding themes and items. Seeded as an Australian organisation (the
simulated org's CountryCode is AU) after Xero's AU demo company; line items are checked against
them with Xero's own texts (reference/xero.md §2; texts quoted by integrators, see docs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model.base import XeroBooks

#: (code, name, type, payments enabled, default tax type): the AU demo company's chart, abridged
AU_CHART = (
    ("090", "Business Bank Account", "BANK", False, "BASEXCLUDED"),
    ("091", "Business Savings Account", "BANK", False, "BASEXCLUDED"),
    ("200", "Sales", "REVENUE", False, "OUTPUT"), ("260", "Other Revenue", "REVENUE", False, "OUTPUT"),
    ("270", "Interest Income", "REVENUE", False, "INPUTTAXED"),
    ("310", "Cost of Goods Sold", "DIRECTCOSTS", False, "INPUT"),
    ("400", "Advertising", "EXPENSE", False, "INPUT"), ("404", "Bank Fees", "EXPENSE", False, "INPUTTAXED"),
    ("412", "Consulting & Accounting", "EXPENSE", False, "INPUT"),
    ("429", "General Expenses", "EXPENSE", False, "INPUT"), ("453", "Office Expenses", "EXPENSE", False, "INPUT"),
    ("469", "Rent", "EXPENSE", False, "INPUT"), ("493", "Travel - National", "EXPENSE", False, "INPUT"),
    ("610", "Accounts Receivable", "CURRENT", False, "BASEXCLUDED"),
    ("630", "Inventory", "INVENTORY", False, "BASEXCLUDED"),
    ("800", "Accounts Payable", "CURRLIAB", False, "BASEXCLUDED"),
    ("820", "GST", "CURRLIAB", False, "BASEXCLUDED"),
    ("880", "Owner Drawings", "EQUITY", True, "BASEXCLUDED"),
    ("960", "Retained Earnings", "EQUITY", False, "BASEXCLUDED"),
)
#: (TaxType, Name, rate %, ReportTaxType, applies to revenue, applies to expenses): Xero's AU tax types;
#: NONE ("No GST") is kept for lines of NoTax documents
AU_TAX_RATES = (
    ("OUTPUT", "GST on Income", "10", "OUTPUT", True, False),
    ("INPUT", "GST on Expenses", "10", "INPUT", False, True),
    ("CAPEXINPUT", "GST on Capital", "10", "CAPEXINPUT", False, True),
    ("EXEMPTOUTPUT", "GST Free Income", "0", "EXEMPTOUTPUT", True, False),
    ("EXEMPTEXPENSES", "GST Free Expenses", "0", "EXEMPTEXPENSES", False, True),
    ("EXEMPTEXPORT", "GST Free Exports", "0", "EXEMPTEXPORT", True, False),
    ("EXEMPTCAPITAL", "GST Free Capital", "0", "EXEMPTCAPITAL", False, True),
    ("INPUTTAXED", "Input Taxed", "0", "INPUTTAXED", True, True),
    ("BASEXCLUDED", "BAS Excluded", "0", "BASEXCLUDED", True, True),
    ("GSTONIMPORTS", "GST on Imports", "0", "GSTONIMPORTS", False, True),
    ("GSTONCAPIMPORTS", "GST on Capital Imports", "0", "GSTONCAPIMPORTS", False, True),
    ("NONE", "No GST", "0", "NONE", True, True),
)
AU_TRACKING = (("Region", ("Eastside", "North", "South", "West Coast")),)
AU_BRANDING_THEMES = ("Standard", "Special Projects")
AU_CURRENCIES = (("AUD", "Australian Dollar"),)


@dataclass
class TaxRate:
    tax_type: str
    name: str
    rate: Decimal
    report_tax_type: str
    revenue: bool
    expenses: bool
    status: str = "ACTIVE"


@dataclass
class TrackingCategory:
    id: str
    name: str
    #: option name → option id
    options: dict[str, str]
    status: str = "ACTIVE"


@dataclass
class BrandingTheme:
    id: str
    name: str
    sort_order: int
    created_at: datetime


@dataclass
class ItemDetails:
    """``SalesDetails`` / ``PurchaseDetails`` of an item (OAS-ACC ``Purchase``)."""

    unit_price: Decimal | None = None
    account_code: str | None = None
    tax_type: str | None = None
    cogs_account_code: str | None = None


@dataclass
class Item:
    id: str
    code: str
    updated_at: datetime
    name: str | None = None
    description: str | None = None
    purchase_description: str | None = None
    sales: ItemDetails = field(default_factory=ItemDetails)
    purchase: ItemDetails = field(default_factory=ItemDetails)
    is_sold: bool = True
    is_purchased: bool = True


@dataclass
class ItemInput:
    item_id: str | None = None
    code: str | None = None
    name: str | None = None
    description: str | None = None
    purchase_description: str | None = None
    sales: ItemDetails | None = None
    purchase: ItemDetails | None = None
    is_sold: bool | None = None
    is_purchased: bool | None = None


UNKNOWN_ITEM = "Item code '{code}' is not valid"  # UNCONFIRMED text


class CatalogueMixin(XeroBooks):
    def seed_settings(self) -> None:
        for code, name, kind, payments, tax in AU_CHART:
            self.add_account(code, name, kind, payments, tax)
        self.tax_rates: dict[str, TaxRate] = {
            t[0]: TaxRate(t[0], t[1], Decimal(t[2]), t[3], t[4], t[5]) for t in AU_TAX_RATES}
        self.tracking: dict[str, TrackingCategory] = {}
        for name, options in AU_TRACKING:
            category = TrackingCategory(self.new_id(), name, {o: self.new_id() for o in options})
            self.tracking[category.id] = category
        self.branding_themes = [BrandingTheme(self.new_id(), name, n, self.tenant.clock.now())
                                for n, name in enumerate(AU_BRANDING_THEMES)]
        self.currencies = dict(AU_CURRENCIES)
        self.items: dict[str, Item] = {}
        self.items_by_code: dict[str, str] = {}

    # -- tax, accounts, tracking: what a line may name -----------------------------------------------
    def tax_rate(self, tax_type: str) -> TaxRate:
        rate = self.tax_rates.get(tax_type.upper())
        if rate is None or rate.status != "ACTIVE":
            raise XeroValidation(f"The TaxType code {tax_type} does not exist or cannot be used for this type of "
                                 "transaction.")
        return rate

    def check_account_code(self, code: str) -> None:
        account_id = self.accounts_by_code.get(code.lower())
        if account_id is None:
            raise XeroValidation(f"Account code '{code}' is not a valid code for this document.")
        if self.accounts[account_id].status != "ACTIVE":
            raise XeroValidation(f"Account code '{code}' has been archived, or has been deleted. Each line item must "
                                 "reference a valid account.")

    def check_tracking(self, pairs: list[tuple[str, str]]) -> None:
        """Each (category, option) must name an active category and one of its options (texts UNCONFIRMED)."""
        by_name = {c.name.lower(): c for c in self.tracking.values() if c.status == "ACTIVE"}
        for name, option in pairs:
            category = by_name.get(name.lower())
            if category is None:
                raise XeroValidation(f"The tracking category '{name}' does not exist or has been archived.")
            if option.lower() not in {o.lower() for o in category.options}:
                raise XeroValidation(f"The tracking option '{option}' does not exist for the category '{name}'.")

    def check_currency(self, code: str) -> None:
        """Text recorded in xeroizer's api_exception.xml (a real ValidationException)."""
        if code.upper() not in self.currencies:
            raise XeroValidation(f"Users Organisation is not subscribed to currency {code}")

    # -- items -------------------------------------------------------------------------------------
    def get_item(self, key: str) -> Item:
        """By ItemID or Code (GET /Items/{ItemID} accepts both)."""
        item = self.items.get(key.lower()) or self.items.get(self.items_by_code.get(key.lower(), ""))
        if item is None:
            raise ResourceNotFound()
        return item

    def item_by_code(self, code: str) -> Item:
        item_id = self.items_by_code.get(code.lower())
        if item_id is None:
            raise XeroValidation(UNKNOWN_ITEM.format(code=code))
        return self.items[item_id]

    def create_item(self, inp: ItemInput) -> Item:
        code = (inp.code or "").strip()
        if not code:
            raise XeroValidation("Item Code must be specified")
        if len(code) > 30:
            raise XeroValidation("Item Code cannot be longer than 30 characters")
        if code.lower() in self.items_by_code:
            raise XeroValidation(f"Item code '{code}' already exists")  # UNCONFIRMED text
        item = Item(id=self.new_id(), code=code, updated_at=self.now())
        self._apply_item(item, inp)
        self.items[item.id] = item
        self.items_by_code[code.lower()] = item.id
        return item

    def upsert_item(self, inp: ItemInput) -> Item:
        """POST /Items: update the item named by ItemID or Code, else create it."""
        if inp.item_id:
            return self.update_item(self.get_item(inp.item_id), inp)
        if inp.code and inp.code.strip().lower() in self.items_by_code:
            return self.update_item(self.get_item(inp.code.strip()), inp)
        return self.create_item(inp)

    def update_item(self, item: Item, inp: ItemInput) -> Item:
        if inp.code and inp.code.strip().lower() != item.code.lower():
            new = inp.code.strip()
            if new.lower() in self.items_by_code:
                raise XeroValidation(f"Item code '{new}' already exists")
            del self.items_by_code[item.code.lower()]
            item.code = new
            self.items_by_code[new.lower()] = item.id
        self._apply_item(item, inp)
        item.updated_at = self.now()
        return item

    def _apply_item(self, item: Item, inp: ItemInput) -> None:
        for details in (inp.sales, inp.purchase):
            if details is None:
                continue
            for code in (details.account_code, details.cogs_account_code):
                if code:
                    self.check_account_code(code)
            if details.tax_type:
                self.tax_rate(details.tax_type)
        for attr in ("name", "description", "purchase_description", "sales", "purchase", "is_sold", "is_purchased"):
            value = getattr(inp, attr)
            if value is not None:
                setattr(item, attr, value)
        if item.name is not None and len(item.name) > 50:
            raise XeroValidation("Item Name cannot be longer than 50 characters")
