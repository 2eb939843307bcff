"""Organisation settings → Xero Accounting JSON: items, tax rates, tracking categories, currencies
and branding themes (shapes from the OAS-ACC schemas and examples; no Flask)."""

from __future__ import annotations

from typing import Any

from connsim.simulator.xero.model.catalogue import BrandingTheme, Item, ItemDetails, TaxRate, TrackingCategory
from connsim.simulator.xero.render import ms, num


def _details(d: ItemDetails) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if d.unit_price is not None:
        out["UnitPrice"] = num(d.unit_price)
    for key, value in (("AccountCode", d.account_code), ("COGSAccountCode", d.cogs_account_code),
                       ("TaxType", d.tax_type)):
        if value is not None:
            out[key] = value
    return out


def item(i: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"ItemID": i.id, "Code": i.code}
    for key, value in (("Name", i.name), ("Description", i.description),
                       ("PurchaseDescription", i.purchase_description)):
        if value is not None:
            out[key] = value
    out.update({"UpdatedDateUTC": ms(i.updated_at), "PurchaseDetails": _details(i.purchase),
                "SalesDetails": _details(i.sales), "IsTrackedAsInventory": False, "IsSold": i.is_sold,
                "IsPurchased": i.is_purchased})
    return out


def tax_rate(t: TaxRate) -> dict[str, Any]:
    components = [{"Name": "GST", "Rate": num(t.rate), "IsCompound": False, "IsNonRecoverable": False}]
    return {"Name": t.name, "TaxType": t.tax_type, "ReportTaxType": t.report_tax_type,
            "CanApplyToAssets": t.expenses, "CanApplyToEquity": t.expenses, "CanApplyToExpenses": t.expenses,
            "CanApplyToLiabilities": t.expenses, "CanApplyToRevenue": t.revenue, "DisplayTaxRate": num(t.rate),
            "EffectiveRate": num(t.rate), "Status": t.status, "TaxComponents": components}


def tracking_category(c: TrackingCategory) -> dict[str, Any]:
    return {"Name": c.name, "Status": c.status, "TrackingCategoryID": c.id,
            "Options": [{"TrackingOptionID": option_id, "Name": name, "Status": "ACTIVE"}
                        for name, option_id in c.options.items()]}


def currency(code: str, description: str) -> dict[str, Any]:
    return {"Code": code, "Description": description}


def branding_theme(t: BrandingTheme) -> dict[str, Any]:
    return {"BrandingThemeID": t.id, "Name": t.name, "SortOrder": t.sort_order, "Type": "INVOICE",
            "CreatedDateUTC": ms(t.created_at, offset=False)}
