"""Recorded real QuickBooks Online traffic replayed against connsim, in both modes: each compared
interaction (recorded_qbo.RECORDED) must answer with the recorded status, envelope, field values and
formats, error codes and texts. The expectations and their sources are in recorded_qbo.py."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from recorded_qbo import DIFFERS, NOT_SIMULATED, RECORDED, TIME_MS, TOTAL_RECORDED, Recorded, fill, mismatches

#: the recordings were made on 2020-09-29 around 05:58 Pacific
RECORDED_AT = "2020-09-29T12:58:07Z"


class Realm:
    """A fresh realm and a token for it, on the recording's date, holding what an interaction needs."""

    def __init__(self, remote: Any) -> None:
        remote.control.freeze(RECORDED_AT)
        self.remote = remote
        self.realm = remote.control.create_tenant("qbo-realm", "Recorded Company")["id"]
        self.token = remote.control.issue_tokens("intuit", [self.realm], ["com.intuit.quickbooks.accounting"])[
            "access_token"]
        self.names: dict[str, str] = {}

    def send(self, method: str, path: str, body: Any = None) -> requests.Response:
        path, _, query = fill(path, self.names).partition("?")
        params = dict(part.split("=", 1) for part in query.split("&")) if query else {}
        headers = {"Accept": "application/json", "Authorization": f"Bearer {self.token}"}
        url = f"{self.remote.endpoints.qbo_api}/v3/company/{self.realm}/{path}"
        return requests.request(method, url, params=params, headers=headers, timeout=30,
                                json=fill(body, self.names) if body is not None else None)

    def prepare(self, recorded: Recorded) -> None:
        for name, customer in recorded.setup.items():
            self.names[name] = self.created(self.send("POST", "customer", customer))
        for method, path, body, name in recorded.before:
            made = self.created(self.send(method, path, body))
            if name:
                self.names[name] = made
        if recorded.expired_token:
            self.remote.control.advance(3601)

    @staticmethod
    def created(response: requests.Response) -> str:
        assert response.status_code == 200, response.text
        return str(next(v for k, v in response.json().items() if k != "time")["Id"])


@pytest.mark.parametrize("recorded", RECORDED, ids=[r.name for r in RECORDED])
def test_recorded_interaction(connsim_remote: Any, recorded: Recorded) -> None:
    realm = Realm(connsim_remote)
    realm.prepare(recorded)
    response = realm.send(recorded.method, recorded.path, recorded.body)
    assert response.status_code == recorded.status, (recorded.source, response.text)
    assert response.headers.get("Content-Type", "").startswith("application/json"), recorded.source
    body = response.json()
    assert set(body) == recorded.envelope, (recorded.source, sorted(body))
    assert mismatches(recorded.fields, body, {**realm.names, "realm": realm.realm}) == [], recorded.source


def test_batch_delete_of_a_missing_invoice(connsim_remote: Any) -> None:
    """spec/vcr/batch/basic.yml interaction 0, item bid2 (the items naming Vendor and SalesReceipt are not
    simulated): a 200 whose item carries the 610 Fault, element "", as recorded."""
    realm = Realm(connsim_remote)
    response = realm.send("POST", "batch", {"BatchItemRequest": [
        {"bId": "bid2", "operation": "delete", "Invoice": {"Id": "129", "SyncToken": "0"}}]})
    assert response.status_code == 200 and set(response.json()) == {"BatchItemResponse", "time"}
    assert TIME_MS.match(response.json()["time"])
    assert response.json()["BatchItemResponse"] == [{"Fault": {"Error": [{
        "Message": "Object Not Found",
        "Detail": "Object Not Found : Something you're trying to use has been made inactive. Check the fields "
                  "with accounts, customers, items, vendors or employees.",
        "code": "610", "element": ""}], "type": "ValidationFault"}, "bId": "bid2"}]


def test_every_recorded_interaction_is_accounted_for() -> None:
    """Compared + not simulated = all 51 interactions of the cassettes; each difference names a compared one."""
    assert len({r.name for r in RECORDED}) == len(RECORDED)
    assert len(RECORDED) + sum(count for count, _ in NOT_SIMULATED.values()) == TOTAL_RECORDED
    assert set(DIFFERS) <= {r.name for r in RECORDED}
    assert all(reason for fields in DIFFERS.values() for reason in fields.values())
