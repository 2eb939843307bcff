"""The modelled APS API (MODELLED: APS by The Access Group publishes no API; see docs/simulator/aps.md):
REST/JSON client profiles under https://api.aps.connsim.test/aps/v1, bearer tokens from the APS OAuth
provider, the firm named by the ``X-APS-Firm-Id`` header, 120 calls a minute per firm."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from connsim.simulator.aps.errors import InvalidParameter
from connsim.simulator.aps.model import ApsBackend
from connsim.simulator.aps.wire import datetime_arg, int_arg, json_body
from connsim.simulator.remote import current_tenant

bp = Blueprint("aps", __name__, url_prefix="/aps/v1")


def backend() -> ApsBackend:
    return current_tenant().backend


def _with_etag(payload: dict[str, Any], status: int = 200) -> Response:
    response = jsonify(payload)
    response.status_code = status
    response.headers["ETag"] = f'W/"{payload["version"]}"'
    return response


def _if_match() -> int | None:
    raw = request.headers.get("If-Match")
    if not raw or raw.strip() == "*":
        return None
    try:
        return int(raw.strip().removeprefix("W/").strip('"'))
    except ValueError:
        raise InvalidParameter("If-Match must be an ETag from a previous response") from None


@bp.get("/clients")
def list_clients() -> Response:
    page_size = int_arg("pageSize", 50, 1, int(backend().setting("aps_max_page_size")))
    page = int_arg("page", 1, 1, 1_000_000)
    items = backend().list_clients(request.args.get("search"), request.args.get("entityType"),
                                   datetime_arg("modifiedSince"))
    start = (page - 1) * page_size
    return jsonify({"data": [c.to_json() for c in items[start:start + page_size]], "page": page,
                    "pageSize": page_size, "totalCount": len(items), "hasMore": start + page_size < len(items)})


@bp.get("/clients/<client_id>")
def get_client(client_id: str) -> Response:
    return _with_etag(backend().client(client_id).to_json())


@bp.post("/clients")
def create_client() -> Response:
    client = backend().create_client(json_body())
    response = _with_etag(client.to_json(), 201)
    response.headers["Location"] = f"/aps/v1/clients/{client.id}"
    return response


@bp.patch("/clients/<client_id>")
def patch_client(client_id: str) -> Response:
    data = json_body()
    return _with_etag(backend().update_client(client_id, data, _if_match()).to_json())
