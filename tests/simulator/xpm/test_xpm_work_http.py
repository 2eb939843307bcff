"""XPM's work endpoints over real HTTP in both modes, with a client written from the 3.1 docs
(xpm_http_client): staff, assignment, templates, job tasks, notes, time entries under the WIP lock
date, XPM invoices; and no silent acceptance (unknown elements and identifiers get XPM's error)."""

from __future__ import annotations

from xpm_http_client import Practice, Xpm, xml


def _staff(api: Xpm, name: str) -> str:
    answer = api.call("POST", "staff.api/add", xml("Staff", Name=name, Email=f"{name[:3].lower()}@example.com"))
    assert answer.ok and answer.method == "Get", answer.text
    return answer.find("Staff").findtext("UUID") or ""


def _job_with_task(practice: Practice) -> tuple[str, str]:
    """A job with the "Annual Accounts" template applied: (job number, its task's UUID)."""
    api = practice.api
    template = practice.action("templates", {"name": "Annual Accounts", "tasks": ["Prepare workpapers"]})["UUID"]
    number = api.add_job(api.add_client("Work Co")).findtext("ID") or ""
    applied = api.call("POST", "job.api/applytemplate", xml("Job", ID=number, TemplateUUID=template))
    assert applied.ok and applied.method == "ApplyTemplate", applied.text
    return number, applied.find("Job/Tasks/Task").findtext("UUID") or ""


def test_staff_lifecycle(practice: Practice) -> None:
    api = practice.api
    uuid = _staff(api, "Jo Bloggs")
    assert api.call("GET", f"staff.api/get/{uuid}").find("Staff").findtext("Name") == "Jo Bloggs"
    updated = api.call("PUT", "staff.api/update", xml("Staff", UUID=uuid, Phone="0400 000 000"))
    assert updated.method == "Update" and updated.find("Staff").findtext("Phone") == "0400 000 000"
    deleted = api.call("POST", "staff.api/delete", xml("Staff", UUID=uuid))
    assert deleted.ok and deleted.method == "Delete" and deleted.root.find("Staff") is None
    assert [s.findtext("UUID") for s in api.call("GET", "staff.api/list").root.iter("Staff")] == []
    gone = api.call("GET", f"staff.api/get/{uuid}")
    assert gone.status == 200 and gone.error == "Invalid staff identifier"


def test_assign_manager_partner_staff_and_task(practice: Practice) -> None:
    api = practice.api
    number, task = _job_with_task(practice)
    jo, al = _staff(api, "Jo Bloggs"), _staff(api, "Al Smith")
    body = (f'<Job><ID>{number}</ID><add uuid="{jo}"/><add-manager uuid="{jo}"/><add-partner uuid="{al}"/>'
            f'<add uuid="{al}" task-uuid="{task}"/></Job>')
    job = api.call("PUT", "job.api/assign", body).find("Job")
    assert job.findtext("Manager/Name") == "Jo Bloggs" and job.findtext("Partner/Name") == "Al Smith"
    assert [s.findtext("UUID") for s in job.iterfind("Assigned/Staff")] == [jo]
    assert job.findtext("Tasks/Task/Assigned/Staff/UUID") == al
    mine = api.call("GET", f"job.api/staff/{al}")
    assert [j.findtext("ID") for j in mine.root.iter("Job")] == [number]
    bad = api.call("PUT", "job.api/assign", f'<Job><ID>{number}</ID><add-manager uuid="nobody"/></Job>')
    assert bad.error == "Invalid staff identifier for add-manager request"
    cleared = api.call("PUT", "job.api/assign", f"<Job><ID>{number}</ID><remove-manager /><remove-partner /></Job>")
    assert cleared.find("Job").find("Manager") is None and cleared.find("Job").find("Partner") is None


def test_tasks_notes_and_task_types(practice: Practice) -> None:
    api = practice.api
    number, task = _job_with_task(practice)
    [kind] = list(api.call("GET", "task.api/list").root.iter("Task"))
    assert kind.findtext("Name") == "Prepare workpapers"
    added = api.call("POST", "job.api/task", xml("Task", Job=number, TaskUUID=kind.findtext("UUID"),
                                                  EstimatedMinutes="90", DueDate="20261130"))
    assert added.ok and added.find("Task").findtext("EstimatedMinutes") == "90"
    changed = api.call("PUT", "job.api/task", xml("Task", UUID=task, Description="Tick and bash"))
    assert changed.find("Task").findtext("Description") == "Tick and bash"
    done = api.call("PUT", f"job.api/task/{task}/complete")
    assert done.find("Task").findtext("Completed") == "true"
    due = api.call("GET", "job.api/tasks", due="20261201", complete="false")
    assert [j.findtext("ID") for j in due.root.iter("Job")] == [number]
    note = api.call("POST", "job.api/note", xml("Note", Job=number, Title="Called client", Text="Left a message"))
    assert note.ok and note.method == "Note"
    notes = api.call("GET", f"job.api/get/{number}").find("Job/Notes")
    assert [n.findtext("Title") for n in notes] == ["Called client"]
    assert notes.find("Note").findtext("Date") == "2026-11-20T09:00:00"


def test_time_entries_and_the_wip_lock(practice: Practice) -> None:
    api = practice.api
    number, task = _job_with_task(practice)
    jo = _staff(api, "Jo Bloggs")
    added = api.call("POST", "time.api/add", xml("Timesheet", Job=number, TaskUUID=task, StaffUUID=jo,
                                                  Date="20261110", Start="13:00", End="14:30", Note="Review"))
    assert added.ok, added.text
    entry = added.find("Time")
    assert entry.findtext("Minutes") == "90" and entry.findtext("Start") == "13:00"
    assert entry.findtext("Job/ID") == number and entry.findtext("Staff/Name") == "Jo Bloggs"
    negative = api.call("POST", "time.api/add", xml("Timesheet", Job=number, TaskUUID=task, StaffUUID=jo,
                                                     Date="20261112", Minutes="-30"))
    assert negative.ok
    listed = api.call("GET", f"time.api/staff/{jo}", **{"from": "20261101", "to": "20261130"})
    assert [t.findtext("Minutes") for t in listed.root.iter("Time")] == ["90", "-30"]
    job = api.call("GET", f"job.api/get/{number}").find("Job")
    assert job.findtext("Tasks/Task/ActualMinutes") == "60"
    practice.action("wip-lock", {"date": "2026-11-10"})
    locked = api.call("POST", "time.api/add", xml("Timesheet", Job=number, TaskUUID=task, StaffUUID=jo,
                                                   Date="20261110", Minutes="15"))
    assert locked.status == 200 and "locked WIP period" in (locked.error or "")
    moved = api.call("PUT", "time.api/update", xml("Timesheet", UUID=entry.findtext("UUID"), Minutes="30"))
    assert "locked WIP period" in (moved.error or "")
    later = negative.find("Time").findtext("UUID")
    assert api.call("DELETE", f"time.api/delete/{later}").ok
    too_long = api.call("GET", "time.api/list", **{"from": "20250101", "to": "20261130"})
    assert too_long.status == 400 and too_long.error == "The date range cannot be more than one year"


def test_invoices_from_time_and_costs(practice: Practice) -> None:
    api = practice.api
    number, task = _job_with_task(practice)
    jo = _staff(api, "Jo Bloggs")
    entry = api.call("POST", "time.api/add", xml("Timesheet", Job=number, TaskUUID=task, StaffUUID=jo,
                                                  Date="20261115", Minutes="60")).find("Time")
    assert api.add_cost(number).ok
    invoice = practice.action(f"jobs/{number}/invoice", {"status": "Approved"})
    assert invoice["ID"] == "I000001" and invoice["Amount"] == "175.00" and invoice["AmountTax"] == "17.50"
    got = api.call("GET", "invoice.api/get/I000001").find("Invoice")
    assert got.findtext("AmountOutstanding") == "192.50" and got.findtext("JobText") == number
    assert got.findtext("Jobs/Job/Tasks/Task/Minutes") == "60" and got.findtext("Jobs/Job/Costs/Cost/Code") == "SEARCH"
    timed = api.call("GET", f"time.api/get/{entry.findtext('UUID')}").find("Time")
    assert timed.findtext("InvoiceTaskUUID") == got.findtext("Jobs/Job/Tasks/Task/UUID")
    refused = api.call("PUT", "time.api/update", xml("Timesheet", UUID=entry.findtext("UUID"), Minutes="5"))
    assert refused.error == "Time that has been invoiced cannot be changed"
    practice.action("invoices/I000001/payments", {"amount": 192.5, "reference": "EFT"})
    assert [i.findtext("ID") for i in api.call("GET", f"invoice.api/job/{number}").root.iter("Invoice")] == ["I000001"]
    assert api.call("GET", "invoice.api/current").root.find("Invoices/Invoice") is None  # paid: no longer current
    paid = api.call("GET", "invoice.api/payments/I000001").find("Payments/Payment")
    assert paid.findtext("Amount") == "192.50" and paid.findtext("Reference") == "EFT"
    assert api.call("GET", "invoice.api/get/I999999").error == "Invalid invoice identifier"


def test_no_silent_acceptance(practice: Practice) -> None:
    api = practice.api
    client = api.add_client("Strict Co")
    unknown = api.call("POST", "client.api/add", xml("Client", Name="X", Colour="blue"))
    assert unknown.status == 400 and unknown.error == "Unknown element Colour in Client"
    assert api.call("POST", "staff.api/add", xml("Staff", Name="Y", Shoe="9")).error == "Unknown element Shoe in Staff"
    number = api.add_job(client).findtext("ID")
    assert api.call("PUT", "job.api/update", xml("Job", ID=number, Colour="red")).status == 400
    other = api.add_client("Other Co")
    moved = api.call("PUT", "job.api/update", xml("Job", ID=number, ClientUUID=other))
    assert moved.error == "The client of a job cannot be changed"
    assert api.call("GET", "client.api/get/not-a-uuid").error == "Invalid client identifier"
    assert api.call("GET", "task.api/get/nope").error == "Invalid task identifier"
    assert api.call("GET", "time.api/get/nope").error == "Invalid time identifier"
    template = api.call("POST", "job.api/applytemplate", xml("Job", ID=number, TemplateUUID="nope"))
    assert template.error == "Invalid job template identifier"
    bad_flag = api.call("PUT", "client.api/update", xml("Client", UUID=client, GSTRegistered="Maybe"))
    assert bad_flag.status == 400 and bad_flag.error == "GSTRegistered must be Yes or No, not 'Maybe'"
