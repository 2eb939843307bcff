"""Intuit OAuth 2.0 over real HTTP in both modes: discovery, authorize, token exchange, rotation,
revoke, userinfo, and the {"error": ...} answers, each with an intuit_tid header."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests

CLIENT, SECRET, REDIRECT = "connsim-qbo-client", "connsim-qbo-secret", "https://app.example.com/callback"
ACCOUNTING = "com.intuit.quickbooks.accounting"


def basic(client: str = CLIENT, secret: str = SECRET) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client}:{secret}".encode()).decode(),
            "Accept": "application/json"}


class Flow:
    def __init__(self, remote: Any) -> None:
        self.remote = remote
        remote.control.freeze("2025-03-14T09:30:00Z")
        self.realm = remote.control.create_tenant("qbo-realm", "OAuth Realm")["id"]
        self.doc = requests.get(remote.endpoints.intuit_discovery, timeout=30).json()

    def authorize(self, scope: str = ACCOUNTING, **extra: str) -> requests.Response:
        params = {"client_id": CLIENT, "response_type": "code", "scope": scope, "redirect_uri": REDIRECT,
                  "state": "xyz", **extra}
        return requests.get(self.doc["authorization_endpoint"], params=params, allow_redirects=False, timeout=30)

    def code(self) -> str:
        return parse_qs(urlparse(self.authorize().headers["Location"]).query)["code"][0]

    def token(self, form: dict[str, str], headers: dict[str, str] | None = None) -> requests.Response:
        return requests.post(self.doc["token_endpoint"], data=form, headers=headers or basic(), timeout=30)

    def tokens(self) -> dict[str, Any]:
        response = self.token({"grant_type": "authorization_code", "code": self.code(), "redirect_uri": REDIRECT})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def flow(connsim_remote: Any) -> Flow:
    return Flow(connsim_remote)


def test_discovery_documents_point_at_the_host_asked(connsim_remote: Any) -> None:
    base = connsim_remote.endpoints.intuit_discovery.split("/.well-known")[0]
    for name in ("openid_configuration", "openid_sandbox_configuration"):
        for suffix in ("/", ""):
            response = requests.get(f"{base}/.well-known/{name}{suffix}", timeout=30)
            assert response.status_code == 200 and response.headers["intuit_tid"]
            doc = response.json()
            keys = ("issuer", "authorization_endpoint", "token_endpoint", "revocation_endpoint", "jwks_uri",
                    "userinfo_endpoint")
            assert all(doc[k].startswith("http") for k in keys)
            if connsim_remote.mode == "server":
                assert all(doc[k].startswith(base) for k in keys)
            else:
                assert doc["token_endpoint"] == "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"
                assert doc["authorization_endpoint"] == "https://appcenter.intuit.com/connect/oauth2"
                assert doc["revocation_endpoint"] == "https://developer.api.intuit.com/v2/oauth2/tokens/revoke"
                sandbox = "sandbox" in name
                assert doc["userinfo_endpoint"].startswith(
                    "https://sandbox-accounts" if sandbox else "https://accounts")


def test_authorize_redirects_with_code_state_and_realm(flow: Flow) -> None:
    response = flow.authorize()
    assert response.status_code == 302
    location = urlparse(response.headers["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    assert query["state"] == ["xyz"] and query["realmId"] == [flow.realm] and query["code"][0]


def test_authorize_denied_and_bad_requests(flow: Flow) -> None:
    flow.remote.control.consent("intuit", approve=False)
    denied = parse_qs(urlparse(flow.authorize().headers["Location"]).query)
    assert denied["error"] == ["access_denied"] and denied["state"] == ["xyz"]
    flow.remote.control.consent("intuit", approve=True)
    bad_scope = parse_qs(urlparse(flow.authorize(scope="everything").headers["Location"]).query)
    assert bad_scope["error"] == ["invalid_scope"]
    unknown_client = flow.authorize(client_id="nobody")
    assert unknown_client.status_code == 401 and unknown_client.json() == {
        "error": "invalid_client", "error_description": "Unknown client_id"}


def test_code_exchange_gives_intuit_token_shape(flow: Flow) -> None:
    tokens = flow.tokens()
    assert set(tokens) == {"token_type", "access_token", "refresh_token", "expires_in", "x_refresh_token_expires_in"}
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 3600
    assert tokens["x_refresh_token_expires_in"] == 100 * 86400


def test_code_is_single_use(flow: Flow) -> None:
    code = flow.code()
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    assert flow.token(form).status_code == 200
    again = flow.token(form)
    assert again.status_code == 400 and again.json() == {"error": "invalid_grant"} and again.headers["intuit_tid"]


def test_refresh_rotates_and_old_token_dies(flow: Flow) -> None:
    first = flow.tokens()
    second = flow.token({"grant_type": "refresh_token", "refresh_token": first["refresh_token"]})
    assert second.status_code == 200 and second.json()["refresh_token"] != first["refresh_token"]
    stale = flow.token({"grant_type": "refresh_token", "refresh_token": first["refresh_token"]})
    assert stale.status_code == 400 and stale.json() == {"error": "invalid_grant"}


def test_refresh_token_lives_100_days_rolling(flow: Flow) -> None:
    refresh = flow.tokens()["refresh_token"]
    flow.remote.control.advance(99 * 86400)
    renewed = flow.token({"grant_type": "refresh_token", "refresh_token": refresh})
    assert renewed.status_code == 200
    flow.remote.control.advance(99 * 86400)  # 198 days after consent, 99 after the last refresh
    assert flow.token({"grant_type": "refresh_token", "refresh_token": renewed.json()["refresh_token"]}
                      ).status_code == 200
    old = flow.tokens()["refresh_token"]
    flow.remote.control.advance(100 * 86400 + 1)
    assert flow.token({"grant_type": "refresh_token", "refresh_token": old}).json() == {"error": "invalid_grant"}


def test_revoke_kills_refresh_and_api_access(flow: Flow) -> None:
    tokens = flow.tokens()
    revoked = requests.post(flow.doc["revocation_endpoint"], json={"token": tokens["refresh_token"]},
                            headers=basic(), timeout=30)
    assert revoked.status_code == 200 and revoked.content == b"" and revoked.headers["intuit_tid"]
    assert flow.token({"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}).json() == {
        "error": "invalid_grant"}
    api = requests.get(f"{flow.remote.endpoints.qbo_api}/v3/company/{flow.realm}/preferences",
                       headers={"Authorization": f"Bearer {tokens['access_token']}", "Accept": "application/json"},
                       timeout=30)
    assert api.status_code == 401


def test_client_authentication_and_grant_errors(flow: Flow) -> None:
    wrong = flow.token({"grant_type": "refresh_token", "refresh_token": "x"}, headers=basic(secret="nope"))
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert flow.token({"grant_type": "password"}).json() == {"error": "unsupported_grant_type"}
    assert flow.token({"grant_type": "authorization_code"}).json()["error"] == "invalid_request"
    post_auth = flow.token({"grant_type": "refresh_token", "refresh_token": "unknown", "client_id": CLIENT,
                            "client_secret": SECRET}, headers={"Accept": "application/json"})
    assert post_auth.json() == {"error": "invalid_grant"}
    as_json = requests.post(flow.doc["token_endpoint"], json={"grant_type": "refresh_token"}, headers=basic(),
                            timeout=30)
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_request"
    bad_revoke = requests.post(flow.doc["revocation_endpoint"], data=b"{not json", headers=basic(), timeout=30)
    assert bad_revoke.status_code == 400 and bad_revoke.json()["error"] == "invalid_request"


def test_userinfo_and_jwks(flow: Flow) -> None:
    tokens = flow.tokens()
    info = requests.get(flow.doc["userinfo_endpoint"], headers={"Authorization": f"Bearer {tokens['access_token']}"},
                        timeout=30)
    assert info.status_code == 200 and info.json()["email"] == "admin@connsim.test" and info.json()["sub"]
    assert requests.get(flow.doc["userinfo_endpoint"], timeout=30).status_code == 401
    assert requests.get(flow.doc["jwks_uri"], timeout=30).json() == {"keys": []}
