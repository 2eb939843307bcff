"""Payments against invoices: only AUTHORISED invoices take them, never more than is outstanding,
never dated on or before a lock date. Paying in full moves the invoice to PAID (FullyPaidOnDate =
the last payment's date); reversing (Status DELETED) moves it back to AUTHORISED."""

from __future__ import annotations

from typing import Any

from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model.base import XeroBooks
from connsim.simulator.xero.model.entities import Invoice, Payment, PaymentInput, money

OVERPAY = "Payment amount exceeds the amount outstanding on this document"
PAYMENT_TYPES = {"ACCREC": "ACCRECPAYMENT", "ACCPAY": "ACCPAYPAYMENT"}


class PaymentsMixin(XeroBooks):
    def get_payment(self, payment_id: str) -> Payment:
        payment = self.payments.get(payment_id.lower())
        if payment is None:
            raise ResourceNotFound()
        return payment

    def create_payment(self, inp: PaymentInput) -> Payment:
        invoice = self._payment_invoice(inp)
        account_id = self._payment_account(inp)
        when = inp.date or self.today()
        if inp.amount is None:
            raise XeroValidation("Payment amount must be specified")
        amount = money(inp.amount)
        if amount <= 0:
            raise XeroValidation("Payment amount must be greater than zero")
        messages = []
        if invoice.status != "AUTHORISED":
            messages.append(self.setting("xero_unauthorised_payment_message"))
        if amount > invoice.amount_due:
            messages.append(OVERPAY)
        messages.extend(self.lock_messages(when))
        if messages:
            raise XeroValidation(*messages)
        now = self.now()
        payment = Payment(id=self.new_id(), invoice_id=invoice.id, account_id=account_id, date=when, amount=amount,
                          payment_type=PAYMENT_TYPES[invoice.type], updated_at=now, reference=inp.reference,
                          is_reconciled=bool(inp.is_reconciled))
        self.payments[payment.id] = payment
        invoice.payment_ids.append(payment.id)
        invoice.amount_paid = money(invoice.amount_paid + amount)
        self.settle(invoice, when)
        return payment

    def delete_payment(self, payment_id: str) -> Payment:
        """POST /Payments/{id} {"Status":"DELETED"}: reverse the payment; the invoice owes it again."""
        payment = self.get_payment(payment_id)
        if payment.status == "DELETED":
            raise XeroValidation("This payment has already been deleted")
        self.check_lock(payment.date)
        invoice = self.invoices[payment.invoice_id]
        payment.status = "DELETED"
        payment.updated_at = self.now()
        invoice.amount_paid = money(invoice.amount_paid - payment.amount)
        self.settle(invoice, None)
        return payment

    def settle(self, invoice: Invoice, when: Any) -> None:
        """Move an invoice between AUTHORISED and PAID after its paid/credited amounts changed."""
        if invoice.amount_due == 0 and invoice.status == "AUTHORISED":
            invoice.status = "PAID"
            invoice.fully_paid_on = when or self.today()
        elif invoice.amount_due > 0 and invoice.status == "PAID":
            invoice.status = "AUTHORISED"
            invoice.fully_paid_on = None
        invoice.updated_at = self.now()
        self.file_document(invoice)

    def live_payments(self, invoice: Invoice) -> list[Payment]:
        return [self.payments[p] for p in invoice.payment_ids if self.payments[p].status != "DELETED"]

    # -- internals -----------------------------------------------------------------------------
    def _payment_invoice(self, inp: PaymentInput) -> Invoice:
        if inp.credit_note_id:
            raise XeroValidation("Refund payments on credit notes are not supported by this simulator")
        key = inp.invoice_id or inp.invoice_number
        if not key:
            raise XeroValidation("You must specify either an Invoice, CreditNote, Prepayment or Overpayment "
                                 "for the payment")
        try:
            return self.get_invoice(key)
        except ResourceNotFound:
            raise XeroValidation("Invoice could not be found") from None

    def _payment_account(self, inp: PaymentInput) -> str:
        account = None
        if inp.account_id:
            account = self.accounts.get(inp.account_id.lower())
        elif inp.account_code:
            found = self.accounts_by_code.get(inp.account_code.lower())
            account = self.accounts.get(found) if found else None
        else:
            raise XeroValidation("Account code or AccountID must be specified")
        if account is None:
            raise XeroValidation("Account could not be found")
        if account.type != "BANK" and not account.enable_payments:
            raise XeroValidation("Account type is invalid for making a payment to/from")
        return account.id

    def payment_view(self, payment: Payment) -> dict[str, Any]:
        invoice = self.invoices[payment.invoice_id]
        return {"paymentid": payment.id, "status": payment.status, "date": payment.date,
                "amount": payment.amount, "reference": payment.reference, "paymenttype": payment.payment_type,
                "isreconciled": payment.is_reconciled, "updateddateutc": payment.updated_at,
                "invoice.invoiceid": invoice.id, "invoice.invoicenumber": invoice.number,
                "invoice.contact.contactid": invoice.contact_id, "account.accountid": payment.account_id,
                "account.code": self.accounts[payment.account_id].code}

