"""A plain ``requests`` XPM v3.1 client written from reference/xero.md §4 (not from the simulator's
code): XML built with ElementTree, answers read with defusedxml, the Response envelope checked by
hand; and ``open_practice``, a practice with a Xero token for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeET
import requests


def xml(root: str, **fields: Any) -> bytes:
    """<root><Field>value</Field>…</root>; a dict value becomes a nested element."""
    el = Element(root)
    _fill(el, fields)
    return tostring(el, encoding="utf-8")


def _fill(el: Element, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        child = SubElement(el, name)
        if isinstance(value, dict):
            _fill(child, value)
        elif value is not None:
            child.text = ("true" if value else "false") if isinstance(value, bool) else str(value)


@dataclass
class Answer:
    status: int
    headers: Any
    text: str
    root: Element | None

    @property
    def ok(self) -> bool:
        return self.root is not None and self.root.findtext("Status") == "OK"

    @property
    def error(self) -> str | None:
        return self.root.findtext("ErrorDescription") if self.root is not None else None

    @property
    def method(self) -> str | None:
        return self.root.get("api-method") if self.root is not None else None

    def find(self, path: str) -> Element:
        assert self.root is not None, self.text
        found = self.root.find(path)
        assert found is not None, f"{path} not in {self.text}"
        return found


class Xpm:
    def __init__(self, base: str, token: str, tenant_id: str) -> None:
        self.base = base.rstrip("/") + "/practicemanager/3.1"
        self.tenant_id = tenant_id
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}", "Xero-Tenant-Id": tenant_id})

    def call(self, method: str, path: str, body: bytes | str | None = None,
             content_type: str = "text/xml", **params: Any) -> Answer:
        headers = {"Content-Type": content_type} if body is not None else {}
        r = self.session.request(method, f"{self.base}/{path}", data=body, headers=headers, params=params,
                                 timeout=30)
        root = None
        if r.headers.get("Content-Type", "").startswith("text/xml"):
            root = SafeET.fromstring(r.content)
            assert root.tag == "Response"
        return Answer(r.status_code, r.headers, r.text, root)

    def add_client(self, name: str, **fields: Any) -> str:
        answer = self.call("POST", "client.api/add", xml("Client", Name=name, **fields))
        assert answer.ok, answer.text
        return answer.find("Client").findtext("UUID") or ""

    def add_job(self, client_uuid: str, name: str = "Annual accounts") -> Element:
        answer = self.call("POST", "job.api/add", xml("Job", Name=name, Description="d", ClientUUID=client_uuid,
                                                      StartDate="20261001", DueDate="20261231"))
        assert answer.ok, answer.text
        return answer.find("Job")

    def add_cost(self, job: str, date: str = "20261115", **extra: Any) -> Answer:
        fields = {"Job": job, "Date": date, "Description": "Company search", "Code": "SEARCH", "Note": "ref-1",
                  "Quantity": "1", "UnitCost": "9.00", "UnitPrice": "25.00", "Billable": True, **extra}
        return self.call("POST", "job.api/cost", xml("Cost", **fields))


@dataclass
class Practice:
    remote: Any
    id: str
    api: Xpm

    def action(self, path: str, json: Any = None, method: str = "POST") -> Any:
        return self.remote.control.action("xpm", f"{self.id}/{path}", json, method=method)


def open_practice(remote: Any, name: str = "Practice", populate: bool = False) -> Practice:
    tenant = remote.control.create_tenant("xpm-practice", name, populate=populate)
    tokens = remote.control.issue_tokens("xero", [tenant["id"]], scopes=["practicemanager", "offline_access"])
    return Practice(remote, tenant["id"], Xpm(remote.endpoints.xero_api, tokens["access_token"], tenant["id"]))

