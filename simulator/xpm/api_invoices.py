"""invoice.api routes (invoices.md): current, draft, list by date, by job, get, payments. XPM's own
invoices are read-only through the 3.1 API; a person makes them (control action)."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from flask import Blueprint, Response

from connsim.simulator.remote import current_tenant
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.render import group, money
from connsim.simulator.xpm.render_jobs import invoice_el
from connsim.simulator.xpm.wire import date_range, ok, query_flag, sub


def backend() -> XpmBackend:
    return current_tenant().backend


def _invoices(items: Any, detailed: bool) -> Element:
    return group("Invoices", (invoice_el(backend(), i, detailed) for i in items))


def register(bp: Blueprint) -> None:
    @bp.get("/invoice.api/current")
    def current() -> Response:
        return ok(_invoices(backend().current_invoices(), query_flag("detailed")))

    @bp.get("/invoice.api/draft")
    def draft() -> Response:
        return ok(_invoices(backend().draft_invoices(), query_flag("detailed")))

    @bp.get("/invoice.api/list")
    def list_invoices() -> Response:
        return ok(_invoices(backend().list_invoices(*date_range()), query_flag("detailed")))

    @bp.get("/invoice.api/job/<number>")
    def job_invoices(number: str) -> Response:
        return ok(_invoices(backend().job_invoices(number), False))

    @bp.get("/invoice.api/get/<number>")
    def get_invoice(number: str) -> Response:
        return ok(invoice_el(backend(), backend().invoice(number)))

    @bp.get("/invoice.api/payments/<number>")
    def payments(number: str) -> Response:
        payments = Element("Payments")
        for day, amount, reference in backend().invoice(number).payments:
            payment = sub(payments, "Payment")
            sub(payment, "Date", day)
            sub(payment, "Amount", money(amount))
            sub(payment, "Reference", reference)
        return ok(payments)
