"""A client's own retry logic runs against the simulator in both modes (as responses honours
urllib3's Retry for requests users): urllib3 retries a 503 and a connection reset on a GET and
then gets the real answer; without retries it sees the fault."""

from __future__ import annotations

import pytest
import urllib3

from connsim.simulator.pytest_plugin import RemoteSim


def organisation(remote: RemoteSim, retries: urllib3.Retry | int) -> urllib3.BaseHTTPResponse:
    org = remote.control.create_tenant("xero-org", "Retry Org")["id"]
    token = remote.control.issue_tokens("xero", [org], scopes=["accounting.settings"])["access_token"]
    pool = urllib3.PoolManager()
    return pool.request("GET", remote.endpoints.xero_api + "/api.xro/2.0/Organisation", retries=retries,
                        headers={"Authorization": f"Bearer {token}", "xero-tenant-id": org,
                                 "Accept": "application/json"})


def test_urllib3_retries_a_503_then_succeeds(connsim_remote: RemoteSim) -> None:
    connsim_remote.control.add_fault(api="xero", path="/Organisation", action="status", status=503, times=2)
    response = organisation(connsim_remote, urllib3.Retry(total=3, status_forcelist=[503], backoff_factor=0))
    assert response.status == 200 and b"Organisations" in response.data
    hits = connsim_remote.control.journal(api="xero", path="/Organisation")
    assert [e["status"] for e in hits] == [503, 503, 200]


def test_urllib3_retries_a_reset_connection(connsim_remote: RemoteSim) -> None:
    connsim_remote.control.add_fault(api="xero", path="/Organisation", action="reset", times=1)
    response = organisation(connsim_remote, urllib3.Retry(total=2, backoff_factor=0))
    assert response.status == 200


def test_without_retries_the_reset_reaches_the_caller(connsim_remote: RemoteSim) -> None:
    connsim_remote.control.add_fault(api="xero", path="/Organisation", action="reset", times=1)
    with pytest.raises((urllib3.exceptions.ProtocolError, urllib3.exceptions.MaxRetryError)):
        organisation(connsim_remote, urllib3.Retry(total=0, backoff_factor=0))
