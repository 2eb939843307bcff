"""Contacts: names unique across active contacts (Xero's rule), found by ID, name or number."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from connsim.simulator.core.index import Eq
from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model.base import XeroBooks
from connsim.simulator.xero.model.entities import ZERO, Contact, ContactInput, ContactRef, money

CONTACT_STATUSES = ("ACTIVE", "ARCHIVED", "GDPRREQUEST")
#: OAS-ACC enums (Address.AddressType, Phone.PhoneType, PaymentTermType)
ADDRESS_TYPES = ("POBOX", "STREET")
PHONE_TYPES = ("DEFAULT", "DDI", "MOBILE", "FAX", "OFFICE")
TERM_TYPES = ("DAYSAFTERBILLDATE", "DAYSAFTERBILLMONTH", "OFCURRENTMONTH", "OFFOLLOWINGMONTH")
EMAIL_INVALID = "Email address must be valid"  # OAS-ACC 400 example, DOCS-MIRROR responsecodes


class ContactsMixin(XeroBooks):
    def get_contact(self, contact_id: str) -> Contact:
        contact = self.contacts.get(contact_id.lower())
        if contact is None:
            raise ResourceNotFound()
        return contact

    def find_contact(self, ref: ContactRef) -> Contact | None:
        if ref.id:
            return self.contacts.get(ref.id.lower())
        if ref.number:
            cid = self.contacts_by_number.get(ref.number.lower())
            if cid:
                return self.contacts[cid]
        if ref.name:
            cid = self.contacts_by_name.get(ref.name.strip().lower())
            if cid:
                return self.contacts[cid]
        return None

    def resolve_contact(self, ref: ContactRef | None) -> Contact:
        """A document's contact: by ID (must exist), number, or name (a new name creates one, as Xero does)."""
        if ref is None or not (ref.id or ref.name or ref.number):
            raise XeroValidation("A Contact must be specified for this type of transaction")
        contact = self.find_contact(ref)
        if contact is not None:
            return contact
        if ref.id:
            raise XeroValidation("The contact with the specified ContactID could not be found")
        if not ref.name:
            raise XeroValidation("The Contact must contain at least 1 of the following elements to identify the "
                                 "contact: Name, ContactID, ContactNumber")
        return self.create_contact(ContactInput(name=ref.name, contact_number=ref.number))

    def create_contact(self, inp: ContactInput) -> Contact:
        name = (inp.name or "").strip()
        if not name:
            raise XeroValidation("The Contact must contain at least 1 of the following elements to identify the "
                                 "contact: Name, ContactID, ContactNumber")
        self._check_contact_unique(name, inp.contact_number, None)
        contact = Contact(id=self.new_id(), name=name, updated_at=self.now())
        self._apply_contact(contact, inp)
        self.contacts[contact.id] = contact
        self._index_contact(contact)
        return contact

    def upsert_contact(self, inp: ContactInput) -> Contact:
        """POST /Contacts: update the contact the element names (ID, then number, then name), else create."""
        existing = self.find_contact(ContactRef(inp.contact_id, None, inp.contact_number))
        if existing is None and inp.contact_id:
            raise ResourceNotFound()
        if existing is None and inp.name:
            existing = self.find_contact(ContactRef(None, inp.name, None))
        if existing is None:
            return self.create_contact(inp)
        return self.update_contact(existing, inp)

    def update_contact(self, contact: Contact, inp: ContactInput) -> Contact:
        if inp.name is not None and not inp.name.strip():
            raise XeroValidation("The contact name must not be empty")
        self._check_contact_unique(inp.name.strip() if inp.name else None, inp.contact_number, contact.id)
        self._unindex_contact(contact)
        if inp.name:
            contact.name = inp.name.strip()
        self._apply_contact(contact, inp)
        self._index_contact(contact)
        contact.updated_at = self.now()
        return contact

    def touch_contact(self, contact: Contact, *, customer: bool, when: datetime) -> None:
        changed = (customer and not contact.is_customer) or (not customer and not contact.is_supplier)
        if customer:
            contact.is_customer = True
        else:
            contact.is_supplier = True
        if changed:
            contact.updated_at = when

    # -- internals -----------------------------------------------------------------------------
    def _apply_contact(self, contact: Contact, inp: ContactInput) -> None:
        if inp.status is not None:
            if inp.status not in CONTACT_STATUSES:
                raise XeroValidation(f"'{inp.status}' is not a valid ContactStatus")
            contact.status = inp.status
        emails = [inp.email] + [p.email for p in inp.persons or []]
        if any(e is not None and e != "" and not _looks_like_email(e) for e in emails):
            raise XeroValidation(EMAIL_INVALID)
        for attr in ("first_name", "last_name", "email", "contact_number", "account_number", "tax_number"):
            value = getattr(inp, attr)
            if value is not None:
                setattr(contact, attr, value)
        for address in inp.addresses or []:
            if address.address_type not in ADDRESS_TYPES:
                raise XeroValidation(f"'{address.address_type}' is not a valid AddressType")  # UNCONFIRMED text
            contact.addresses[address.address_type] = address
        for phone in inp.phones or []:
            if phone.phone_type not in PHONE_TYPES:
                raise XeroValidation(f"'{phone.phone_type}' is not a valid PhoneType")  # UNCONFIRMED text
            contact.phones[phone.phone_type] = phone
        if inp.persons is not None:
            contact.persons = list(inp.persons)
        for side, term in (inp.payment_terms or {}).items():
            if term.type not in TERM_TYPES:
                raise XeroValidation(f"'{term.type}' is not a valid PaymentTermType")  # UNCONFIRMED text
            contact.payment_terms[side] = term
        contact.extra.update(inp.extra or {})

    def balances(self, contact: Contact) -> dict[str, dict[str, Decimal]]:
        """Outstanding and overdue amounts of the contact's AUTHORISED invoices, from the contact index."""
        today = self.today()
        out = {"ACCREC": [ZERO, ZERO], "ACCPAY": [ZERO, ZERO]}
        for invoice_id in self.invoice_index.matching([Eq("contact", (contact.id,)), Eq("status", ("authorised",))]):
            invoice = self.invoices[invoice_id]
            totals = out[invoice.type]
            totals[0] += invoice.amount_due
            if invoice.due_date and invoice.due_date < today:
                totals[1] += invoice.amount_due
        return {side: {"Outstanding": money(v[0]), "Overdue": money(v[1])} for side, v in out.items()}

    def _check_contact_unique(self, name: str | None, number: str | None, own_id: str | None) -> None:
        if name:
            other = self.contacts_by_name.get(name.lower())
            if other and other != own_id and self.contacts[other].status == "ACTIVE":
                raise XeroValidation(f"The contact name {name} is already assigned to another contact. The contact "
                                     "name must be unique across all active contacts.")
        if number:
            other = self.contacts_by_number.get(number.lower())
            if other and other != own_id:
                raise XeroValidation(f"The contact number {number} is already assigned to another contact.")

    def _index_contact(self, contact: Contact) -> None:
        self.contacts_by_name[contact.name.lower()] = contact.id
        if contact.contact_number:
            self.contacts_by_number[contact.contact_number.lower()] = contact.id

    def _unindex_contact(self, contact: Contact) -> None:
        if self.contacts_by_name.get(contact.name.lower()) == contact.id:
            del self.contacts_by_name[contact.name.lower()]
        if contact.contact_number and self.contacts_by_number.get(contact.contact_number.lower()) == contact.id:
            del self.contacts_by_number[contact.contact_number.lower()]

    def contact_view(self, contact: Contact) -> dict[str, Any]:
        """The fields ``where`` can filter contacts by."""
        return {"contactid": contact.id, "name": contact.name, "contactstatus": contact.status,
                "emailaddress": contact.email, "contactnumber": contact.contact_number,
                "accountnumber": contact.account_number, "firstname": contact.first_name,
                "lastname": contact.last_name, "iscustomer": contact.is_customer,
                "issupplier": contact.is_supplier, "updateddateutc": contact.updated_at}


def _looks_like_email(value: str) -> bool:
    local, at, domain = value.strip().rpartition("@")
    return bool(at and local and "." in domain and " " not in value.strip())
