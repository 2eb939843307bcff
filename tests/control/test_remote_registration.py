"""A remote kept outside connsim (tests/support/connsim_echo_remote.py) declares its own real host,
tenant kind and identity provider; the core serves all three with no central list edited."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests

from connsim.simulator.app import api_packages, create_app
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import Endpoints
from connsim_echo_fixtures import MODULE, EchoSim
from connsim_echo_remote import ECHO_HOST


def test_the_echo_remote_gets_its_host_kind_and_provider_from_its_own_module() -> None:
    plain, with_echo = create_app(SimConfig()), create_app(SimConfig(remote_modules=(MODULE,)))
    state, before = with_echo.extensions["connsim"], plain.extensions["connsim"]
    assert "echo-tenant" in state.tenants.kinds and "echo-tenant" not in before.tenants.kinds
    assert "echo" in state.providers and "echo" not in before.providers
    assert state.tenant_kinds_of("echo") == ["echo-tenant"]
    assert Endpoints.real_hosts(state.remotes).echo_api == f"https://{ECHO_HOST}"
    assert Endpoints.single_base("http://127.0.0.1:9", state.remotes).echo_api == "http://127.0.0.1:9"
    # the built-in remotes are found the same way: every package with a remote.py
    assert api_packages() == ["aps", "identity", "intuit", "qbo", "xero", "xpm"]


def test_echo_tenants_and_tokens_work_end_to_end(echo_sim: EchoSim) -> None:
    tenant = echo_sim.control.create_tenant("echo-tenant", "Echo")
    assert tenant["id"].startswith("echo-")  # the kind's own id shape
    if echo_sim.mode == "inprocess":
        assert echo_sim.api == f"https://{ECHO_HOST}"  # its real host is intercepted
    assert requests.post(echo_sim.items_url(tenant["id"]), json={"n": 1}, timeout=10).status_code == 201
    private = echo_sim.items_url(tenant["id"], private=True)
    assert requests.get(private, timeout=10).status_code == 401  # the echo provider's bearer token is needed
    tokens = echo_sim.control.issue_tokens("echo", [tenant["id"]])
    answer = requests.get(private, headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10)
    assert answer.status_code == 200 and answer.json() == {"items": [{"n": 1}]}
    other = echo_sim.control.create_tenant("echo-tenant", "Other echo")
    denied = requests.get(echo_sim.items_url(other["id"], private=True),
                          headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10)
    assert denied.status_code == 403  # a token opens only the tenants its grant connected
    assert echo_sim.control.call("GET", "/oauth/echo")["clients"] == ["echo-client"]


def test_the_echo_provider_runs_the_whole_code_flow_with_the_cores_oauth(echo_sim: EchoSim) -> None:
    tenant = echo_sim.control.create_tenant("echo-tenant", "Echo")["id"]
    callback = "https://app.test/callback?from=echo"
    answer = requests.get(f"{echo_sim.api}/echo-oauth/authorize", allow_redirects=False, timeout=10, params={
        "client_id": "echo-client", "redirect_uri": callback, "response_type": "code", "scope": "items",
        "state": "s-1"})
    assert answer.status_code == 302
    back = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert back["from"] == ["echo"] and back["state"] == ["s-1"]  # the app's own query is kept
    # percent-encoded Basic credentials (RFC 6749 §2.3.1) are decoded, as on every provider
    tokens = requests.post(f"{echo_sim.api}/echo-oauth/token", auth=("echo%2Dclient", "echo-secret"), timeout=10,
                           data={"grant_type": "authorization_code", "code": back["code"][0],
                                 "redirect_uri": callback})
    assert tokens.status_code == 200 and tokens.headers["Cache-Control"] == "no-store"
    items = requests.get(echo_sim.items_url(tenant, private=True), timeout=10,
                         headers={"Authorization": f"Bearer {tokens.json()['access_token']}"})
    assert items.status_code == 200
    wrong = requests.post(f"{echo_sim.api}/echo-oauth/token", auth=("echo-client", "nope"), timeout=10,
                          data={"grant_type": "refresh_token", "refresh_token": "x"})
    assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"] == "Basic"
    assert wrong.json()["error"] == "invalid_client"
