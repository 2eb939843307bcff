"""time.api routes (time.md): time sheet entries by job, staff or date range, get, add, update,
delete. <Timesheet> in, <Time> out; time in a locked WIP period is refused (model/timesheets.py)."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from flask import Blueprint, Response

from connsim.simulator.remote import current_tenant
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.render import group
from connsim.simulator.xpm.render_jobs import time_el
from connsim.simulator.xpm.wire import (
    check_elements,
    date_field,
    date_range,
    field,
    int_field,
    ok,
    optional_range,
    read_xml,
    required,
    time_field,
)

_TIMESHEET = ("Job", "TaskUUID", "StaffUUID", "Date", "Minutes", "Start", "End", "Note")


def backend() -> XpmBackend:
    return current_tenant().backend


def time_values(el: Element) -> dict[str, Any]:
    return {"job": field(el, "Job"), "task_uuid": field(el, "TaskUUID"), "staff_uuid": field(el, "StaffUUID"),
            "date": date_field(el, "Date"), "minutes": int_field(el, "Minutes"), "start": time_field(el, "Start"),
            "end": time_field(el, "End"), "note": field(el, "Note")}


def _times(entries: Any) -> Element:
    return group("Times", (time_el(backend(), e) for e in entries))


def register(bp: Blueprint) -> None:
    @bp.get("/time.api/job/<number>")
    def job_times(number: str) -> Response:
        return ok(_times(backend().job_times(number, *optional_range())))

    @bp.get("/time.api/list")
    def list_times() -> Response:
        return ok(_times(backend().list_times(*date_range())))

    @bp.get("/time.api/staff/<staff_uuid>")
    def staff_times(staff_uuid: str) -> Response:
        return ok(_times(backend().staff_times(staff_uuid, *date_range())))

    @bp.get("/time.api/get/<time_uuid>")
    def get_time(time_uuid: str) -> Response:
        return ok(time_el(backend(), backend().time_entry(time_uuid)))

    @bp.post("/time.api/add")
    def add_time() -> Response:
        el = read_xml("Timesheet")
        check_elements(el, _TIMESHEET)
        return ok(time_el(backend(), backend().add_time(time_values(el))))

    @bp.put("/time.api/update")
    def update_time() -> Response:
        el = read_xml("Timesheet")
        check_elements(el, ("UUID", *_TIMESHEET))
        return ok(time_el(backend(), backend().update_time(required(el, "UUID"), time_values(el))))

    @bp.delete("/time.api/delete/<time_uuid>")
    def delete_time(time_uuid: str) -> Response:
        backend().delete_time(time_uuid)
        return ok()
