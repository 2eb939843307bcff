"""XeroBooks: the one typed base of every Xero mixin. It names what the composed XeroBackend holds
and offers, so the type checker checks each mixin's use of ``self`` (a mixin cannot see its
siblings). Only the type checker sees it: at run time the base is ``object`` and the backend's
method resolution order is unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime
    from random import Random
    from typing import Any, Protocol

    from connsim.simulator.core.index import Index
    from connsim.simulator.xero.model.catalogue import BrandingTheme, Item, TaxRate, TrackingCategory
    from connsim.simulator.xero.model.entities import (
        Account,
        Allocation,
        Contact,
        ContactRef,
        CreditNote,
        Document,
        Invoice,
        LineInput,
        Organisation,
        Overpayment,
        Payment,
        Prepayment,
    )

    class XeroBooks(Protocol):
        """The backend's state (backend.py, CatalogueMixin.seed_settings) and what mixins call on each other."""

        tenant: Any
        org: Organisation
        accounts: dict[str, Account]
        accounts_by_code: dict[str, str]
        contacts: dict[str, Contact]
        contacts_by_name: dict[str, str]
        contacts_by_number: dict[str, str]
        invoices: dict[str, Invoice]
        invoices_by_number: dict[str, list[str]]
        invoice_index: Index[Document]
        credit_note_index: Index[Document]
        credit_notes: dict[str, CreditNote]
        credit_notes_by_number: dict[str, list[str]]
        payments: dict[str, Payment]
        overpayments: dict[str, Overpayment]
        prepayments: dict[str, Prepayment]
        allocations: dict[str, Allocation]
        counters: dict[str, int]
        tax_rates: dict[str, TaxRate]
        tracking: dict[str, TrackingCategory]
        branding_themes: list[BrandingTheme]
        currencies: dict[str, str]
        items: dict[str, Item]
        items_by_code: dict[str, str]
        _ids: Random

        # backend.py
        def now(self) -> datetime: ...
        def today(self) -> date: ...
        def setting(self, key: str) -> Any: ...
        def new_id(self) -> str: ...
        def add_account(self, code: str, name: str, kind: str, enable_payments: bool = False,
                        tax_type: str = "NONE") -> Account: ...
        def lock_messages(self, when: date) -> list[str]: ...
        def check_lock(self, when: date) -> None: ...

        # contacts.py
        def find_contact(self, ref: ContactRef) -> Contact | None: ...
        def resolve_contact(self, ref: ContactRef | None) -> Contact: ...
        def touch_contact(self, contact: Contact, *, customer: bool, when: datetime) -> None: ...

        # documents.py
        def get_invoice(self, key: str) -> Invoice: ...
        def file_document(self, doc: Document) -> None: ...
        def _set_lines(self, doc: Document, lines: list[LineInput]) -> None: ...

        # payments.py
        def settle(self, invoice: Invoice, when: Any) -> None: ...

        # catalogue.py
        def tax_rate(self, tax_type: str) -> TaxRate: ...
        def check_account_code(self, code: str) -> None: ...
        def check_tracking(self, pairs: list[tuple[str, str]]) -> None: ...
        def check_currency(self, code: str) -> None: ...
        def item_by_code(self, code: str) -> Item: ...
else:
    XeroBooks = object
