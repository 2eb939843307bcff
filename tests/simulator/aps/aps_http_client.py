"""A plain ``requests`` client for the modelled APS API, from docs/simulator/aps.md: the OAuth code
flow by following the authorize redirect, then JSON calls with the firm header."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

APP = ("connsim-aps-client", "connsim-aps-secret")
REDIRECT = "https://engine.connsim.test/callback"


def authorize(base: str, state: str = "xyz") -> dict[str, list[str]]:
    r = requests.get(f"{base}/aps/oauth2/authorize", allow_redirects=False, timeout=30,
                     params={"response_type": "code", "client_id": APP[0], "redirect_uri": REDIRECT,
                             "scope": "clients offline_access", "state": state})
    assert r.status_code == 302, r.text
    location = r.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return parse_qs(urlsplit(location).query)


def token(base: str, **form: str) -> requests.Response:
    return requests.post(f"{base}/aps/oauth2/token", data=form, auth=APP, timeout=30)


class Aps:
    def __init__(self, base: str, access_token: str, firm_id: str) -> None:
        self.base = base.rstrip("/") + "/aps/v1"
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {access_token}", "X-APS-Firm-Id": firm_id})

    def call(self, method: str, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.session.request(method, f"{self.base}/{path}", json=json, timeout=30, **kwargs)


def connect(remote: Any, firm_id: str) -> Aps:
    tokens = remote.control.issue_tokens("aps", [firm_id], scopes=["clients", "offline_access"])
    return Aps(remote.endpoints.aps_api, tokens["access_token"], firm_id)
