"""Jobs and the work on them as XML: job (with Manager, Partner, Assigned, Tasks, Milestones,
Notes), staff, task types, time entries and XPM invoices. Element names and order: the 3.1 docs
(jobs.md, staff.md, time.md, invoices.md) checked against recorded answers (xpm_ruby job/*.yml)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element

from connsim.simulator.xpm.model.entities import Job, Task
from connsim.simulator.xpm.model.invoices import Invoice, InvoiceLine
from connsim.simulator.xpm.model.staff import STAFF_FIELDS, Staff, TaskType
from connsim.simulator.xpm.model.timesheets import TimeEntry
from connsim.simulator.xpm.render import group, money, note_el, ref_el, yes_no
from connsim.simulator.xpm.wire import sub


def job_el(backend: Any, job: Job, detailed: bool = True) -> Element:
    """Lists (job.api/current) stop after <Assigned>; detail adds Tasks, Milestones, Notes (recorded)."""
    el = Element("Job")
    sub(el, "ID", job.number)
    sub(el, "UUID", job.uuid)
    sub(el, "Name", job.name)
    sub(el, "Description", job.description)
    sub(el, "State", backend.state_of(job).name)
    sub(el, "ClientOrderNumber", job.client_order_number or "")
    if job.budget:
        sub(el, "Budget", job.budget)
    category = backend.categories.get(job.category_uuid or "")
    if category is not None:
        sub(el, "Type", category.name)
    sub(el, "StartDate", job.start_date)
    sub(el, "DueDate", job.due_date)
    if job.completed_date:
        sub(el, "CompletedDate", job.completed_date)
    owner = backend.clients.get(job.client_uuid)
    el.append(ref_el("Client", job.client_uuid, owner.name if owner else ""))
    contact = backend.contacts.get(job.contact_uuid or "")
    if contact is not None:
        el.append(ref_el("Contact", contact.uuid, contact.fields.get("Name", "")))
    for tag, staff_uuid in (("Manager", job.manager_uuid), ("Partner", job.partner_uuid)):
        member = backend.staff.get(staff_uuid or "")
        if member is not None:
            el.append(ref_el(tag, member.uuid, member.name))
    el.append(group("Assigned", (ref_el("Staff", s, backend.staff[s].name) for s in job.assigned)))
    if detailed:
        el.append(group("Tasks", (task_el(backend, job, t) for t in job.tasks)))
        el.append(group("Milestones", ()))
        el.append(group("Notes", (note_el(n) for n in job.notes)))
    return el


def task_el(backend: Any, job: Job, task: Task) -> Element:
    el = Element("Task")
    sub(el, "UUID", task.uuid)
    sub(el, "TaskUUID", task.task_uuid)
    sub(el, "Name", task.name)
    if task.label:
        sub(el, "Label", task.label)
    sub(el, "Description", task.description)
    sub(el, "EstimatedMinutes", task.estimated_minutes)
    sub(el, "ActualMinutes", backend.task_actual_minutes(job.number, task.uuid))
    sub(el, "Completed", task.completed)
    sub(el, "Billable", task.billable)
    sub(el, "Folder", task.folder)
    if task.start_date or task.due_date:
        sub(el, "StartDate", task.start_date)
        sub(el, "DueDate", task.due_date)
    if task.assigned:
        assigned = sub(el, "Assigned")
        for staff_uuid, minutes in task.assigned.items():
            staff = ref_el("Staff", staff_uuid, backend.staff[staff_uuid].name)
            sub(staff, "AllocatedMinutes", minutes)
            assigned.append(staff)
    return el


def staff_el(member: Staff) -> Element:
    el = Element("Staff")
    sub(el, "UUID", member.uuid)
    for tag in STAFF_FIELDS:
        sub(el, tag, member.fields.get(tag, ""))
    return el


def task_type_el(kind: TaskType) -> Element:
    el = ref_el("Task", kind.uuid, kind.name)
    sub(el, "Description", kind.description)
    return el


def time_el(backend: Any, entry: TimeEntry) -> Element:
    el = Element("Time")
    sub(el, "UUID", entry.uuid)
    job = backend.jobs[entry.job]
    el.append(_id_name("Job", job.number, job.name))
    task = next((t for t in job.tasks if t.uuid == entry.task_uuid), None)
    el.append(ref_el("Task", entry.task_uuid, task.name if task else ""))
    el.append(ref_el("Staff", entry.staff_uuid, backend.staff[entry.staff_uuid].name))
    sub(el, "Date", entry.date)
    sub(el, "Minutes", entry.minutes)
    sub(el, "Note", entry.note)
    sub(el, "Billable", entry.billable)
    if entry.start and entry.end:
        sub(el, "Start", entry.start.strftime("%H:%M"))
        sub(el, "End", entry.end.strftime("%H:%M"))
    if entry.invoice_task_uuid:
        sub(el, "InvoiceTaskUUID", entry.invoice_task_uuid)
    return el


def _id_name(tag: str, ident: str, name: str) -> Element:
    el = Element(tag)
    sub(el, "ID", ident)
    sub(el, "Name", name)
    return el


def invoice_el(backend: Any, invoice: Invoice, detailed: bool = True) -> Element:
    el = Element("Invoice")
    sub(el, "ID", invoice.number)
    sub(el, "InternalUUID", invoice.uuid)
    sub(el, "Type", invoice.type)
    sub(el, "Status", invoice.status)
    sub(el, "JobText", invoice.job)
    sub(el, "Date", invoice.date)
    sub(el, "DueDate", invoice.due_date)
    total = invoice.amount + invoice.tax
    for tag, value in (("Amount", invoice.amount), ("AmountTax", invoice.tax), ("AmountIncludingTax", total),
                       ("AmountPaid", invoice.paid), ("AmountOutstanding", total - invoice.paid)):
        sub(el, tag, money(value))
    client = backend.clients.get(invoice.client_uuid)
    el.append(ref_el("Client", invoice.client_uuid, client.name if client else ""))
    if detailed:
        job = backend.jobs[invoice.job]
        job_part = _id_name("Job", job.number, job.name)
        sub(job_part, "Description", job.description)
        sub(job_part, "ClientOrderNumber", job.client_order_number or "")
        job_part.append(group("Tasks", (_task_line(line) for line in invoice.tasks)))
        job_part.append(group("Costs", (_cost_line(line) for line in invoice.costs)))
        el.append(group("Jobs", (job_part,)))
    return el


def _amounts(el: Element, line: InvoiceLine) -> None:
    sub(el, "Amount", money(line.amount))
    sub(el, "AmountTax", money(line.tax))
    sub(el, "AmountIncludingTax", money(line.amount + line.tax))


def _task_line(line: InvoiceLine) -> Element:
    el = ref_el("Task", line.uuid, line.description)
    sub(el, "Description", "")
    sub(el, "Minutes", line.minutes)
    sub(el, "BillableRate", line.rate)
    sub(el, "Billable", yes_no(True))
    _amounts(el, line)
    return el


def _cost_line(line: InvoiceLine) -> Element:
    el = Element("Cost")
    sub(el, "Description", line.description)
    sub(el, "Note", line.note)
    sub(el, "Code", line.code)
    sub(el, "Billable", yes_no(True))
    sub(el, "Quantity", line.quantity)
    sub(el, "UnitCost", money(line.unit_cost or Decimal(0)))
    sub(el, "UnitPrice", money(line.unit_price or Decimal(0)))
    _amounts(el, line)
    return el
