"""Concurrent reads and writes on one tenant through a real `connsim serve` (threaded gunicorn) leave
consistent books: payments racing for one invoice never overpay it, every read sees a whole state
(never a payment counted in AmountPaid but not yet in AmountDue), and every created invoice is there.
No timing is asserted; the threads run until their fixed amount of work is done."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import requests

from connsim.simulator.client import ControlClient

PAYERS, TRIES, AMOUNT, TOTAL = 8, 4, 10.0, 100.0   # 32 attempts at 10 against 100: exactly 10 succeed
CREATORS, CREATED = 4, 5
READERS = 4


def run_all(workers: list[Callable[[], None]]) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001  reported by the test, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(w,), daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    return errors


def test_concurrent_reads_and_writes_leave_consistent_books(connsim_server_url: str) -> None:
    control = ControlClient(connsim_server_url)
    tenant = control.create_tenant("xero-org", "Stress Org", populate=True)["id"]
    control.tenant_settings(tenant, rate_limits={"minute": 10**6, "day": 10**6, "appminute": 10**6,
                                                 "concurrent": 10**3})
    token = control.issue_tokens("xero", [tenant], scopes=["accounting.transactions", "accounting.contacts",
                                                          "accounting.settings"])
    headers = {"Authorization": f"Bearer {token['access_token']}", "xero-tenant-id": tenant,
               "Accept": "application/json"}
    api = f"{connsim_server_url}/api.xro/2.0"

    def call(session: requests.Session, method: str, path: str, body: Any = None) -> requests.Response:
        answer = session.request(method, api + path, json=body, headers=headers, timeout=60)
        assert answer.status_code < 500, answer.text
        return answer

    setup = requests.Session()
    contact = call(setup, "GET", "/Contacts").json()["Contacts"][0]["ContactID"]
    revenue = next(a["Code"] for a in call(setup, "GET", "/Accounts").json()["Accounts"] if a["Type"] == "REVENUE")
    bank = next(a["Code"] for a in call(setup, "GET", "/Accounts").json()["Accounts"] if a["Type"] == "BANK")

    def invoice_body(status: str, amount: float) -> dict[str, Any]:
        return {"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": contact}, "Date": "2026-11-01",
                              "DueDate": "2026-12-01", "Status": status, "LineAmountTypes": "NoTax",
                              "LineItems": [{"Description": "stress", "Quantity": 1, "UnitAmount": amount,
                                             "AccountCode": revenue}]}]}

    target = call(setup, "PUT", "/Invoices", invoice_body("AUTHORISED", TOTAL)).json()["Invoices"][0]
    assert target["Total"] == TOTAL
    before = len(call(setup, "GET", "/Invoices").json()["Invoices"])
    paid: list[str] = []
    refused: list[str] = []
    created: list[str] = []
    writers_done = threading.Event()
    reads: list[int] = []

    def pay() -> None:
        session = requests.Session()
        for _ in range(TRIES):
            answer = call(session, "PUT", "/Payments", {"Invoice": {"InvoiceID": target["InvoiceID"]},
                                                        "Account": {"Code": bank}, "Date": "2026-11-02",
                                                        "Amount": AMOUNT})
            (paid if answer.status_code == 200 else refused).append(answer.text)

    def create() -> None:
        session = requests.Session()
        for _ in range(CREATED):
            answer = call(session, "PUT", "/Invoices", invoice_body("DRAFT", 1.0))
            assert answer.status_code == 200, answer.text
            created.append(answer.json()["Invoices"][0]["InvoiceID"])

    def read() -> None:
        session = requests.Session()
        while not writers_done.is_set() or len(reads) < READERS:
            seen = call(session, "GET", f"/Invoices/{target['InvoiceID']}").json()["Invoices"][0]
            assert seen["AmountPaid"] + seen["AmountDue"] == TOTAL, seen  # a whole state, never half a payment
            assert seen["AmountPaid"] % AMOUNT == 0 and 0 <= seen["AmountPaid"] <= TOTAL, seen
            assert len(seen.get("Payments") or []) == seen["AmountPaid"] / AMOUNT, seen
            reads.append(1)

    def writers() -> None:
        try:
            assert not run_all([pay] * PAYERS + [create] * CREATORS)
        finally:
            writers_done.set()

    errors = run_all([writers] + [read] * READERS)
    assert not errors, errors[0]
    assert len(paid) == TOTAL / AMOUNT and len(refused) == PAYERS * TRIES - TOTAL / AMOUNT
    assert all("exceeds the amount outstanding" in text or "Status" in text for text in refused), refused[0]
    final = call(setup, "GET", f"/Invoices/{target['InvoiceID']}").json()["Invoices"][0]
    assert (final["Status"], final["AmountPaid"], final["AmountDue"]) == ("PAID", TOTAL, 0)
    listed = {i["InvoiceID"] for i in call(setup, "GET", "/Invoices").json()["Invoices"]}
    assert len(created) == len(set(created)) == CREATORS * CREATED and set(created) <= listed
    assert len(listed) == before + CREATORS * CREATED
    journal = control.journal(tenant=tenant, method="PUT", path="/api.xro/2.0/Payments")
    assert sorted(e["status"] for e in journal) == sorted([200] * len(paid) + [400] * len(refused))
