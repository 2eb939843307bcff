"""World: the names a scenario gives to things (a client "Acme", a job "Bookkeeping", a charge
"the October charge") mapped to the IDs the remotes and the engine gave them. A declared fixture,
not a hidden global: steps that create something record it here, later steps look it up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connsim.harness.bdd.steps.payments_books import Books


@dataclass
class World:
    #: tenant ids per kind, created by the "Given ..." steps through the control API
    practice: str | None = None      # XPM practice (xpm-practice)
    firm: str | None = None          # APS firm (aps-firm); the Xero org / QBO realm is books.tenant
    #: remote records by the name the scenario uses
    xpm_clients: dict[str, str] = field(default_factory=dict)     # name -> XPM client UUID
    xpm_jobs: dict[str, str] = field(default_factory=dict)        # job name -> job number
    aps_clients: dict[str, str] = field(default_factory=dict)     # name -> APS client id
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)  # number -> remote invoice JSON
    customers: dict[str, str] = field(default_factory=dict)       # name -> Xero ContactID / QBO Id
    #: engine records by alias
    charges: dict[str, str] = field(default_factory=dict)
    clients: dict[str, str] = field(default_factory=dict)         # PM Hub client name -> engine id
    profiles: dict[str, str] = field(default_factory=dict)        # Connectworks profile name -> engine id
    payments: dict[str, str] = field(default_factory=dict)
    #: what the last user action answered (errors the user saw), for "Then I see ..." steps
    last_error: str | None = None
    #: journal sequence number marking "from now on" for "nothing was sent" checks
    mark: int = 0
    #: a token of the scenario's own (an auditor's) for reading XPM through its real API
    auditor_token: str | None = None

    # -- what the user is looking at, for the steps that follow ------------------------------------
    #: PM Hub's connection details as noted before a reconnect
    connection_before: dict[str, Any] | None = None
    #: Connectworks: profiles the last import created; the profile being linked and its search
    #: results; the profile whose panel is open; ticks on the sync screen (field -> direction)
    imported: list[str] = field(default_factory=list)
    editing: str | None = None
    search_results: list[dict[str, Any]] = field(default_factory=list)
    panel_for: str | None = None
    ticks: dict[str, str] = field(default_factory=dict)
    #: remote values noted per client name, and the panel's last-refreshed time when opened
    remote_noted: dict[str, dict[str, str]] = field(default_factory=dict)
    refreshed_when_opened: dict[str, str | None] = field(default_factory=dict)
    #: ConnectBooster: the accounting package, the payment looked at last, what Resolve Now showed
    books: Books | None = None
    selected_payment: str | None = None
    resolved: dict[str, Any] | None = None

    def tenant_of(self, api: str) -> str | None:
        """The scenario's tenant in this remote (journal and control API name: xpm, aps, xero, qbo)."""
        tenants = {"xpm": self.practice, "aps": self.firm}
        if self.books is not None:
            tenants[self.books.system] = self.books.tenant
        return tenants.get(api)

    def looking_at(self, value: str | None, what: str) -> str:
        if value is None:
            raise AssertionError(f"the scenario has not opened {what} yet")
        return value

    def need(self, mapping: dict[str, str], name: str, what: str) -> str:
        if name not in mapping:
            raise AssertionError(f"the scenario never created {what} {name!r} (known: {sorted(mapping)})")
        return mapping[name]
