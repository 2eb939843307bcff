"""job.api rules: jobs by number (each also has a UUID), states by Interface Code, deletion and
re-creation, and the costs recharged onto a job, which the WIP lock date and the job's state
may refuse (reference/xero.md §4.2, §4.5; seed 000: Rechargly's sync errors)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from connsim.simulator.core.index import Condition, Eq, Range
from connsim.simulator.xpm.errors import (
    ArchivedClient,
    DuplicateJobNumber,
    InvalidIdentifier,
    InvalidJob,
    JobStateRejectsCosts,
    WipLocked,
    XpmBadInput,
    XpmRuleError,
)
from connsim.simulator.xpm.model.base import XpmBooks
from connsim.simulator.xpm.model.entities import Job, JobCost, JobState

COST_FIELDS = ("date", "description", "code", "note", "quantity", "unit_cost", "unit_price", "billable",
               "supplier_reference")


class JobsMixin(XpmBooks):
    jobs: dict[str, Job]
    jobs_by_uuid: dict[str, str]
    cost_job: dict[str, str]
    job_counter: int
    wip_lock: date | None
    states: dict[str, JobState]

    # -- jobs --------------------------------------------------------------------------------------
    def job(self, number: str | None) -> Job:
        """A live job by number. Deleted and unknown jobs are both XPM's "Invalid job identifier"."""
        job = self.jobs.get((number or "").strip())
        if job is None or job.deleted:
            raise InvalidJob(self.message("xpm_invalid_job_message"))
        return job

    def job_by_uuid(self, job_uuid: str) -> Job:
        return self.job(self.jobs_by_uuid.get(job_uuid or ""))

    def _next_number(self) -> str:
        while True:
            self.job_counter += 1
            number = f"J{self.job_counter:06d}"
            if number not in self.jobs:
                return number

    def add_job(self, client_uuid: str, name: str, *, description: str = "", start_date: date | None = None,
                due_date: date | None = None, number: str | None = None, state: str | None = None,
                template_uuid: str | None = None, category_uuid: str | None = None, budget: str | None = None,
                client_order_number: str | None = None, contact_uuid: str | None = None) -> Job:
        client = self.client(client_uuid)
        if client.archived and not self.setting("xpm_archived_client_accepts_jobs"):
            raise ArchivedClient(self.message("xpm_archived_client_message", name=client.name))
        if not (name or "").strip():
            raise XpmBadInput("Name is required")
        if number and number in self.jobs:
            raise DuplicateJobNumber(f"Job number {number} is already in use")
        if template_uuid:
            self.template(template_uuid)
        self.named("categories", category_uuid)
        if contact_uuid and self.contact(contact_uuid).client_uuid != client.uuid:
            raise InvalidIdentifier("Invalid contact identifier")
        state_code = self.state_by_code(state or self.setting("xpm_new_job_state")).code
        today = self.today()
        job = Job(number=number or self._next_number(), uuid=self.new_uuid(), name=name.strip(),
                  client_uuid=client.uuid, state_code=state_code, created_at=self.now(),
                  description=description or "", start_date=start_date or today, due_date=due_date or start_date
                  or today, budget=budget, client_order_number=client_order_number, category_uuid=category_uuid,
                  template_uuid=template_uuid, contact_uuid=contact_uuid)
        self.jobs[job.number] = job
        self.jobs_by_uuid[job.uuid] = job.number
        self.file_job(job)
        if template_uuid:
            self.apply_template(job.number, template_uuid)
        return job

    def update_job(self, number: str, changes: dict[str, Any]) -> Job:
        job = self.job(number)
        if "name" in changes and not (changes["name"] or "").strip():
            raise XpmBadInput("Name cannot be empty")
        if changes.get("category_uuid"):
            self.named("categories", changes["category_uuid"])
        for key, value in changes.items():
            if value is not None:
                setattr(job, key, value)
        self.file_job(job)
        return job

    def set_job_state(self, number: str, code: str) -> Job:
        """PUT job.api/state: the state's Interface Code (per practice)."""
        job = self.job(number)
        state = self.state_by_code(code)
        job.state_code = state.code
        job.completed_date = self.today() if state.completed else None
        self.file_job(job)
        return job

    def delete_job(self, number: str) -> Job:
        """Gone for the API: later reads and costs get "Invalid job identifier"."""
        job = self.job(number)
        job.deleted = True
        self.file_job(job)
        return job

    def file_job(self, job: Job) -> None:
        """Refile a job after any change (a deleted job leaves the index: no list shows it)."""
        if job.deleted:
            self.job_index.drop(job.number)
        else:
            self.job_index.put(job)

    def recreate_job(self, number: str, keep_state: bool | None = None) -> Job:
        """A person re-creates a (deleted) job: same client and name, new number and UUID, no costs."""
        old = self.jobs.get(number)
        if old is None:
            raise InvalidJob(self.message("xpm_invalid_job_message"))
        keep = self.setting("xpm_recreate_keeps_state") if keep_state is None else keep_state
        job = self.add_job(old.client_uuid, old.name, description=old.description, start_date=old.start_date,
                           due_date=old.due_date, state=old.state_code if keep else None, budget=old.budget,
                           category_uuid=old.category_uuid, client_order_number=old.client_order_number)
        job.template_uuid = old.template_uuid
        for task in old.tasks:
            self._new_task(job, task.task_uuid, task.name)
        return job

    def list_jobs(self, start: date, end: date) -> list[Job]:
        """job.api/list: jobs created in [from, to]; the range may span a year at most."""
        if end < start:
            raise XpmBadInput("The to date is before the from date")
        if (end - start).days > 366:
            raise XpmBadInput("The date range cannot be more than one year")
        return self._jobs_where(Range("created", start, end))

    def current_jobs(self) -> list[Job]:
        return self._jobs_where(self._open_states())

    def client_jobs(self, client_uuid: str) -> list[Job]:
        self.client(client_uuid)
        return self._jobs_where(Eq("client", (client_uuid,)))

    def staff_jobs(self, staff_uuid: str) -> list[Job]:
        """job.api/staff/{uuid}: current jobs the staff member is assigned to, manages or partners."""
        member = self.staff_member(staff_uuid)
        return self._jobs_where(Eq("staff", (member.uuid,)), self._open_states())

    def _open_states(self) -> Eq:
        return Eq("state", tuple(code for code, state in self.states.items() if not state.completed))

    def _jobs_where(self, *conds: Condition) -> list[Job]:
        """Live jobs meeting ``conds``, in the order they were added (from the job index)."""
        return [self.jobs[number] for number in self.job_index.matching(conds)]

    def check_job_client(self, number: str, client_uuid: str | None) -> None:
        """An update may name the job's own client (recorded updates do); another client is refused:
        a job's client cannot be changed through the API (UNCONFIRMED text)."""
        job = self.job(number)
        if client_uuid and client_uuid != job.client_uuid:
            self.client(client_uuid)
            raise XpmRuleError("The client of a job cannot be changed")

    def jobs_with_tasks(self, complete: bool | None = None, due: date | None = None,
                        start: date | None = None) -> list[Job]:
        """job.api/tasks: live jobs having a task that matches every filter given."""
        def matches(task: Any) -> bool:
            return ((complete is None or task.completed == complete)
                    and (due is None or (task.due_date is not None and task.due_date <= due))
                    and (start is None or (task.start_date is not None and task.start_date >= start)))
        return [j for j in self.jobs.values() if not j.deleted and any(matches(t) for t in j.tasks)]

    def state_of(self, job: Job) -> JobState:
        return self.states[job.state_code]

    # -- costs on a job ----------------------------------------------------------------------------
    def job_costs(self, number: str) -> list[JobCost]:
        return list(self.job(number).costs.values())

    def _check_cost(self, job: Job, when: date) -> None:
        """The rules behind Rechargly's "Sync Error": locked WIP period, then the job's state."""
        if self.wip_lock is not None and when <= self.wip_lock:
            raise WipLocked(self.message("xpm_wip_locked_message", date=when.isoformat(),
                                         lock=self.wip_lock.isoformat(), job=job.number))
        state = self.states[job.state_code]
        if not state.accepts_costs:
            raise JobStateRejectsCosts(self.message("xpm_job_state_message", job=job.number,
                                                    state=state.name, code=state.code))

    def add_cost(self, number: str, values: dict[str, Any]) -> JobCost:
        job = self.job(number)
        missing = [k for k in ("date", "description", "quantity", "unit_cost", "unit_price") if values.get(k) is None]
        if missing:
            raise XpmBadInput(f"Missing required field(s): {', '.join(missing)}")
        self._check_cost(job, values["date"])
        cost = JobCost(uuid=self.new_uuid(), job=job.number, date=values["date"],
                       description=values["description"], quantity=Decimal(values["quantity"]),
                       unit_cost=Decimal(values["unit_cost"]), unit_price=Decimal(values["unit_price"]))
        self._apply_cost(cost, values)
        job.costs[cost.uuid] = cost
        self.cost_job[cost.uuid] = job.number
        return cost

    def update_cost(self, cost_uuid: str, values: dict[str, Any]) -> JobCost:
        number = self.cost_job.get(cost_uuid or "")
        if number is None:
            raise InvalidIdentifier("Invalid cost identifier")
        job = self.job(number)
        cost = job.costs[cost_uuid]
        self._check_cost(job, cost.date)
        if values.get("date") is not None:
            self._check_cost(job, values["date"])
        self._apply_cost(cost, values)
        return cost

    @staticmethod
    def _apply_cost(cost: JobCost, values: dict[str, Any]) -> None:
        for key in COST_FIELDS:
            value = values.get(key)
            if value is None:
                continue
            if key in ("quantity", "unit_cost", "unit_price"):
                value = Decimal(value)
            setattr(cost, key, value)

    # -- views for the control API -----------------------------------------------------------------
    def job_json(self, job: Job, with_costs: bool = False) -> dict[str, Any]:
        state = self.states[job.state_code]
        client = self.clients.get(job.client_uuid)
        out: dict[str, Any] = {
            "ID": job.number, "UUID": job.uuid, "Name": job.name, "Description": job.description,
            "State": state.name, "StateCode": state.code, "ClientUUID": job.client_uuid,
            "ClientName": client.name if client else None, "StartDate": _iso(job.start_date),
            "DueDate": _iso(job.due_date), "CompletedDate": _iso(job.completed_date),
            "CreatedAt": job.created_at.isoformat(), "Deleted": job.deleted,
        }
        if with_costs:
            out["Costs"] = [c.to_json() for c in job.costs.values()]
        return out


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
