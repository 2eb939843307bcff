"""Replays a recorded XPM interaction (xpm_recorded.Recorded) against connsim, in either mode, and
says how the answer differs from what the recording shows. The practice each replay runs in is
built through XPM's own API where the API can (staff, clients, contacts, jobs, assignments) and
through control actions for what only a person in XPM does (categories, templates)."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
import requests
from xpm_recorded import Recorded

FORM = "application/x-www-form-urlencoded"   # how xpm_ruby sent every XML body (recorded request headers)
START = "2026-11-20T09:00:00Z"


class World:
    """A practice shaped like the one the recordings ran against; ``values`` fills placeholders."""

    def __init__(self, remote: Any, kind: str = "full") -> None:
        self.remote, self.control = remote, remote.control
        self.control.freeze(START)
        tenant = self.control.create_tenant("xpm-practice", "Recorded Practice", populate=False)
        self.tenant = tenant["id"]
        self.token = self.control.issue_tokens("xero", [self.tenant], scopes=["practicemanager", "offline_access"])[
            "access_token"]
        self.base = remote.endpoints.xero_api + "/practicemanager/3.1/"
        self.values: dict[str, str] = {}
        if kind == "one_staff":
            self._staff("dev", "Adam Silver")
            return
        self._staff("dev", "Dev Testing")
        self._staff("ed", "Ed Minn")
        self._staff("some_user", "Some User")
        if kind != "no_categories":
            for name in ("Compliance", "Consulting", "Internal"):
                self.action("categories", {"name": name})
        self.values["template"] = self.action("templates", {"name": "Xero Setup/Conversion",
                                                            "tasks": ["Xero Setup"]})["UUID"]
        self._build_clients()
        self.values["job"] = self._job("(Sample) Bookkeeping Monthly - Basic", "23531", manager="ed", assigned="ed")

    # -- building ------------------------------------------------------------------------------------
    def action(self, path: str, body: Any = None) -> Any:
        return self.control.action("xpm", f"{self.tenant}/{path}", body)

    def ok(self, method: str, path: str, body: str | None = None) -> Element:
        response = self.send(method, path, body)
        root = SafeET.fromstring(response.content)
        assert root.findtext("Status") == "OK", response.text
        return root

    def _staff(self, key: str, name: str) -> None:
        root = self.ok("POST", "staff.api/add", f"<Staff><Name>{name}</Name><Email>{key}@example.com</Email></Staff>")
        self.values[f"staff_{key}"] = root.findtext("Staff/UUID") or ""

    def _client(self, key: str, body: str) -> Element:
        root = self.ok("POST", "client.api/add", body)
        self.values[f"client_{key}"] = root.findtext("Client/UUID") or ""
        return root

    def _build_clients(self) -> None:
        self._client("abc", "<Client><Name>ABC Co</Name><Contacts><Contact><Name>Bob</Name><Email>bob@abc.example"
                            "</Email></Contact></Contacts></Client>")
        self._client("get", "<Client><Name>Get Client Test</Name><Email>NEW@EMAIL.COM</Email><Contacts><Contact>"
                            "<Name>contact name</Name><Email>contact@email.com</Email></Contact></Contacts></Client>")
        self.ok("PUT", "client.api/update", f"<Client><UUID>{self.values['client_get']}</UUID>"
                                            "<BranchNumber>1</BranchNumber></Client>")
        person = self._client("person", "<Client><Name>Person Name</Name><Contacts><Contact><Name>Acmer Pty Ltd"
                                        "</Name></Contact><Contact><Name>some guy person</Name></Contact></Contacts>"
                                        "</Client>")
        contacts = {c.findtext("Name"): c.findtext("UUID") or "" for c in person.iter("Contact")}
        self.values["contact_person"] = contacts["Acmer Pty Ltd"]
        self.values["contact_guy"] = contacts["some guy person"]
        for n in (1, 2):
            self._client(f"acmer{n}", f"<Client><Name>Acmer Pty Ltd</Name><Contacts><Contact><Name>Contact {n}"
                                      "</Name></Contact></Contacts></Client>")

    def _job(self, name: str, order: str = "", manager: str | None = None, assigned: str | None = None) -> str:
        order_number = f"<ClientNumber>{order}</ClientNumber>" if order else ""
        root = self.ok("POST", "job.api/add", f"<Job><Name>{name}</Name><Description>{name}</Description>"
                                              f"<ClientUUID>{self.values['client_abc']}</ClientUUID>{order_number}"
                                              "<StartDate>20261101</StartDate><DueDate>20261107</DueDate></Job>")
        number = root.findtext("Job/ID") or ""
        changes = "".join(f'<{tag} uuid="{self.values["staff_" + who]}"/>'
                          for tag, who in (("add-manager", manager), ("add", assigned)) if who)
        if changes:
            self.ok("PUT", "job.api/assign", f"<Job><ID>{number}</ID>{changes}</Job>")
        return number

    # -- the steps a recording's setup names ---------------------------------------------------------
    def step(self, name: str) -> None:
        if name == "bare_job":
            self.values["job"] = self._job("Brochure Design")
        elif name in ("assign_dev", "manager_dev", "partner_dev"):
            tag = {"assign_dev": "add", "manager_dev": "add-manager", "partner_dev": "add-partner"}[name]
            change = f'<{tag} uuid="{self.values["staff_dev"]}"/>'
            self.ok("PUT", "job.api/assign", f'<Job><ID>{self.values["job"]}</ID>{change}</Job>')
        elif name == "modify_person":
            self.control.advance(60)
            self.values["since"] = "2026-11-20T09:00:30"
            self.ok("PUT", "client.api/update", f"<Client><UUID>{self.values['client_person']}</UUID>"
                                                "<Name>Updated2 Person Name</Name></Client>")
        elif name == "time_entry":
            job = self.ok("POST", "job.api/applytemplate", f"<Job><ID>{self.values['job']}</ID><TemplateUUID>"
                                                           f"{self.values['template']}</TemplateUUID></Job>")
            task = job.findtext("Job/Tasks/Task/UUID")
            self.ok("POST", "time.api/add", f"<Timesheet><Job>{self.values['job']}</Job><TaskUUID>{task}</TaskUUID>"
                                            f"<StaffUUID>{self.values['staff_ed']}</StaffUUID><Date>20261110</Date>"
                                            "<Minutes>480</Minutes><Note>Test data</Note></Timesheet>")
        elif name == "delete_guy":
            self.send("DELETE", f"client.api/contact/{self.values['contact_guy']}")
        else:
            raise AssertionError(f"unknown setup step {name}")

    # -- sending -------------------------------------------------------------------------------------
    def send(self, method: str, path: str, body: str | None = None, token: str | None = None,
             tenant: str | None = None) -> requests.Response:
        headers = {"Authorization": f"Bearer {token if token is not None else self.token}",
                   "xero-tenant-id": tenant or self.tenant}
        if body is not None:
            headers["Content-Type"] = FORM
        return requests.request(method, self.base + path, data=body.encode() if body else None, headers=headers,
                                timeout=30)

    def fill(self, text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.values[m.group(1)], text)


def replay(remote: Any, rec: Recorded) -> tuple[requests.Response, World]:
    world = World(remote, rec.world)
    for step in rec.setup:
        world.step(step)
    path, body = world.fill(rec.path), world.fill(rec.body) if rec.body else None
    token, tenant = None, None
    if rec.auth == "bad_token":
        token = "invalid"
    elif rec.auth == "bad_tenant":
        tenant = "bad_tenant"
    elif rec.auth == "expired":
        world.control.advance(3600)
    elif rec.auth == "rate_limited":
        world.control.tenant_settings(world.tenant, rate_limits={"minute": 1})
        world.send(rec.method, path, body)
    elif rec.auth.startswith("fault:"):
        world.control.add_fault(action="status", status=int(rec.auth.split(":")[1]), api="xpm", times=1)
    return world.send(rec.method, path, body, token=token, tenant=tenant), world


def differences(rec: Recorded, response: requests.Response, world: World) -> list[str]:
    """What differs from the recording; empty when connsim answers as the recording shows."""
    out: list[str] = []
    if response.status_code != rec.status:
        out.append(f"status {response.status_code}, recorded {rec.status}")
    out += _headers(rec, response)
    if rec.gateway is not None:
        return out + _gateway(rec.gateway, response)
    if rec.status == 429:
        return out + ([f"body {response.text!r}, recorded empty"] if response.content else [])
    if rec.api_method is None:
        return out
    if not response.headers.get("Content-Type", "").startswith("text/xml; charset=utf-8"):
        return [*out, f"content type {response.headers.get('Content-Type')!r}, recorded text/xml; charset=utf-8"]
    root = SafeET.fromstring(response.content)
    return out + _xml(rec, root, world)


def _headers(rec: Recorded, response: requests.Response) -> list[str]:
    out = []
    for name, want in rec.headers.items():
        got = response.headers.get(name)
        if name == "WWW-Authenticate" and got is not None:
            got = got.replace('"', "")   # RFC 6750 allows the quoted form; the recording shows it bare
        if got is None or (want == "<int>" and not got.isdigit()) or (want not in ("<int>", "<present>")
                                                                      and not got.startswith(want)):
            out.append(f"header {name}: {got!r}, recorded {want!r}")
    return out


def _gateway(want: dict[str, object], response: requests.Response) -> list[str]:
    try:
        body = json.loads(response.text)
    except ValueError:
        return [f"body is not the gateway's JSON: {response.text[:120]!r}"]
    out = [f"gateway {k} {body.get(k)!r}, recorded {v!r}" for k, v in want.items()
           if (body.get(k) != v if k != "Detail" else not str(body.get(k, "")).startswith(str(v)))]
    missing = {"Type", "Title", "Status", "Detail", "Instance", "Extensions"} - set(body)
    return out + ([f"gateway keys missing: {sorted(missing)}"] if missing else [])


def _xml(rec: Recorded, root: Element, world: World) -> list[str]:
    out = []
    if root.tag != "Response" or root.get("api-method") != rec.api_method:
        out.append(f"envelope <{root.tag} api-method={root.get('api-method')!r}>, recorded "
                   f"<Response api-method={rec.api_method!r}>")
    if root.findtext("Status") != rec.outcome:
        out.append(f"Status {root.findtext('Status')!r}, recorded {rec.outcome!r}")
    if rec.error is not None and root.findtext("ErrorDescription") != rec.error:
        out.append(f"ErrorDescription {root.findtext('ErrorDescription')!r}, recorded {rec.error!r}")
    out += [f"missing {p}" for p in (*rec.present, *rec.empty, *rec.texts) if root.find(p) is None]
    out += [f"unexpected {p}" for p in rec.absent if root.find(p) is not None]
    for path in rec.empty:
        el = root.find(path)
        if el is not None and (len(el) or (el.text or "").strip()):
            out.append(f"{path} not empty")
    for path, text in rec.texts.items():
        got = root.findtext(path)
        if got is not None and got != world.fill(text):
            out.append(f"{path} {got!r}, recorded {text!r}")
    for path, count in rec.counts.items():
        if len(root.findall(path)) != count:
            out.append(f"{len(root.findall(path))} x {path}, recorded {count}")
    return out
