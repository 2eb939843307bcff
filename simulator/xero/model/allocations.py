"""Credit-note allocations: credit applied to an invoice of the same contact and side (AR/AP).
The credit note must be AUTHORISED (UNCONFIRMED, setting ``xero_allocation_requires_authorised``);
the amount may exceed neither the remaining credit nor the invoice's amount due. Removing an
allocation gives both documents their amounts back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model.base import XeroBooks
from connsim.simulator.xero.model.entities import Allocation, CreditNote, money

SIDES = {"ACCRECCREDIT": "ACCREC", "ACCPAYCREDIT": "ACCPAY", "RECEIVE-OVERPAYMENT": "ACCREC",
         "SPEND-OVERPAYMENT": "ACCPAY", "RECEIVE-PREPAYMENT": "ACCREC", "SPEND-PREPAYMENT": "ACCPAY"}


class AllocationsMixin(XeroBooks):
    def allocate(self, note: CreditNote, invoice_key: str | None, amount: Decimal | None,
                 when: date | None) -> Allocation:
        if not invoice_key:
            raise XeroValidation("Invoice must be specified for an allocation")
        try:
            invoice = self.get_invoice(invoice_key)
        except ResourceNotFound:
            raise XeroValidation("Invoice could not be found") from None
        if amount is None:
            raise XeroValidation("Amount must be specified for an allocation")
        value = money(amount)
        when = when or self.today()
        messages = []
        if note.status not in ("AUTHORISED", "PAID") and self.setting("xero_allocation_requires_authorised"):
            messages.append(self.setting("xero_allocation_unauthorised_message"))
        if invoice.status != "AUTHORISED":
            messages.append("Invoice not of valid status for modification")
        if SIDES[note.type] != invoice.type or note.contact_id != invoice.contact_id:
            messages.append("The Credit Note and the Invoice must be of the same type and for the same contact")
        if value <= 0:
            messages.append("Allocation amount must be greater than zero")
        if value > note.remaining_credit:
            messages.append("The amount being allocated exceeds the remaining credit on this credit note")
        if value > invoice.amount_due:
            messages.append("Payment amount exceeds the amount outstanding on this document")
        messages.extend(self.lock_messages(when))
        if messages:
            raise XeroValidation(*messages)
        allocation = Allocation(id=self.new_id(), credit_note_id=note.id, invoice_id=invoice.id, amount=value,
                                date=when, source=type(note).__name__)
        self.allocations[allocation.id] = allocation
        note.allocation_ids.append(allocation.id)
        invoice.allocation_ids.append(allocation.id)
        note.allocated = money(note.allocated + value)
        invoice.amount_credited = money(invoice.amount_credited + value)
        self._settle_note(note, when)
        self.settle(invoice, when)
        return allocation

    def get_allocation(self, allocation_id: str) -> Allocation:
        allocation = self.allocations.get(allocation_id.lower())
        if allocation is None or allocation.deleted:
            raise ResourceNotFound()
        return allocation

    def remove_allocation(self, allocation_id: str, note_id: str | None = None) -> Allocation:
        """DELETE /CreditNotes/{id}/Allocations/{allocationId}, or a person un-applying the credit."""
        allocation = self.get_allocation(allocation_id)
        if note_id is not None and allocation.credit_note_id != note_id.lower():
            raise ResourceNotFound()
        self.check_lock(allocation.date)
        note, invoice = self.credit_source(allocation), self.invoices[allocation.invoice_id]
        allocation.deleted = True
        note.allocated = money(note.allocated - allocation.amount)
        invoice.amount_credited = money(invoice.amount_credited - allocation.amount)
        self._settle_note(note, None)
        self.settle(invoice, None)
        return allocation

    def credit_source(self, allocation: Allocation) -> CreditNote:
        """The credit note, overpayment or prepayment an allocation draws on."""
        tables: dict[str, dict[str, Any]] = {"CreditNote": self.credit_notes, "Overpayment": self.overpayments,
                                             "Prepayment": self.prepayments}
        source: CreditNote = tables[allocation.source][allocation.credit_note_id]
        return source

    def live_allocations(self, doc_allocation_ids: list[str]) -> list[Allocation]:
        return [self.allocations[a] for a in doc_allocation_ids if not self.allocations[a].deleted]

    def _settle_note(self, note: CreditNote, when: date | None) -> None:
        if note.remaining_credit == 0 and note.status == "AUTHORISED":
            note.status, note.fully_paid_on = "PAID", when or self.today()
        elif note.remaining_credit > 0 and note.status == "PAID":
            note.status, note.fully_paid_on = "AUTHORISED", None
        note.updated_at = self.now()
        self.file_document(note)
