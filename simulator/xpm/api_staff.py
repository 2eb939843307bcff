"""staff.api routes (staff.md): list, get, add, update, delete. Recorded: add answers the staff
member with api-method "Get", update with "Update", delete the bare OK (xpm_ruby staff/*.yml)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from flask import Blueprint, Response

from connsim.simulator.remote import current_tenant
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.model.staff import STAFF_FIELDS
from connsim.simulator.xpm.render import group
from connsim.simulator.xpm.render_jobs import staff_el
from connsim.simulator.xpm.wire import check_elements, field, ok, read_xml, required


def backend() -> XpmBackend:
    return current_tenant().backend


def staff_fields(el: Element) -> dict[str, str]:
    return {tag: value for tag in STAFF_FIELDS if (value := field(el, tag)) is not None}


def register(bp: Blueprint) -> None:
    @bp.get("/staff.api/list")
    def list_staff() -> Response:
        return ok(group("StaffList", (staff_el(s) for s in backend().list_staff())))

    @bp.get("/staff.api/get/<staff_uuid>")
    def get_staff(staff_uuid: str) -> Response:
        return ok(staff_el(backend().staff_member(staff_uuid)))

    @bp.post("/staff.api/add")
    def add_staff() -> Response:
        el = read_xml("Staff")
        check_elements(el, STAFF_FIELDS)
        return ok(staff_el(backend().add_staff(staff_fields(el))))

    @bp.put("/staff.api/update")
    def update_staff() -> Response:
        el = read_xml("Staff")
        check_elements(el, ("UUID", *STAFF_FIELDS))
        return ok(staff_el(backend().update_staff(required(el, "UUID"), staff_fields(el))))

    @bp.post("/staff.api/delete")
    def delete_staff() -> Response:
        el = read_xml("Staff")
        check_elements(el, ("UUID",))
        backend().delete_staff(required(el, "UUID"))
        return ok()
