"""Overpayments and prepayments: credit a contact holds, allocated to that contact's invoices like
a credit note's (OAS-ACC ``PUT /Overpayments/{id}/Allocations``, ``PUT /Prepayments/{id}/Allocations``).

In Xero they come from bank transactions (``RECEIVE-OVERPAYMENT`` …), which are not simulated: a
person records one through the control API (what they would key in as a bank receipt or spend).
Types (OAS-ACC Overpayment.Type / Prepayment.Type): RECEIVE-* on the sales side, SPEND-* on the
purchases side; statuses AUTHORISED → PAID when fully allocated."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model.base import XeroBooks
from connsim.simulator.xero.model.entities import ContactRef, LineInput, Overpayment, Prepayment, money

KINDS = {"Overpayment": ("RECEIVE-OVERPAYMENT", "SPEND-OVERPAYMENT"),
         "Prepayment": ("RECEIVE-PREPAYMENT", "SPEND-PREPAYMENT")}


class PrepaymentsMixin(XeroBooks):
    def get_overpayment(self, overpayment_id: str) -> Overpayment:
        found = self.overpayments.get(overpayment_id.lower())
        if found is None:
            raise ResourceNotFound()
        return found

    def get_prepayment(self, prepayment_id: str) -> Prepayment:
        found = self.prepayments.get(prepayment_id.lower())
        if found is None:
            raise ResourceNotFound()
        return found

    def record_credit_payment(self, kind: str, side: str, contact: ContactRef, amount: Decimal,
                              when: date | None, description: str | None = None) -> Overpayment | Prepayment:
        """A receipt (``side`` RECEIVE) or spend (SPEND) money transaction that left credit behind."""
        types = KINDS[kind]
        doc_type = types[0] if side.upper() == "RECEIVE" else types[1] if side.upper() == "SPEND" else None
        if doc_type is None:
            raise XeroValidation(f"{kind} side must be RECEIVE or SPEND")
        if money(amount) <= 0:
            raise XeroValidation(f"{kind} amount must be greater than zero")
        found = self.resolve_contact(contact)
        day = when or self.today()
        self.check_lock(day)
        now = self.now()
        cls = Overpayment if kind == "Overpayment" else Prepayment
        doc = cls(id=self.new_id(), type=doc_type, contact_id=found.id, number="", status="AUTHORISED",
                  line_amount_types="NoTax", lines=[], date=day, created_at=now, updated_at=now,
                  currency=self.org.base_currency)
        self._set_lines(doc, [LineInput(description=description or kind, quantity=Decimal(1), unit_amount=amount,
                                        tax_type="NONE")])
        table: dict[str, Any] = self.overpayments if kind == "Overpayment" else self.prepayments
        table[doc.id] = doc
        self.touch_contact(found, customer=side.upper() == "RECEIVE", when=now)
        return doc

    def credit_payment_view(self, doc: Overpayment | Prepayment) -> dict[str, Any]:
        """The fields ``where`` can filter overpayments and prepayments by."""
        key = "overpaymentid" if isinstance(doc, Overpayment) else "prepaymentid"
        return {key: doc.id, "type": doc.type, "status": doc.status, "date": doc.date,
                "contact.contactid": doc.contact_id, "total": doc.total, "remainingcredit": doc.remaining_credit,
                "updateddateutc": doc.updated_at}
