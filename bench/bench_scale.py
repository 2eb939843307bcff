"""Scale table: does a call cost the same on a tenant of 100, 10,000 and 100,000 records?

Records are seeded straight into each model in process (clones of one real record, filed in the
same indexes the model's own writes fill), then each call goes through mock_remotes() with
`requests`, as a connector's test would. Prints the median ms per call and the ratio at the largest size / at
the smallest (issue 14's target: <= 1.2). Rows: every indexed Xero, QBO and XPM query, and the
batch writes (a failing all-or-nothing batch is rolled back through the undo log). Each size is its
own tenant in one process, measured in alternating rounds, so drift in the machine's speed falls on
every size alike.

Two more columns make a row's verdict independent of the machine's noise (on a shared 2-core machine
the same call swings by up to 1.6x within a minute):
* ``work``: Python opcodes per call at the largest size / at the smallest, counted, not timed
  (bench_request_work.OpcodeCounter). A scan or a walk that grows with the tenant shows here as it
  does in time. C work (a sort, a copy of a list) is one opcode, so the time column stays.
* ``records``: how many records the call answered at each size. A row compares like with like only
  when every size answers the same number (a page that is full at every size); a row where they
  differ is marked, because rendering more records is not a scale cost.

    .venv/bin/python -m bench.bench_scale [--sizes 100 10000 100000] [--calls 20] [--rounds 5]
                                          [--only xero qbo xpm]"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import requests

from bench.bench_request_work import OpcodeCounter
from bench.bench_side_by_side import xero_world
from connsim.simulator.inprocess import mock_remotes

Call = Callable[[], requests.Response]
XERO = "https://api.xero.com/api.xro/2.0"
QBO = "https://quickbooks.api.intuit.com/v3/company"
XPM = "https://api.xero.com/practicemanager/3.1"


# -- Xero --------------------------------------------------------------------------------------------
def seed_xero(books: Any, count: int, template_id: str) -> None:
    """Grow the books to ``count`` invoices: half AUTHORISED, half DRAFT, over 50 contacts and 365 days."""
    template = books.invoices[template_id]
    contacts = list(dict.keys(books.contacts))[:50]
    for n in range(len(books.invoices), count):
        day = template.date - timedelta(days=n % 365)
        invoice = dataclasses.replace(template, id=books.new_id(), number=f"SCALE-{n:06d}",
                                      status="AUTHORISED" if n % 2 else "DRAFT", contact_id=contacts[n % len(contacts)],
                                      date=day, due_date=day + timedelta(days=30), reference=f"R{n % 1000}",
                                      lines=list(template.lines), payment_ids=[], allocation_ids=[])
        dict.__setitem__(books.invoices, invoice.id, invoice)
        books.invoices_by_number.setdefault(invoice.number.lower(), []).append(invoice.id)
        books.file_document(invoice)


def xero_calls(sim: Any) -> tuple[dict[str, Call], Callable[[int], None]]:
    headers, invoice_id, _ = xero_world(sim.control)
    books = sim.state.tenants.find(headers["xero-tenant-id"]).backend
    template = books.invoices[invoice_id]
    contact = template.contact_id
    since = (books.now() + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S")
    # 60 days back: even at 100 invoices more than a page of DRAFTs falls in the range
    recent, due = template.date - timedelta(days=60), template.date + timedelta(days=10)

    def when(day: Any) -> str:
        return f"DateTime({day.year}, {day.month}, {day.day})"

    session = requests.Session()
    json_headers = {**headers, "Content-Type": "application/json"}
    element = {"Type": "ACCREC", "Contact": {"ContactID": contact}, "Date": "2026-11-01", "Status": "DRAFT",
               "LineItems": [{"Description": "Bench", "UnitAmount": 10}]}
    two, failing = json.dumps({"Invoices": [element] * 2}), json.dumps({"Invoices": [element, {"Type": "ACCREC"}]})

    def page(number: int, size: int) -> dict[str, str]:
        """A page small enough to be full at every size, so each row renders the same amount."""
        return {"page": str(number), "pageSize": str(size)}

    def get(params: dict[str, str], extra: dict[str, str] | None = None) -> Call:
        return lambda: session.get(f"{XERO}/Invoices", params=params, headers={**headers, **(extra or {})})

    def refused(response: requests.Response) -> requests.Response:
        response.status_code = 200 if response.status_code == 400 else 500  # the expected answer is 400
        return response

    calls: dict[str, Call] = {
        "Xero GET /Invoices/{id}": lambda: session.get(f"{XERO}/Invoices/{invoice_id}", headers=headers),
        'Xero where Status=="AUTHORISED" page 1 of 10': get({"where": 'Status=="AUTHORISED"', **page(1, 10)}),
        'Xero where Type=="ACCREC" page 3 of 10': get({"where": 'Type=="ACCREC"', **page(3, 10)}),
        "Xero where Contact.ContactID page of 2": get({"where": f'Contact.ContactID==Guid("{contact}")', **page(1, 2)}),
        "Xero where InvoiceNumber": get({"where": 'InvoiceNumber=="SCALE-000050"'}),
        "Xero where Reference page of 1": get({"where": 'Reference=="R50"', **page(1, 1)}),
        "Xero where matching nothing": get({"where": 'InvoiceNumber=="NO-SUCH"'}),
        "Xero where Date >= && Status page of 5": get({"where": f'Date >= {when(recent)} && Status=="DRAFT"',
                                                       **page(1, 5)}),
        "Xero where DueDate < page of 5": get({"where": f"DueDate < {when(due)}", **page(1, 5)}),
        "Xero where UpdatedDateUTC >= page of 10": get({"where": "UpdatedDateUTC >= DateTime(2020, 1, 1)",
                                                        **page(1, 10)}),
        "Xero IDs (1)": get({"IDs": invoice_id}),
        "Xero InvoiceNumbers (2)": get({"InvoiceNumbers": "SCALE-000050,SCALE-000051"}),
        "Xero ContactIDs page of 2": get({"ContactIDs": contact, **page(1, 2)}),
        "Xero Statuses page of 10": get({"Statuses": "AUTHORISED,PAID", **page(1, 10)}),
        "Xero If-Modified-Since page of 1": get(page(1, 1), {"If-Modified-Since": since}),
        "Xero no filter page 3 of 10": get(page(3, 10)),
        "Xero PUT /Invoices, 2 invoices": lambda: session.put(f"{XERO}/Invoices", data=two, headers=json_headers),
        "Xero PUT 2, one bad (rolled back)": lambda: refused(session.put(f"{XERO}/Invoices", data=failing,
                                                                         headers=json_headers)),
    }
    return calls, lambda size: seed_xero(books, size, invoice_id)


# -- QBO ---------------------------------------------------------------------------------------------
def seed_qbo(qbo: Any, count: int) -> None:
    """Grow the realm to ``count`` invoices over 50 customers and 365 days, each with its DocNumber."""
    template = qbo.store["Invoice"]["1"]
    store = qbo.store["Invoice"]
    for n in range(len(store), count):
        qbo._seq["Invoice"] += 1
        rid = str(qbo._seq["Invoice"])
        invoice = dataclasses.replace(template, id=rid, doc_number=f"S{n:06d}", customer_id=str(n % 50 + 1),
                                      txn_date=template.txn_date - timedelta(days=n % 365),
                                      fields=dict(template.fields),
                                      paid_by={}, credited_by={})
        store[rid] = invoice
        qbo._link(invoice)
        qbo._file(invoice)


def qbo_calls(sim: Any) -> tuple[dict[str, Call], Callable[[int], None]]:
    control = sim.control
    realm = control.create_tenant("qbo-realm", "Bench Realm")["id"]
    control.tenant_settings(realm, rate_limits={"second": 10**9, "minute": 10**9, "concurrent": 10**6})
    token = control.issue_tokens("intuit", [realm], ["com.intuit.quickbooks.accounting"])["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    session = requests.Session()
    qbo = sim.state.tenants.find(realm).backend
    for n in range(50):
        qbo.create("Customer", {"DisplayName": f"Customer {n}"})
    line = {"Amount": 10, "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {"ItemRef": {"value": "1"}}}
    qbo.create("Invoice", {"CustomerRef": {"value": "1"}, "Line": [line], "TxnDate": "2026-10-01"})
    since = (qbo.now() + timedelta(seconds=1)).isoformat()
    body = json.dumps({"CustomerRef": {"value": "2"}, "Line": [line], "TxnDate": "2026-10-02"})

    def query(text: str) -> Call:
        return lambda: session.get(f"{QBO}/{realm}/query", params={"query": text}, headers=headers)

    calls: dict[str, Call] = {
        "QBO read invoice by Id": lambda: session.get(f"{QBO}/{realm}/invoice/1", headers=headers),
        "QBO DocNumber =": query("SELECT * FROM Invoice WHERE DocNumber = 'S000050'"),
        "QBO Id IN (2)": query("SELECT * FROM Invoice WHERE Id IN ('1', '2')"),
        "QBO CustomerRef = MAXRESULTS 2": query("SELECT * FROM Invoice WHERE CustomerRef = '7' MAXRESULTS 2"),
        "QBO TxnDate range MAXRESULTS 5": query("SELECT * FROM Invoice WHERE TxnDate >= '2026-09-20' AND "
                                                "TxnDate <= '2026-10-01' MAXRESULTS 5"),
        "QBO LastUpdatedTime > (recent) MAX 1": query("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > "
                                                      f"'{since}' MAXRESULTS 1"),
        "QBO STARTPOSITION 51 MAXRESULTS 50": query("SELECT * FROM Invoice STARTPOSITION 51 MAXRESULTS 50"),
        "QBO COUNT(*) WHERE CustomerRef": query("SELECT COUNT(*) FROM Invoice WHERE CustomerRef = '7'"),
        "QBO COUNT(*) FROM Invoice": query("SELECT COUNT(*) FROM Invoice"),
        "QBO POST invoice": lambda: session.post(f"{QBO}/{realm}/invoice", data=body,
                                                 headers={**headers, "Content-Type": "application/json"}),
    }
    return calls, lambda size: seed_qbo(qbo, size)


# -- XPM ---------------------------------------------------------------------------------------------
def seed_xpm(xpm: Any, count: int) -> None:
    """Grow the practice to ``count`` jobs (a fifth current) and clients to a tenth of that; the bench's own
client, staff member and day keep their one job, so each job row answers the same at every size."""
    template = next(iter(xpm.jobs.values()))
    clients = list(xpm.clients)[8:50]  # the bench's client (the 8th) keeps its one job
    for n in range(len(xpm.jobs), count):
        job = dataclasses.replace(template, number=f"S{n:07d}", uuid=xpm.new_uuid(),
                                  client_uuid=clients[n % len(clients)],
                                  state_code="INPROGRESS" if n % 5 == 0 else "COMPLETED",
                                  created_at=template.created_at - timedelta(days=n % 365 + 1), assigned=[], tasks=[],
                                  costs=[], manager_uuid=None, partner_uuid=None)
        xpm.jobs[job.number] = job
        xpm.jobs_by_uuid[job.uuid] = job.number
        xpm.file_job(job)
    for n in range(len(xpm.clients), count // 10):
        xpm.add_client({"Name": f"Scale client {n}"})


def xpm_calls(sim: Any) -> tuple[dict[str, Call], Callable[[int], None]]:
    control = sim.control
    practice = control.create_tenant("xpm-practice", "Bench Practice")["id"]
    control.tenant_settings(practice, rate_limits={"minute": 10**9, "day": 10**9, "concurrent": 10**6})
    token = control.issue_tokens("xero", [practice], ["practicemanager", "offline_access"])["access_token"]
    headers = {"Authorization": f"Bearer {token}", "xero-tenant-id": practice}
    xpm = sim.state.tenants.find(practice).backend
    clients = [xpm.add_client({"Name": f"Client {n}"}).uuid for n in range(50)]
    member = xpm.add_staff({"Name": "Ann"}).uuid
    job = xpm.add_job(clients[7], "Bench job")
    xpm.set_job_state(job.number, "INPROGRESS")
    xpm.assign(job.number, [("add", member, None)])
    day = job.created_at.strftime("%Y%m%d")
    session = requests.Session()

    def get(path: str, params: dict[str, str] | None = None) -> Call:
        return lambda: session.get(f"{XPM}/{path}", params=params, headers=headers)

    calls: dict[str, Call] = {
        "XPM job.api/get/{number}": get(f"job.api/get/{job.number}"),
        "XPM job.api/client/{uuid}": get(f"job.api/client/{clients[7]}"),
        "XPM job.api/staff/{uuid}": get(f"job.api/staff/{member}"),
        "XPM job.api/list?from&to (one day)": get("job.api/list", {"from": day, "to": day}),
        "XPM client.api/paged-list pageSize=50": get("client.api/paged-list", {"pageSize": "50"}),
    }
    return calls, lambda size: seed_xpm(xpm, size)


def xero_records(response: requests.Response) -> int:
    return len(response.json().get("Invoices") or [])


def qbo_records(response: requests.Response) -> int:
    data = response.json()
    found = data.get("QueryResponse")
    if found is None:
        return 1  # one entity read or created
    if "totalCount" in found:
        return 0  # COUNT(*) answers a number, no records
    return sum(len(value) for value in found.values() if isinstance(value, list))


def xpm_records(response: requests.Response) -> int:
    text = response.text
    return text.count("<Job>") or text.count("<Client>")


#: each remote's world (its calls and how to grow it) and how to count the records a call answered
WORLDS: dict[str, tuple[Callable[[Any], tuple[dict[str, Call], Callable[[int], None]]],
                        Callable[[requests.Response], int]]] = {
    "xero": (xero_calls, xero_records), "qbo": (qbo_calls, qbo_records), "xpm": (xpm_calls, xpm_records)}


def check(response: requests.Response) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{response.request.method} {response.url} answered {response.status_code}: "
                           f"{response.text[:200]}")


def per_call_ms(fn: Call, calls: int) -> float:
    """The median of ``calls`` timed calls: on a shared machine a median shrugs off the calls another
    process's burst slowed down, which a mean does not."""
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def alternating(worlds: list[Call], calls: int, rounds: int) -> list[float]:
    """One row at every size, in alternating rounds (size A, B, C, A, B, C, …), each round a median of
    ``calls``; the median round per size. The machine's speed drifts over tens of seconds (the same
    call measured a minute apart differs by up to 1.6x here), and measuring the sizes one after the
    other put that drift into the ratio; alternating puts it on every size alike."""
    for fn in worlds:
        check(fn())
        for _ in range(calls):  # warm: the interpreter's and the allocator's first calls are not the steady state
            fn()
    medians: list[list[float]] = [[] for _ in worlds]
    for _ in range(rounds):
        for at, fn in enumerate(worlds):
            medians[at].append(per_call_ms(fn, calls))
    return [statistics.median(m) for m in medians]


#: issue 14: cost per call at the largest size at most this many times that at the smallest
TARGET = 1.2


@dataclasses.dataclass
class Row:
    ms: list[float]
    #: Python opcodes per call at each size
    work: list[float]
    #: records answered at each size
    records: list[int]


def measure(worlds: list[Call], count: Callable[[requests.Response], int], calls: int, rounds: int) -> Row:
    records = [count(fn()) for fn in worlds]
    work = [OpcodeCounter().per_call(fn, 3) for fn in worlds]
    return Row(alternating(worlds, calls, rounds), work, records)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--calls", type=int, default=20, help="timed calls per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per row, alternating between the sizes")
    parser.add_argument("--only", nargs="+", choices=sorted(WORLDS), default=sorted(WORLDS, reverse=True))
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    table: dict[str, Row] = {}
    for name in args.only:  # one remote at a time; its sizes side by side, one tenant each, in one process
        build, count = WORLDS[name]
        with mock_remotes() as sim:
            worlds = []
            for size in sizes:
                calls, grow = build(sim)
                grow(size)
                worlds.append(calls)
            for label in worlds[0]:
                table[label] = measure([w[label] for w in worlds], count, args.calls, args.rounds)
        del sim, worlds, calls, grow
        gc.collect()
    print(f"\nscale table, ms per call (median of {args.rounds} alternating rounds of {args.calls} calls, in "
          f"process), load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print("work: opcodes per call, largest size / smallest; records: records answered at each size")
    print(f"{'call':42}" + "".join(f"{size:>12,}" for size in sizes) + f"{'ratio':>9}{'work':>8}  records")
    for label, row in table.items():
        same = len(set(row.records)) == 1
        print(f"{label:42}" + "".join(f"{ms:12.2f}" for ms in row.ms) + f"{row.ms[-1] / row.ms[0]:8.1f}x"
              + f"{row.work[-1] / row.work[0]:7.2f}x  " + "/".join(map(str, row.records))
              + ("" if same else "  NOT LIKE FOR LIKE: the sizes answer different numbers of records"))
    over_work = [label for label, row in table.items() if row.work[-1] / row.work[0] > TARGET]
    over_time = [label for label, row in table.items() if row.ms[-1] / row.ms[0] > TARGET]
    unlike = [label for label, row in table.items() if len(set(row.records)) != 1]
    def which(labels: list[str]) -> str:
        return f" {labels}" if labels else ""

    print(f"target <= {TARGET}x: work over it in {len(over_work)} of {len(table)} rows{which(over_work)}; time over it "
          f"in {len(over_time)}{which(over_time)}; not like for like: {len(unlike)}{which(unlike)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
