"""Deliberately broken engines: each is the reference engine with one documented behaviour broken.
The conformance suite must fail exactly the catalogue IDs each one breaks (test_broken_engines.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.engine.services.clients_oneway import ClientsOneWayService
from connsim.harness.engine.services.costs import CostsService
from connsim.harness.engine.services.payments import PaymentsService


class _LockBlindCosts(CostsService):
    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        super()._fail(charge, "Remote Error" if reason == "Lock Dates" else reason, error)


class IgnoresLockDates(ReferenceEngine):
    """Shows a lock-date rejection as a generic error: the user is never told to unlock."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _LockBlindCosts}


class _NoReconcileCosts(CostsService):
    @staticmethod
    def _find_on_job(xpm: Any, job: str, key: str) -> str | None:
        return None


class RepostsAfterLostResponse(ReferenceEngine):
    """Posts the cost again after a lost response instead of looking for it first."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _NoReconcileCosts}


class _JobCreatingCosts(CostsService):
    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        if reason != "Job Deleted":
            return super()._fail(charge, reason, error)
        # the forbidden shortcut: make a new job for the client and post the cost there
        from connsim.harness.engine.remotes.xpm import build, element_dict

        mapping = self.store.get("mappings", charge["organisation"])
        xpm = self.xpm.client()
        client = next(c for c in xpm.search_clients(mapping["client_name"]) if c.get("Name") == mapping["client_name"])
        job = element_dict(xpm._send("POST", "job.api/add", build("Job", {
            "Name": "Recharged costs", "Description": "created by the engine", "ClientUUID": client["UUID"],
            "StartDate": "20261101", "DueDate": "20261231"}), safe=False).find("Job"))
        self.store.put("mappings", {**mapping, "job_number": job["ID"]})
        self._push(charge)


class CreatesJobWhenDeleted(ReferenceEngine):
    """Creates a job when the destination job was deleted, instead of sending the user to support."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _JobCreatingCosts}


class _EagerReconnectClients(ClientsOneWayService):
    def connect_xpm(self) -> None:
        super().connect_xpm()
        for client in self.store.find("clients"):
            if client.get("remote_id"):
                self.sync_client(client["id"])


class SyncsOnReconnect(ReferenceEngine):
    """Pushes every known client as soon as the connection is re-established."""

    service_classes: ClassVar[dict[str, type]] = {"clients-oneway": _EagerReconnectClients}


class _DismissIgnoringPayments(PaymentsService):
    def sync_payments(self) -> None:
        for payment in self.store.find("payments", status="Dismissed"):
            payment["status"] = "Failed"  # "dismissed" forgotten: back in the retry queue
            self.store.put("payments", payment)
        super().sync_payments()


class RetriesDismissedPayments(ReferenceEngine):
    """Keeps pushing a payment after the user chose Dismiss Syncing."""

    service_classes: ClassVar[dict[str, type]] = {"payments": _DismissIgnoringPayments}
