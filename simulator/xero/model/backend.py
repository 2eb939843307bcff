"""XeroBackend: one Xero organisation's books. The resource rules live in mixins, one file per
resource (contacts, documents, payments, allocations); this file holds the state, the indexes,
the lock-date rule every posting shares, and the snapshot for the control API. Batches are undone
through undo.py's log (savepoint/restore/release), not by copying the books."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from connsim.simulator.xero.errors import ResourceNotFound, XeroValidation
from connsim.simulator.xero.model import indexes
from connsim.simulator.xero.model.allocations import AllocationsMixin
from connsim.simulator.xero.model.catalogue import CatalogueMixin
from connsim.simulator.xero.model.contacts import ContactsMixin
from connsim.simulator.xero.model.documents import DocumentsMixin
from connsim.simulator.xero.model.entities import (
    Account,
    Allocation,
    Contact,
    CreditNote,
    Invoice,
    Organisation,
    Overpayment,
    Payment,
    Prepayment,
)
from connsim.simulator.xero.model.payments import PaymentsMixin
from connsim.simulator.xero.model.prepayments import PrepaymentsMixin
from connsim.simulator.xero.model.undo import Undoable

#: per-tenant settings (tenant.settings) for behaviour no public source confirms; see docs/simulator/xero.md
DEFAULT_SETTINGS: dict[str, Any] = {
    "xero_unauthorised_payment_message": "Payments can only be made against Authorised documents",
    "xero_allocation_requires_authorised": True,
    "xero_allocation_unauthorised_message": "Only AUTHORISED credit notes can be allocated",
    "xero_lock_applies_to_drafts": False,
    #: an unknown JSON property: "reject" (PostDataInvalidException, as XML does) or "ignore"
    "xero_unknown_json_fields": "reject",
}


class XeroBackend(Undoable, ContactsMixin, DocumentsMixin, PaymentsMixin, AllocationsMixin, CatalogueMixin,
                  PrepaymentsMixin):
    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant
        rng = tenant.random("organisation")
        self.org = Organisation(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), name=tenant.name,
                                legal_name=tenant.name, created_at=tenant.clock.now(),
                                short_code="!" + "".join(rng.choice("abcdefghjkmnpqrstvwxyz0123456789")
                                                         for _ in range(5)))
        self._ids = tenant.random("ids")  # same seed, same IDs: a failing run replays exactly
        self.accounts: dict[str, Account] = {}
        self.accounts_by_code: dict[str, str] = {}
        self.contacts: dict[str, Contact] = {}
        self.contacts_by_name: dict[str, str] = {}
        self.contacts_by_number: dict[str, str] = {}
        self.invoices: dict[str, Invoice] = {}
        self.invoices_by_number: dict[str, list[str]] = {}
        self.credit_notes: dict[str, CreditNote] = {}
        self.credit_notes_by_number: dict[str, list[str]] = {}
        #: what lists filter by (model/indexes.py); a batch's undo log rolls them back with the records
        self.invoice_index = indexes.build()
        self.credit_note_index = indexes.build()
        for index in (self.invoice_index, self.credit_note_index):
            index.journal = self._undo_log().note
        self.payments: dict[str, Payment] = {}
        self.overpayments: dict[str, Overpayment] = {}
        self.prepayments: dict[str, Prepayment] = {}
        self.allocations: dict[str, Allocation] = {}
        self.counters = {"INV": 0, "CN": 0}
        self.seed_settings()

    # -- shared helpers ---------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.tenant.clock.now()

    def today(self) -> date:
        return self.now().date()

    def setting(self, key: str) -> Any:
        return self.tenant.settings.get(key, DEFAULT_SETTINGS[key])

    def new_id(self) -> str:
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def add_account(self, code: str, name: str, kind: str, enable_payments: bool = False,
                    tax_type: str = "NONE") -> Account:
        account = Account(self.new_id(), code, name, kind, enable_payments, updated_at=self.tenant.clock.now(),
                          tax_type=tax_type)
        self.accounts[account.id] = account
        self.accounts_by_code[code.lower()] = account.id
        return account

    def get_account(self, account_id: str) -> Account:
        account = self.accounts.get(account_id.lower())
        if account is None:
            raise ResourceNotFound()
        return account

    def account_view(self, account: Account) -> dict[str, Any]:
        """The fields ``where`` can filter accounts by."""
        return {"accountid": account.id, "code": account.code, "name": account.name, "type": account.type,
                "status": account.status, "class": account_class(account.type),
                "enablepaymentstoaccount": account.enable_payments, "updateddateutc": account.updated_at}

    def lock_messages(self, when: date) -> list[str]:
        """Xero refuses postings dated on or before a lock date; both locks may be reported."""
        out = []
        if self.org.period_lock_date and when <= self.org.period_lock_date:
            out.append("The document date cannot be before the period lock date, currently set at "
                       + _xero_day(self.org.period_lock_date))
        if self.org.end_of_year_lock_date and when <= self.org.end_of_year_lock_date:
            out.append("The document date cannot be before the end of year lock date, currently set at "
                       + _xero_day(self.org.end_of_year_lock_date))
        return out

    def check_lock(self, when: date) -> None:
        messages = self.lock_messages(when)
        if messages:
            raise XeroValidation(*messages)

    def set_lock_dates(self, period: date | None, end_of_year: date | None) -> Organisation:
        """What an adviser does in Settings → Lock dates. Xero keeps period ≥ end of year."""
        if period and end_of_year and period < end_of_year:
            raise XeroValidation("The period lock date cannot be before the end of year lock date")
        self.org.period_lock_date, self.org.end_of_year_lock_date = period, end_of_year
        return self.org

    def snapshot(self) -> dict[str, Any]:
        from connsim.simulator.xero import render

        return {
            "organisation": render.organisation(self.org),
            "contacts": [render.contact(c) for c in self.contacts.values()],
            "invoices": [render.invoice(self, i) for i in self.invoices.values()],
            "payments": [render.payment(self, p) for p in self.payments.values()],
            "creditNotes": [render.credit_note(self, c) for c in self.credit_notes.values()],
            "allocations": [render.allocation(self, a) for a in self.allocations.values()],
            "overpayments": [render.credit_payment(self, o) for o in self.overpayments.values()],
            "prepayments": [render.credit_payment(self, p) for p in self.prepayments.values()],
        }


def _xero_day(value: date) -> str:
    """dd-MMM-yyyy, the format Xero's lock-date messages use (30-Nov-2018)."""
    return f"{value.day:02d}-{value.strftime('%b')}-{value.year}"


_CLASSES = {"BANK": "ASSET", "CURRENT": "ASSET", "FIXED": "ASSET", "INVENTORY": "ASSET", "NONCURRENT": "ASSET",
            "PREPAYMENT": "ASSET", "CURRLIAB": "LIABILITY", "LIABILITY": "LIABILITY", "TERMLIAB": "LIABILITY",
            "PAYG": "LIABILITY", "EQUITY": "EQUITY", "REVENUE": "REVENUE", "SALES": "REVENUE",
            "OTHERINCOME": "REVENUE"}


def account_class(account_type: str) -> str:
    """Xero's read-only Account.Class, from the account type (expense types otherwise)."""
    return _CLASSES.get(account_type, "EXPENSE")
