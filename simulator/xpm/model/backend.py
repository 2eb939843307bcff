"""XpmBackend: one XPM practice. The rules live in mixins (clients.py, jobs.py); this file holds
the state and its indexes, the per-tenant settings for UNCONFIRMED behaviour, job states, the
WIP lock date, and the snapshot for the control API."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from connsim.simulator.xpm.errors import InvalidIdentifier, InvalidStateCode, XpmBadInput
from connsim.simulator.xpm.model import indexes
from connsim.simulator.xpm.model.clients import ClientsMixin
from connsim.simulator.xpm.model.entities import CatalogueCost, Client, Contact, Job, JobState, Named
from connsim.simulator.xpm.model.invoices import Invoice, InvoicesMixin
from connsim.simulator.xpm.model.jobs import JobsMixin
from connsim.simulator.xpm.model.staff import Staff, StaffMixin, TaskType
from connsim.simulator.xpm.model.timesheets import TimeEntry, TimesheetsMixin
from connsim.simulator.xpm.model.work import WorkMixin

#: default job states: UNCONFIRMED (XPM has no endpoint listing them); per tenant via "xpm_job_states"
DEFAULT_STATES = (
    JobState("Planned", "PLANNED"), JobState("In Progress", "INPROGRESS"), JobState("On Hold", "ONHOLD"),
    JobState("Completed", "COMPLETED", accepts_costs=False, completed=True),
    JobState("Closed", "CLOSED", accepts_costs=False, completed=True),
)

#: per-tenant settings (tenant.settings) for behaviour no public source confirms; see docs/simulator/xpm.md
DEFAULT_SETTINGS: dict[str, Any] = {
    "xpm_error_http_status": 200,
    "xpm_wip_locked_message": "The cost date {date} falls within a locked WIP period (WIP is locked up to {lock})",
    "xpm_job_state_message": ("Costs cannot be added to job {job} because its state {state} does not accept "
                              "new costs"),
    "xpm_invalid_job_message": "Invalid job identifier",
    "xpm_invalid_client_message": "Invalid client identifier",
    "xpm_invalid_state_message": "Invalid state code",
    "xpm_invalid_relationship_message": "Invalid relationship type: {type}",
    "xpm_archived_client_message": "Client {name} is archived",
    "xpm_archived_client_accepts_jobs": False,
    "xpm_new_job_state": "PLANNED",
    "xpm_recreate_keeps_state": False,
    "xpm_job_states": None,   # list of {"name","code","accepts_costs","completed"} replacing DEFAULT_STATES
    "xpm_wip_locked_time_message": ("The time entry date {date} falls within a locked WIP period (WIP is locked up to "
                                    "{lock})"),
    "xpm_invoiced_time_message": "Time that has been invoiced cannot be changed",
    "xpm_note_created_by": "Practice Manager API",
    "xpm_unknown_element_message": "Unknown element {element} in {root}",
    #: api-method by "<resource>.api/<method>", where the recorded value breaks the rule (staff.api/add answers
    #: "Get": xpm_ruby spec/vcr_cassettes/xpm_ruby/staff/add.yml)
    "xpm_api_method_overrides": {"staff.api/add": "Get"},
    "xpm_billable_rate": "150.00",
    "xpm_invoice_tax_rate": "0.10",
    "xpm_invoice_due_days": 20,
}


_SINGULAR = {"categories": "category", "templates": "job template"}


class XpmBackend(ClientsMixin, JobsMixin, StaffMixin, WorkMixin, TimesheetsMixin, InvoicesMixin):
    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant
        # seeded by the tenant's seed alone: same seed, same identifiers, whatever the tenant's id
        self._ids = random.Random(f"{tenant.seed}:xpm-ids")
        self.clients: dict[str, Client] = {}
        self.contacts: dict[str, Contact] = {}
        self.relationship_owner: dict[str, str] = {}      # relationship UUID -> client UUID
        self.jobs: dict[str, Job] = {}                    # job number -> job (deleted ones kept, flagged)
        self.jobs_by_uuid: dict[str, str] = {}
        #: what the job and client lists filter by (model/indexes.py), refiled on every change
        self.job_index = indexes.job_index()
        self.client_index = indexes.client_index()
        self.cost_job: dict[str, str] = {}                # job cost UUID -> job number
        self.catalogue: dict[str, CatalogueCost] = {}
        self.staff: dict[str, Staff] = {}
        self.task_types: dict[str, TaskType] = {}
        self.task_type_names: dict[str, str] = {}       # lower-case name -> task type UUID
        self.job_task_owner: dict[str, str] = {}        # job task UUID -> job number
        self.times: dict[str, TimeEntry] = {}
        self.times_by_job: dict[str, list[str]] = {}
        self.times_by_staff: dict[str, list[str]] = {}
        self.invoices: dict[str, Invoice] = {}
        self.invoices_by_job: dict[str, list[str]] = {}
        self.invoice_counter = 0
        self.categories: dict[str, Named] = {}
        self.templates: dict[str, Named] = {}
        self.job_counter = 0
        self.wip_lock: date | None = None
        self.states: dict[str, JobState] = {}
        self.state_names: dict[str, str] = {}             # lower-case name -> code
        custom = self.setting("xpm_job_states")
        for state in ([JobState(**s) for s in custom] if custom else DEFAULT_STATES):
            self.add_state(state.name, state.code, state.accepts_costs, state.completed)

    # -- shared helpers ---------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.tenant.clock.now()

    def today(self) -> date:
        return self.now().date()

    def new_uuid(self) -> str:
        """UUIDs from the tenant's seeded RNG: same seed and same calls, same identifiers."""
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def setting(self, key: str) -> Any:
        return self.tenant.settings.get(key, DEFAULT_SETTINGS[key])

    def message(self, key: str, **values: Any) -> str:
        return str(self.setting(key)).format(**values)

    # -- job states --------------------------------------------------------------------------------
    def add_state(self, name: str, code: str, accepts_costs: bool = True, completed: bool = False) -> JobState:
        """A job state as defined in XPM Admin (name shown on jobs, Interface Code used by the API)."""
        if not name.strip() or not code.strip():
            raise XpmBadInput("A job state needs a name and an interface code")
        old = self.states.get(code)
        if old is not None:
            self.state_names.pop(old.name.lower(), None)
        state = JobState(name.strip(), code.strip(), bool(accepts_costs), bool(completed))
        self.states[state.code] = state
        self.state_names[state.name.lower()] = state.code
        return state

    def state_by_code(self, code: str) -> JobState:
        """The API addresses states by Interface Code only; unknown codes are XPM's "Invalid state code"."""
        state = self.states.get(code) or self.states.get(code.upper())
        if state is None:
            raise InvalidStateCode(self.message("xpm_invalid_state_message"))
        return state

    def state_by_name_or_code(self, value: str) -> JobState:
        """What a person picks in the UI: a state's name, or its code."""
        code = self.state_names.get(value.strip().lower())
        return self.states[code] if code else self.state_by_code(value.strip())

    # -- WIP lock ----------------------------------------------------------------------------------
    def set_wip_lock(self, value: date | None) -> date | None:
        self.wip_lock = value
        return value

    # -- categories, templates, cost catalogue ----------------------------------------------------
    def add_named(self, kind: str, name: str, tasks: tuple[str, ...] = ()) -> Named:
        """A job category or template as defined in XPM Admin; a template's tasks define task types."""
        if kind not in _SINGULAR or not name.strip():
            raise XpmBadInput(f"A {_SINGULAR.get(kind, kind)} needs a name")
        item = Named(self.new_uuid(), name.strip(), "", tuple(tasks))
        for task in item.tasks:
            self.task_type_named(task)
        getattr(self, kind)[item.uuid] = item
        return item

    def named(self, kind: str, item_uuid: str | None) -> Named | None:
        if not item_uuid:
            return None
        item = getattr(self, kind).get(item_uuid)
        if item is None:
            raise InvalidIdentifier(f"Invalid {_SINGULAR[kind]} identifier")
        return item

    def catalogue_cost(self, cost_uuid: str) -> CatalogueCost:
        cost = self.catalogue.get(cost_uuid)
        if cost is None:
            raise InvalidIdentifier("Invalid cost identifier")
        return cost

    def save_catalogue_cost(self, values: dict[str, Any], cost_uuid: str | None = None) -> CatalogueCost:
        """Add (no UUID) or update (UUID) an entry of the cost catalogue (cost.api)."""
        cost = self.catalogue_cost(cost_uuid) if cost_uuid else None
        if cost is None:
            if not values.get("description"):
                raise XpmBadInput("Description is required")
            cost = CatalogueCost(self.new_uuid(), values["description"])
            self.catalogue[cost.uuid] = cost
        for key, value in values.items():
            if value is not None:
                setattr(cost, key, Decimal(value) if key in ("unit_cost", "unit_price") else value)
        return cost

    def delete_catalogue_cost(self, cost_uuid: str) -> None:
        self.catalogue_cost(cost_uuid)
        del self.catalogue[cost_uuid]

    # -- control API -------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        return {
            "wipLockDate": self.wip_lock.isoformat() if self.wip_lock else None,
            "states": [s.to_json() for s in self.states.values()],
            "clients": {c.uuid: c.to_json() for c in self.clients.values()},
            "contacts": {c.uuid: c.to_json() for c in self.contacts.values()},
            "jobs": {j.number: self.job_json(j, with_costs=True) for j in self.jobs.values()},
            "catalogue": [c.to_json() for c in self.catalogue.values()],
            "staff": [s.to_json() for s in self.staff.values()],
            "taskTypes": [t.to_json() for t in self.task_types.values()],
            "times": [t.to_json() for t in self.times.values()],
            "invoices": [i.to_json() for i in self.invoices.values()],
            "categories": [c.to_json() for c in self.categories.values()],
            "templates": [t.to_json() for t in self.templates.values()],
        }
