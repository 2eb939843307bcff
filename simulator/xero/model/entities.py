"""The Xero Accounting records one organisation holds, and the inputs that create or change them.

Money is Decimal rounded to cents; document dates are ``date``; change stamps are UTC ``datetime``.
Input dataclasses use ``None`` for "not sent", so an update changes only what the request named."""

from __future__ import annotations

import datetime as dt  # a field named date hides the type in later annotations
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | float | int | str) -> Decimal:
    """Round like Xero does for document amounts (2 dp, half up)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


INVOICE_TYPES = ("ACCREC", "ACCPAY")
CREDIT_NOTE_TYPES = ("ACCRECCREDIT", "ACCPAYCREDIT")
LINE_AMOUNT_TYPES = ("Exclusive", "Inclusive", "NoTax")
STATUSES = ("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED")
#: statuses whose amounts are posted to the ledger (so lock dates apply to them)
POSTED = ("AUTHORISED", "PAID")


@dataclass
class Organisation:
    id: str
    name: str
    short_code: str
    created_at: datetime
    legal_name: str = ""
    base_currency: str = "AUD"
    country_code: str = "AU"
    version: str = "AU"
    period_lock_date: date | None = None
    end_of_year_lock_date: date | None = None


@dataclass
class Account:
    id: str
    code: str
    name: str
    type: str  # BANK, REVENUE, EXPENSE, ...
    enable_payments: bool = False
    updated_at: datetime | None = None
    status: str = "ACTIVE"
    #: the default TaxType of lines coded to this account
    tax_type: str = "NONE"


@dataclass
class Contact:
    id: str
    name: str
    updated_at: datetime
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    contact_number: str | None = None
    account_number: str | None = None
    status: str = "ACTIVE"
    is_customer: bool = False
    is_supplier: bool = False
    #: by AddressType / PhoneType: Xero keeps one of each and answers every type (xeroizer recordings)
    addresses: dict[str, Address] = field(default_factory=dict)
    phones: dict[str, Phone] = field(default_factory=dict)
    persons: list[ContactPerson] = field(default_factory=list)
    tax_number: str | None = None
    payment_terms: dict[str, PaymentTerm] = field(default_factory=dict)
    #: other writable scalar elements the request gave (BankAccountDetails, DefaultCurrency, …), kept and returned
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Address:
    address_type: str
    #: the lines as Xero names them (AddressLine1…4, City, Region, PostalCode, Country, AttentionTo)
    values: dict[str, str]


@dataclass
class Phone:
    phone_type: str
    number: str | None = None
    area_code: str | None = None
    country_code: str | None = None


@dataclass
class ContactPerson:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    include_in_emails: bool = False


@dataclass
class PaymentTerm:
    """``PaymentTerms.Sales`` / ``.Bills``: ``Day`` and ``Type`` (OAS-ACC PaymentTermType)."""

    day: int
    type: str


@dataclass
class LineItem:
    id: str
    description: str | None
    quantity: Decimal
    unit_amount: Decimal
    line_amount: Decimal
    tax_type: str
    tax_amount: Decimal
    account_code: str | None = None
    item_code: str | None = None
    discount_rate: Decimal | None = None
    #: (tracking category name, option name) pairs
    tracking: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Document:
    """What invoices and credit notes share: contact, lines, totals, status, dates."""

    id: str
    type: str
    contact_id: str
    number: str
    status: str
    line_amount_types: str
    lines: list[LineItem]
    date: date
    created_at: datetime
    updated_at: datetime
    due_date: dt.date | None = None
    reference: str | None = None
    currency: str = "AUD"
    sub_total: Decimal = ZERO
    total_tax: Decimal = ZERO
    total: Decimal = ZERO
    fully_paid_on: dt.date | None = None
    #: allocation ids (credit note ↔ invoice), both sides keep them
    allocation_ids: list[str] = field(default_factory=list)
    #: other writable scalar elements the request gave (SentToContact, BrandingThemeID, …), kept and returned
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Invoice(Document):
    amount_paid: Decimal = ZERO
    amount_credited: Decimal = ZERO
    payment_ids: list[str] = field(default_factory=list)
    url: str | None = None

    @property
    def amount_due(self) -> Decimal:
        if self.status in ("VOIDED", "DELETED"):
            return ZERO
        return money(self.total - self.amount_paid - self.amount_credited)


@dataclass
class CreditNote(Document):
    allocated: Decimal = ZERO

    @property
    def remaining_credit(self) -> Decimal:
        if self.status in ("VOIDED", "DELETED"):
            return ZERO
        return money(self.total - self.allocated)


@dataclass
class Overpayment(CreditNote):
    """Money received (RECEIVE-OVERPAYMENT) or paid (SPEND-OVERPAYMENT) beyond what was owed: credit
    the contact's invoices may be allocated from, like a credit note's."""


@dataclass
class Prepayment(CreditNote):
    """Money received (RECEIVE-PREPAYMENT) or paid (SPEND-PREPAYMENT) before an invoice exists."""


@dataclass
class Payment:
    id: str
    invoice_id: str
    account_id: str
    date: date
    amount: Decimal
    payment_type: str
    updated_at: datetime
    reference: str | None = None
    is_reconciled: bool = False
    status: str = "AUTHORISED"


@dataclass
class Allocation:
    id: str
    #: the credit document the amount comes from (a credit note, overpayment or prepayment: ``source``)
    credit_note_id: str
    invoice_id: str
    amount: Decimal
    date: date
    deleted: bool = False
    source: str = "CreditNote"


# -- inputs ------------------------------------------------------------------------------------------
@dataclass
class ContactRef:
    id: str | None = None
    name: str | None = None
    number: str | None = None


@dataclass
class ContactInput:
    contact_id: str | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    contact_number: str | None = None
    account_number: str | None = None
    status: str | None = None
    addresses: list[Address] | None = None
    phones: list[Phone] | None = None
    persons: list[ContactPerson] | None = None
    tax_number: str | None = None
    payment_terms: dict[str, PaymentTerm] | None = None
    extra: dict[str, str] | None = None


@dataclass
class LineInput:
    description: str | None = None
    quantity: Decimal | None = None
    unit_amount: Decimal | None = None
    line_amount: Decimal | None = None
    account_code: str | None = None
    item_code: str | None = None
    tax_type: str | None = None
    tax_amount: Decimal | None = None
    discount_rate: Decimal | None = None
    line_item_id: str | None = None
    tracking: list[tuple[str, str]] | None = None


@dataclass
class DocumentInput:
    """An invoice or credit note as a request gives it (None: not given)."""

    id: str | None = None
    type: str | None = None
    contact: ContactRef | None = None
    lines: list[LineInput] | None = None
    date: date | None = None
    due_date: dt.date | None = None
    status: str | None = None
    number: str | None = None
    reference: str | None = None
    line_amount_types: str | None = None
    currency: str | None = None
    url: str | None = None
    extra: dict[str, str] | None = None


@dataclass
class PaymentInput:
    invoice_id: str | None = None
    invoice_number: str | None = None
    credit_note_id: str | None = None
    account_id: str | None = None
    account_code: str | None = None
    date: date | None = None
    amount: Decimal | None = None
    reference: str | None = None
    is_reconciled: bool | None = None
