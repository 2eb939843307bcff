"""Recharged costs pushed to XPM jobs (seed 000, Rechargly Practice Connect).

Tabs: a cost whose organisation is not mapped sits in **Unmapped** and nothing is pushed; once
mapped it is in **Pending Action** until sent for tracking and synced; a rejected sync lands in
**Error** with the reason the help article names (Lock Dates, Job State, Job Deleted) and the
remote's own text; a pushed cost is **Synced**. Every push carries the charge's reference, so a
lost response is reconciled against the job's costs before anything is posted again."""

from __future__ import annotations

from typing import Any

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import OutcomeUnknown, ReconnectRequired, RemoteError
from connsim.harness.engine.services.integration import XpmIntegration

GUIDANCE = {
    "Lock Dates": "The cost falls in a locked WIP period: unlock the prior period in XPM, retry the charge, "
                  "then turn the lock back on once all charges are synced.",
    "Job State": "The job's state does not accept new costs: change the job state to In Progress in XPM, "
                 "retry, then change it back if needed.",
    "Job Deleted": "The job was deleted in XPM and there is no valid destination. Raise a ticket with support "
                   "to recreate the job; the charge is not posted anywhere else.",
    "Integration Inactive": "The Xero integration is not Active: go to Integrations and select Re-sync now, "
                            "then retry.",
    "Remote Error": "Retry the charge; if the error persists, contact support with the client name and the "
                    "error details.",
}
RECONCILE_ATTEMPTS = 3


def classify(message: str) -> str:
    """The reason the user sees, from the remote's error text."""
    text = message.lower()
    if "lock" in text:
        return "Lock Dates"
    if "state" in text:
        return "Job State"
    if "invalid job" in text or "deleted" in text or "not found" in text:
        return "Job Deleted"
    return "Remote Error"


class CostsService:
    def __init__(self, ctx: EngineContext) -> None:
        self.ctx, self.store = ctx, ctx.store
        self.xpm = XpmIntegration(ctx, "xpm-costs")

    # -- integration ---------------------------------------------------------------------------
    def connect_xpm(self) -> None:
        self.xpm.connect()
        self.store.log(self.ctx.now(), "integration", "Connected to Xero Practice Manager")

    def integration_status(self) -> str:
        return self.xpm.check()

    def resync_integration(self) -> None:
        """Re-sync now: renew the authorisation (refresh, or the consent flow if refresh is dead)."""
        self.xpm.refresh_or_reconnect()
        self.store.log(self.ctx.now(), "integration", "Integration re-synced: Active")

    # -- charges -------------------------------------------------------------------------------
    def add_charge(self, organisation: str, date: str, description: str, amount: float,
                   quantity: float = 1.0) -> str:
        charge = self.store.put("charges", {
            "organisation": organisation, "date": date, "description": description, "amount": amount,
            "quantity": quantity, "tracked": False, "reason": None, "error": None, "guidance": None,
            "remote_id": None})
        charge["key"] = f"rc-{charge['id']}"
        self._place(charge)
        return charge["id"]

    def map_organisation(self, organisation: str, client_name: str, job_number: str) -> None:
        """Client Mapping: the organisation's costs go to this client's job. Unmapped costs move to
        Pending Action; costs already tracked keep their place and use the new destination on retry."""
        self.store.put("mappings", {"id": organisation, "client_name": client_name, "job_number": job_number})
        for charge in self.store.find("charges", organisation=organisation):
            if charge["status"] == "Unmapped":
                self._place(charge)

    def send_for_tracking(self, charge_id: str) -> None:
        charge = self._charge(charge_id)
        if charge["status"] == "Unmapped":
            raise ValueError("an unmapped charge cannot be sent for tracking: map its organisation first")
        charge["tracked"] = True
        self.store.put("charges", charge)

    def sync(self) -> None:
        for charge in self.store.find("charges", status="Pending", tracked=True):
            self._push(charge)

    def retry(self, charge_id: str) -> None:
        charge = self._charge(charge_id)
        if charge["status"] in ("Sync Error", "Pending") and charge.get("tracked"):
            self._push(charge)

    def charges(self, tab: str | None = None) -> list[dict[str, Any]]:
        return [self._view(c) for c in self.store.find("charges") if tab is None or self._tab(c) == tab]

    def charge(self, charge_id: str) -> dict[str, Any]:
        return self._view(self._charge(charge_id))

    def support_details(self, charge_id: str) -> dict[str, Any]:
        charge = self._charge(charge_id)
        mapping = self.store.get("mappings", charge["organisation"]) or {}
        return {"client_name": mapping.get("client_name"), "organisation": charge["organisation"],
                "job_number": mapping.get("job_number"), "reason": charge["reason"], "error": charge["error"],
                "attempts": self.store.attempts("charges", charge_id)}

    # -- internals -----------------------------------------------------------------------------
    def _charge(self, charge_id: str) -> dict[str, Any]:
        charge = self.store.get("charges", charge_id)
        if charge is None:
            raise KeyError(f"no charge {charge_id}")
        return charge

    def _place(self, charge: dict[str, Any]) -> None:
        mapped = self.store.get("mappings", charge["organisation"]) is not None
        charge["status"] = "Pending" if mapped else "Unmapped"
        self.store.put("charges", charge)

    @staticmethod
    def _tab(charge: dict[str, Any]) -> str:
        return {"Unmapped": "Unmapped", "Pending": "Pending Action", "Sync Error": "Error",
                "Synced": "Synced"}[charge["status"]]

    def _view(self, charge: dict[str, Any]) -> dict[str, Any]:
        mapping = self.store.get("mappings", charge["organisation"]) or {}
        return {"id": charge["id"], "organisation": charge["organisation"], "client_name": mapping.get("client_name"),
                "job_number": charge.get("job_number") or mapping.get("job_number"), "date": charge["date"],
                "description": charge["description"], "amount": charge["amount"], "tab": self._tab(charge),
                "status": charge["status"], "reason": charge["reason"], "error": charge["error"],
                "guidance": charge["guidance"], "remote_id": charge["remote_id"]}

    def _push(self, charge: dict[str, Any]) -> None:
        mapping = self.store.get("mappings", charge["organisation"])
        if mapping is None:  # never push an unmapped cost anywhere
            self._place(charge)
            return
        job = mapping["job_number"]
        try:
            xpm = self.xpm.client()
            remote_id = self._post_once(xpm, charge, job)
        except ReconnectRequired as exc:
            self.xpm.mark_inactive()
            self._fail(charge, "Integration Inactive", str(exc))
            return
        except RemoteError as exc:
            self._fail(charge, classify(exc.message), exc.message)
            return
        except OutcomeUnknown as exc:
            self._fail(charge, "Remote Error", f"XPM did not confirm the cost ({exc}); retry reconciles first")
            return
        charge.update(status="Synced", reason=None, error=None, guidance=None, remote_id=remote_id, job_number=job)
        self.store.put("charges", charge)
        self.store.attempt("charges", charge["id"], self.ctx.now(), "synced")
        self.store.log(self.ctx.now(), "cost", f"Cost {charge['description']} synced to job {job}",
                       charge=charge["id"])

    def _post_once(self, xpm: Any, charge: dict[str, Any], job: str) -> str:
        """Post the cost unless the job already has it (after a lost response): exactly once."""
        key = charge["key"]
        for _ in range(RECONCILE_ATTEMPTS):
            outbox = self.store.outbox_get(key)
            if outbox and outbox["state"] == "confirmed" and outbox["remote_ref"]:
                return outbox["remote_ref"]
            if outbox and outbox["state"] == "unknown":
                found = self._find_on_job(xpm, job, key)
                if found:
                    self.store.outbox_put(key, "cost", charge["id"], "confirmed", found)
                    return found
            self.store.outbox_put(key, "cost", charge["id"], "sending", payload={"job": job})
            try:
                cost = xpm.add_cost(job, charge["date"], charge["description"], charge["quantity"],
                                    charge["amount"], charge["amount"], note=f"Recharged cost ref {key}",
                                    reference=key)
            except OutcomeUnknown:
                self.store.outbox_put(key, "cost", charge["id"], "unknown")
                continue
            except RemoteError:
                self.store.outbox_put(key, "cost", charge["id"], "rejected")
                raise
            remote_id = cost.get("UUID") or key
            self.store.outbox_put(key, "cost", charge["id"], "confirmed", remote_id)
            return remote_id
        raise OutcomeUnknown(f"no confirmation after {RECONCILE_ATTEMPTS} attempts")

    @staticmethod
    def _find_on_job(xpm: Any, job: str, key: str) -> str | None:
        for cost in xpm.job_costs(job):
            if cost.get("SupplierReference") == key or key in (cost.get("Note") or ""):
                return cost.get("UUID") or key
        return None

    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        charge.update(status="Sync Error", reason=reason, error=error, guidance=GUIDANCE[reason])
        self.store.put("charges", charge)
        self.store.attempt("charges", charge["id"], self.ctx.now(), "failed", reason, error)
        self.store.log(self.ctx.now(), "cost", f"Sync Error ({reason}): {error}", charge=charge["id"])
