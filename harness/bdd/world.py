"""World: the names a scenario gives to things (a client "Acme", a job "Bookkeeping", a charge
"the October charge") mapped to the IDs the remotes and the engine gave them. A declared fixture,
not a hidden global: steps that create something record it here, later steps look it up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class World:
    #: tenant ids per kind, created by the "Given ..." steps through the control API
    practice: str | None = None      # XPM practice (xpm-practice)
    org: str | None = None           # Xero organisation (xero-org)
    realm: str | None = None         # QBO realm (qbo-realm)
    firm: str | None = None          # APS firm (aps-firm)
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
    notes: dict[Any, Any] = field(default_factory=dict)  # keyed by a name or a (kind, name) tuple

    def need(self, mapping: dict[str, str], name: str, what: str) -> str:
        if name not in mapping:
            raise AssertionError(f"the scenario never created {what} {name!r} (known: {sorted(mapping)})")
        return mapping[name]
