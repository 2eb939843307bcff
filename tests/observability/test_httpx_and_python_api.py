"""A connector on httpx (sync and async) reaches the simulator in both modes, with connection
faults as httpx's own errors; mock_remotes() hands out .control, .journal and .verify, and as a
decorator passes itself to the function."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from connsim.simulator.inprocess import InProcessSimulator, mock_remotes
from connsim.simulator.pytest_plugin import RemoteSim


def qbo_realm(remote: RemoteSim) -> tuple[str, dict[str, str]]:
    realm = remote.control.create_tenant("qbo-realm", "Httpx Books", populate=True)["id"]
    token = remote.control.issue_tokens("intuit", [realm], scopes=["com.intuit.quickbooks.accounting"])
    return realm, {"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"}


def test_httpx_sync_client(connsim_remote: RemoteSim) -> None:
    realm, headers = qbo_realm(connsim_remote)
    url = f"{connsim_remote.endpoints.qbo_api}/v3/company/{realm}/invoice/1"
    with httpx.Client(headers=headers, timeout=30) as client:
        answer = client.get(url)
        assert answer.status_code == 200 and answer.json()["Invoice"]["Id"] == "1" and answer.headers["intuit_tid"]
        rule = connsim_remote.control.add_fault(api="qbo", action="reset", times=1)["id"]
        with pytest.raises(httpx.TransportError):
            client.get(url)
        assert client.get(url).status_code == 200
    # the reset request reached the remote too: the journal keeps it, with the fault that ended it
    assert [e["fault"] for e in connsim_remote.verify(api="qbo", method="GET", path="/invoice/1", times=3)] == [
        None, f"reset#{rule}", None]


def test_httpx_async_client(connsim_remote: RemoteSim) -> None:
    realm, headers = qbo_realm(connsim_remote)
    base = f"{connsim_remote.endpoints.qbo_api}/v3/company/{realm}"
    body = {"CustomerRef": {"value": "1"},
            "Line": [{"Amount": 120.0, "DetailType": "SalesItemLineDetail",
                      "SalesItemLineDetail": {"ItemRef": {"value": "1"}}}]}

    async def run() -> tuple[httpx.Response, httpx.Response]:
        async with httpx.AsyncClient(headers=headers, timeout=30) as client:
            return await asyncio.gather(client.post(f"{base}/invoice", json=body), client.get(f"{base}/invoice/2"))

    created, fetched = asyncio.run(run())
    assert created.status_code == 200, created.text
    assert created.json()["Invoice"]["TotalAmt"] == 120.0 and fetched.json()["Invoice"]["Id"] == "2"
    [entry] = connsim_remote.verify(api="qbo", method="POST", json={"CustomerRef": {"value": "1"}})
    assert entry["tenant"] == realm


def test_httpx_to_other_hosts_is_not_intercepted() -> None:
    with mock_remotes():
        transport = httpx.MockTransport(lambda request: httpx.Response(204))
        with httpx.Client(transport=transport) as client:  # a transport of the caller's own is left alone
            assert client.get("https://api.xero.com/connections").status_code == 204
        with pytest.raises(httpx.ConnectError):  # a real host the simulator does not serve: real network
            httpx.get("http://127.0.0.1:9/", timeout=2)


def test_mock_remotes_gives_control_journal_and_verify() -> None:
    with mock_remotes() as sim:
        org = sim.control.create_tenant("xero-org", "Org")["id"]
        token = sim.control.issue_tokens("xero", [org])["access_token"]
        httpx.get("https://api.xero.com/connections", headers={"Authorization": f"Bearer {token}"})
        [entry] = sim.verify(api="xero-connections", method="GET")
        assert entry["status"] == 200 and sim.journal.count(api="xero-connections") == 1


@mock_remotes()
def decorated(greeting: str, sim: InProcessSimulator) -> tuple[str, Any]:
    return greeting, sim.control.create_tenant("aps-firm", "Firm")["kind"]


def test_decorator_passes_the_simulator_last() -> None:
    assert decorated("hello") == ("hello", "aps-firm")


@mock_remotes()
def test_decorated_pytest_function_receives_it(tmp_path: Any, sim: InProcessSimulator) -> None:
    assert tmp_path.exists() and sim.control.clock()["frozen"] is False
    assert sim.journal.entries() == []
