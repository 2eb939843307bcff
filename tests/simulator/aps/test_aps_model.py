"""APS domain rules without HTTP: field validation, partial updates, codes, filters, seed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from connsim.simulator.aps.errors import (
    ClientNotFound,
    DuplicateCode,
    FieldInvalid,
    PreconditionFailed,
    ReadOnlyField,
    UnknownField,
)
from connsim.simulator.aps.model import ApsBackend
from connsim.simulator.aps.seed import seed
from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def firm(seed_value: int = 1, **settings: Any) -> tuple[ApsBackend, Clock]:
    clock = Clock(frozen_at=T0)
    registry = TenantRegistry(clock)
    registry.register_backend("aps-firm", ApsBackend)
    return registry.create("aps-firm", "F", seed=seed_value, settings=settings).backend, clock


def test_create_validates_and_generates_code() -> None:
    aps, _ = firm()
    client = aps.create_client({"name": "Jo Smith", "entityType": "Individual", "email": "a@x.test; b@y.test"})
    assert client.id == "10001" and client.code == "JOSM0001" and client.to_json()["category"] == "Client"
    assert aps.create_client({"name": "Jo Smithers", "entityType": "Individual"}).code == "JOSM0002"
    with pytest.raises(FieldInvalid) as err:
        aps.create_client({"name": "", "entityType": "Robot", "primaryPhone": "call me"})
    assert {p["field"] for p in err.value.problems} == {"name", "entityType", "primaryPhone"}
    with pytest.raises(DuplicateCode):
        aps.create_client({"name": "Other", "entityType": "Company", "code": "josm0001"})


def test_patch_is_partial_and_refuses_unknown_and_read_only() -> None:
    aps, clock = firm()
    client = aps.create_client({"name": "Co", "entityType": "Company", "website": "https://co.test",
                                "physicalAddress": {"line1": "1 St", "suburb": "Town"}})
    clock.advance(30)
    updated = aps.update_client(client.id, {"physicalAddress": {"suburb": "City", "line2": None}, "website": None})
    body = updated.to_json()
    assert body["physicalAddress"]["line1"] == "1 St" and body["physicalAddress"]["suburb"] == "City"
    assert body["website"] is None and updated.version == 2 and updated.modified_at == T0 + timedelta(seconds=30)
    with pytest.raises(UnknownField):
        aps.update_client(client.id, {"nickname": "x"})
    with pytest.raises(ReadOnlyField):
        aps.update_client(client.id, {"modifiedAt": "2020-01-01"})
    with pytest.raises(PreconditionFailed):
        aps.update_client(client.id, {"name": "New"}, expected_version=1)
    with pytest.raises(ClientNotFound):
        aps.update_client("1", {"name": "x"})
    assert aps.client(client.id).name == "Co"


def test_filters_and_entity_type_setting() -> None:
    aps, clock = firm(aps_entity_types=["Individual", "Company", "SMSF"])
    aps.create_client({"name": "Ann", "entityType": "Individual"})
    clock.advance(10)
    fund = aps.create_client({"name": "Ann Super", "entityType": "SMSF"})
    assert [c.id for c in aps.list_clients(search="ANN")] == ["10001", fund.id]
    assert aps.list_clients(entity_type="SMSF") == [fund]
    assert aps.list_clients(modified_since=T0 + timedelta(seconds=5)) == [fund]
    with pytest.raises(FieldInvalid):
        aps.create_client({"name": "T", "entityType": "Trust"})


def test_seed_is_deterministic_with_the_apps_entity_mix() -> None:
    first, second, other = firm(3)[0], firm(3)[0], firm(4)[0]
    for backend in (first, second, other):
        seed(backend.tenant)
    assert first.snapshot() == second.snapshot() != other.snapshot()
    kinds = {c["entityType"] for c in first.snapshot()["clients"].values()}
    assert {"Individual", "Company", "Trust"} <= kinds
    assert any(";" in (c["email"] or "") for c in first.snapshot()["clients"].values())
