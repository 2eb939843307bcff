"""XPM's job and client lists answered from the practice's indexes equal a scan of every job and
client (issue 14): random jobs, state changes, assignments, deletions, archived and deleted clients
on a moving clock, then every list endpoint's question."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.errors import SimError
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.xpm.model import XpmBackend


def _practice() -> XpmBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2026, 11, 20, 9, tzinfo=UTC)))
    registry.register_backend("xpm-practice", XpmBackend)
    books: XpmBackend = registry.create("xpm-practice", "P", seed=1).backend
    for name in ("Ann", "Bo", "Cy"):
        books.add_staff({"Name": name})
    return books


def _act(xpm: XpmBackend, action: str, n: int) -> None:
    clients = list(dict.keys(xpm.clients))
    jobs = [j for j in xpm.jobs.values() if not j.deleted]
    staff = list(xpm.staff)
    job = jobs[n % len(jobs)] if jobs else None
    if action == "client":
        xpm.add_client({"Name": f"Client {n}"})
    elif action == "job" and clients:
        xpm.add_job(clients[n % len(clients)], f"Job {n}")
    elif action == "state" and job is not None:
        xpm.set_job_state(job.number, list(xpm.states)[n % len(xpm.states)])
    elif action == "assign" and job is not None and staff:
        verb = ["add", "remove", "add-manager", "add-partner", "remove-manager"][n % 5]
        xpm.assign(job.number, [(verb, staff[n % len(staff)], None)])
    elif action == "delete" and job is not None:
        xpm.delete_job(job.number)
    elif action == "archive" and clients:
        xpm.archive_client(clients[n % len(clients)])
    elif action == "forget" and clients:
        xpm.delete_client(clients[n % len(clients)])
    elif action == "tick":
        xpm.tenant.clock.advance(86_400 * (n % 3))


def _brute(xpm: XpmBackend, question: str, key: Any) -> list[str]:
    live = [j for j in xpm.jobs.values() if not j.deleted]
    current = [j for j in live if not xpm.states[j.state_code].completed]
    if question == "current":
        return [j.number for j in current]
    if question == "client":
        return [j.number for j in live if j.client_uuid == key]
    if question == "staff":
        return [j.number for j in current if key in j.assigned or key in (j.manager_uuid, j.partner_uuid)]
    return [j.number for j in live if key[0] <= j.created_at.date() <= key[1]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["client", "job", "job", "job", "state", "assign", "delete", "archive",
                                           "forget", "tick"]), st.integers(0, 30)), max_size=25),
       st.integers(0, 30), st.integers(1, 5))
def test_job_and_client_lists_equal_the_scan(script: list[tuple[str, int]], k: int, size: int) -> None:
    xpm = _practice()
    for action, n in script:
        with contextlib.suppress(SimError):
            _act(xpm, action, n)
    assert xpm.job_index == xpm.job_index.rebuilt(j for j in xpm.jobs.values() if not j.deleted)
    assert [j.number for j in xpm.current_jobs()] == _brute(xpm, "current", None)
    clients, staff = list(xpm.clients.values()), list(xpm.staff)
    live = [c for c in clients if not c.deleted]
    if live:
        client = live[k % len(live)].uuid
        assert [j.number for j in xpm.client_jobs(client)] == _brute(xpm, "client", client)
    if staff:
        member = staff[k % len(staff)]
        assert [j.number for j in xpm.staff_jobs(member)] == _brute(xpm, "staff", member)
    days = (date(2026, 11, 20 + k % 3), date(2026, 11, 21 + k % 7))
    if days[0] <= days[1]:
        assert [j.number for j in xpm.list_jobs(*days)] == _brute(xpm, "list", days)
    listed = [c.uuid for c in clients if not c.deleted and not c.archived]
    token, pages = None, []
    while True:
        page, token = xpm.paged_clients(token, size)
        pages += [c.uuid for c in page]
        if token is None:
            break
    assert pages == listed
