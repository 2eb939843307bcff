"""Replays the recorded interactions of ``recorded.py`` against the simulator, in both modes, and
compares each answer with what the recording shows. The set of interactions that do not match
must be exactly ``KNOWN_MISMATCHES`` (each with the reason it is left), so a regression or a
newly matching interaction both fail this test until the list is brought up to date."""

from __future__ import annotations

import re
from typing import Any

import requests
from defusedxml import ElementTree as SafeET

from tests.fidelity.xero.recorded import KNOWN_MISMATCHES, PRESENT, RECORDED, Recorded

SCOPES = ["accounting.transactions", "accounting.contacts", "accounting.settings", "offline_access"]


class World:
    """One organisation holding what the recordings talk about, built through the public API."""

    def __init__(self, remote: Any) -> None:
        self.remote, control = remote, remote.control
        control.freeze("2026-03-20T09:00:00Z")
        self.tenant = control.create_tenant("xero-org", "Recorded Org", populate=False)["id"]
        self.other = control.create_tenant("xero-org", "Not Connected Org", populate=False)["id"]
        self.token = control.issue_tokens("xero", [self.tenant], scopes=SCOPES)["access_token"]
        self.base = remote.endpoints.xero_api + "/api.xro/2.0"
        control.action("xero", f"{self.tenant}/lock-dates", {"period_lock_date": "2008-06-30"})
        contact = self.json("PUT", "/Contacts", {"Name": "Melrose Parking", "TaxNumber": "53003086616", "Addresses": [
            {"AddressType": "POBOX", "AddressLine1": "P O Box 123", "City": "Melbourne", "PostalCode": "3333",
             "AttentionTo": "Accounts"}], "Phones": [{"PhoneType": "DEFAULT", "PhoneNumber": "4389376",
                                                       "PhoneAreaCode": "0800"}]})["Contacts"][0]
        self.ids = {"contact": contact["ContactID"]}
        self.json("PUT", "/Items", {"Code": "DevD", "Description": "Development work - developer onsite per day",
                                    "SalesDetails": {"UnitPrice": 650, "AccountCode": "200", "TaxType": "OUTPUT"}})
        invoice = self.invoice(135, "2026-02-16", "2026-02-25")
        self.json("PUT", "/Payments", {"Invoice": {"InvoiceID": invoice}, "Account": {"Code": "090"},
                                       "Date": "2026-02-24", "Amount": 148.50, "Reference": "Chq 409"})
        self.ids.update(invoice=invoice, open_invoice=self.invoice(500, "2026-03-01", "2026-03-31"))
        note = self.json("PUT", "/CreditNotes", {"Type": "ACCRECCREDIT", "Contact": {"ContactID": self.ids["contact"]},
                                                 "Date": "2026-03-02", "Status": "AUTHORISED", "LineItems": [{
                                                     "Description": "Backorder", "UnitAmount": 199,
                                                     "AccountCode": "200", "Tracking": [
                                                         {"Name": "Region", "Option": "North"}]}]})
        self.ids["credit_note"] = note["CreditNotes"][0]["CreditNoteID"]
        for kind, amount in (("prepayments", 400.0), ("overpayments", 50.0)):
            doc = control.action("xero", f"{self.tenant}/{kind}", {"contact_id": self.ids["contact"],
                                                                    "amount": amount, "date": "2026-03-03"})
            self.ids[kind[:-1]] = doc.get("PrepaymentID") or doc["OverpaymentID"]

    def invoice(self, amount: float, day: str, due: str) -> str:
        made = self.json("PUT", "/Invoices", {"Type": "ACCREC", "Contact": {"ContactID": self.ids["contact"]},
                                              "Date": day, "DueDate": due, "Status": "AUTHORISED",
                                              "LineItems": [{"Description": "Car park", "UnitAmount": amount,
                                                             "TaxType": "OUTPUT", "AccountCode": "200"}]})
        return str(made["Invoices"][0]["InvoiceID"])

    def json(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = requests.request(method, self.base + path, json=body, timeout=10, headers={
            "Authorization": f"Bearer {self.token}", "xero-tenant-id": self.tenant, "Accept": "application/json"})
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]

    def fill(self, text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.ids.get(m.group(1), m.group(0)), text)

    def replay(self, rec: Recorded) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", "xero-tenant-id": self.tenant}
        if rec.auth == "other-tenant":
            headers["xero-tenant-id"] = self.other
        if rec.accept_json:
            headers["Accept"] = "application/json"
        if rec.body_type:
            headers["Content-Type"] = rec.body_type
        if rec.auth == "expired":
            self.remote.control.advance(31 * 60)
        try:
            body = self.fill(rec.body.decode()).encode() if rec.body else None
            return requests.request(rec.method, self.base + self.fill(rec.path), data=body, headers=headers,
                                    params=rec.query, timeout=10)
        finally:
            if rec.auth == "expired":
                self.token = self.remote.control.issue_tokens("xero", [self.tenant], scopes=SCOPES)["access_token"]


def _json_path(doc: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            doc = doc[index] if isinstance(doc, list) and len(doc) > index else KeyError
        else:
            doc = doc.get(part, KeyError) if isinstance(doc, dict) else KeyError
        if doc is KeyError:
            return KeyError
    return doc


def _agrees(actual: Any, expected: Any, world: World) -> bool:
    if actual is KeyError or actual is None:
        return False
    if expected is PRESENT:
        return True
    if isinstance(expected, re.Pattern):
        return isinstance(actual, str) and bool(expected.match(actual))
    if isinstance(expected, str):
        return actual == world.fill(expected)
    return bool(actual == expected) and type(actual) is type(expected)


def differences(world: World, rec: Recorded, answer: requests.Response) -> list[str]:
    """What in the answer disagrees with the recording (empty: it matches)."""
    out = []
    if answer.status_code != rec.status:
        out.append(f"status {answer.status_code}, recorded {rec.status}")
    if not answer.headers.get("Content-Type", "").startswith(rec.content_type):
        out.append(f"content type {answer.headers.get('Content-Type')!r}, recorded {rec.content_type!r}")
    if out:
        return out
    if rec.content_type.startswith("text/html"):
        doc: Any = None
    elif rec.content_type.startswith("text/xml"):
        doc = SafeET.fromstring(answer.content)
        if doc.tag != rec.root:
            return [f"root <{doc.tag}>, recorded <{rec.root}>"]
    else:
        doc = answer.json()
        world.ids["Id"] = doc.get("Id", "") if isinstance(doc, dict) else ""
    for path, expected in rec.checks:
        if path == "$text":
            actual: Any = answer.text
        elif doc is not None and not isinstance(doc, (dict, list)):
            found = doc.find(world.fill(path))
            actual = KeyError if found is None else (found.text or "") if expected is not PRESENT else found
        else:
            actual = _json_path(doc, path)
        if not _agrees(actual, expected, world):
            out.append(f"{path}: {actual if actual is not KeyError else 'absent'!r}, recorded {expected!r}")
    for name, expected in rec.headers:
        if not _agrees(answer.headers.get(name, KeyError), expected, world):
            out.append(f"header {name}: {answer.headers.get(name)!r}, recorded {expected!r}")
    return out


def test_recorded_interactions(connsim_remote: Any) -> None:
    world = World(connsim_remote)
    results = {rec.id: differences(world, rec, world.replay(rec)) for rec in RECORDED}
    mismatched = {rid: diff for rid, diff in results.items() if diff}
    assert set(mismatched) == set(KNOWN_MISMATCHES), mismatched
    # the figures the docs quote: interactions compared and matching
    assert (len(results), len(results) - len(mismatched)) == (len(RECORDED), len(RECORDED) - len(KNOWN_MISMATCHES))
