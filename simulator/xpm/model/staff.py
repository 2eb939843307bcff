"""staff.api rules: the practice's staff (list, get, add, update, delete), and the task types of
task.api that job tasks and templates refer to (reference/xero.md §4.5; staff.md, tasks.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from connsim.simulator.xpm.errors import InvalidIdentifier, XpmBadInput
from connsim.simulator.xpm.model.base import XpmBooks

#: staff fields by XML tag, in the order recorded answers show them (xpm_ruby staff/add.yml)
STAFF_FIELDS = ("Name", "Email", "Phone", "Mobile", "Address", "PayrollCode")


@dataclass
class Staff:
    uuid: str
    fields: dict[str, str]
    deleted: bool = False

    @property
    def name(self) -> str:
        return self.fields.get("Name", "")

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, **self.fields, "Deleted": self.deleted}


@dataclass
class TaskType:
    """A task as defined in XPM Admin (task.api/list): what a job task and a time entry refer to."""

    uuid: str
    name: str
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Name": self.name, "Description": self.description}


class StaffMixin(XpmBooks):
    staff: dict[str, Staff]
    task_types: dict[str, TaskType]
    task_type_names: dict[str, str]

    def staff_member(self, staff_uuid: str | None, context: str = "") -> Staff:
        """A live staff member; unknown or deleted is "Invalid staff identifier[ for <context> request]"
        (recorded for job.api/assign: "Invalid staff identifier for add request")."""
        member = self.staff.get((staff_uuid or "").strip())
        if member is None or member.deleted:
            suffix = f" for {context} request" if context else ""
            raise InvalidIdentifier(f"Invalid staff identifier{suffix}")
        return member

    def list_staff(self) -> list[Staff]:
        return [s for s in self.staff.values() if not s.deleted]

    def add_staff(self, fields: dict[str, str]) -> Staff:
        if not (fields.get("Name") or "").strip():
            raise XpmBadInput("Name is required")
        member = Staff(self.new_uuid(), {})
        self._staff_fields(member, fields)
        self.staff[member.uuid] = member
        return member

    def update_staff(self, staff_uuid: str, fields: dict[str, str]) -> Staff:
        member = self.staff_member(staff_uuid)
        if "Name" in fields and not fields["Name"].strip():
            raise XpmBadInput("Name cannot be empty")
        self._staff_fields(member, fields)
        return member

    def delete_staff(self, staff_uuid: str) -> None:
        self.staff_member(staff_uuid).deleted = True

    @staticmethod
    def _staff_fields(member: Staff, fields: dict[str, str]) -> None:
        for tag, value in fields.items():
            if tag not in STAFF_FIELDS:
                raise XpmBadInput(f"Unknown staff field: {tag}")
            member.fields[tag] = value.strip()

    # -- task types (task.api) --------------------------------------------------------------------
    def task_type(self, task_uuid: str | None) -> TaskType:
        found = self.task_types.get((task_uuid or "").strip())
        if found is None:
            raise InvalidIdentifier("Invalid task identifier")
        return found

    def task_type_named(self, name: str, description: str = "") -> TaskType:
        """The task type with this name, defined on first use (as templates in XPM Admin name them)."""
        existing = self.task_type_names.get(name.strip().lower())
        if existing:
            return self.task_types[existing]
        created = TaskType(self.new_uuid(), name.strip(), description)
        self.task_types[created.uuid] = created
        self.task_type_names[created.name.lower()] = created.uuid
        return created
