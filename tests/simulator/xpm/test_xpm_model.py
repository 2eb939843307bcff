"""XPM domain rules without HTTP: WIP lock dates, job states (default and custom), deleted and
re-created jobs, relationships, settings for UNCONFIRMED texts, and seeded data."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.xpm.errors import (
    ArchivedClient,
    InvalidClient,
    InvalidJob,
    InvalidRelationshipType,
    InvalidStateCode,
    JobStateRejectsCosts,
    WipLocked,
    XpmBadInput,
)
from connsim.simulator.xpm.model import XpmBackend
from connsim.simulator.xpm.seed import seed


def practice(seed_value: int = 1, **settings: Any) -> XpmBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2026, 11, 20, 9, tzinfo=UTC)))
    registry.register_backend("xpm-practice", XpmBackend)
    return registry.create("xpm-practice", "P", seed=seed_value, settings=settings).backend


def cost(day: date, **extra: Any) -> dict[str, Any]:
    return {"date": day, "description": "Search", "quantity": Decimal(1), "unit_cost": Decimal("9"),
            "unit_price": Decimal("25"), **extra}


@pytest.fixture
def xpm() -> XpmBackend:
    return practice()


@pytest.fixture
def job(xpm: XpmBackend) -> str:
    return xpm.add_job(xpm.add_client({"Name": "Client"}).uuid, "Job").number


def test_lock_date_is_inclusive(xpm: XpmBackend, job: str) -> None:
    xpm.set_wip_lock(date(2026, 10, 31))
    for day in (date(2026, 10, 1), date(2026, 10, 31)):
        with pytest.raises(WipLocked) as err:
            xpm.add_cost(job, cost(day))
        assert "locked WIP period" in err.value.message and "2026-10-31" in err.value.message
    assert xpm.add_cost(job, cost(date(2026, 11, 1))).date == date(2026, 11, 1)
    xpm.set_wip_lock(None)
    assert xpm.add_cost(job, cost(date(2026, 10, 1)))


def test_cost_already_in_locked_period_cannot_be_updated(xpm: XpmBackend, job: str) -> None:
    added = xpm.add_cost(job, cost(date(2026, 10, 15)))
    xpm.set_wip_lock(date(2026, 10, 31))
    with pytest.raises(WipLocked):
        xpm.update_cost(added.uuid, {"note": "changed"})
    later = xpm.add_cost(job, cost(date(2026, 11, 15)))
    with pytest.raises(WipLocked):
        xpm.update_cost(later.uuid, {"date": date(2026, 10, 2)})
    assert xpm.update_cost(later.uuid, {"quantity": Decimal(2)}).quantity == 2


def test_states_accepting_costs(xpm: XpmBackend, job: str) -> None:
    assert xpm.job(job).state_code == "PLANNED"
    for code in ("PLANNED", "INPROGRESS", "ONHOLD"):
        xpm.set_job_state(job, code)
        assert xpm.add_cost(job, cost(date(2026, 11, 2)))
    for code, name in (("COMPLETED", "Completed"), ("CLOSED", "Closed")):
        xpm.set_job_state(job, code)
        assert xpm.job(job).completed_date == date(2026, 11, 20)
        with pytest.raises(JobStateRejectsCosts, match=f"its state {name} does not accept new costs"):
            xpm.add_cost(job, cost(date(2026, 11, 2)))
    with pytest.raises(InvalidStateCode, match="Invalid state code"):
        xpm.set_job_state(job, "In Progress")  # names are not interface codes
    assert xpm.state_by_name_or_code("in progress").code == "INPROGRESS"


def test_custom_states_and_per_tenant_state_list() -> None:
    xpm = practice(xpm_job_states=[{"name": "Planned", "code": "PLANNED"},
                                   {"name": "Confirmed", "code": "CONFIRMED"},
                                   {"name": "Done", "code": "DONE", "accepts_costs": False, "completed": True}])
    assert list(xpm.states) == ["PLANNED", "CONFIRMED", "DONE"]
    number = xpm.add_job(xpm.add_client({"Name": "C"}).uuid, "J").number
    xpm.add_state("Awaiting Invoice", "AWAITINV", accepts_costs=False)
    xpm.set_job_state(number, "AWAITINV")
    with pytest.raises(JobStateRejectsCosts):
        xpm.add_cost(number, cost(date(2026, 11, 2)))
    with pytest.raises(InvalidStateCode):
        xpm.set_job_state(number, "COMPLETED")


def test_deleted_job_is_invalid_everywhere_and_recreate_gives_new_identity(xpm: XpmBackend, job: str) -> None:
    old = xpm.job(job)
    xpm.set_job_state(job, "ONHOLD")
    xpm.delete_job(job)
    for call in (lambda: xpm.job(job), lambda: xpm.add_cost(job, cost(date(2026, 11, 2))),
                 lambda: xpm.set_job_state(job, "PLANNED"), lambda: xpm.delete_job(job)):
        with pytest.raises(InvalidJob, match=r"^Invalid job identifier$"):
            call()
    new = xpm.recreate_job(job)
    assert (new.number, new.uuid) != (old.number, old.uuid)
    assert new.client_uuid == old.client_uuid and new.name == old.name and new.state_code == "PLANNED"
    assert xpm.recreate_job(job, keep_state=True).state_code == "ONHOLD"
    assert [j.number for j in xpm.client_jobs(old.client_uuid)] == [new.number, "J000003"]


def test_job_numbers_custom_and_duplicates(xpm: XpmBackend) -> None:
    client = xpm.add_client({"Name": "C"}).uuid
    xpm.add_job(client, "custom", number="J000002")
    assert [xpm.add_job(client, "a").number, xpm.add_job(client, "b").number] == ["J000001", "J000003"]
    with pytest.raises(Exception, match="already in use"):
        xpm.add_job(client, "dup", number="J000001")


def test_relationships(xpm: XpmBackend) -> None:
    company, person = xpm.add_client({"Name": "Co"}), xpm.add_client({"Name": "Person"})
    rel = xpm.add_relationship(company.uuid, person.uuid, "public officer")
    assert rel.type == "Public Officer" and company.relationships[rel.uuid] is rel
    with pytest.raises(InvalidRelationshipType, match="Cousin"):
        xpm.add_relationship(company.uuid, person.uuid, "Cousin")
    with pytest.raises(InvalidClient):
        xpm.add_relationship(company.uuid, "no-such-client", "Director")
    with pytest.raises(XpmBadInput):
        xpm.add_relationship(company.uuid, person.uuid, "Director", start_date=date(2026, 2, 1),
                             end_date=date(2026, 1, 1))
    assert xpm.update_relationship(rel.uuid, {"type": "Secretary"}).type == "Secretary"
    xpm.delete_relationship(rel.uuid)
    assert company.relationships == {}


def test_archived_clients_refuse_new_jobs_unless_configured(xpm: XpmBackend) -> None:
    client = xpm.add_client({"Name": "Old"})
    xpm.archive_client(client.uuid)
    with pytest.raises(ArchivedClient):
        xpm.add_job(client.uuid, "x")
    xpm.tenant.settings["xpm_archived_client_accepts_jobs"] = True
    assert xpm.add_job(client.uuid, "x").number == "J000001"
    assert client not in xpm.paged_clients(None, 50)[0] and client in xpm.list_clients()


def test_error_texts_are_settings() -> None:
    xpm = practice(xpm_invalid_job_message="No such job", xpm_wip_locked_message="locked until {lock}")
    with pytest.raises(InvalidJob, match=r"^No such job$"):
        xpm.job("J000404")
    number = xpm.add_job(xpm.add_client({"Name": "C"}).uuid, "J").number
    xpm.set_wip_lock(date(2026, 10, 31))
    with pytest.raises(WipLocked, match=r"^locked until 2026-10-31$"):
        xpm.add_cost(number, cost(date(2026, 10, 1)))


def test_seed_is_deterministic_and_varied() -> None:
    first, second, other = practice(7), practice(7), practice(8)
    for backend in (first, second, other):
        seed(backend.tenant)
    snap = first.snapshot()
    assert snap == second.snapshot() and snap["clients"] != other.snapshot()["clients"]
    states = {j["StateCode"] for j in snap["jobs"].values()}
    assert {"PLANNED", "INPROGRESS", "ONHOLD", "COMPLETED", "CLOSED"} <= states
    assert any(j["Costs"] for j in snap["jobs"].values())
    structures = {c.get("BusinessStructure") for c in snap["clients"].values()}
    assert {"Individual", "Company", "Trust"} <= structures
    assert any(c["Relationships"] for c in snap["clients"].values())
