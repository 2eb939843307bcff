"""Broken engines for recharged costs (seed 000): each is the reference engine with one documented
behaviour of the costs profile broken."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET

from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.engine.remotes.xpm import XML_HEADERS, XpmClient, build, element_dict
from connsim.harness.engine.services.costs import CostsService
from connsim.harness.engine.services.integration import XpmIntegration


class _LockBlindCosts(CostsService):
    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        super()._fail(charge, "Remote Error" if reason == "Lock Dates" else reason, error)


class IgnoresLockDates(ReferenceEngine):
    """Shows a lock-date rejection as a generic error: the user is never told to unlock."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _LockBlindCosts}


class _StateBlindCosts(CostsService):
    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        super()._fail(charge, "Remote Error" if reason == "Job State" else reason, error)


class HidesJobStateReason(ReferenceEngine):
    """Shows a job-state rejection as a generic error: the user is never told to reopen the job."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _StateBlindCosts}


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
        mapping = self.store.get("mappings", charge["organisation"])
        assert mapping is not None, "a Job Deleted rejection comes from a mapped cost"
        xpm = self.xpm.client()
        client = next(c for c in xpm.search_clients(mapping["client_name"]) if c.get("Name") == mapping["client_name"])
        job = element_dict(xpm._send("POST", "job.api/add", build("Job", {
            "Name": "Recharged costs", "Description": "created by the engine", "ClientUUID": client["UUID"],
            "StartDate": "20261101", "DueDate": "20261231"}), safe=False).find("Job"))  # type: ignore[arg-type]  # XPM answers with a Job (else its error raised first)
        self.store.put("mappings", {**mapping, "job_number": job["ID"]})
        self._push(charge)


class CreatesJobWhenDeleted(ReferenceEngine):
    """Creates a job when the destination job was deleted, instead of sending the user to support."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _JobCreatingCosts}


class _RetryAllCosts(CostsService):
    def retry(self, charge_id: str) -> None:
        for charge in self.store.find("charges", status="Sync Error"):
            self._push(charge)


class RetriesEveryErrorCharge(ReferenceEngine):
    """Retry on one charge re-sends every charge in the Error tab."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _RetryAllCosts}


class _RetryFirstRowCosts(CostsService):
    def retry(self, charge_id: str) -> None:
        errors = self.store.find("charges", status="Sync Error")
        if errors:
            self._push(errors[0])


class RetriesFirstErrorRow(ReferenceEngine):
    """Retry acts on the first row of the Error tab, whichever charge was hovered."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _RetryFirstRowCosts}


class _SendOnMappingCosts(CostsService):
    def map_organisation(self, organisation: str, client_name: str, job_number: str) -> None:
        super().map_organisation(organisation, client_name, job_number)
        for charge in self.store.find("charges", organisation=organisation, status="Pending"):
            charge["tracked"] = True
            self._push(charge)


class SyncsCostsOnMapping(ReferenceEngine):
    """Pushes an organisation's waiting costs the moment it is mapped: no Pending Action, no tracking."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _SendOnMappingCosts}


class _UnmappedAsPendingCosts(CostsService):
    @staticmethod
    def _tab(charge: dict[str, Any]) -> str:
        tab = CostsService._tab(charge)
        return "Pending Action" if tab == "Unmapped" else tab


class ShowsUnmappedAsPending(ReferenceEngine):
    """Lists unmapped costs under Pending Action, so the user never learns to map the organisation."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _UnmappedAsPendingCosts}


class _TextlessCosts(CostsService):
    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        super()._fail(charge, reason, f"Sync failed ({reason})")


class LosesRemoteErrorText(ReferenceEngine):
    """Keeps its own one-line summary instead of XPM's error text: support cannot see what XPM said."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _TextlessCosts}


class _OrganisationSupportCosts(CostsService):
    def support_details(self, charge_id: str) -> dict[str, Any]:
        details = super().support_details(charge_id)
        return {**details, "client_name": details["organisation"]}


class NamesOrganisationForSupport(ReferenceEngine):
    """Gives support the cost's organisation instead of the XPM client it was mapped to."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _OrganisationSupportCosts}


class _WallClockCosts(CostsService):
    def _post_once(self, xpm: Any, charge: dict[str, Any], job: str) -> str:
        return super()._post_once(xpm, {**charge, "date": date.today().isoformat()}, job)


class DatesCostsByWallClock(ReferenceEngine):
    """Dates each cost with the computer's today instead of the charge's date."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _WallClockCosts}


class _LenientXpmClient(XpmClient):
    def _send(self, method: str, path: str, body: bytes | None = None, safe: bool = True,
              params: dict[str, str] | None = None) -> Element:
        response = self.caller.call(method, f"{self.base}/{path}", safe=safe, data=body, params=params,
                                    headers={**XML_HEADERS, "xero-tenant-id": self.tenant_id})
        if response.status_code == 200:  # the bug: HTTP 200 taken as success, <Status>ERROR</Status> unread
            return SafeET.fromstring(response.content)
        return super()._send(method, path, body, safe, params)


class _LenientIntegration(XpmIntegration):
    client_class = _LenientXpmClient


class _LenientCosts(CostsService):
    def __init__(self, ctx: EngineContext) -> None:
        super().__init__(ctx)
        self.xpm = _LenientIntegration(ctx, "xpm-costs")


class ReadsXpmErrorAsSuccess(ReferenceEngine):
    """Reads an XPM answer with HTTP 200 as success without looking at its <Status>ERROR</Status>."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _LenientCosts}


class _ForgetfulInactiveCosts(CostsService):
    def _fail(self, charge: dict[str, Any], reason: str, error: str) -> None:
        if reason == "Integration Inactive":  # back to Pending Action, untracked: silently dropped
            charge.update(status="Pending", tracked=False)
            self.store.put("charges", charge)
            return
        super()._fail(charge, reason, error)


class DropsCostsWhileInactive(ReferenceEngine):
    """A cost that fails because the integration is inactive is quietly put back, untracked."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _ForgetfulInactiveCosts}


class _RefreshOnlyCosts(CostsService):
    def resync_integration(self) -> None:
        try:
            self.xpm.oauth.refresh()
        except Exception:  # noqa: BLE001 - the bug: a dead refresh token is the end of it
            return
        self.xpm.update(status="Active")


class ResyncNeverReconnects(ReferenceEngine):
    """Re-sync now only tries the refresh token; a revoked or expired grant is never re-authorised."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _RefreshOnlyCosts}


class _AlwaysActiveCosts(CostsService):
    def integration_status(self) -> str:
        return "Active"


class ReportsActiveWhenRevoked(ReferenceEngine):
    """The Integrations page always says Active, whatever the remote says."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _AlwaysActiveCosts}
