"""The engine contract: what a connector must let the harness do, one Protocol per conformance
*profile* (one per kind of product the source documents describe). A vendor implements the
profiles their product has; the runner runs those and marks the rest not applicable.

Values crossing the contract are plain dicts and strings, so the same contract works over HTTP
(see http_adapter.py and docs/harness/http-contract.md)."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from connsim.harness.env import RemoteEnv

PROFILES = ("costs", "clients-oneway", "clients-twoway", "payments")


class UnsupportedAction(Exception):
    """The engine refused a user action (e.g. a non-admin activating an add-on). Carries the message
    the user would see."""


class ContractViolation(AssertionError):
    """An answer that breaks the contract: a key the contract requires is missing (the engine's
    defect), or a step reads a key the contract does not name (the harness's)."""


_CHARGE = ("id", "organisation", "client_name", "job_number", "date", "description", "amount", "tab", "status",
           "reason", "error", "guidance", "remote_id")
_CLIENT = ("id", "name", "email", "phone", "remote_id", "sync_status", "relationships")
_PROFILE = ("id", "name", "email", "primary_phone", "physical_address", "postal_address", "linked", "link", "action",
            "actions")
_PAYMENT = ("id", "transaction_number", "invoice", "amount", "status", "reason", "error", "guidance", "hidden",
            "remote_id")

#: every key the steps may read from the answer of ``profile.method`` (a dict, or each dict of a list).
#: An engine must send each key a step reads (null where it has no value); the harness's suite fails
#: when a step reads a key not named here. Also in the OpenAPI document and docs/harness/http-contract.md.
VIEW_KEYS: dict[str, tuple[str, ...]] = {
    "costs.charge": _CHARGE,
    "costs.charges": _CHARGE,
    "costs.support_details": ("client_name", "error", "attempts"),
    "clients-oneway.client": _CLIENT,
    "clients-oneway.connection": ("status", "connected_since", "settings"),
    "clients-oneway.sync_client": ("ok", "message"),
    "clients-oneway.activity_log": ("message",),
    "clients-twoway.profile": _PROFILE,
    "clients-twoway.search_remote": ("remote_id", "name", "system", "email"),
    "clients-twoway.panel": ("linked", "system", "remote_id", "fields", "sync_available", "last_refreshed", "actions"),
    "payments.payment": _PAYMENT,
    "payments.payments": _PAYMENT,
    "payments.search_entities": _PAYMENT,
    "payments.resolve_now": (*_PAYMENT, "actions"),
    "payments.alerts": ("kind", "message"),
}

#: what each key means, for the OpenAPI document and the docs
KEY_NOTES: dict[str, str] = {
    "guidance": "what the user should do next, in words; never empty when reason is set",
    "reason": "why the record is not synced, one of the profile's reasons, or null",
    "error": "what went wrong: the remote's own text when it refused, else a sentence; never empty when "
             "status is Failed (or Sync Error), null otherwise",
    "transaction_number": "the portal's number for the payment; the payment posted to the books carries it as "
                          "its reference (Xero Payment.Reference, QuickBooks PaymentRefNum)",
    "remote_id": "the id the remote gave the record (Xero PaymentID, QuickBooks Payment Id, XPM cost UUID), or null",
    "kind": "alert kind: \"failure-rate\" (10 % or more of payments failing) or \"reconnect\"",
    "actions": "the buttons the user is offered, e.g. [\"Dismiss Syncing\"]",
    "hidden": "true once the user chose Hide",
    "attempts": "the sync attempts so far (a list), for support",
}


@runtime_checkable
class Engine(Protocol):
    """Every adapter: which profiles it implements, how it is given the remotes, and one service
    object per profile (implementing that profile's Protocol below)."""

    profiles: tuple[str, ...]

    def start(self, env: RemoteEnv) -> None: ...

    def stop(self) -> None: ...

    def service(self, profile: str) -> Any: ...


@runtime_checkable
class CostsEngine(Protocol):
    """Recharged costs pushed to XPM jobs (seed 000). Charge views are dicts with keys:
    id, organisation, client_name, job_number, date, description, amount, tab ("Unmapped",
    "Pending Action", "Error", "Synced"), status ("Unmapped", "Pending", "Sync Error", "Synced"),
    reason ("Lock Dates", "Job State", "Job Deleted", "Integration Inactive", "Remote Error" or None),
    error (the remote's error text or None), guidance (what the user should do), remote_id."""

    def connect_xpm(self) -> None: ...
    def integration_status(self) -> str: ...  # "Active" | "Inactive"
    def resync_integration(self) -> None: ...  # "Re-sync now": reconnect, then retry what failed for it
    def add_charge(self, organisation: str, date: str, description: str, amount: float,
                   quantity: float = 1.0) -> str: ...
    def map_organisation(self, organisation: str, client_name: str, job_number: str) -> None: ...
    def send_for_tracking(self, charge_id: str) -> None: ...
    def sync(self) -> None: ...  # push every tracked, unsynced charge
    def retry(self, charge_id: str) -> None: ...
    def charges(self, tab: str | None = None) -> list[dict[str, Any]]: ...
    def charge(self, charge_id: str) -> dict[str, Any]: ...
    def support_details(self, charge_id: str) -> dict[str, Any]: ...  # client_name, error


@runtime_checkable
class ClientsOneWayEngine(Protocol):
    """Client records pushed one way to XPM, manually per client (seed 001). Client views: id, name,
    email, phone, remote_id, sync_status, relationships [{with, type, status, reason}]."""

    def connect_xpm(self) -> None: ...
    def disconnect_xpm(self) -> None: ...
    def connection(self) -> dict[str, Any]: ...  # status, connected_since, settings
    def update_settings(self, settings: dict[str, Any]) -> None: ...
    def add_client(self, fields: dict[str, Any]) -> str: ...
    def update_client(self, client_id: str, fields: dict[str, Any]) -> None: ...
    def delete_client(self, client_id: str) -> None: ...
    def sync_client(self, client_id: str) -> dict[str, Any]: ...  # ok, message
    def client(self, client_id: str) -> dict[str, Any]: ...
    def configure_association(self, association_type: str, xpm_relationship_type: str | None) -> None: ...
    def add_association(self, client_id: str, related_client_id: str, association_type: str) -> None: ...
    def activity_log(self) -> list[dict[str, Any]]: ...


@runtime_checkable
class ClientsTwoWayEngine(Protocol):
    """Profiles synced both ways with APS or XPM, per field (seeds 002, 003). ``system`` is "aps" or
    "xpm". Panel: {"fields": {name: {"local", "remote", "differs"}}, "sync_available", "last_refreshed"}."""

    def activate_addon(self, system: str, user_role: str) -> None: ...  # raises UnsupportedAction
    def import_profiles(self, system: str) -> list[str]: ...
    def create_profile(self, fields: dict[str, Any]) -> str: ...
    def edit_profile(self, profile_id: str, fields: dict[str, Any]) -> None: ...
    def profile(self, profile_id: str) -> dict[str, Any]: ...  # fields + link + actions
    def search_remote(self, profile_id: str, query: str | None = None) -> list[dict[str, Any]]: ...
    def link(self, profile_id: str, remote_id: str) -> None: ...
    def unlink(self, profile_id: str) -> None: ...
    def panel(self, profile_id: str) -> dict[str, Any]: ...
    def refresh(self, profile_id: str) -> None: ...
    def sync_fields(self, profile_id: str, directions: dict[str, str]) -> None: ...  # field -> "to_remote"|"to_local"


@runtime_checkable
class PaymentsEngine(Protocol):
    """Payments pushed to the accounting package (seed 004). ``system`` is "xero" or "qbo". Payment
    views: id, invoice, amount, status ("Pending", "Synced", "Failed", "Dismissed"), reason, error,
    hidden, remote_id."""

    def connect_accounting(self, system: str) -> None: ...
    def record_payment(self, invoice_number: str, amount: float, date: str) -> str: ...
    def sync_payments(self) -> None: ...
    def payments(self, include_hidden: bool = False) -> list[dict[str, Any]]: ...
    def payment(self, payment_id: str) -> dict[str, Any]: ...
    def resolve_now(self, payment_id: str) -> dict[str, Any]: ...  # the failure details the user sees
    def dismiss_syncing(self, payment_id: str) -> None: ...
    def hide(self, payment_id: str) -> None: ...
    def search_entities(self, transaction_number: str) -> list[dict[str, Any]]: ...
    def alerts(self) -> list[dict[str, Any]]: ...


PROFILE_PROTOCOLS: dict[str, type] = {
    "costs": CostsEngine,
    "clients-oneway": ClientsOneWayEngine,
    "clients-twoway": ClientsTwoWayEngine,
    "payments": PaymentsEngine,
}
