"""Xero identity on the wire (both modes): client auth by Basic header and by form, invalid_grant
exactly as xero-python compares it, consent refusal, revocation, discovery, /connections."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

CLIENT = ("connsim-xero-client", "connsim-xero-secret")


def _token_url(remote: Any) -> str:
    return remote.endpoints.xero_identity + "/connect/token"


def _authorize(remote: Any, **extra: str) -> dict[str, list[str]]:
    params = {"response_type": "code", "client_id": CLIENT[0], "redirect_uri": "https://app.example/cb",
              "scope": "openid accounting.transactions offline_access", "state": "s1", **extra}
    answer = requests.get(remote.endpoints.xero_authorize, params=params, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return parse_qs(urlsplit(answer.headers["Location"]).query)


def test_refresh_with_form_and_basic_and_rotation(connsim_remote: Any) -> None:
    control = connsim_remote.control
    control.freeze()
    org = control.create_tenant("xero-org", "Org A")
    practice = control.create_tenant("xpm-practice", "Practice B")
    token = control.issue_tokens("xero", [org["id"], practice["id"]], scopes=["offline_access"])
    form = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"],
            "client_id": CLIENT[0], "client_secret": CLIENT[1]}
    first = requests.post(_token_url(connsim_remote), data=form, timeout=10)
    assert first.status_code == 200 and set(first.json()) == {"access_token", "refresh_token", "expires_in",
                                                                "token_type", "scope"}
    assert first.json()["expires_in"] == 1800
    retry = requests.post(_token_url(connsim_remote), data={"grant_type": "refresh_token",
                                                            "refresh_token": token["refresh_token"]},
                          auth=CLIENT, timeout=10)
    assert retry.json() == first.json()  # inside the grace period: same new pair
    bad_client = requests.post(_token_url(connsim_remote), data=dict(form, client_secret="wrong"), timeout=10)
    assert bad_client.status_code == 400 and bad_client.json() == {"error": "invalid_client"}
    conns = requests.get(connsim_remote.endpoints.xero_api + "/Connections",
                         headers={"Authorization": "Bearer " + first.json()["access_token"]}, timeout=10).json()
    assert sorted(c["tenantType"] for c in conns) == ["ORGANISATION", "PRACTICEMANAGER"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}", c["createdDateUtc"]) for c in conns)
    bearer = {"Authorization": "Bearer " + first.json()["access_token"]}
    gone = requests.delete(connsim_remote.endpoints.xero_api + f"/connections/{conns[0]['id']}", headers=bearer,
                           timeout=10)
    assert gone.status_code == 204
    again = requests.delete(connsim_remote.endpoints.xero_api + f"/connections/{conns[0]['id']}", headers=bearer,
                            timeout=10)
    assert again.status_code == 404
    revoke = requests.post(connsim_remote.endpoints.xero_identity + "/connect/revocation",
                           data={"token": first.json()["refresh_token"]}, auth=CLIENT, timeout=10)
    assert revoke.status_code == 200
    dead = requests.post(_token_url(connsim_remote), data=dict(form, refresh_token=first.json()["refresh_token"]),
                         timeout=10)
    assert dead.status_code == 400 and dead.text == '{"error":"invalid_grant"}'
    assert requests.get(connsim_remote.endpoints.xero_api + "/connections", timeout=10).status_code == 401


def test_consent_denied_and_bad_requests(connsim_remote: Any) -> None:
    control = connsim_remote.control
    control.create_tenant("xero-org", "Org C")
    control.consent("xero", approve=False)
    assert _authorize(connsim_remote) == {"error": ["access_denied"], "state": ["s1"]}
    control.consent("xero", approve=True)
    assert "code" in _authorize(connsim_remote)
    unknown = requests.get(connsim_remote.endpoints.xero_authorize, params={"client_id": "nope",
                           "redirect_uri": "https://x/cb", "response_type": "code"}, allow_redirects=False, timeout=10)
    assert unknown.status_code == 400
    weird = requests.post(_token_url(connsim_remote), data={"grant_type": "password"}, auth=CLIENT, timeout=10)
    assert weird.status_code == 400 and weird.json() == {"error": "unsupported_grant_type"}
    cc = requests.post(_token_url(connsim_remote), data={"grant_type": "client_credentials", "client_id": CLIENT[0],
                                                         "client_secret": CLIENT[1]}, timeout=10)
    assert cc.status_code == 200 and "refresh_token" not in cc.json()
    disco = requests.get(connsim_remote.endpoints.xero_identity + "/.well-known/openid-configuration", timeout=10)
    assert disco.json()["token_endpoint"].endswith("/connect/token")


def test_disconnected_tenant_answers_like_xero(connsim_remote: Any) -> None:
    control = connsim_remote.control
    control.freeze()
    org = control.create_tenant("xero-org", "Org D")
    token = control.issue_tokens("xero", [org["id"]], scopes=["offline_access", "accounting.settings"])
    headers = {"Authorization": "Bearer " + token["access_token"], "xero-tenant-id": org["id"]}
    url = connsim_remote.endpoints.xero_api + "/api.xro/2.0/Organisation"
    assert requests.get(url, headers=headers, timeout=10).status_code == 200
    control.call("POST", f"/tenants/{org['id']}/revoke", {"connection_only": True})
    forbidden = requests.get(url, headers=headers, timeout=10)
    assert forbidden.status_code == 403 and forbidden.json()["Detail"] == "AuthenticationUnsuccessful"
    control.revoke_tenant(org["id"])
    refresh = requests.post(_token_url(connsim_remote), data={"grant_type": "refresh_token",
                            "refresh_token": token["refresh_token"]}, auth=CLIENT, timeout=10)
    assert refresh.status_code == 400 and refresh.text == '{"error":"invalid_grant"}'
