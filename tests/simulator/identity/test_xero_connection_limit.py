"""Xero's per-app connection limit (pricing tiers since 2 March 2026), both modes: the consent that
would connect a Starter app to a sixth organisation sends the user back with access_denied, and the
control shortcut refuses it too; organisations already connected can be consented to again."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from connsim.simulator.client import ControlError

APP = ("tiered-app", "tiered-secret")
CALLBACK = "https://app.example/cb"


def _consent_to(remote: Any, tenant_id: str) -> dict[str, list[str]]:
    remote.control.consent("xero", tenant_ids=[tenant_id])
    params = {"response_type": "code", "client_id": APP[0], "redirect_uri": CALLBACK,
              "scope": "openid accounting.transactions offline_access", "state": "s"}
    answer = requests.get(remote.endpoints.xero_authorize, params=params, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return parse_qs(urlsplit(answer.headers["Location"]).query)


def _connect(remote: Any, tenant_id: str) -> None:
    code = _consent_to(remote, tenant_id)["code"][0]
    token = requests.post(remote.endpoints.xero_identity + "/connect/token", auth=APP, timeout=10,
                          data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK})
    assert token.status_code == 200, token.text


def test_starter_app_is_refused_a_sixth_organisation(connsim_remote: Any) -> None:
    control = connsim_remote.control
    added = control.call("POST", "/oauth/xero/clients", {"client_id": APP[0], "client_secret": APP[1],
                                                          "redirect_uris": [CALLBACK], "tier": "starter"})
    assert added["connection_limit"] == 5
    orgs = [control.create_tenant("xero-org", f"Org {n}")["id"] for n in range(6)]
    for org in orgs[:5]:
        _connect(connsim_remote, org)
    refused = _consent_to(connsim_remote, orgs[5])
    assert refused["error"] == ["access_denied"] and "code" not in refused
    _connect(connsim_remote, orgs[0])  # an organisation already connected is not a new connection
    with pytest.raises(ControlError) as shortcut:
        control.issue_tokens("xero", [orgs[5]], scopes=["offline_access"], client_id=APP[0])
    assert shortcut.value.status == 400


def test_limit_must_be_a_tier_or_a_count(connsim_remote: Any) -> None:
    for bad in ({"tier": "gold"}, {"connection_limit": -1}, {"connection_limit": "5"}, {"connection_limit": True}):
        with pytest.raises(ControlError) as refused:
            connsim_remote.control.call("POST", "/oauth/xero/clients",
                                        {"client_id": "x", "client_secret": "y", **bad})
        assert refused.value.status == 400
    unlimited = connsim_remote.control.call("POST", "/oauth/xero/clients",
                                            {"client_id": "x", "client_secret": "y", "tier": "enterprise"})
    assert unlimited["connection_limit"] is None
