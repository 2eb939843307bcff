"""Organisation settings a connector reads before it writes a document: Items (read, create,
update), TaxRates, TrackingCategories, Currencies and BrandingThemes (read), and Overpayments and
Prepayments (read, allocate to invoices). Same pipeline as ``routes``: parse → model → render."""

from __future__ import annotations

from flask import Response, request

from connsim.simulator.xero import parse, render, render_settings, wire
from connsim.simulator.xero.errors import ResourceNotFound
from connsim.simulator.xero.model.listing import list_items, list_overpayments, list_prepayments
from connsim.simulator.xero.routing import batch, books, ok, query, route


# -- Items ---------------------------------------------------------------------------------------
@route("/Items", ["GET"], "items")
def get_items() -> Response:
    page = list_items(books(), query())
    return ok("Items", [render_settings.item(i) for i in page.items])


@route("/Items/<key>", ["GET"], "items")
def get_item(key: str) -> Response:
    return ok("Items", [render_settings.item(books().get_item(key))])


@route("/Items", ["PUT", "POST"], "items")
def write_items() -> Response:
    b = books()
    apply = (lambda d: b.create_item(parse.parse_item(d))) if request.method == "PUT" else \
        (lambda d: b.upsert_item(parse.parse_item(d)))
    return batch("Items", "Item", apply, render_settings.item, "HasValidationErrors")


@route("/Items/<key>", ["POST"], "items")
def update_item(key: str) -> Response:
    b = books()
    item = b.get_item(key)
    return batch("Items", "Item", lambda d: b.update_item(item, parse.parse_item(d)), render_settings.item,
                 "HasValidationErrors")


# -- Tax rates, tracking, currencies, branding themes --------------------------------------------
@route("/TaxRates", ["GET"], "settings")
def get_tax_rates() -> Response:
    b = books()
    wanted = (request.args.get("TaxType") or "").upper()
    rates = [r for r in b.tax_rates.values() if not wanted or r.tax_type == wanted]
    return ok("TaxRates", [render_settings.tax_rate(r) for r in rates])


@route("/TaxRates/<tax_type>", ["GET"], "settings")
def get_tax_rate(tax_type: str) -> Response:
    rate = books().tax_rates.get(tax_type.upper())
    if rate is None:
        raise ResourceNotFound()
    return ok("TaxRates", [render_settings.tax_rate(rate)])


@route("/TrackingCategories", ["GET"], "settings")
def get_tracking_categories() -> Response:
    archived = wire.arg_bool("includeArchived", False)
    return ok("TrackingCategories", [render_settings.tracking_category(c) for c in books().tracking.values()
                                     if archived or c.status == "ACTIVE"])


@route("/TrackingCategories/<category_id>", ["GET"], "settings")
def get_tracking_category(category_id: str) -> Response:
    category = books().tracking.get(category_id.lower())
    if category is None:
        raise ResourceNotFound()
    return ok("TrackingCategories", [render_settings.tracking_category(category)])


@route("/Currencies", ["GET"], "settings")
def get_currencies() -> Response:
    return ok("Currencies", [render_settings.currency(code, name) for code, name in books().currencies.items()])


@route("/BrandingThemes", ["GET"], "settings")
def get_branding_themes() -> Response:
    return ok("BrandingThemes", [render_settings.branding_theme(t) for t in books().branding_themes])


@route("/BrandingThemes/<theme_id>", ["GET"], "settings")
def get_branding_theme(theme_id: str) -> Response:
    theme = next((t for t in books().branding_themes if t.id == theme_id.lower()), None)
    if theme is None:
        raise ResourceNotFound()
    return ok("BrandingThemes", [render_settings.branding_theme(theme)])


# -- Overpayments and prepayments: read, allocate to invoices, remove an allocation ---------------
@route("/Overpayments", ["GET"], "payments")
def get_overpayments() -> Response:
    b = books()
    page = list_overpayments(b, query())
    return ok("Overpayments", [render.credit_payment(b, o) for o in page.items], page.pagination)


@route("/Overpayments/<overpayment_id>", ["GET"], "payments")
def get_overpayment(overpayment_id: str) -> Response:
    b = books()
    return ok("Overpayments", [render.credit_payment(b, b.get_overpayment(overpayment_id))])


@route("/Overpayments/<overpayment_id>/Allocations", ["PUT"], "payments")
def allocate_overpayment(overpayment_id: str) -> Response:
    b = books()
    doc = b.get_overpayment(overpayment_id)
    return batch("Allocations", "Allocation", lambda d: b.allocate(doc, *parse.parse_allocation(d)),
                 lambda a: render.allocation(b, a), "HasValidationErrors")


@route("/Overpayments/<overpayment_id>/Allocations/<allocation_id>", ["DELETE"], "payments")
def delete_overpayment_allocation(overpayment_id: str, allocation_id: str) -> Response:
    b = books()
    allocation = b.remove_allocation(allocation_id, b.get_overpayment(overpayment_id).id)
    return wire.respond(render.allocation(b, allocation), root="Allocation")


@route("/Prepayments", ["GET"], "payments")
def get_prepayments() -> Response:
    b = books()
    page = list_prepayments(b, query())
    return ok("Prepayments", [render.credit_payment(b, p) for p in page.items], page.pagination)


@route("/Prepayments/<prepayment_id>", ["GET"], "payments")
def get_prepayment(prepayment_id: str) -> Response:
    b = books()
    return ok("Prepayments", [render.credit_payment(b, b.get_prepayment(prepayment_id))])


@route("/Prepayments/<prepayment_id>/Allocations", ["PUT"], "payments")
def allocate_prepayment(prepayment_id: str) -> Response:
    b = books()
    doc = b.get_prepayment(prepayment_id)
    return batch("Allocations", "Allocation", lambda d: b.allocate(doc, *parse.parse_allocation(d)),
                 lambda a: render.allocation(b, a), "HasValidationErrors")


@route("/Prepayments/<prepayment_id>/Allocations/<allocation_id>", ["DELETE"], "payments")
def delete_prepayment_allocation(prepayment_id: str, allocation_id: str) -> Response:
    b = books()
    allocation = b.remove_allocation(allocation_id, b.get_prepayment(prepayment_id).id)
    return wire.respond(render.allocation(b, allocation), root="Allocation")
