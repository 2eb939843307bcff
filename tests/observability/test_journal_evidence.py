"""The journal as evidence, in both modes: whole requests and responses with credentials
redacted; count, find and verify in the one matcher vocabulary; near-misses that name the
closest route or tenant; and the owning remote's own 404 on paths no route matches."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import requests

from connsim.simulator.client import ControlError
from connsim.simulator.pytest_plugin import RemoteSim
from connsim.simulator.verify import VerificationError

CLIENT_ID, CLIENT_SECRET = "connsim-xero-client", "connsim-xero-secret"


def xero_org(remote: RemoteSim) -> tuple[str, dict[str, Any]]:
    org = remote.control.create_tenant("xero-org", "Evidence Org", populate=True)["id"]
    scopes = ["accounting.transactions", "accounting.contacts", "offline_access"]
    return org, remote.control.issue_tokens("xero", [org], scopes=scopes)


def test_bodies_are_journaled_and_credentials_redacted(connsim_remote: RemoteSim) -> None:
    org, tokens = xero_org(connsim_remote)
    base = connsim_remote.endpoints
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    refreshed = requests.post(f"{base.xero_identity}/connect/token", timeout=30,
                              data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
                              headers={"Authorization": f"Basic {basic}"})
    assert refreshed.status_code == 200, refreshed.text
    new = refreshed.json()
    exchange = requests.post(f"{base.xero_identity}/connect/token", timeout=30,
                             data={"grant_type": "authorization_code", "code": "one-time-code-123",
                                   "redirect_uri": "https://app.test/cb", "client_id": CLIENT_ID,
                                   "client_secret": CLIENT_SECRET})
    assert exchange.status_code == 400
    contact = {"Contacts": [{"Name": "Journal Evidence Pty Ltd", "EmailAddress": "ap@evidence.test"}]}
    created = requests.put(f"{base.xero_api}/api.xro/2.0/Contacts", json=contact, timeout=30,
                           headers={"Authorization": f"Bearer {new['access_token']}", "Xero-Tenant-Id": org,
                                    "Accept": "application/json"})
    assert created.status_code == 200, created.text

    entries = connsim_remote.journal.entries()
    dump = json.dumps(entries)
    for secret in (tokens["access_token"], tokens["refresh_token"], new["access_token"], new["refresh_token"],
                   CLIENT_SECRET, basic, "one-time-code-123"):
        assert secret not in dump, f"a credential reached the journal: {secret[:12]}…"
    refresh, code, put = entries[-3:]
    assert refresh["request_headers"]["Authorization"] == "Basic [REDACTED]"
    assert refresh["request_body"] == "grant_type=refresh_token&refresh_token=[REDACTED]"
    answer = json.loads(refresh["response_body"])
    assert answer["access_token"] == answer["refresh_token"] == "[REDACTED]" and answer["expires_in"] == 1800
    assert "code=[REDACTED]" in code["request_body"] and "client_secret=[REDACTED]" in code["request_body"]
    assert "client_id=connsim-xero-client" in code["request_body"] and code["error_code"]
    assert put["tenant"] == org and put["request_headers"]["Authorization"] == "Bearer [REDACTED]"
    assert json.loads(put["request_body"]) == contact
    assert json.loads(put["response_body"])["Contacts"][0]["Name"] == "Journal Evidence Pty Ltd"
    assert put["response_headers"]["Content-Type"].startswith("application/json") and put["status"] == 200


def test_count_find_and_verify_in_the_matcher_vocabulary(connsim_remote: RemoteSim) -> None:
    org, tokens = xero_org(connsim_remote)
    api = f"{connsim_remote.endpoints.xero_api}/api.xro/2.0"
    headers = {"Authorization": f"Bearer {tokens['access_token']}", "Xero-Tenant-Id": org, "Accept": "application/json"}
    for name in ("First Pty Ltd", "Second Pty Ltd"):
        requests.put(f"{api}/Contacts", json={"Contacts": [{"Name": name}]}, headers=headers, timeout=30)
    requests.get(f"{api}/Contacts", params={"where": 'Name=="First Pty Ltd"'}, headers=headers, timeout=30)
    journal = connsim_remote.journal

    assert journal.count(api="xero", method="PUT", path="/Contacts") == 2
    assert journal.count(api="xero", json={"Contacts": [{"Name": "Second Pty Ltd"}]}) == 1
    assert journal.count(tenant=org, headers={"Accept": "application/json"}) == 3
    assert connsim_remote.control.call("GET", "/journal/count", api="xero", method="GET")["count"] == 1
    [found] = journal.find(method="GET", query={"where": 'Name=="First Pty Ltd"'})
    assert found["status"] == 200 and found["tenant"] == org

    [one] = connsim_remote.verify(method="PUT", body="Second Pty Ltd", times=1)
    assert json.loads(one["request_body"]) == {"Contacts": [{"Name": "Second Pty Ltd"}]}
    connsim_remote.verify(api="xero", method="PUT", times=2)
    connsim_remote.verify(api="xero", at_least=3, times=None)
    with pytest.raises(VerificationError) as failed:
        connsim_remote.verify(api="xero", method="POST", path="/Contacts", times=1)
    message = str(failed.value)
    assert message.startswith('expected 1 request(s) matching {"api": "xero", "method": "POST", "path": "/Contacts"}; '
                              "the journal has 0")
    assert "closest that did not match:" in message and "method PUT is not POST" in message
    assert "PUT /api.xro/2.0/Contacts -> 200" in message
    with pytest.raises(ControlError) as bad:
        journal.count(verb="PUT")
    assert bad.value.status == 400 and "verb" in str(bad.value.body)


def test_near_miss_names_the_closest_route_and_the_remote_answers_its_own_404(connsim_remote: RemoteSim) -> None:
    org, tokens = xero_org(connsim_remote)
    headers = {"Authorization": f"Bearer {tokens['access_token']}", "Xero-Tenant-Id": org}
    missed = requests.get(f"{connsim_remote.endpoints.xero_api}/api.xro/2.0/Invoice", headers=headers, timeout=30)
    assert missed.status_code == 404
    [entry] = connsim_remote.journal.unmatched()
    assert entry["path"] == "/api.xro/2.0/Invoice" and entry["unmatched"]["kind"] == "route"
    closest = entry["unmatched"]["candidates"][0]
    assert closest["route"] == "/api.xro/2.0/Invoices" and closest["methods"] == ["GET", "POST", "PUT"]
    assert closest["reasons"] == ["path segment 3 is 'Invoice'; the route has 'Invoices'"]

    wrong_method = requests.delete(f"{connsim_remote.endpoints.xero_api}/api.xro/2.0/Invoices", headers=headers,
                                   timeout=30)
    assert wrong_method.status_code == 405
    why = connsim_remote.journal.unmatched(since=entry["seq"])[0]["unmatched"]["candidates"][0]
    assert why["route"] == "/api.xro/2.0/Invoices" and why["reasons"] == [
        "method DELETE is not allowed; the route takes GET, POST, PUT"]

    # XPM's old version prefix is still XPM's: its XML error, not Flask's HTML page
    old = requests.get(f"{connsim_remote.endpoints.xero_api}/practicemanager/3.0/job.api/list", headers=headers,
                       timeout=30)
    assert old.status_code == 404 and old.headers["Content-Type"].startswith("text/xml")
    assert old.text.startswith("<Response") and "<Status>ERROR</Status>" in old.text
    assert connsim_remote.journal.unmatched()[-1]["api"] == "xpm"


def test_near_miss_names_the_closest_tenant(connsim_remote: RemoteSim) -> None:
    realm = connsim_remote.control.create_tenant("qbo-realm", "Realm", tenant_id="9130355377388", populate=False)["id"]
    token = connsim_remote.control.issue_tokens("intuit", [realm], scopes=["com.intuit.quickbooks.accounting"])
    typo = "9130355377389"
    answer = requests.get(f"{connsim_remote.endpoints.qbo_api}/v3/company/{typo}/invoice/1", timeout=30,
                          headers={"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"})
    assert answer.status_code == 403 and answer.json()["fault"]["error"][0]["code"] == "3100"
    [entry] = connsim_remote.journal.unmatched()
    assert entry["tenant"] == typo and entry["unmatched"]["kind"] == "tenant"
    closest = entry["unmatched"]["candidates"][0]
    assert closest["tenant"] == realm and closest["kind"] == "qbo-realm"
    assert closest["reasons"] == [f"tenant id {typo!r} is not {realm!r}"]
