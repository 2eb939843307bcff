"""What a person does in APS itself, as control actions under /_connsim/aps/<firm>/…: add a client
profile, and edit one (the change a two-way sync must notice)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from connsim.simulator.control.guard import body, control_blueprint, tenant_of_kind

bp = control_blueprint("aps_control", __name__)


def firm(tenant_id: str) -> Any:
    return tenant_of_kind(tenant_id, "aps-firm")


@bp.post("/<tenant_id>/clients")
def add_client(tenant_id: str) -> Any:
    tenant, data = firm(tenant_id), body()
    with tenant.lock:
        return jsonify(tenant.backend.create_client(data).to_json()), 201


@bp.post("/<tenant_id>/clients/<client_id>/edit")
def edit_client(tenant_id: str, client_id: str) -> Any:
    tenant, data = firm(tenant_id), body()
    with tenant.lock:
        return jsonify(tenant.backend.update_client(client_id, data).to_json())


@bp.get("/<tenant_id>/clients/<client_id>")
def get_client(tenant_id: str, client_id: str) -> Any:
    tenant = firm(tenant_id)
    with tenant.lock:
        return jsonify(tenant.backend.client(client_id).to_json())
