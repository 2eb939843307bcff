"""The control client's direct route (in process: the app itself, no `requests`) sends what `requests`
would send and answers what the HTTP route answers."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from connsim.simulator.client import ControlClient, ControlError
from connsim.simulator.config import SimConfig
from connsim.simulator.inprocess import mock_remotes


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict[str, str], bytes | None]] = []

    def __call__(self, method: str, url: str, headers: dict[str, str], body: bytes | None) -> tuple[int, bytes]:
        self.sent.append((method, url, headers, body))
        return 200, b'{"ok": true}'


@pytest.mark.parametrize(("method", "payload", "params"), [
    ("GET", None, {"api": "xero", "method": "PUT", "limit": 5}),
    ("POST", {"advance_seconds": 1.5, "names": ["a", "é"], "nested": {"x": None}}, {}),
    ("PATCH", {"rate_limits": {"minute": 60}}, {"ids": ["a", "b"], "skipped": None}),
])
def test_the_direct_route_sends_what_requests_would(method: str, payload: Any, params: dict[str, Any]) -> None:
    recorder = Recorder()
    client = ControlClient("http://connsim.local/", admin_token="s3cret", transport=recorder)
    assert client.call(method, "/clock", payload, **params) == {"ok": True}
    [(sent_method, url, headers, body)] = recorder.sent
    prepared = requests.Request(method, "http://connsim.local/_connsim/clock", json=payload,
                                params={k: v for k, v in params.items() if v is not None}).prepare()
    assert (sent_method, url) == (prepared.method, prepared.url)
    assert body == prepared.body
    assert headers["X-Connsim-Admin"] == "s3cret"
    assert headers.get("Content-Type") == prepared.headers.get("Content-Type")


def test_both_routes_answer_alike_and_the_direct_one_needs_no_interception() -> None:
    sim = mock_remotes()
    tenant = sim.control.create_tenant("xero-org", "Direct")["id"]  # not entered: no interception needed
    with sim:
        over_http = ControlClient(sim.endpoints.control)
        assert over_http.transport is None
        assert sim.control.call("GET", "/tenants") == over_http.call("GET", "/tenants")
        assert sim.control.tenant_state(tenant) == over_http.tenant_state(tenant)
        errors = []
        for client in (sim.control, over_http):
            with pytest.raises(ControlError) as caught:
                client.tenant_state("no-such-tenant")
            errors.append((caught.value.status, caught.value.body))
        assert errors[0] == errors[1]
        assert errors[0][0] == 404


def test_the_direct_route_carries_the_admin_credential() -> None:
    sim = mock_remotes(SimConfig(admin_token="admin-secret"))
    assert sim.control.call("GET", "/tenants") == {"tenants": []}
    stranger = ControlClient(sim.endpoints.control, transport=sim.call_control)
    with pytest.raises(ControlError) as caught:
        stranger.call("GET", "/tenants")
    assert caught.value.status == 401
