"""Re-creating an invoice, as a person does in Xero's web app (there is no API call for it): the
old invoice is retired (DELETED while a draft, VOIDED once approved) and an AUTHORISED copy with
the same number, contact, dates, reference and lines takes its place under a new InvoiceID.
Refused while the invoice has payments or allocations (they would have nowhere to live), and
all-or-nothing: a rule that fails half way (a lock date) leaves the books as they were."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connsim.simulator.xero.errors import XeroValidation
from connsim.simulator.xero.model.documents import HAS_PAYMENT, line_input
from connsim.simulator.xero.model.entities import ContactRef, DocumentInput, Invoice

if TYPE_CHECKING:
    from connsim.simulator.xero.model.backend import XeroBackend


def recreate_invoice(books: XeroBackend, invoice: Invoice) -> Invoice:
    """The new invoice; the old one is retired."""
    if books.live_payments(invoice) or books.live_allocations(invoice.allocation_ids):
        raise XeroValidation(HAS_PAYMENT)
    saved = books.savepoint()
    try:
        retired = "DELETED" if invoice.status in ("DRAFT", "SUBMITTED") else "VOIDED"
        books.update_invoice(invoice, DocumentInput(status=retired))
        return books.create_invoice(DocumentInput(
            type=invoice.type, contact=ContactRef(id=invoice.contact_id),
            lines=[line_input(line, keep_id=False) for line in invoice.lines], date=invoice.date,
            due_date=invoice.due_date, status="AUTHORISED", number=invoice.number, reference=invoice.reference,
            line_amount_types=invoice.line_amount_types, currency=invoice.currency))
    except Exception:
        books.restore(saved)
        raise
