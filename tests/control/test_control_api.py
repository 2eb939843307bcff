"""The generic control API through HTTP, in process and against `connsim serve`."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from connsim.simulator.client import ControlError
from connsim.simulator.pytest_plugin import RemoteSim


def raw(sim: RemoteSim, method: str, path: str, **kw: Any) -> requests.Response:
    return requests.request(method, sim.control.base + path, timeout=10, **kw)


def test_health_and_reset(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    health = control.call("GET", "/health")
    assert health["status"] == "ok" and "xero" in health["apis"]
    control.create_tenant("xero-org", "Demo")
    control.add_fault(action="status")
    control.freeze("2030-01-01T00:00:00Z")
    control.reset()
    assert control.call("GET", "/tenants")["tenants"] == []
    assert control.faults() == []
    assert control.clock()["frozen"] is False  # the clock is back to its configured state


def test_seed_same_value_same_world(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    control.freeze("2025-06-01T00:00:00Z")

    def world(seed: int) -> dict[str, Any]:
        control.reset()
        control.freeze("2025-06-01T00:00:00Z")
        kinds = {"xero-org": 2, "qbo-realm": 1, "xpm-practice": 1, "aps-firm": 1}
        created = control.seed(seed, kinds)
        assert sorted(t["kind"] for t in created) == ["aps-firm", "qbo-realm", "xero-org", "xero-org",
                                                      "xpm-practice"]
        state = control.call("GET", "/state")
        # every tenant and its whole domain state, IDs included: same seed, same world
        return {"tenants": [t["tenant"] for t in state["tenants"]], "clock": state["clock"],
                "state": [t["state"] for t in state["tenants"]]}

    first, again, other = world(7), world(7), world(8)
    assert first == again
    assert all(first["state"]), "every seeded tenant has domain state"
    assert first["state"] != other["state"]
    assert [t["id"] for t in first["tenants"]] != [t["id"] for t in other["tenants"]]
    assert [t["name"] for t in first["tenants"]] != [t["name"] for t in other["tenants"]]
    # seeding the same world twice does not duplicate it
    control.seed(8, {"xero-org": 2, "qbo-realm": 1, "xpm-practice": 1, "aps-firm": 1})
    assert [t["tenant"] for t in control.call("GET", "/state")["tenants"]] == other["tenants"]


def test_seed_rejects_bad_input(connsim_remote: RemoteSim) -> None:
    for body in ({"seed": "x"}, {"kinds": ["xero-org"]}, {"kinds": {"xero-org": -1}}, {"kinds": {"nope": 1}}):
        with pytest.raises(ControlError) as err:
            connsim_remote.control.call("POST", "/seed", body)
        assert err.value.status in (400, 404) and "error" in err.value.body


def test_tenants_crud_and_settings(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    created = control.create_tenant("xero-org", "Demo Org", tenant_id="org-1", settings={"a": 1})
    assert created == {**created, "id": "org-1", "kind": "xero-org", "name": "Demo Org", "settings": {"a": 1}}
    control.create_tenant("qbo-realm", "Realm")
    assert [t["id"] for t in control.call("GET", "/tenants", kind="xero-org")["tenants"]] == ["org-1"]
    assert control.call("GET", "/tenants/org-1")["name"] == "Demo Org"
    patched = control.tenant_settings("org-1", b=2, rate_limits={"minute": 5})
    assert patched["settings"] == {"a": 1, "b": 2, "rate_limits": {"minute": 5}}
    assert control.call("GET", "/tenants/org-1/state")["tenant"]["settings"]["b"] == 2
    with pytest.raises(ControlError) as err:
        control.create_tenant("qbo-realm", "Clash", tenant_id="org-1")
    assert err.value.status == 409
    control.call("DELETE", "/tenants/org-1")
    for method, path in (("GET", "/tenants/org-1"), ("DELETE", "/tenants/org-1"), ("PATCH", "/tenants/org-1/settings")):
        with pytest.raises(ControlError) as err:
            control.call(method, path, {})
        assert err.value.status == 404 and err.value.body["error"] == "NotFound"


@pytest.mark.parametrize("body", [{"name": "no kind"}, {"kind": "martian"}, {"kind": "xero-org", "seed": "one"},
                                  {"kind": "xero-org", "settings": [1]}, {"kind": 5}])
def test_create_tenant_bad_input_is_4xx_json(connsim_remote: RemoteSim, body: dict[str, Any]) -> None:
    response = raw(connsim_remote, "POST", "/tenants", json=body)
    assert response.status_code in (400, 404) and response.json()["error"]


def test_malformed_json_and_unknown_routes(connsim_remote: RemoteSim) -> None:
    bad = raw(connsim_remote, "POST", "/faults", data=b"{nope", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400 and bad.json()["error"] == "MalformedInput"
    assert raw(connsim_remote, "POST", "/faults", json=[1]).status_code == 400
    missing = raw(connsim_remote, "GET", "/no/such/route")
    assert missing.status_code == 404 and missing.json()["error"] == "NotFound"
    wrong_method = raw(connsim_remote, "PUT", "/reset")
    assert wrong_method.status_code == 405 and "error" in wrong_method.json()


def test_clock_moves(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    assert control.freeze("2025-01-01T00:00:00Z") == {"now": "2025-01-01T00:00:00+00:00", "frozen": True}
    assert control.advance(90)["now"] == "2025-01-01T00:01:30+00:00"
    assert control.call("POST", "/clock", {"set": "2025-02-01T10:00:00+10:00"})["now"] == "2025-02-01T00:00:00+00:00"
    assert control.call("POST", "/clock", {"unfreeze": True})["frozen"] is False
    frozen = control.freeze()
    assert frozen["frozen"] is True and control.clock() == frozen
    for body in ({"set": "tomorrow"}, {"set": 5}, {"advance_seconds": "ten"}, {"freeze": "soon"}):
        with pytest.raises(ControlError) as err:
            control.call("POST", "/clock", body)
        assert err.value.status == 400


def test_faults_add_list_delete(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    first = control.add_fault(action="status", status=503, api="xero", times=3)
    second = control.add_fault(action="reset", path="/Invoices", probability=0.5, seed=1)
    assert (first["id"], first["status"], first["times"], first["fired"]) == (first["id"], 503, 3, 0)
    assert [f["id"] for f in control.faults()] == [first["id"], second["id"]]
    control.call("DELETE", f"/faults/{first['id']}")
    assert [f["id"] for f in control.faults()] == [second["id"]]
    with pytest.raises(ControlError) as err:
        control.call("DELETE", f"/faults/{first['id']}")
    assert err.value.status == 404
    control.clear_faults()
    assert control.faults() == []
    with pytest.raises(ControlError) as err:
        control.add_fault(action="explode")
    assert err.value.status == 400 and "explode" in err.value.body["message"]


def test_journal_filters_over_http(connsim_remote: RemoteSim) -> None:
    base = connsim_remote.control.base.removesuffix("/_connsim")
    for path in ("/not-a-remote/one", "/not-a-remote/two"):
        requests.get(base + path, timeout=10)
    requests.post(base + "/not-a-remote/two", timeout=10)
    control = connsim_remote.control
    everything = control.journal()
    assert [e["path"] for e in everything] == ["/not-a-remote/one", "/not-a-remote/two", "/not-a-remote/two"]
    assert all(e["status"] in (404, 405) for e in everything)
    assert [e["method"] for e in control.journal(method="post")] == ["POST"]
    assert [e["path"] for e in control.journal(path="one")] == ["/not-a-remote/one"]
    assert [e["seq"] for e in control.journal(since=everything[0]["seq"], limit=1)] == [everything[2]["seq"]]
    assert control.journal(api="qbo") == []
    with pytest.raises(ControlError):
        control.journal(since="yesterday")


def test_oauth_consent_tokens_and_revoke(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    org = control.create_tenant("xero-org", "Demo")["id"]
    other = control.create_tenant("xero-org", "Other")["id"]
    consent = control.consent("xero", user="bookkeeper@demo.test", approve=False, tenant_ids=[org])
    assert consent == {"user": "bookkeeper@demo.test", "is_admin": True, "approve": False, "tenant_ids": [org]}
    assert control.call("GET", "/oauth/xero")["consent"]["approve"] is False
    tokens = control.issue_tokens("xero", [org, other], scopes=["offline_access", "accounting.transactions"])
    assert tokens["expires_in"] == 1800 and tokens["refresh_token"] and tokens["token_type"] == "Bearer"
    state = control.call("GET", "/oauth/xero")
    assert sorted(c["tenantId"] for c in state["connections"]) == sorted([org, other])
    assert state["liveAccessTokens"] == 1
    only = control.call("POST", f"/tenants/{org}/revoke", {"connection_only": True})
    assert only == {"revokedGrants": 1}
    assert [c["tenantId"] for c in control.call("GET", "/oauth/xero")["connections"]] == [other]
    assert control.revoke_tenant(other) == 1
    state = control.call("GET", "/oauth/xero")
    assert state["connections"] == [] and state["grants"][0]["revoked"] is True
    intuit = control.issue_tokens("intuit", [control.create_tenant("qbo-realm", "R")["id"]])
    assert intuit["expires_in"] == 3600
    added = control.call("POST", "/oauth/xero/clients", {"client_id": "mine", "client_secret": "s",
                                                          "redirect_uris": ["https://x.test/cb"]})
    assert added == {"client_id": "mine", "redirect_uris": ["https://x.test/cb"], "connection_limit": None}
    assert "mine" in control.call("GET", "/oauth/xero")["clients"]


def test_oauth_bad_input(connsim_remote: RemoteSim) -> None:
    control = connsim_remote.control
    cases = [("GET", "/oauth/github", None, 404), ("POST", "/oauth/xero/tokens", {"tenant_ids": ["missing"]}, 404),
             ("POST", "/oauth/xero/tokens", {"tenant_ids": "x"}, 400), ("POST", "/oauth/xero/tokens", {}, 400),
             ("POST", "/oauth/xero/tokens", {"tenant_ids": [], "client_id": "ghost"}, 400),
             ("POST", "/oauth/xero/consent", {"approve": "yes"}, 400),
             ("POST", "/oauth/xero/consent", {"tenant_ids": [1]}, 400),
             ("POST", "/oauth/xero/clients", {"client_id": "a"}, 400),
             ("POST", "/tenants/missing/revoke", {}, 404)]
    for method, path, body, status in cases:
        with pytest.raises(ControlError) as err:
            control.call(method, path, body)
        assert (path, err.value.status) == (path, status) and isinstance(err.value.body, dict)
