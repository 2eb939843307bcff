"""One simulator app driven through Flask's test client (the same app both modes serve, without a
socket, so thousands of fuzz inputs cost seconds), with a tenant and a token on every remote, and
the check every fuzz test makes: no 5xx, and the error in the remote's own format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import defusedxml.ElementTree as SafeET
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from connsim.simulator.app import create_app
from connsim.simulator.config import SimConfig

FROZEN = datetime(2025, 6, 30, 9, 0, tzinfo=UTC)
ADMIN = "fuzz-admin-credential"

#: where each surface lives, and the format its answers (errors included) come in
SURFACES = {
    "xero": "/api.xro/2.0", "xpm": "/practicemanager/3.1", "qbo": "/v3/company/{realm}", "aps": "/aps/v1",
    "xero-identity": "", "intuit-oauth": "", "aps-oauth": "/aps/oauth2", "control": "/_connsim",
}


@dataclass
class Tenants:
    xero: str
    xpm: str
    realm: str
    firm: str


class Wire:
    """The simulator with one populated tenant per API and a bearer token for each."""

    def __init__(self, admin_token: str | None = ADMIN, **config: Any) -> None:
        self.app = create_app(SimConfig(frozen_at=FROZEN, admin_token=admin_token, **config))
        self.client: FlaskClient = self.app.test_client()
        self.admin = {"X-Connsim-Admin": admin_token} if admin_token else {}
        made = {kind: self.control("POST", "/tenants", {"kind": kind, "name": f"Fuzz {kind}", "populate": True})["id"]
                for kind in ("xero-org", "xpm-practice", "qbo-realm", "aps-firm")}
        self.tenants = Tenants(made["xero-org"], made["xpm-practice"], made["qbo-realm"], made["aps-firm"])
        for tenant_id in made.values():  # thousands of inputs a minute on a frozen clock: no 429 from volume
            self.control("PATCH", f"/tenants/{tenant_id}/settings", {"rate_limits": dict.fromkeys(
                ("minute", "day", "appminute", "second", "batch"), 10**9)})
        xero = self.control("POST", "/oauth/xero/tokens", {
            "tenant_ids": [self.tenants.xero, self.tenants.xpm],
            "scopes": ["accounting.transactions", "accounting.contacts", "practicemanager", "offline_access"]})
        intuit = self.control("POST", "/oauth/intuit/tokens", {"tenant_ids": [self.tenants.realm],
                                                               "scopes": ["com.intuit.quickbooks.accounting"]})
        aps = self.control("POST", "/oauth/aps/tokens", {"tenant_ids": [self.tenants.firm],
                                                         "scopes": ["clients", "offline_access"]})
        self.tokens = {"xero": xero, "intuit": intuit, "aps": aps}

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = self.client.open(f"/_connsim{path}", method=method, json=body, headers=self.admin)
        assert response.status_code < 300, response.get_data(as_text=True)
        return response.get_json(silent=True)

    def auth(self, surface: str) -> dict[str, str]:
        """Headers an authorised client of ``surface`` sends."""
        if surface in ("xero", "xpm"):
            tenant = self.tenants.xero if surface == "xero" else self.tenants.xpm
            accept = {"Accept": "application/json"} if surface == "xero" else {}  # Xero answers XML without it
            return {"Authorization": f"Bearer {self.tokens['xero']['access_token']}", "xero-tenant-id": tenant,
                    **accept}
        if surface == "qbo":
            return {"Authorization": f"Bearer {self.tokens['intuit']['access_token']}", "Accept": "application/json"}
        if surface == "aps":
            return {"Authorization": f"Bearer {self.tokens['aps']['access_token']}", "X-APS-Firm-Id": self.tenants.firm}
        if surface == "control":
            return dict(self.admin)
        return {}

    def path(self, surface: str, rest: str) -> str:
        return SURFACES[surface].format(realm=self.tenants.realm) + rest

    def send(self, surface: str, method: str, rest: str, *, data: bytes | str | None = None,
             headers: dict[str, str] | None = None, query: str = "") -> TestResponse:
        url = self.path(surface, rest) + (f"?{query}" if query else "")
        return self.client.open(url, method=method, data=data, headers={**self.auth(surface), **(headers or {})})


def _content_type(response: Any) -> str:
    if hasattr(response, "mimetype"):
        return response.mimetype or ""
    value = response.headers.get("Content-Type") or response.headers.get("content-type") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.split(";")[0].strip().lower()


def assert_own_format(surface: str, response: Any) -> None:
    """Never a 5xx; an error body in the format the remote uses (parsed, with its own fields).
    ``response``: Flask's test response, or schemathesis' / requests' (``content``, ``headers``)."""
    status = response.status_code
    body = response.get_data() if hasattr(response, "get_data") else response.content
    assert status < 500, f"{surface} answered {status}: {body[:300]!r}"
    if status < 400:
        return
    ctype = _content_type(response)
    if surface == "xero":
        if status == 404:
            assert body.decode() == "The resource you're looking for cannot be found"
            return
        if ctype.endswith("xml"):  # Xero answers XML when the request has no Accept: application/json
            root = SafeET.fromstring(body)
            assert root.tag == "ApiException" and root.findtext("ErrorNumber") and root.findtext("Type"), body[:300]
            return
        doc = json.loads(body)
        assert ("ErrorNumber" in doc and "Type" in doc) or ("Title" in doc and "Status" in doc), doc
    elif surface == "xpm":
        if ctype.endswith("json"):  # the Xero gateway (401/403/429)
            doc = json.loads(body)
            assert "Title" in doc and "Status" in doc, doc
            return
        root = SafeET.fromstring(body)
        assert root.tag == "Response" and root.findtext("Status") == "ERROR", body[:300]
    elif surface == "qbo":
        if ctype.endswith("xml"):
            root = SafeET.fromstring(body)
            assert root.tag.endswith("IntuitResponse") and root.find("{*}Fault") is not None, body[:300]
            return
        doc = json.loads(body)
        assert "Fault" in doc or "fault" in doc, doc
    elif surface == "aps":
        doc = json.loads(body)
        assert isinstance(doc.get("error"), dict) and "code" in doc["error"], doc
    elif surface in ("xero-identity", "intuit-oauth", "aps-oauth"):
        if status == 404 and not body:
            return
        doc = json.loads(body)
        assert "error" in doc or "Title" in doc, doc
    elif surface == "control":
        doc = json.loads(body)
        assert "error" in doc and "message" in doc, doc
    else:
        raise AssertionError(f"unknown surface {surface}")
