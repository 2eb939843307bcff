"""The modelled APS API over real HTTP in both modes: OAuth code flow and refresh, client
list/search/get/patch/create, optimistic concurrency, and bad input in APS's JSON error shape."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from aps_http_client import APP, REDIRECT, Aps, authorize, connect, token


@pytest.fixture
def firm(connsim_remote: Any) -> dict[str, Any]:
    connsim_remote.control.freeze("2026-11-20T09:00:00Z")
    return connsim_remote.control.create_tenant("aps-firm", "Firm", populate=True)


def test_oauth_code_flow_and_refresh(connsim_remote: Any, firm: dict[str, Any]) -> None:
    base = connsim_remote.endpoints.aps_api
    params = authorize(base, state="s-1")
    assert params["state"] == ["s-1"]
    answer = token(base, grant_type="authorization_code", code=params["code"][0], redirect_uri=REDIRECT)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600 and tokens["firm_id"] == firm["id"]
    api = Aps(base, tokens["access_token"], firm["id"])
    assert api.call("GET", "clients").status_code == 200
    replay = token(base, grant_type="authorization_code", code=params["code"][0], redirect_uri=REDIRECT)
    assert replay.status_code == 400 and replay.json() == {"error": "invalid_grant"}
    refreshed = token(base, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert refreshed.status_code == 200 and refreshed.json()["refresh_token"] != tokens["refresh_token"]
    assert token(base, grant_type="refresh_token", refresh_token=tokens["refresh_token"]).json() == {
        "error": "invalid_grant"}
    by_form = requests.post(f"{base}/aps/oauth2/token", timeout=30, data={
        "grant_type": "refresh_token", "refresh_token": refreshed.json()["refresh_token"],
        "client_id": APP[0], "client_secret": APP[1]})
    assert by_form.status_code == 200 and by_form.json()["access_token"]
    bad_secret = requests.post(f"{base}/aps/oauth2/token", auth=(APP[0], "wrong"), timeout=30,
                               data={"grant_type": "refresh_token", "refresh_token": "x"})
    assert bad_secret.status_code == 401 and bad_secret.json()["error"] == "invalid_client"
    expired_api = Aps(base, tokens["access_token"], firm["id"])
    connsim_remote.control.advance(3601)
    denied = expired_api.call("GET", "clients")
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"


def test_list_search_filter_and_page(connsim_remote: Any, firm: dict[str, Any]) -> None:
    api = connect(connsim_remote, firm["id"])
    page = api.call("GET", "clients", params={"pageSize": 4, "page": 2}).json()
    assert page["page"] == 2 and len(page["data"]) == 4 and page["totalCount"] == 15 and page["hasMore"]
    assert page["data"][0]["id"] == "10005"
    trusts = api.call("GET", "clients", params={"entityType": "Trust"}).json()["data"]
    assert trusts and {c["entityType"] for c in trusts} == {"Trust"}
    name = trusts[0]["name"]
    found = api.call("GET", "clients", params={"search": name.split()[1].lower()}).json()["data"]
    assert trusts[0]["id"] in [c["id"] for c in found]
    assert set(found[0]) >= {"id", "code", "name", "entityType", "email", "primaryPhone", "otherPhone", "website",
                             "physicalAddress", "postalAddress", "category", "status", "modifiedAt"}


def test_get_patch_and_person_edit_show_in_modified_since(connsim_remote: Any, firm: dict[str, Any]) -> None:
    api = connect(connsim_remote, firm["id"])
    got = api.call("GET", "clients/10003")
    assert got.status_code == 200 and got.headers["ETag"] == 'W/"1"'
    connsim_remote.control.advance(60)
    patched = api.call("PATCH", "clients/10003", {"website": "https://cw.test", "physicalAddress": {"line2": "Lvl 2"}},
                       headers={"If-Match": got.headers["ETag"]})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["website"] == "https://cw.test" and body["physicalAddress"]["line2"] == "Lvl 2"
    assert body["physicalAddress"]["line1"] == got.json()["physicalAddress"]["line1"]
    stale = api.call("PATCH", "clients/10003", {"website": "https://x.test"}, headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "precondition_failed"
    connsim_remote.control.advance(60)
    edited = connsim_remote.control.action("aps", f"{firm['id']}/clients/10004/edit", {"primaryPhone": "02 9999 0000"})
    since = api.call("GET", "clients", params={"modifiedSince": edited["modifiedAt"]}).json()["data"]
    assert [c["id"] for c in since] == ["10004"] and since[0]["primaryPhone"] == "02 9999 0000"


def test_create_client_and_control_create(connsim_remote: Any, firm: dict[str, Any]) -> None:
    api = connect(connsim_remote, firm["id"])
    created = api.call("POST", "clients", {"name": "Zed Pty Ltd", "entityType": "Company", "code": "ZED01"})
    assert created.status_code == 201 and created.headers["Location"].endswith(created.json()["id"])
    dup = api.call("POST", "clients", {"name": "Zed 2", "entityType": "Company", "code": "zed01"})
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "duplicate_code"
    via_ui = connsim_remote.control.action("aps", f"{firm['id']}/clients", {"name": "Ann Lee", "entityType": "Individual"})
    assert api.call("GET", f"clients/{via_ui['id']}").json()["name"] == "Ann Lee"


@pytest.mark.parametrize("method,path,kwargs,status,code", [
    ("PATCH", "clients/10001", {"data": "{not json", "headers": {"Content-Type": "application/json"}}, 400,
     "invalid_json"),
    ("PATCH", "clients/10001", {"data": "name=x", "headers": {"Content-Type": "text/plain"}}, 415,
     "unsupported_media_type"),
    ("PATCH", "clients/10001", {"json": ["name"]}, 400, "invalid_json"),
    ("PATCH", "clients/10001", {"json": {"nickname": "x"}}, 400, "unknown_field"),
    ("PATCH", "clients/10001", {"json": {"id": "1"}}, 400, "read_only_field"),
    ("PATCH", "clients/10001", {"json": {"entityType": "Robot"}}, 422, "validation_error"),
    ("PATCH", "clients/10001", {"json": {"email": "a@b.test;nope"}}, 422, "validation_error"),
    ("PATCH", "clients/10001", {"json": {"postalAddress": {"street": "x"}}}, 422, "validation_error"),
    ("PATCH", "clients/10001", {"json": {"name": None}}, 422, "validation_error"),
    ("PATCH", "clients/99999", {"json": {"name": "x"}}, 404, "not_found"),
    ("GET", "clients/99999", {}, 404, "not_found"),
    ("GET", "clients", {"params": {"pageSize": "0"}}, 400, "invalid_parameter"),
    ("GET", "clients", {"params": {"modifiedSince": "last week"}}, 400, "invalid_parameter"),
    ("POST", "clients", {"json": {"name": "No type"}}, 422, "validation_error"),
    ("DELETE", "clients/10001", {}, 405, "method_not_allowed"),
    ("GET", "nothing", {}, 404, "not_found"),
])
def test_bad_input(connsim_remote: Any, firm: dict[str, Any], method: str, path: str, kwargs: dict[str, Any],
                   status: int, code: str) -> None:
    api = connect(connsim_remote, firm["id"])
    before = api.call("GET", "clients/10001").json()
    answer = api.call(method, path, **kwargs)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code and answer.json()["error"]["message"]
    assert api.call("GET", "clients/10001").json() == before


def test_firm_header_and_isolation(connsim_remote: Any, firm: dict[str, Any]) -> None:
    other = connsim_remote.control.create_tenant("aps-firm", "Other firm")
    api = connect(connsim_remote, firm["id"])
    api.session.headers["X-APS-Firm-Id"] = other["id"]
    assert api.call("GET", "clients").status_code == 403
    del api.session.headers["X-APS-Firm-Id"]
    assert api.call("GET", "clients").json()["error"]["code"] == "forbidden"
    assert connect(connsim_remote, other["id"]).call("GET", "clients").json()["totalCount"] == 0


def test_rate_limit_with_headers_and_retry_after(connsim_remote: Any, firm: dict[str, Any]) -> None:
    connsim_remote.control.tenant_settings(firm["id"], rate_limits={"minute": 2})
    api = connect(connsim_remote, firm["id"])
    first = api.call("GET", "clients")
    assert first.headers["RateLimit-Limit"] == "2" and first.headers["RateLimit-Remaining"] == "1"
    api.call("GET", "clients")
    limited = api.call("GET", "clients")
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    connsim_remote.control.advance(int(limited.headers["Retry-After"]))
    assert api.call("GET", "clients").status_code == 200
