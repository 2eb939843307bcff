"""time.api rules: time sheet entries on a job's tasks, by duration or start/end, negative minutes
allowed (time.md), listed by job, by staff or by date (a year at most), and the WIP lock date:
time dated on or before it cannot be added, changed or deleted (as job costs, seed 000)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from connsim.simulator.xpm.errors import InvalidIdentifier, WipLocked, XpmBadInput, XpmRuleError
from connsim.simulator.xpm.model.base import XpmBooks


@dataclass
class TimeEntry:
    uuid: str
    job: str
    task_uuid: str          # the job task's UUID
    staff_uuid: str
    date: date
    minutes: int
    note: str = ""
    billable: bool = True
    start: time | None = None
    end: time | None = None
    invoice_task_uuid: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Job": self.job, "TaskUUID": self.task_uuid, "StaffUUID": self.staff_uuid,
                "Date": self.date.isoformat(), "Minutes": self.minutes, "Note": self.note, "Billable": self.billable,
                "Start": self.start.strftime("%H:%M") if self.start else None,
                "End": self.end.strftime("%H:%M") if self.end else None, "InvoiceTaskUUID": self.invoice_task_uuid}


def check_range(start: date, end: date) -> None:
    """from/to of a listing: both given, in order, a year at most (time.md, jobs.md GET list)."""
    if end < start:
        raise XpmBadInput("The to date is before the from date")
    if (end - start).days > 366:
        raise XpmBadInput("The date range cannot be more than one year")


class TimesheetsMixin(XpmBooks):
    times: dict[str, TimeEntry]
    times_by_job: dict[str, list[str]]
    times_by_staff: dict[str, list[str]]
    wip_lock: date | None

    def time_entry(self, time_uuid: str | None) -> TimeEntry:
        entry = self.times.get((time_uuid or "").strip())
        if entry is None:
            raise InvalidIdentifier("Invalid time identifier")
        return entry

    def _locked(self, when: date) -> None:
        if self.wip_lock is not None and when <= self.wip_lock:
            raise WipLocked(self.message("xpm_wip_locked_time_message", date=when.isoformat(),
                                         lock=self.wip_lock.isoformat()))

    def _invoiced(self, entry: TimeEntry) -> None:
        if entry.invoice_task_uuid:
            raise XpmRuleError(self.message("xpm_invoiced_time_message"))

    def add_time(self, values: dict[str, Any]) -> TimeEntry:
        job = self.job(values.get("job"))
        task = self.job_task(values.get("task_uuid"), job)
        staff = self.staff_member(values.get("staff_uuid"))
        day = values.get("date")
        if day is None:
            raise XpmBadInput("Date is required")
        self._locked(day)
        minutes, start, end = self._duration(values)
        entry = TimeEntry(self.new_uuid(), job.number, task.uuid, staff.uuid, day, minutes,
                          values.get("note") or "", task.billable, start, end)
        self.times[entry.uuid] = entry
        self.times_by_job.setdefault(job.number, []).append(entry.uuid)
        self.times_by_staff.setdefault(staff.uuid, []).append(entry.uuid)
        return entry

    def update_time(self, time_uuid: str, values: dict[str, Any]) -> TimeEntry:
        entry = self.time_entry(time_uuid)
        self._invoiced(entry)
        self._locked(entry.date)
        job = self.job(values.get("job") or entry.job)
        task = self.job_task(values.get("task_uuid") or entry.task_uuid, job)
        staff = self.staff_member(values.get("staff_uuid") or entry.staff_uuid)
        day = values.get("date") or entry.date
        self._locked(day)
        if any(values.get(k) is not None for k in ("minutes", "start", "end")):
            entry.minutes, entry.start, entry.end = self._duration(values)
        self._move(entry, job.number, staff.uuid)
        entry.task_uuid, entry.date, entry.billable = task.uuid, day, task.billable
        if values.get("note") is not None:
            entry.note = values["note"]
        return entry

    def delete_time(self, time_uuid: str) -> None:
        entry = self.time_entry(time_uuid)
        self._invoiced(entry)
        self._locked(entry.date)
        del self.times[entry.uuid]
        self.times_by_job[entry.job].remove(entry.uuid)
        self.times_by_staff[entry.staff_uuid].remove(entry.uuid)

    def _move(self, entry: TimeEntry, job: str, staff: str) -> None:
        if job != entry.job:
            self.times_by_job[entry.job].remove(entry.uuid)
            self.times_by_job.setdefault(job, []).append(entry.uuid)
            entry.job = job
        if staff != entry.staff_uuid:
            self.times_by_staff[entry.staff_uuid].remove(entry.uuid)
            self.times_by_staff.setdefault(staff, []).append(entry.uuid)
            entry.staff_uuid = staff

    @staticmethod
    def _duration(values: dict[str, Any]) -> tuple[int, time | None, time | None]:
        """<Minutes> (negative allowed), or <Start> and <End> on the same day."""
        start, end, minutes = values.get("start"), values.get("end"), values.get("minutes")
        if start is not None or end is not None:
            if start is None or end is None:
                raise XpmBadInput("Start and End must be given together")
            if minutes is not None:
                raise XpmBadInput("Give Minutes or Start and End, not both")
            span = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds() // 60
            if span <= 0:
                raise XpmBadInput("End must be after Start")
            return int(span), start, end
        if minutes is None:
            raise XpmBadInput("Minutes (or Start and End) is required")
        if minutes == 0:
            raise XpmBadInput("Minutes cannot be zero")
        return minutes, None, None

    # -- listings ----------------------------------------------------------------------------------
    def _in_range(self, uuids: list[str], start: date | None, end: date | None) -> list[TimeEntry]:
        entries = (self.times[u] for u in uuids)
        return [e for e in entries if (start is None or e.date >= start) and (end is None or e.date <= end)]

    def job_times(self, number: str, start: date | None = None, end: date | None = None) -> list[TimeEntry]:
        job = self.job(number)
        return self._in_range(self.times_by_job.get(job.number, []), start, end)

    def staff_times(self, staff_uuid: str, start: date, end: date) -> list[TimeEntry]:
        check_range(start, end)
        member = self.staff_member(staff_uuid)
        return self._in_range(self.times_by_staff.get(member.uuid, []), start, end)

    def list_times(self, start: date, end: date) -> list[TimeEntry]:
        check_range(start, end)
        return [e for e in self.times.values() if start <= e.date <= end]

    def task_actual_minutes(self, number: str, task_uuid: str) -> int:
        return sum(self.times[u].minutes for u in self.times_by_job.get(number, [])
                   if self.times[u].task_uuid == task_uuid)
