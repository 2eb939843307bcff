"""XPM workloads: recharged costs onto a job (seed 000) and client records pushed one way (seed 001)."""

from __future__ import annotations

from functools import partial
from typing import Any

from connsim.harness.chaos.workload import HEAL_ROUNDS, RecordCheck, Step, Workload, settled


class _Practice(Workload):
    apis = ("xpm", "xero-identity")

    def _practice(self) -> str:
        self.practice: str = self.control.create_tenant("xpm-practice", "Chaos Practice")["id"]
        return self.practice

    def _act(self, path: str, json: Any = None, method: str = "POST") -> Any:
        return self.control.action("xpm", f"{self.practice}/{path}", json, method=method)


class CostsWorkload(_Practice):
    """Charges for one mapped organisation, each sent for tracking then synced onto one job."""

    profile = label = "costs"
    write_paths = ("/job.api/cost",)

    def setup(self) -> str:
        self._practice()
        client = self._act("clients", {"name": "Chaos Client"})["UUID"]
        self.job = self._act("jobs", {"client_uuid": client, "name": "Chaos Job", "state": "In Progress"})["ID"]
        self.service = self.engine.service("costs")
        self.service.connect_xpm()
        self.service.map_organisation("Chaos Org", "Chaos Client", self.job)
        self.charges: list[tuple[str, str]] = []  # (description, engine id)
        return self.practice

    def steps(self) -> list[Step]:
        out: list[Step] = []
        for index in range(self.schedule.records):
            out += [partial(self._add, index), self.service.sync]
        return out

    def _add(self, index: int) -> None:
        description = f"Chaos charge {index} {self.tag}"
        charge = self.service.add_charge("Chaos Org", "2026-11-18", description, 10.0 + index)
        self.charges.append((description, charge))
        self.service.send_for_tracking(charge)

    def heal(self) -> None:
        if self.service.integration_status() != "Active":
            self.service.resync_integration()  # PC-INACTIVE: Integrations page, Re-sync now
        for _ in range(HEAL_ROUNDS):
            for charge in self.service.charges(tab="Error"):  # PC-RETRY: retry from the Error tab
                settled(partial(self.service.retry, charge["id"]))
            self.service.sync()

    def check(self) -> list[RecordCheck]:
        costs = self._act(f"jobs/{self.job}/costs", method="GET")["costs"]
        out = []
        for description, charge_id in self.charges:
            on_job = sum(1 for c in costs if (c.get("Description") or c.get("description")) == description)
            view = self.service.charge(charge_id)
            out.append(RecordCheck(description, on_job, view["status"], view.get("reason") and
                                   f"{view['reason']}: {view.get('error')}"))
        return out


class ClientsOneWayWorkload(_Practice):
    """Client records, each pushed by pressing Sync for it; a deleted one must never reach XPM."""

    profile = label = "clients-oneway"
    can_dismiss = True
    write_paths = ("/client.api/add",)

    def setup(self) -> str:
        self._practice()
        self.service = self.engine.service("clients-oneway")
        self.service.connect_xpm()
        self.clients: list[tuple[str, str, bool]] = []  # (name, engine id, deleted)
        return self.practice

    def steps(self) -> list[Step]:
        out: list[Step] = []
        for index in range(self.schedule.records):
            out += [partial(self._add, index), partial(self._sync_or_delete, index)]
        return out

    def _add(self, index: int) -> None:
        name = f"Chaos Client {index} {self.tag}"
        self.clients.append((name, self.service.add_client({"name": name, "email": f"c{index}@chaos.test"}),
                             self.dismissed(index)))

    def _sync_or_delete(self, index: int) -> None:
        if index >= len(self.clients):
            return
        _name, client_id, deleted = self.clients[index]
        if deleted:
            self.service.delete_client(client_id)  # PH-DELETE: deleted in PM Hub before any sync
        else:
            self.service.sync_client(client_id)

    def heal(self) -> None:
        if self.service.connection().get("status") != "Connected":
            self.service.connect_xpm()  # PH-EXPIRE: reconnect
        for _ in range(HEAL_ROUNDS):
            for _name, client_id, deleted in self.clients:
                if not deleted and self.service.client(client_id).get("sync_status") != "Synced":
                    self.service.sync_client(client_id)  # PH-MANUAL: press Sync for that client

    def check(self) -> list[RecordCheck]:
        clients = self.control.tenant_state(self.practice)["clients"]
        listed = clients.values() if isinstance(clients, dict) else clients
        out = []
        for name, client_id, deleted in self.clients:
            held = sum(1 for c in listed if c.get("Name") == name and not c.get("IsDeleted"))
            status = "Deleted" if deleted else self.service.client(client_id).get("sync_status", "?")
            out.append(RecordCheck(name, held, status, None if status == "Synced" else status, dismissed=deleted))
        return out
