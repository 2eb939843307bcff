"""The work on a job (jobs.md, tasks.md): staff assignment (PUT job.api/assign), templates (POST
job.api/applytemplate), the job's tasks (POST/PUT job.api/task, PUT task/{uuid}/complete|reopen),
notes (POST job.api/note), and the practice's task list (task.api)."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from flask import Blueprint, Response

from connsim.simulator.remote import current_tenant
from connsim.simulator.xpm.api_jobs import job_number
from connsim.simulator.xpm.errors import XpmBadInput
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.model.work import ASSIGN_ACTIONS
from connsim.simulator.xpm.render import group
from connsim.simulator.xpm.render_jobs import job_el, task_el, task_type_el
from connsim.simulator.xpm.wire import bool_field, check_elements, date_field, field, int_field, ok, read_xml, required

_TASK_ELEMENTS = ("Label", "Description", "EstimatedMinutes", "StartDate", "DueDate")


def backend() -> XpmBackend:
    return current_tenant().backend


def assign_changes(el: Element) -> list[tuple[str, str | None, str | None]]:
    """``<add uuid=…/>`` (3.1 docs) or ``<add id=…/>`` (recorded v3.0 and the docs' remove example),
    optionally with ``task-uuid``; ``<remove-manager />`` and ``<remove-partner />`` name no one."""
    changes = []
    for child in el:
        if child.tag in ("ID", "UUID"):
            continue
        if child.tag not in ASSIGN_ACTIONS:
            check_elements(el, ("ID", "UUID", *ASSIGN_ACTIONS))
        staff = child.get("uuid") or child.get("id")
        if staff is None and child.tag not in ("remove-manager", "remove-partner"):
            raise XpmBadInput(f"<{child.tag}> needs a uuid attribute (the staff member's UUID)")
        changes.append((child.tag, staff, child.get("task-uuid")))
    if not changes:
        raise XpmBadInput("Nothing to assign: add, remove, add-manager, remove-manager, add-partner or remove-partner")
    return changes


def task_values(el: Element) -> dict[str, Any]:
    return {"label": field(el, "Label"), "description": field(el, "Description"),
            "estimated_minutes": int_field(el, "EstimatedMinutes"), "start_date": date_field(el, "StartDate"),
            "due_date": date_field(el, "DueDate")}


def _job_of_task(task_uuid: str) -> Any:
    return backend().jobs[backend().job_task_owner[task_uuid]]


def register(bp: Blueprint) -> None:
    @bp.put("/job.api/assign")
    def assign() -> Response:
        el = read_xml("Job")
        number = job_number(el)
        return ok(job_el(backend(), backend().assign(number, assign_changes(el))))

    @bp.post("/job.api/applytemplate")
    def apply_template() -> Response:
        el = read_xml("Job")
        check_elements(el, ("ID", "UUID", "TemplateUUID", "TaskMode"))
        number = job_number(el)
        job = backend().apply_template(number, required(el, "TemplateUUID"), field(el, "TaskMode") or None)
        return ok(job_el(backend(), job))

    @bp.post("/job.api/task")
    def add_task() -> Response:
        el = read_xml("Task")
        check_elements(el, ("Job", "TaskUUID", *_TASK_ELEMENTS))
        number = required(el, "Job")
        task = backend().add_job_task(number, required(el, "TaskUUID"), task_values(el))
        return ok(task_el(backend(), backend().job(number), task))

    @bp.put("/job.api/task")
    def update_task() -> Response:
        """By the job task's <UUID>; the docs' example writes it as <TaskUUID>, so that is read too."""
        el = read_xml("Task")
        check_elements(el, ("UUID", "TaskUUID", *_TASK_ELEMENTS))
        task_uuid = field(el, "UUID") or required(el, "TaskUUID")
        task = backend().update_job_task(task_uuid, task_values(el))
        return ok(task_el(backend(), _job_of_task(task.uuid), task))

    @bp.put("/job.api/task/<task_uuid>/complete")
    def complete_task(task_uuid: str) -> Response:
        task = backend().complete_task(task_uuid, True)
        return ok(task_el(backend(), _job_of_task(task.uuid), task))

    @bp.put("/job.api/task/<task_uuid>/reopen")
    def reopen_task(task_uuid: str) -> Response:
        task = backend().complete_task(task_uuid, False)
        return ok(task_el(backend(), _job_of_task(task.uuid), task))

    @bp.post("/job.api/note")
    def add_note() -> Response:
        el = read_xml("Note")
        check_elements(el, ("Job", "Title", "Text", "Folder", "Public"))
        backend().add_job_note(required(el, "Job"), required(el, "Title"), field(el, "Text") or "",
                               field(el, "Folder") or "", bool(bool_field(el, "Public")))
        return ok()

    @bp.get("/task.api/list")
    def task_types() -> Response:
        return ok(group("TaskList", (task_type_el(t) for t in backend().task_types.values())))

    @bp.get("/task.api/get/<task_uuid>")
    def task_type(task_uuid: str) -> Response:
        return ok(task_type_el(backend().task_type(task_uuid)))
