"""Workloads on the accounting packages (payments to Xero and QuickBooks, seed 004) and the
two-way client fields with APS (seed 002)."""

from __future__ import annotations

from functools import partial
from typing import Any

from connsim.harness.bdd.steps.payments_books import open_books
from connsim.harness.chaos.workload import HEAL_ROUNDS, RecordCheck, Step, Workload, settled

PAID = 40.0


class PaymentsWorkload(Workload):
    """One invoice per payment; each payment recorded in the portal then synced; a dismissed one
    (Dismiss Syncing before any sync, CB-MANUAL) must never reach the books."""

    profile = "payments"
    can_dismiss = True
    system_label = "Xero"

    def setup(self) -> str:
        self.books = open_books(self.env, self.system_label)
        self.books.customer("Chaos Customer")
        for index in range(self.schedule.records):
            self.books.add_invoice(f"CH-{index}", 100.0, "2026-11-01", "Chaos Customer")
        self.service = self.engine.service("payments")
        self.service.connect_accounting(self.books.system)
        self.payments: list[tuple[str, str, bool]] = []  # (invoice number, engine id, dismissed)
        return self.books.tenant

    def steps(self) -> list[Step]:
        out: list[Step] = []
        for index in range(self.schedule.records):
            out += [partial(self._record, index), self.service.sync_payments]
        return out

    def _record(self, index: int) -> None:
        number = f"CH-{index}"
        payment = self.service.record_payment(number, PAID, "2026-11-19")
        self.payments.append((number, payment, self.dismissed(index)))
        if self.dismissed(index):
            self.service.dismiss_syncing(payment)

    def heal(self) -> None:
        for _ in range(HEAL_ROUNDS):
            if any(alert["kind"] == "reconnect" for alert in self.service.alerts()):
                self.service.connect_accounting(self.books.system)  # the alert asks a person to reconnect
            self.service.sync_payments()

    def check(self) -> list[RecordCheck]:
        out = []
        for number, payment_id, dismissed in self.payments:
            on_invoice = len(self.books.payments_on(self.books.invoice_id(number)))
            view = self.service.payment(payment_id)
            reason = view.get("reason") and f"{view['reason']}: {view.get('error')}"
            out.append(RecordCheck(f"payment on {number}", on_invoice, view["status"], reason, dismissed=dismissed))
        return out


class XeroPayments(PaymentsWorkload):
    label, system_label = "payments-xero", "Xero"
    apis = ("xero", "xero-identity")
    writes, write_paths = ("PUT",), ("/Payments",)


class QboPayments(PaymentsWorkload):
    label, system_label = "payments-qbo", "QuickBooks"
    apis = ("qbo", "intuit-oauth")
    write_paths = ("/payment",)


class ClientsTwoWayWorkload(Workload):
    """Profiles imported from APS; each gets a new email locally, pushed to APS field by field."""

    profile = label = "clients-twoway"
    apis = ("aps", "aps-oauth")
    writes, write_paths = ("PATCH",), ("/clients/",)

    def setup(self) -> str:
        self.firm: str = self.control.create_tenant("aps-firm", "Chaos Firm")["id"]
        self.remote_ids: dict[str, str] = {}
        for index in range(self.schedule.records):
            name = f"Chaos Person {index}"
            made = self.control.action("aps", f"{self.firm}/clients", {
                "name": name, "entityType": "Individual", "email": f"old{index}@chaos.test"})
            self.remote_ids[name] = made["id"]
        self.service = self.engine.service("clients-twoway")
        self.service.activate_addon("aps", "Firm Administrator")
        ids = self.service.import_profiles("aps")
        by_name = {self.service.profile(pid)["name"]: pid for pid in ids}
        self.profiles = [(name, by_name[name], f"new{i}-{self.tag}@chaos.test")
                         for i, name in enumerate(self.remote_ids)]
        return self.firm

    def steps(self) -> list[Step]:
        out: list[Step] = []
        for _name, pid, email in self.profiles:
            out += [partial(self.service.edit_profile, pid, {"email": email}),
                    partial(self.service.sync_fields, pid, {"email": "to_remote"})]
        return out

    def heal(self) -> None:
        for round_ in range(HEAL_ROUNDS):
            for _name, pid, _email in self.profiles:
                if settled(partial(self.service.refresh, pid)) and round_ == 0:
                    # authorisation gone (CW-ADDON): the administrator activates the add-on again
                    settled(partial(self.service.activate_addon, "aps", "Firm Administrator"))
                panel = self.service.panel(pid)
                if panel["fields"]["email"]["differs"]:
                    settled(partial(self.service.sync_fields, pid, {"email": "to_remote"}))

    def check(self) -> list[RecordCheck]:
        clients: dict[str, Any] = self.control.tenant_state(self.firm)["clients"]
        live = [c for c in clients.values() if not c.get("deleted")]
        out = []
        for name, pid, email in self.profiles:
            landed = sum(1 for c in live if c.get("name") == name and c.get("email") == email)
            duplicates = sum(1 for c in live if c.get("name") == name)
            panel = self.service.panel(pid)["fields"]["email"]
            status = "Differs" if panel["differs"] else "Synced"
            on_remote = landed if duplicates <= 1 else duplicates
            out.append(RecordCheck(f"email of {name}", on_remote, status,
                                   "the panel still flags the field" if panel["differs"] else None))
        return out


