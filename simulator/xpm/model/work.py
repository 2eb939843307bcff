"""The work on a job: staff assignment (job.api/assign), templates (job.api/applytemplate), the
job's tasks (job.api/task …) and notes (job.api/note, and notes a person adds to a client)."""

from __future__ import annotations

from datetime import date
from typing import Any

from connsim.simulator.xpm.errors import InvalidIdentifier, XpmBadInput
from connsim.simulator.xpm.model.base import XpmBooks
from connsim.simulator.xpm.model.entities import Job, Note, Task

TASK_MODES = ("AddNew", "AppendExisting")

#: the assign elements the docs list (jobs.md PUT assign), each a staff change on the job or a task
ASSIGN_ACTIONS = ("add", "remove", "add-manager", "remove-manager", "add-partner", "remove-partner")


class WorkMixin(XpmBooks):
    job_task_owner: dict[str, str]   # job task UUID -> job number

    # -- assignment --------------------------------------------------------------------------------
    def assign(self, number: str, changes: list[tuple[str, str | None, str | None]]) -> Job:
        """Apply ``(action, staff uuid, task uuid)`` in order; nothing changes if one is invalid."""
        job = self.job(number)
        checked = []
        for action, staff_uuid, task_uuid in changes:
            if action not in ASSIGN_ACTIONS:
                raise XpmBadInput(f"Unknown assign element: {action}")
            staff = None if action in ("remove-manager", "remove-partner") else \
                self.staff_member(staff_uuid, action).uuid
            task = self.job_task(task_uuid, job) if task_uuid else None
            checked.append((action, staff, task))
        for action, staff, task in checked:
            self._apply_assign(job, action, staff, task)
        self.file_job(job)  # job.api/staff answers from the staff index
        return job

    @staticmethod
    def _apply_assign(job: Job, action: str, staff: str | None, task: Task | None) -> None:
        if action == "add-manager":
            job.manager_uuid = staff
        elif action == "remove-manager":
            job.manager_uuid = None
        elif action == "add-partner":
            job.partner_uuid = staff
        elif action == "remove-partner":
            job.partner_uuid = None
        elif task is not None and staff is not None:
            if action == "add":
                task.assigned.setdefault(staff, 0)
            else:
                task.assigned.pop(staff, None)
        elif action == "add" and staff not in job.assigned:
            job.assigned.append(staff or "")
        elif action == "remove" and staff in job.assigned:
            job.assigned.remove(staff or "")

    # -- templates ---------------------------------------------------------------------------------
    def template(self, template_uuid: str | None) -> Any:
        item = self.templates.get((template_uuid or "").strip())
        if item is None:
            # recorded text (xpm_ruby job/applytemplate/invalidtemplate.yml)
            raise InvalidIdentifier("Invalid job template identifier")
        return item

    def apply_template(self, number: str, template_uuid: str, task_mode: str | None = None) -> Job:
        """Add the template's tasks: AddNew always adds; AppendExisting reuses a task of the same type."""
        job = self.job(number)
        template = self.template(template_uuid)
        mode = task_mode or "AddNew"
        if mode not in TASK_MODES:
            raise XpmBadInput(f"TaskMode must be AddNew or AppendExisting, not {mode!r}")
        for name in template.tasks:
            kind = self.task_type_named(name)
            existing = next((t for t in job.tasks if t.task_uuid == kind.uuid), None)
            if mode == "AppendExisting" and existing is not None:
                continue
            self._new_task(job, kind.uuid, kind.name)
        return job

    # -- tasks on a job ----------------------------------------------------------------------------
    def _new_task(self, job: Job, task_uuid: str, name: str, **values: Any) -> Task:
        task = Task(self.new_uuid(), name, task_uuid=task_uuid, **values)
        job.tasks.append(task)
        self.job_task_owner[task.uuid] = job.number
        return task

    def job_task(self, task_uuid: str | None, job: Job | None = None) -> Task:
        """A task on a live job, by its UUID (on ``job`` when given)."""
        number = self.job_task_owner.get((task_uuid or "").strip())
        owner = self.jobs.get(number or "")
        if owner is None or owner.deleted or (job is not None and owner is not job):
            raise InvalidIdentifier("Invalid task identifier")
        return next(t for t in owner.tasks if t.uuid == task_uuid)

    def add_job_task(self, number: str, task_uuid: str, values: dict[str, Any]) -> Task:
        job = self.job(number)
        kind = self.task_type(task_uuid)
        self._check_task_values(values)
        return self._new_task(job, kind.uuid, kind.name, **{k: v for k, v in values.items() if v is not None})

    def update_job_task(self, task_uuid: str, values: dict[str, Any]) -> Task:
        task = self.job_task(task_uuid)
        self._check_task_values(values)
        for key, value in values.items():
            if value is not None:
                setattr(task, key, value)
        return task

    def complete_task(self, task_uuid: str, completed: bool = True) -> Task:
        task = self.job_task(task_uuid)
        task.completed = completed
        return task

    @staticmethod
    def _check_task_values(values: dict[str, Any]) -> None:
        minutes = values.get("estimated_minutes")
        if minutes is not None and minutes < 0:
            raise XpmBadInput("EstimatedMinutes cannot be negative")
        start, due = values.get("start_date"), values.get("due_date")
        if isinstance(start, date) and isinstance(due, date) and due < start:
            raise XpmBadInput("DueDate is before StartDate")

    # -- notes -------------------------------------------------------------------------------------
    def _note(self, title: str, text: str, folder: str, public: bool) -> Note:
        if not title.strip():
            raise XpmBadInput("Title is required")
        return Note(self.new_uuid(), title.strip(), text, self.now(),
                    str(self.setting("xpm_note_created_by")), folder, public)

    def add_job_note(self, number: str, title: str, text: str, folder: str = "", public: bool = False) -> Note:
        job = self.job(number)
        note = self._note(title, text, folder, public)
        job.notes.append(note)
        return note

    def add_client_note(self, client_uuid: str, title: str, text: str, folder: str = "") -> Note:
        client = self.client(client_uuid)
        note = self._note(title, text, folder, False)
        client.notes.append(note)
        client.modified_at = self.now()
        return note
