"""Fault actions and request gates end to end, through `requests`, in process and against
`connsim serve` (the test-only echo remote goes through every gate)."""

from __future__ import annotations

import pytest
import requests

from connsim_echo_fixtures import EchoSim


@pytest.fixture
def tenant(echo_sim: EchoSim) -> str:
    echo_sim.control.create_tenant("echo-tenant", "Echo firm", tenant_id="firm-1")
    return "firm-1"


def assert_server_quiet(sim: EchoSim) -> None:
    """gunicorn logged no traceback for the broken sockets (and never complained about the WSGI contract)."""
    if sim.server is None:
        return
    requests.get(sim.base + "/_connsim/health", timeout=10).raise_for_status()  # still serving
    text = "\n".join(sim.server.errors)
    assert "Traceback" not in text and "start_response" not in text and "Error handling request" not in text


def test_reset_raises_connection_error_and_the_handler_never_runs(echo_sim: EchoSim, tenant: str) -> None:
    rule = echo_sim.control.add_fault(action="reset", api="echo", method="POST")
    with pytest.raises(requests.exceptions.ConnectionError):
        echo_sim.post(tenant, {"n": 1})
    assert echo_sim.items(tenant) == []
    entry = echo_sim.control.journal(api="echo")[-1]
    assert entry["fault"] == f"reset#{rule['id']}"
    ok = echo_sim.post(tenant, {"n": 2})  # once: the next request goes through
    assert ok.status_code == 201 and ok.json()["count"] == 1
    assert_server_quiet(echo_sim)


def test_drop_commits_then_loses_the_response(echo_sim: EchoSim, tenant: str) -> None:
    rule = echo_sim.control.add_fault(action="drop", path="/items", tenant=tenant)
    with pytest.raises(requests.exceptions.ConnectionError):
        echo_sim.post(tenant, {"n": 1})
    assert echo_sim.items(tenant) == [{"n": 1}]  # the remote committed
    entry = echo_sim.control.journal(tenant=tenant, method="POST")[-1]
    assert entry["status"] == 201 and entry["fault"] == f"drop#{rule['id']}"
    assert echo_sim.control.faults()[0]["fired"] == 1
    assert_server_quiet(echo_sim)


def test_drop_then_retry_with_idempotency_key_replays_without_second_commit(echo_sim: EchoSim, tenant: str) -> None:
    echo_sim.control.add_fault(action="drop", api="echo")
    headers = {"Idempotency-Key": "k-1"}
    with pytest.raises(requests.exceptions.ConnectionError):
        echo_sim.post(tenant, {"n": 1}, headers=headers)
    retry = echo_sim.post(tenant, {"n": 1}, headers=headers)
    assert retry.status_code == 201 and retry.json() == {"count": 1, "item": {"n": 1}}
    assert echo_sim.items(tenant) == [{"n": 1}]
    assert echo_sim.control.journal(api="echo")[-1]["note"] == {"replayed": True}


def test_status_answers_in_the_apis_format_and_handler_does_not_run(echo_sim: EchoSim, tenant: str) -> None:
    echo_sim.control.add_fault(action="status", status=503, times=2, message="maintenance")
    answers = [echo_sim.post(tenant, {"n": n}) for n in range(3)]
    assert [r.status_code for r in answers] == [503, 503, 201]
    assert answers[0].json() == {"error": "InjectedFault", "message": "maintenance"}
    assert echo_sim.items(tenant) == [{"n": 2}]


def test_latency_fault_still_answers(echo_sim: EchoSim, tenant: str) -> None:
    echo_sim.control.add_fault(action="latency", latency_ms=20)
    assert echo_sim.post(tenant, {"n": 1}).status_code == 201
    assert echo_sim.control.journal(api="echo")[-1]["fault"].startswith("latency#")


def test_seeded_probability_replays_the_same_failures(echo_sim: EchoSim, tenant: str) -> None:
    def run() -> list[int]:
        echo_sim.control.reset()
        echo_sim.control.create_tenant("echo-tenant", "Echo firm", tenant_id=tenant)
        echo_sim.control.add_fault(action="status", status=500, probability=0.5, seed=42, times=None)
        return [requests.get(echo_sim.items_url(tenant), timeout=10).status_code for _ in range(16)]

    first, second = run(), run()
    assert first == second and {200, 500} == set(first)


def test_rate_limit_429_with_retry_after_then_clock_moves(echo_sim: EchoSim, tenant: str) -> None:
    echo_sim.control.freeze("2025-01-01T00:00:15Z")
    echo_sim.control.tenant_settings(tenant, rate_limits={"minute": 2})
    answers = [echo_sim.post(tenant, {"n": n}) for n in range(3)]
    assert [r.status_code for r in answers] == [201, 201, 429]
    assert answers[1].headers["X-MinLimit-Remaining"] == "0"
    assert answers[2].headers["Retry-After"] == "45" and answers[2].headers["X-Rate-Limit-Problem"] == "minute"
    echo_sim.control.advance(45)
    assert echo_sim.post(tenant, {"n": 9}).status_code == 201
    assert len(echo_sim.items(tenant)) == 3


def test_idempotency_replay_conflict_and_window(echo_sim: EchoSim, tenant: str) -> None:
    echo_sim.control.freeze()
    headers = {"Idempotency-Key": "abc"}
    first = echo_sim.post(tenant, {"n": 1}, headers=headers)
    again = echo_sim.post(tenant, {"n": 1}, headers=headers)
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    other = echo_sim.post(tenant, {"n": 2}, headers=headers)
    assert other.status_code == 400 and other.json()["error"] == "IdempotencyKeyReused"
    assert echo_sim.post(tenant, {"n": 1}, headers={"Idempotency-Key": "x" * 129}).status_code == 400
    echo_sim.control.advance(6 * 60)
    assert echo_sim.post(tenant, {"n": 2}, headers=headers).json()["count"] == 2


def test_unknown_tenant_and_bad_body_are_4xx(echo_sim: EchoSim, tenant: str) -> None:
    assert echo_sim.post("nobody", {"n": 1}).status_code == 404
    bad = requests.post(echo_sim.items_url(tenant), data=b"{not json", timeout=10,
                        headers={"Content-Type": "application/json"})
    assert bad.status_code == 400 and bad.json()["error"] == "MalformedInput"
    for size in (1024 * 1024 + 1, 4 * 1024 * 1024):  # beyond what gunicorn drains by itself
        big = requests.post(echo_sim.items_url(tenant), data=b"x" * size, timeout=10)
        assert big.status_code == 413 and big.json()["error"] == "PayloadTooLarge"
    control_big = requests.post(echo_sim.base + "/_connsim/tenants", data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                                headers={"Content-Type": "application/json"}, timeout=10)
    assert control_big.status_code == 413 and control_big.json()["error"] == "PayloadTooLarge"
    assert echo_sim.post(tenant, {"n": 1}).status_code == 201  # the server still serves


def test_faults_and_journal_share_one_vocabulary_over_http(echo_sim: EchoSim, tenant: str) -> None:
    """A rule matching headers and JSON body fires only on that request; the journal finds by query."""
    rule = echo_sim.control.add_fault(status=503, headers={"X-Batch": "b-2"}, json={"n": 2}, times=None)
    assert rule["headers"] == {"X-Batch": "b-2"} and rule["json"] == {"n": 2}
    assert echo_sim.post(tenant, {"n": 2}, headers={"X-Batch": "b-1"}).status_code == 201
    assert echo_sim.post(tenant, {"n": 1}, headers={"X-Batch": "b-2"}).status_code == 201
    assert echo_sim.post(tenant, {"n": 2}, headers={"x-batch": "b-2"}).status_code == 503
    assert echo_sim.items(tenant) == [{"n": 2}, {"n": 1}]
    requests.get(echo_sim.items_url(tenant) + "?page=2&order=n", timeout=10)
    found = echo_sim.control.journal(**{"query.page": "2", "path_regex": r"^/echo/[^/]+/items$"})
    assert [(e["method"], e["query"]) for e in found] == [("GET", "page=2&order=n")]
    assert echo_sim.control.journal(**{"query.page": "3"}) == []
