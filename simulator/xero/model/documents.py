"""Invoices and credit notes: creation, updates, status transitions, totals and lock dates.

Rules (Xero's invoices page): new documents may be DRAFT (default), SUBMITTED or AUTHORISED;
DRAFT → SUBMITTED/AUTHORISED/DELETED; SUBMITTED → DRAFT/AUTHORISED/DELETED; AUTHORISED → VOIDED
only (never DELETED); PAID is reached only by paying or crediting in full. A document with a payment
or allocation keeps its amounts, lines, contact and date; nothing posted may change in a locked period."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model.base import XeroBooks
from connsim.simulator.xero.model.entities import (
    CREDIT_NOTE_TYPES,
    INVOICE_TYPES,
    LINE_AMOUNT_TYPES,
    POSTED,
    ZERO,
    CreditNote,
    Document,
    DocumentInput,
    Invoice,
    LineInput,
    LineItem,
    money,
)

TRANSITIONS = {
    "DRAFT": {"DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"},
    "SUBMITTED": {"SUBMITTED", "AUTHORISED", "DRAFT", "DELETED"},
    "AUTHORISED": {"AUTHORISED", "VOIDED"},
    "PAID": {"PAID"},
    "VOIDED": set(),
    "DELETED": set(),
}
CREATABLE = ("DRAFT", "SUBMITTED", "AUTHORISED")
LOCKED_FIELDS_WHEN_PAID = ("contact", "lines", "date", "line_amount_types", "currency")
HAS_PAYMENT = "This document cannot be edited as it has a payment or credit note allocated to it."
#: an invoice or a credit note: the shared code returns the kind its table holds
D = TypeVar("D", bound=Document)


class DocumentsMixin(XeroBooks):
    # -- reads ------------------------------------------------------------------------------------
    def get_invoice(self, key: str) -> Invoice:
        """By InvoiceID or InvoiceNumber (GET /Invoices/{InvoiceID} accepts both)."""
        return self._get_doc(self.invoices, self.invoices_by_number, key)

    def get_credit_note(self, key: str) -> CreditNote:
        return self._get_doc(self.credit_notes, self.credit_notes_by_number, key)

    def _get_doc(self, table: Mapping[str, D], by_number: dict[str, list[str]], key: str) -> D:
        doc = table.get(key.lower())
        if doc is None:
            ids = by_number.get(key.lower())
            if ids:
                live = [table[i] for i in ids if table[i].status not in ("DELETED", "VOIDED")]
                doc = live[-1] if live else table[ids[-1]]
        if doc is None:
            raise ResourceNotFound()
        return doc

    # -- writes -----------------------------------------------------------------------------------
    def create_invoice(self, inp: DocumentInput) -> Invoice:
        if inp.type not in INVOICE_TYPES:
            raise XeroValidation("Invoice not of valid type for creation")
        doc = self._new_document(Invoice, inp, "Invoice", "INV")
        if doc.type == "ACCREC" or inp.number:
            self._check_number_unique(self.invoices, self.invoices_by_number, doc.number, None, "Invoice #")
        self.invoices[doc.id] = doc
        self.invoices_by_number.setdefault(doc.number.lower(), []).append(doc.id)
        self.file_document(doc)
        return doc

    def create_credit_note(self, inp: DocumentInput) -> CreditNote:
        if inp.type not in CREDIT_NOTE_TYPES:
            raise XeroValidation("Credit Note not of valid type for creation")
        doc = self._new_document(CreditNote, inp, "Credit Note", "CN")
        self._check_number_unique(self.credit_notes, self.credit_notes_by_number, doc.number, None, "Credit Note #")
        self.credit_notes[doc.id] = doc
        self.credit_notes_by_number.setdefault(doc.number.lower(), []).append(doc.id)
        self.file_document(doc)
        return doc

    def upsert_invoice(self, inp: DocumentInput) -> Invoice:
        """POST /Invoices: update the invoice an element names by ID (or number), else create it."""
        if inp.id:
            return self.update_invoice(self.get_invoice(inp.id), inp)
        if inp.number and inp.number.lower() in self.invoices_by_number:
            return self.update_invoice(self.get_invoice(inp.number), inp)
        return self.create_invoice(inp)

    def upsert_credit_note(self, inp: DocumentInput) -> CreditNote:
        if inp.id:
            return self.update_credit_note(self.get_credit_note(inp.id), inp)
        return self.create_credit_note(inp)

    def update_invoice(self, invoice: Invoice, inp: DocumentInput) -> Invoice:
        settled = invoice.amount_paid > 0 or invoice.amount_credited > 0
        self._update_document(invoice, inp, "Invoice", settled, self.invoices, self.invoices_by_number)
        return invoice

    def update_credit_note(self, note: CreditNote, inp: DocumentInput) -> CreditNote:
        self._update_document(note, inp, "Credit Note", note.allocated > 0, self.credit_notes,
                              self.credit_notes_by_number)
        return note

    # -- internals -----------------------------------------------------------------------------
    def _new_document(self, cls: Callable[..., D], inp: DocumentInput, noun: str, prefix: str) -> D:
        status = inp.status or "DRAFT"
        # Xero reports these together, in this order (pyxero's test_bad_request, recorded live)
        messages = []
        if not inp.lines and status != "DRAFT":
            messages.append("One or more line items must be specified")  # drafts without lines: UNCONFIRMED
        if status not in CREATABLE:
            messages.append(f"{noun} not of valid status for creation")
        if inp.contact is None or not (inp.contact.id or inp.contact.name or inp.contact.number):
            messages.append("A Contact must be specified for this type of transaction")
        if messages:
            raise XeroValidation(*messages)
        contact = self.resolve_contact(inp.contact)
        when = inp.date or self.today()
        if status in POSTED or self.setting("xero_lock_applies_to_drafts"):
            self.check_lock(when)
        if inp.due_date and inp.due_date < when:
            raise XeroValidation("Due Date cannot be earlier than the Document Date")
        lat = self._line_amount_types(inp.line_amount_types or "Exclusive")
        if inp.currency:
            self.check_currency(inp.currency)
        number = inp.number.strip() if inp.number and inp.number.strip() else self._next_number(prefix)
        now = self.now()
        doc = cls(id=self.new_id(), type=inp.type, contact_id=contact.id, number=number, status=status,
                  line_amount_types=lat, lines=[], date=when, due_date=inp.due_date, reference=inp.reference,
                  currency=inp.currency or self.org.base_currency, created_at=now, updated_at=now)
        if isinstance(doc, Invoice):
            doc.url = inp.url
        doc.extra = dict(inp.extra or {})
        self._set_lines(doc, inp.lines or [])
        self.touch_contact(contact, customer=doc.type.startswith("ACCREC"), when=now)
        return doc

    def _update_document(self, doc: Document, inp: DocumentInput, noun: str, settled: bool,
                         table: dict[str, Any], by_number: dict[str, list[str]]) -> None:
        try:
            self._change_document(doc, inp, noun, settled, table, by_number)
        finally:  # a rule refused half way still leaves the index matching the document
            self.file_document(doc)

    def _change_document(self, doc: Document, inp: DocumentInput, noun: str, settled: bool,
                         table: dict[str, Any], by_number: dict[str, list[str]]) -> None:
        target = inp.status or doc.status
        if settled and target == "VOIDED" and doc.status in ("AUTHORISED", "PAID"):
            raise XeroValidation(HAS_PAYMENT)
        if doc.status in ("VOIDED", "DELETED") or target not in TRANSITIONS[doc.status]:
            raise XeroValidation(f"{noun} not of valid status for modification")
        if inp.type and inp.type != doc.type:
            raise XeroValidation(f"{noun} type cannot be changed")
        content = [name for name in LOCKED_FIELDS_WHEN_PAID if self._changes(doc, inp, name)]
        if settled and (content or target == "VOIDED"):
            raise XeroValidation(HAS_PAYMENT)
        new_date = inp.date or doc.date
        posted_after = target in POSTED or self.setting("xero_lock_applies_to_drafts")
        if doc.status in POSTED and (content or target != doc.status or inp.due_date or inp.number or inp.reference):
            self.check_lock(doc.date)
        if posted_after and (new_date != doc.date or doc.status not in POSTED):
            self.check_lock(new_date)
        due = inp.due_date or doc.due_date
        if due and due < new_date:
            raise XeroValidation("Due Date cannot be earlier than the Document Date")
        if inp.number and inp.number.strip() != doc.number:
            self._check_number_unique(table, by_number, inp.number.strip(), doc.id, f"{noun} #")
            by_number[doc.number.lower()].remove(doc.id)
            doc.number = inp.number.strip()
            by_number.setdefault(doc.number.lower(), []).append(doc.id)
        if inp.contact is not None and "contact" in content:
            doc.contact_id = self.resolve_contact(inp.contact).id
        if inp.line_amount_types:
            doc.line_amount_types = self._line_amount_types(inp.line_amount_types)
        for attr in ("date", "due_date", "reference", "currency"):
            if getattr(inp, attr) is not None:
                setattr(doc, attr, getattr(inp, attr))
        if isinstance(doc, Invoice) and inp.url is not None:
            doc.url = inp.url
        if inp.currency:
            self.check_currency(inp.currency)
        doc.extra.update(inp.extra or {})
        if inp.lines is not None:
            self._set_lines(doc, inp.lines)
        elif "line_amount_types" in content:
            self._set_lines(doc, [line_input(line) for line in doc.lines])
        doc.status = target
        doc.updated_at = self.now()

    def file_document(self, doc: Document) -> None:
        """Refile a created or changed invoice or credit note in its index (after every change to it)."""
        if isinstance(doc, Invoice):
            self.invoice_index.put(doc)
        elif doc.id in self.credit_notes:  # overpayments and prepayments are not indexed
            self.credit_note_index.put(doc)

    def _changes(self, doc: Document, inp: DocumentInput, name: str) -> bool:
        if name == "contact":
            if inp.contact is None or not (inp.contact.id or inp.contact.name or inp.contact.number):
                return False
            found = self.find_contact(inp.contact)
            return found is None or found.id != doc.contact_id
        if name == "lines":
            return inp.lines is not None
        value = getattr(inp, name)
        return value is not None and value != getattr(doc, name)

    def _set_lines(self, doc: Document, lines: list[LineInput]) -> None:
        items = [self._line(doc, line) for line in lines]
        tax = money(sum((i.tax_amount for i in items), ZERO))
        gross = money(sum((i.line_amount for i in items), ZERO))
        doc.lines = items
        doc.total_tax = tax
        doc.sub_total = money(gross - tax) if doc.line_amount_types == "Inclusive" else gross
        doc.total = money(doc.sub_total + tax)

    def _line(self, doc: Document, line: LineInput) -> LineItem:
        """One line, checked against the organisation's items, accounts, tax rates and tracking.
        An ItemCode fills what the line leaves out from the item's sales (or purchase) details, and
        an AccountCode's default tax type applies when TaxType is not given (Xero's invoices page)."""
        description, unit_amount = line.description, line.unit_amount
        account_code, tax_type = line.account_code, line.tax_type
        if line.item_code:
            item = self.item_by_code(line.item_code)
            sales = doc.type.startswith("ACCREC")
            details = item.sales if sales else item.purchase
            description = description if description is not None else (
                item.description if sales else item.purchase_description or item.description)
            if unit_amount is None and line.line_amount is None:
                unit_amount = details.unit_price
            account_code = account_code or details.account_code
            tax_type = tax_type or details.tax_type
        if account_code:
            self.check_account_code(account_code)
            if not tax_type:
                tax_type = self.accounts[self.accounts_by_code[account_code.lower()]].tax_type
        tax_type = self.tax_rate(tax_type or "NONE").tax_type
        if line.tracking:
            self.check_tracking(line.tracking)
        qty = line.quantity if line.quantity is not None else Decimal(1)
        if unit_amount is not None:
            unit = unit_amount
        elif line.line_amount is not None:
            unit = line.line_amount / qty if qty else Decimal(0)
        else:
            unit = Decimal(0)
        gross = qty * unit
        if line.discount_rate:
            gross = gross * (Decimal(100) - line.discount_rate) / Decimal(100)
        amount = money(gross)
        lat = doc.line_amount_types
        rate = Decimal(0) if lat == "NoTax" else self.tax_rates[tax_type].rate
        if line.tax_amount is not None and lat != "NoTax":
            tax = money(line.tax_amount)
        elif lat == "Inclusive":
            tax = money(amount * rate / (Decimal(100) + rate))
        else:
            tax = money(amount * rate / Decimal(100))
        return LineItem(id=line.line_item_id or self.new_id(), description=description, quantity=qty,
                        unit_amount=unit, line_amount=amount, tax_type=tax_type, tax_amount=tax,
                        account_code=account_code, item_code=line.item_code, discount_rate=line.discount_rate,
                        tracking=list(line.tracking or []))

    def _line_amount_types(self, value: str) -> str:
        for known in LINE_AMOUNT_TYPES:
            if known.lower() == value.lower():
                return known
        raise XeroValidation(f"'{value}' is not a valid LineAmountTypes value")

    def _next_number(self, prefix: str) -> str:
        table = self.invoices_by_number if prefix == "INV" else self.credit_notes_by_number
        while True:
            self.counters[prefix] += 1
            number = f"{prefix}-{self.counters[prefix]:04d}"
            if number.lower() not in table:
                return number

    def _check_number_unique(self, table: dict[str, Any], by_number: dict[str, list[str]], number: str,
                             own_id: str | None, label: str) -> None:
        for other in by_number.get(number.lower(), []):
            if other != own_id and table[other].status not in ("DELETED", "VOIDED"):
                raise XeroValidation(f"{label} must be unique.")

    def document_view(self, doc: Document) -> dict[str, Any]:
        """The fields ``where`` can filter invoices and credit notes by."""
        contact = self.contacts[doc.contact_id]
        view = {"type": doc.type, "status": doc.status, "date": doc.date, "duedate": doc.due_date,
                "reference": doc.reference, "currencycode": doc.currency, "subtotal": doc.sub_total,
                "totaltax": doc.total_tax, "total": doc.total, "updateddateutc": doc.updated_at,
                "contact.contactid": contact.id, "contact.name": contact.name,
                "contact.contactnumber": contact.contact_number, "fullypaidondate": doc.fully_paid_on}
        if isinstance(doc, Invoice):
            view.update({"invoiceid": doc.id, "invoicenumber": doc.number, "amountdue": doc.amount_due,
                         "amountpaid": doc.amount_paid, "amountcredited": doc.amount_credited})
        elif isinstance(doc, CreditNote):
            view.update({"creditnoteid": doc.id, "creditnotenumber": doc.number,
                         "remainingcredit": doc.remaining_credit})
        return view


def line_input(line: LineItem, keep_id: bool = True) -> LineInput:
    """An existing line as input (re-pricing after a LineAmountTypes change, or copying to a new invoice)."""
    return LineInput(description=line.description, quantity=line.quantity, unit_amount=line.unit_amount,
                     account_code=line.account_code, item_code=line.item_code, tax_type=line.tax_type,
                     discount_rate=line.discount_rate, line_item_id=line.id if keep_id else None,
                     tracking=list(line.tracking))
