"""What a person does in XPM's UI, as control actions under /_connsim/xpm/<practice>/…: lock WIP,
move, delete and re-create jobs, define job states, add and edit clients, create jobs, and read a
job's costs as JSON for assertions. Contract used by the harness: docs/simulator/xpm.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import jsonify

from connsim.simulator.control.guard import body, control_blueprint, need, tenant_of_kind
from connsim.simulator.core.errors import MalformedInput, NotFound
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.model.entities import CLIENT_FIELDS

bp = control_blueprint("xpm_control", __name__)

_CLIENT_KEYS = {tag.lower(): tag for tag in CLIENT_FIELDS}


def practice(tenant_id: str) -> Any:
    return tenant_of_kind(tenant_id, "xpm-practice")


def client_fields(data: dict[str, Any]) -> dict[str, str | None]:
    """JSON keys (``email``, ``postal_address``, ``Website``) as XPM client fields (None clears one)."""
    out: dict[str, str | None] = {}
    for key, value in data.items():
        tag = _CLIENT_KEYS.get(key.replace("_", "").lower())
        if tag is None:
            raise MalformedInput(f"unknown client field {key!r}; known: {', '.join(CLIENT_FIELDS)}")
        if value is not None and not isinstance(value, str):
            raise MalformedInput(f"{key!r} must be a string or null")
        out[tag] = value
    return out


def _date(value: Any, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise MalformedInput(f"{name!r} must be YYYY-MM-DD or null") from None


@bp.post("/<tenant_id>/wip-lock")
def wip_lock(tenant_id: str) -> Any:
    tenant, data = practice(tenant_id), body()
    if "date" not in data:
        raise MalformedInput("'date' is required (YYYY-MM-DD, or null to unlock)")
    with tenant.lock:
        locked = tenant.backend.set_wip_lock(_date(data["date"], "date"))
    return jsonify({"wipLockDate": locked.isoformat() if locked else None})


@bp.get("/<tenant_id>/job-states")
def list_states(tenant_id: str) -> Any:
    tenant = practice(tenant_id)
    with tenant.lock:
        return jsonify({"states": [s.to_json() for s in tenant.backend.states.values()]})


@bp.post("/<tenant_id>/job-states")
def add_state(tenant_id: str) -> Any:
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        state = tenant.backend.add_state(need(data, "name"), need(data, "code"), bool(data.get("accepts_costs", True)),
                                         bool(data.get("completed", False)))
    return jsonify(state.to_json()), 201


@bp.post("/<tenant_id>/clients")
def add_client(tenant_id: str) -> Any:
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        backend: XpmBackend = tenant.backend
        return jsonify(backend.add_client(client_fields(data)).to_json()), 201


@bp.post("/<tenant_id>/clients/<client_uuid>/edit")
def edit_client(tenant_id: str, client_uuid: str) -> Any:
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        backend: XpmBackend = tenant.backend
        return jsonify(backend.update_client(client_uuid, client_fields(data)).to_json())


@bp.post("/<tenant_id>/clients/<client_uuid>/archive")
def archive_client(tenant_id: str, client_uuid: str) -> Any:
    tenant = practice(tenant_id)
    with tenant.lock:
        return jsonify(tenant.backend.archive_client(client_uuid).to_json())


@bp.post("/<tenant_id>/jobs")
def add_job(tenant_id: str) -> Any:
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        backend: XpmBackend = tenant.backend
        state = backend.state_by_name_or_code(data["state"]).code if data.get("state") else None
        job = backend.add_job(need(data, "client_uuid"), need(data, "name"), description=data.get("description") or "",
                              start_date=_date(data.get("start_date"), "start_date"),
                              due_date=_date(data.get("due_date"), "due_date"), state=state)
        return jsonify(backend.job_json(job)), 201


@bp.get("/<tenant_id>/jobs/<number>")
def get_job(tenant_id: str, number: str) -> Any:
    tenant = practice(tenant_id)
    with tenant.lock:
        return jsonify(tenant.backend.job_json(_any_job(tenant.backend, number), with_costs=True))


@bp.post("/<tenant_id>/jobs/<number>/state")
def job_state(tenant_id: str, number: str) -> Any:
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        backend: XpmBackend = tenant.backend
        code = backend.state_by_name_or_code(need(data, "state")).code
        return jsonify(backend.job_json(backend.set_job_state(number, code)))


@bp.post("/<tenant_id>/jobs/<number>/delete")
def delete_job(tenant_id: str, number: str) -> Any:
    tenant = practice(tenant_id)
    with tenant.lock:
        return jsonify({"deleted": tenant.backend.delete_job(number).number})


@bp.post("/<tenant_id>/jobs/<number>/recreate")
def recreate_job(tenant_id: str, number: str) -> Any:
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        backend: XpmBackend = tenant.backend
        keep = data.get("keep_state")
        return jsonify(backend.job_json(backend.recreate_job(number, None if keep is None else bool(keep)))), 201


@bp.get("/<tenant_id>/jobs/<number>/costs")
def job_costs(tenant_id: str, number: str) -> Any:
    """Costs for assertions, deleted jobs included (a person can still see them in XPM's history)."""
    tenant = practice(tenant_id)
    with tenant.lock:
        job = _any_job(tenant.backend, number)
        return jsonify({"job": job.number, "deleted": job.deleted, "costs": [c.to_json() for c in job.costs.values()]})


@bp.post("/<tenant_id>/categories")
def add_category(tenant_id: str) -> Any:
    """XPM Admin: a job category."""
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        return jsonify(tenant.backend.add_named("categories", need(data, "name")).to_json()), 201


@bp.post("/<tenant_id>/templates")
def add_template(tenant_id: str) -> Any:
    """XPM Admin: a job template and its tasks (each task name defines a task type, task.api)."""
    tenant, data = practice(tenant_id), body()
    tasks = data.get("tasks") or []
    if not isinstance(tasks, list) or not all(isinstance(t, str) and t.strip() for t in tasks):
        raise MalformedInput("'tasks' must be a list of task names")
    with tenant.lock:
        item = tenant.backend.add_named("templates", need(data, "name"), tuple(tasks))
        return jsonify({**item.to_json(), "Tasks": list(item.tasks)}), 201


@bp.post("/<tenant_id>/clients/<client_uuid>/notes")
def add_client_note(tenant_id: str, client_uuid: str) -> Any:
    """A person adds a note to a client (the 3.1 API documents no client note endpoint)."""
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        note = tenant.backend.add_client_note(client_uuid, need(data, "title"), str(data.get("text") or ""),
                                              str(data.get("folder") or ""))
        return jsonify(note.to_json()), 201


@bp.post("/<tenant_id>/jobs/<number>/invoice")
def invoice_job(tenant_id: str, number: str) -> Any:
    """A person invoices the job's billable time and costs (invoice.api only reads invoices)."""
    tenant, data = practice(tenant_id), body()
    with tenant.lock:
        invoice = tenant.backend.invoice_job(number, str(data.get("status") or "Approved"),
                                             _date(data.get("date"), "date"))
        return jsonify(invoice.to_json()), 201


@bp.post("/<tenant_id>/invoices/<number>/payments")
def pay_invoice(tenant_id: str, number: str) -> Any:
    tenant, data = practice(tenant_id), body()
    try:
        amount = Decimal(str(need(data, "amount", (str, int, float))))
    except InvalidOperation:
        raise MalformedInput("'amount' must be a number") from None
    with tenant.lock:
        invoice = tenant.backend.pay_invoice(number, amount, _date(data.get("date"), "date"),
                                             str(data.get("reference") or ""))
        return jsonify(invoice.to_json())


def _any_job(backend: XpmBackend, number: str) -> Any:
    job = backend.jobs.get(number)
    if job is None:
        raise NotFound(f"no job {number}")
    return job
