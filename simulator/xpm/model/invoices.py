"""invoice.api rules (invoices.md): XPM's own invoices, made by a person in XPM from a job's
billable time and costs not yet invoiced (a control action; the 3.1 API has no invoice create),
listed as current, draft, by date or by job, with their payments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from connsim.simulator.xpm.errors import InvalidIdentifier, XpmBadInput
from connsim.simulator.xpm.model.base import XpmBooks
from connsim.simulator.xpm.model.timesheets import check_range

INVOICE_STATUSES = ("Draft", "Approved", "Paid", "Cancelled")
CENT = Decimal("0.01")


@dataclass
class InvoiceLine:
    """A task (time) or cost line; ``minutes`` is None for cost lines."""

    uuid: str
    description: str
    amount: Decimal
    tax: Decimal
    minutes: int | None = None
    rate: Decimal | None = None
    quantity: Decimal | None = None
    unit_cost: Decimal | None = None
    unit_price: Decimal | None = None
    code: str = ""
    note: str = ""


@dataclass
class Invoice:
    number: str
    uuid: str
    type: str
    status: str
    job: str
    client_uuid: str
    date: dt.date
    due_date: dt.date
    tasks: list[InvoiceLine] = field(default_factory=list)
    costs: list[InvoiceLine] = field(default_factory=list)
    payments: list[tuple[dt.date, Decimal, str]] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in (*self.tasks, *self.costs)), Decimal("0"))

    @property
    def tax(self) -> Decimal:
        return sum((line.tax for line in (*self.tasks, *self.costs)), Decimal("0"))

    @property
    def paid(self) -> Decimal:
        return sum((amount for _, amount, _ in self.payments), Decimal("0"))

    def to_json(self) -> dict[str, Any]:
        return {"ID": self.number, "UUID": self.uuid, "Type": self.type, "Status": self.status, "Job": self.job,
                "ClientUUID": self.client_uuid, "Date": self.date.isoformat(), "DueDate": self.due_date.isoformat(),
                "Amount": str(self.amount), "AmountTax": str(self.tax), "AmountPaid": str(self.paid)}


class InvoicesMixin(XpmBooks):
    invoices: dict[str, Invoice]
    invoices_by_job: dict[str, list[str]]
    invoice_counter: int

    def invoice(self, number: str | None) -> Invoice:
        found = self.invoices.get((number or "").strip())
        if found is None:
            raise InvalidIdentifier("Invalid invoice identifier")
        return found

    def invoice_job(self, number: str, status: str = "Approved", day: dt.date | None = None) -> Invoice:
        """What a person does in XPM: invoice the job's billable time and costs not yet invoiced."""
        if status not in ("Draft", "Approved"):
            raise XpmBadInput("A new invoice is Draft or Approved")
        practice: Any = self   # the backend these mixins make up (jobs, times, settings)
        job = practice.job(number)
        rate = Decimal(str(practice.setting("xpm_billable_rate")))
        tax_rate = Decimal(str(practice.setting("xpm_invoice_tax_rate")))
        when: dt.date = day or practice.today()
        due = when + dt.timedelta(days=int(practice.setting("xpm_invoice_due_days")))
        self.invoice_counter += 1
        invoice = Invoice(f"I{self.invoice_counter:06d}", practice.new_uuid(), "Progress Invoice", status,
                          job.number, job.client_uuid, when, due)
        for task in job.tasks:
            entries = [practice.times[u] for u in practice.times_by_job.get(job.number, [])]
            entries = [e for e in entries if e.task_uuid == task.uuid and e.billable and not e.invoice_task_uuid]
            minutes = sum(e.minutes for e in entries)
            if not entries:
                continue
            amount = (Decimal(minutes) * rate / 60).quantize(CENT, ROUND_HALF_UP)
            tax = (amount * tax_rate).quantize(CENT, ROUND_HALF_UP)
            line = InvoiceLine(practice.new_uuid(), task.name, amount, tax, minutes=minutes, rate=rate)
            invoice.tasks.append(line)
            for entry in entries:
                entry.invoice_task_uuid = line.uuid
        for cost in job.costs.values():
            if not cost.billable or cost.invoiced:
                continue
            amount = (cost.quantity * cost.unit_price).quantize(CENT, ROUND_HALF_UP)
            invoice.costs.append(InvoiceLine(practice.new_uuid(), cost.description, amount,
                                             (amount * tax_rate).quantize(CENT, ROUND_HALF_UP), quantity=cost.quantity,
                                             unit_cost=cost.unit_cost, unit_price=cost.unit_price, code=cost.code,
                                             note=cost.note))
            cost.invoiced = True
        if not invoice.tasks and not invoice.costs:
            self.invoice_counter -= 1
            raise XpmBadInput(f"Job {job.number} has nothing billable to invoice")
        self.invoices[invoice.number] = invoice
        self.invoices_by_job.setdefault(job.number, []).append(invoice.number)
        return invoice

    def pay_invoice(self, number: str, amount: Decimal, day: dt.date | None = None, reference: str = "") -> Invoice:
        invoice = self.invoice(number)
        if invoice.status not in ("Approved", "Paid"):
            raise XpmBadInput(f"Invoice {number} is {invoice.status}; only approved invoices take payments")
        if amount <= 0 or invoice.paid + amount > invoice.amount + invoice.tax:
            raise XpmBadInput("The payment must be positive and at most the amount outstanding")
        invoice.payments.append((day or self.today(), amount, reference))
        if invoice.paid == invoice.amount + invoice.tax:
            invoice.status = "Paid"
        return invoice

    def current_invoices(self) -> list[Invoice]:
        """Current = not cancelled and not fully paid (UNCONFIRMED: docs/simulator/xpm.md)."""
        return [i for i in self.invoices.values() if i.status in ("Draft", "Approved")]

    def draft_invoices(self) -> list[Invoice]:
        return [i for i in self.invoices.values() if i.status == "Draft"]

    def list_invoices(self, start: dt.date, end: dt.date) -> list[Invoice]:
        check_range(start, end)
        return [i for i in self.invoices.values() if start <= i.date <= end]

    def job_invoices(self, number: str) -> list[Invoice]:
        job = self.job(number)
        return [self.invoices[n] for n in self.invoices_by_job.get(job.number, [])]
