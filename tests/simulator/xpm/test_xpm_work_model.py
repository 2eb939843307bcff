"""The work rules without HTTP: assignment is all-or-nothing, AppendExisting reuses a task type,
time moves between job and staff indexes, the WIP lock guards time as it guards costs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.xpm.errors import InvalidIdentifier, WipLocked, XpmBadInput
from connsim.simulator.xpm.model import XpmBackend


@pytest.fixture
def xpm() -> XpmBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2026, 11, 20, 9, tzinfo=UTC)))
    registry.register_backend("xpm-practice", XpmBackend)
    backend: XpmBackend = registry.create("xpm-practice", "P", seed=3, settings={}).backend
    return backend


def test_assignment_is_all_or_nothing(xpm: XpmBackend) -> None:
    job = xpm.add_job(xpm.add_client({"Name": "C"}).uuid, "J")
    jo = xpm.add_staff({"Name": "Jo"}).uuid
    with pytest.raises(InvalidIdentifier, match="Invalid staff identifier for add-partner request"):
        xpm.assign(job.number, [("add-manager", jo, None), ("add-partner", "nobody", None)])
    assert job.manager_uuid is None and job.partner_uuid is None


def test_append_existing_reuses_a_task_type(xpm: XpmBackend) -> None:
    template = xpm.add_named("templates", "Tax", ("Prepare", "Lodge"))
    job = xpm.add_job(xpm.add_client({"Name": "C"}).uuid, "J", template_uuid=template.uuid)
    xpm.apply_template(job.number, template.uuid, "AppendExisting")
    assert [t.name for t in job.tasks] == ["Prepare", "Lodge"]
    xpm.apply_template(job.number, template.uuid, "AddNew")
    assert [t.name for t in job.tasks] == ["Prepare", "Lodge", "Prepare", "Lodge"]
    with pytest.raises(XpmBadInput):
        xpm.apply_template(job.number, template.uuid, "Merge")


def test_time_indexes_follow_updates_and_the_lock_guards_them(xpm: XpmBackend) -> None:
    template = xpm.add_named("templates", "Tax", ("Prepare",))
    client = xpm.add_client({"Name": "C"}).uuid
    first, second = (xpm.add_job(client, n, template_uuid=template.uuid) for n in ("A", "B"))
    jo, al = xpm.add_staff({"Name": "Jo"}).uuid, xpm.add_staff({"Name": "Al"}).uuid
    entry = xpm.add_time({"job": first.number, "task_uuid": first.tasks[0].uuid, "staff_uuid": jo,
                          "date": date(2026, 11, 12), "minutes": 45})
    xpm.update_time(entry.uuid, {"job": second.number, "task_uuid": second.tasks[0].uuid, "staff_uuid": al})
    assert xpm.job_times(first.number) == [] and [e.uuid for e in xpm.job_times(second.number)] == [entry.uuid]
    assert [e.uuid for e in xpm.staff_times(al, date(2026, 11, 1), date(2026, 11, 30))] == [entry.uuid]
    with pytest.raises(InvalidIdentifier, match="Invalid task identifier"):
        xpm.update_time(entry.uuid, {"task_uuid": first.tasks[0].uuid})   # a task of another job
    xpm.set_wip_lock(date(2026, 11, 12))
    with pytest.raises(WipLocked):
        xpm.delete_time(entry.uuid)
    xpm.set_wip_lock(None)
    xpm.delete_time(entry.uuid)
    assert xpm.job_times(second.number) == [] and xpm.times == {}
