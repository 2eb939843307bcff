"""job.api routes (reference/xero.md §4.2) with the costs recharged onto jobs, plus the small
catalogues a connector reads to create a job: cost.api, category.api, template.api. The work on a
job (assign, templates, tasks, notes) is api_work.py; staff.api is api_staff.py."""

from __future__ import annotations

from itertools import islice
from typing import Any
from xml.etree.ElementTree import Element

from flask import Blueprint, Response, request

from connsim.simulator.remote import current_tenant
from connsim.simulator.xpm.errors import XpmBadInput
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.render import catalogue_el, group, job_cost_el, named_el
from connsim.simulator.xpm.render_jobs import job_el
from connsim.simulator.xpm.wire import (
    bool_field,
    check_elements,
    date_field,
    date_range,
    decimal_field,
    field,
    leaf,
    ok,
    parse_date,
    query_flag,
    read_xml,
    required,
)

CATALOGUE_PAGE = 1000
_COST_ELEMENTS = ("Job", "Date", "Description", "Code", "Note", "Quantity", "UnitCost", "UnitPrice", "Billable",
                  "SupplierReference")
_JOB_ADD = ("Name", "Description", "ClientUUID", "ContactUUID", "StartDate", "DueDate", "ClientNumber", "ID",
            "TemplateUUID", "CategoryUUID", "Budget")
#: update: the docs' elements (CategoryID as written there, CategoryUUID as on add); ClientUUID because
#: recorded updates send the job's client (xpm_ruby job/update.yml sends <ClientID>, answered OK)
_JOB_UPDATE = ("ID", "UUID", "Name", "Description", "StartDate", "DueDate", "ClientNumber", "CategoryID",
               "CategoryUUID", "Budget", "ClientUUID")


def backend() -> XpmBackend:
    return current_tenant().backend


def _jobs(items: Any, detailed: bool = False) -> Element:
    return group("Jobs", (job_el(backend(), j, detailed) for j in items))


def job_number(el: Element) -> str:
    """<ID> (the job number), else the job's <UUID>."""
    number = field(el, "ID")
    if number:
        return number
    job_uuid = field(el, "UUID")
    if not job_uuid:
        raise XpmBadInput("ID is required")
    return backend().job_by_uuid(job_uuid).number


def cost_values(el: Element) -> dict[str, Any]:
    return {"date": date_field(el, "Date"), "description": field(el, "Description"), "code": field(el, "Code"),
            "note": field(el, "Note"), "quantity": decimal_field(el, "Quantity"),
            "unit_cost": decimal_field(el, "UnitCost"), "unit_price": decimal_field(el, "UnitPrice"),
            "billable": bool_field(el, "Billable"), "supplier_reference": field(el, "SupplierReference")}


def _catalogue_values(el: Element) -> dict[str, Any]:
    return {"description": field(el, "Description"), "code": field(el, "Code"), "note": field(el, "Note"),
            "unit_cost": decimal_field(el, "UnitCost"), "unit_price": decimal_field(el, "UnitPrice"),
            "income_account": field(el, "IncomeAccount"), "cost_of_sale_account": field(el, "CostOfSaleAccount")}


def register(bp: Blueprint) -> None:
    @bp.get("/job.api/get/<number>")
    def get_job(number: str) -> Response:
        return ok(job_el(backend(), backend().job(number)))

    @bp.get("/job.api/list")
    def list_jobs() -> Response:
        items = backend().list_jobs(*date_range())
        return ok(_jobs(items, query_flag("detailed")))

    @bp.get("/job.api/current")
    def current_jobs() -> Response:
        return ok(_jobs(backend().current_jobs(), query_flag("detailed")))

    @bp.get("/job.api/client/<client_uuid>")
    def client_jobs(client_uuid: str) -> Response:
        return ok(_jobs(backend().client_jobs(client_uuid), query_flag("detailed")))

    @bp.get("/job.api/staff/<staff_uuid>")
    def staff_jobs(staff_uuid: str) -> Response:
        return ok(_jobs(backend().staff_jobs(staff_uuid), query_flag("detailed")))

    @bp.get("/job.api/tasks")
    def task_jobs() -> Response:
        """Jobs with tasks matching complete=true|false, due=YYYYMMDD (on or before), start (on or after)."""
        complete = request.args.get("complete")
        if complete is not None and complete.lower() not in ("true", "false"):
            raise XpmBadInput(f"complete must be true or false, not {complete!r}")
        due, start = request.args.get("due"), request.args.get("start")
        items = backend().jobs_with_tasks(None if complete is None else complete.lower() == "true",
                                          parse_date(due, "due") if due else None,
                                          parse_date(start, "start") if start else None)
        return ok(_jobs(items, detailed=True))

    @bp.post("/job.api/add")
    def add_job() -> Response:
        el = read_xml("Job")
        check_elements(el, _JOB_ADD)
        job = backend().add_job(
            required(el, "ClientUUID"), required(el, "Name"), description=field(el, "Description") or "",
            start_date=date_field(el, "StartDate"), due_date=date_field(el, "DueDate"), number=field(el, "ID") or None,
            template_uuid=field(el, "TemplateUUID") or None, category_uuid=field(el, "CategoryUUID") or None,
            budget=field(el, "Budget") or None, client_order_number=field(el, "ClientNumber") or None,
            contact_uuid=field(el, "ContactUUID") or None)
        return ok(job_el(backend(), job))

    @bp.put("/job.api/update")
    def update_job() -> Response:
        el = read_xml("Job")
        check_elements(el, _JOB_UPDATE)
        number = job_number(el)
        backend().check_job_client(number, field(el, "ClientUUID"))
        changes = {"name": field(el, "Name"), "description": field(el, "Description"),
                   "start_date": date_field(el, "StartDate"), "due_date": date_field(el, "DueDate"),
                   "client_order_number": field(el, "ClientNumber"), "budget": field(el, "Budget"),
                   "category_uuid": field(el, "CategoryUUID", "CategoryID")}
        return ok(job_el(backend(), backend().update_job(number, changes)))

    @bp.put("/job.api/state")
    def job_state() -> Response:
        """Answers the bare OK envelope (xpm_ruby job/state/success.yml), no <Job>."""
        el = read_xml("Job")
        check_elements(el, ("ID", "UUID", "State"))
        backend().set_job_state(job_number(el), required(el, "State"))
        return ok()

    @bp.post("/job.api/delete")
    def delete_job() -> Response:
        el = read_xml("Job")
        check_elements(el, ("ID", "UUID"))
        backend().delete_job(job_number(el))
        return ok()

    # -- costs on jobs -----------------------------------------------------------------------------
    @bp.get("/job.api/costs/<number>")
    def job_costs(number: str) -> Response:
        return ok(group("Costs", (job_cost_el(c) for c in backend().job_costs(number))))

    @bp.post("/job.api/cost")
    def add_job_cost() -> Response:
        el = read_xml("Cost")
        check_elements(el, _COST_ELEMENTS)
        return ok(job_cost_el(backend().add_cost(required(el, "Job"), cost_values(el))))

    @bp.put("/job.api/cost")
    def update_job_cost() -> Response:
        el = read_xml("Cost")
        check_elements(el, ("UUID", *_COST_ELEMENTS))
        return ok(job_cost_el(backend().update_cost(required(el, "UUID"), cost_values(el))))

    # -- cost catalogue (cost.api) -----------------------------------------------------------------
    @bp.get("/cost.api/list")
    def catalogue_list() -> Response:
        try:
            page = int(request.args.get("page", ""))
        except ValueError:
            raise XpmBadInput("page is required (1, 2, ...)") from None
        if page < 1:
            raise XpmBadInput("page starts at 1")
        items = list(islice(backend().catalogue.values(), (page - 1) * CATALOGUE_PAGE, page * CATALOGUE_PAGE))
        return ok(leaf("Records", len(items)), group("Costs", (catalogue_el(c) for c in items)))

    @bp.get("/cost.api/get/<cost_uuid>")
    def catalogue_get(cost_uuid: str) -> Response:
        return ok(catalogue_el(backend().catalogue_cost(cost_uuid)))

    @bp.post("/cost.api/add")
    def catalogue_add() -> Response:
        return ok(catalogue_el(backend().save_catalogue_cost(_catalogue_values(read_xml("Cost")))))

    @bp.put("/cost.api/update")
    def catalogue_update() -> Response:
        el = read_xml("Cost")
        return ok(catalogue_el(backend().save_catalogue_cost(_catalogue_values(el), required(el, "UUID"))))

    @bp.post("/cost.api/delete")
    def catalogue_delete() -> Response:
        backend().delete_catalogue_cost(required(read_xml("Cost"), "UUID"))
        return ok()

    # -- what a connector reads to create a job ----------------------------------------------------
    @bp.get("/category.api/list")
    def categories() -> Response:
        return ok(group("Categories", (named_el("Category", c) for c in backend().categories.values())))

    @bp.get("/template.api/list")
    def templates() -> Response:
        return ok(group("Templates", (named_el("Template", t) for t in backend().templates.values())))
