"""Which OAuth scopes open which Accounting routes. A token without one gets the gateway's 401
``AuthorizationUnsuccessful`` (reference/xero.md §1.6, Xero-NetStandard issue #298; the same body
is quoted for a Journals call a tier does not include, Databuzz support article, 2026).

Broad scopes per operation are OAS-ACC's ``security`` entries (e.g. ``getInvoices``:
``accounting.transactions`` or ``accounting.transactions.read``; ``getItems``: ``accounting.settings``).
The granular scopes that replace ``accounting.transactions`` (reference §1.8, Xero scopes page, March
2026) open the same routes: ``accounting.invoices`` (Invoices, CreditNotes, Items),
``accounting.payments`` (Payments, Overpayments, Prepayments). A ``.read`` scope opens GETs only."""

from __future__ import annotations

from collections.abc import Iterable

FAMILIES: dict[str, tuple[str, ...]] = {
    "settings": ("accounting.settings",),
    "contacts": ("accounting.contacts",),
    "invoices": ("accounting.transactions", "accounting.invoices"),
    "payments": ("accounting.transactions", "accounting.payments"),
    "items": ("accounting.settings", "accounting.invoices"),
}


#: (family, read only) → every scope that opens it: for a GET the families' scopes and their ``.read``
#: forms, else the families' scopes alone
_OPENED_BY: dict[tuple[str, bool], frozenset[str]] = {
    (family, read_only): frozenset(broad) | (frozenset(s + ".read" for s in broad) if read_only else frozenset())
    for family, broad in FAMILIES.items() for read_only in (False, True)}


def allows(granted: Iterable[str], family: str, read_only: bool) -> bool:
    return not _OPENED_BY[(family, read_only)].isdisjoint(granted)
