"""Practices never mix: a token for practice A cannot read practice B (the gateway's 403), and
each practice numbers its own jobs from J000001."""

from __future__ import annotations

from typing import Any

from xpm_http_client import Xpm, open_practice


def test_two_practices_are_isolated(connsim_remote: Any) -> None:
    a, b = open_practice(connsim_remote, "Practice A"), open_practice(connsim_remote, "Practice B")
    job_a = a.api.add_job(a.api.add_client("Client of A"), "A job")
    job_b = b.api.add_job(b.api.add_client("Client of B"), "B job")
    assert job_a.findtext("ID") == job_b.findtext("ID") == "J000001"
    assert job_a.findtext("UUID") != job_b.findtext("UUID")
    assert a.api.call("GET", "job.api/get/J000001").find("Job").findtext("Name") == "A job"
    assert b.api.call("GET", "job.api/get/J000001").find("Job").findtext("Name") == "B job"
    names_b = [c.findtext("Name") for c in b.api.call("GET", "client.api/list").root.iter("Client")]
    assert names_b == ["Client of B"]
    token_a = a.api.session.headers["Authorization"].split()[1]
    a_reading_b = Xpm(connsim_remote.endpoints.xero_api, token_a, b.id)
    denied = a_reading_b.call("GET", "job.api/get/J000001")
    assert denied.status == 403 and denied.root is None
    assert a_reading_b.session.get(f"{a_reading_b.base}/client.api/list").json()["Detail"] == "AuthenticationUnsuccessful"
    a.action("wip-lock", {"date": "2026-12-31"})
    assert b.api.add_cost("J000001", date="20261115").ok
    assert not a.api.add_cost("J000001", date="20261115").ok


def test_missing_tenant_header_is_403(connsim_remote: Any) -> None:
    a = open_practice(connsim_remote)
    del a.api.session.headers["Xero-Tenant-Id"]
    assert a.api.call("GET", "client.api/list").status == 403
