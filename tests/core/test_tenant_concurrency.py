"""Reads that don't queue (issue 14): through the real request pipeline, two GETs on one tenant run
their handlers at the same time while a write waits for both, and a write keeps reads out.
Deterministic: each handler parks on an Event the test releases, and the test knows a request is
queued from the lock's own state (``RWLock.watch``), never from a sleep."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from connsim.simulator.inprocess import WireResult, call_app, mock_remotes

pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
WAIT = 10.0  # a safety net against a hang, never a measurement
API = "https://api.xero.com/api.xro/2.0"


@dataclass
class Org:
    sim: Any
    tenant: Any
    headers: dict[str, str]
    invoice_id: str
    contact_id: str


@pytest.fixture
def org() -> Iterator[Org]:
    with mock_remotes() as sim:
        made = sim.control.create_tenant("xero-org", "Lock Org", populate=True)
        token = sim.control.issue_tokens("xero", [made["id"]], scopes=["accounting.transactions"])
        headers = {"Authorization": f"Bearer {token['access_token']}", "xero-tenant-id": made["id"],
                   "Accept": "application/json", "Content-Type": "application/json"}
        listed = call_app(sim.app, "GET", f"{API}/Invoices", headers, None)
        first = json.loads(listed.body)["Invoices"][0]
        yield Org(sim, sim.state.tenants.get(made["id"]), headers, first["InvoiceID"], first["Contact"]["ContactID"])


class ParkedHandlers:
    """Wraps a view so each call announces itself (``arrived``) and waits for the test to let it go."""

    def __init__(self, app: Any, endpoint: str) -> None:
        self.arrived: queue.Queue[threading.Event] = queue.Queue()
        view = app.view_functions[endpoint]

        def parked(*args: Any, **kwargs: Any) -> Any:
            go = threading.Event()
            self.arrived.put(go)
            assert go.wait(WAIT), "the test never released this handler"
            return view(*args, **kwargs)

        app.view_functions[endpoint] = parked

    def next(self) -> threading.Event:
        return self.arrived.get(timeout=WAIT)


def park(org: Org, method: str, path: str) -> ParkedHandlers:
    endpoint, _ = org.sim.app.url_map.bind("api.xero.com").match(f"/api.xro/2.0{path}", method)
    return ParkedHandlers(org.sim.app, endpoint)


def send(org: Org, method: str, path: str, body: bytes | None = None) -> Callable[[], WireResult]:
    """Start a request in its own thread; the returned function joins it and gives its result."""
    result: list[WireResult] = []
    thread = threading.Thread(target=lambda: result.append(call_app(org.sim.app, method, API + path, org.headers,
                                                                     body)), daemon=True)
    thread.start()

    def done() -> WireResult:
        thread.join(WAIT)
        assert result, f"{method} {path} did not finish"
        return result[0]
    return done


def new_invoice(org: Org) -> bytes:
    return (b'{"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": "%s"}, "Status": "DRAFT", '
            b'"LineItems": [{"Description": "x", "Quantity": 1, "UnitAmount": 5}]}]}' % org.contact_id.encode())


def test_two_gets_run_together_and_a_write_waits_for_both(org: Org) -> None:
    gets = park(org, "GET", f"/Invoices/{org.invoice_id}")
    puts = park(org, "PUT", "/Invoices")
    lock = org.tenant.lock
    first, second = send(org, "GET", f"/Invoices/{org.invoice_id}"), send(org, "GET", f"/Invoices/{org.invoice_id}")
    release_first, release_second = gets.next(), gets.next()  # both handlers entered: neither queued
    assert lock.readers == 2
    write = send(org, "PUT", "/Invoices", new_invoice(org))
    assert lock.watch(lambda lk: lk.writers_waiting == 1, WAIT)
    release_first.set()
    assert first().status == 200
    assert lock.watch(lambda lk: lk.readers == 1, WAIT)
    assert puts.arrived.empty() and lock.writers_waiting == 1  # one read still running: the write waits
    release_second.set()
    assert second().status == 200
    puts.next().set()
    assert write().status == 200
    assert lock.readers == 0 and not lock.writing


def test_a_write_keeps_reads_out_until_it_is_done(org: Org) -> None:
    gets = park(org, "GET", "/Invoices")
    puts = park(org, "PUT", "/Invoices")
    lock = org.tenant.lock
    write = send(org, "PUT", "/Invoices", new_invoice(org))
    release_write = puts.next()
    read = send(org, "GET", "/Invoices?where=Status%3D%3D%22DRAFT%22")
    assert lock.watch(lambda lk: lk.readers_waiting == 1, WAIT)
    assert gets.arrived.empty() and lock.readers == 0
    release_write.set()
    created = write()
    assert created.status == 200
    gets.next().set()
    answer = read()
    assert answer.status == 200
    new_id = json.loads(created.body)["Invoices"][0]["InvoiceID"]
    assert new_id.encode() in answer.body  # the read ran after the write, and saw it


def test_other_tenants_do_not_wait_for_a_write(org: Org) -> None:
    other = org.sim.control.create_tenant("xero-org", "Other Org", populate=True)
    token = org.sim.control.issue_tokens("xero", [other["id"]], scopes=["accounting.transactions"])
    puts = park(org, "PUT", "/Invoices")
    write = send(org, "PUT", "/Invoices", new_invoice(org))
    release = puts.next()
    headers = {**org.headers, "Authorization": f"Bearer {token['access_token']}", "xero-tenant-id": other["id"]}
    assert call_app(org.sim.app, "GET", f"{API}/Invoices", headers, None).status == 200  # not blocked
    release.set()
    assert write().status == 200
