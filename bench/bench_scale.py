"""Scale table: does a call cost the same on an organisation of 100, 10,000 and 100,000 invoices?

Records are seeded straight into the Xero model in process (a clone of one real invoice per record,
registered in the same indexes create_invoice fills), then each call goes through mock_remotes()
with `requests`, as a connector's test would. Prints ms per call and the ratio at 100,000 / at 100
(target <= 1.2). QBO rows (DocNumber, CustomerRef + STARTPOSITION) are not built yet: issue 14.

    .venv/bin/python -m bench.bench_scale [--sizes 100 10000 100000] [--calls 50]"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from collections.abc import Callable

import requests

from bench.bench_side_by_side import xero_world
from connsim.simulator.inprocess import mock_remotes
from connsim.simulator.xero.model import XeroBackend


def seed(books: XeroBackend, count: int) -> None:
    """Grow the books to ``count`` invoices, half AUTHORISED, half DRAFT, over 50 contacts."""
    template = next(iter(dict.values(books.invoices)))
    contacts = list(dict.keys(books.contacts))[:50]
    for n in range(len(books.invoices), count):
        invoice = dataclasses.replace(template, id=books.new_id(), number=f"SCALE-{n:06d}",
                                      status="AUTHORISED" if n % 2 else "DRAFT", contact_id=contacts[n % len(contacts)],
                                      lines=list(template.lines), payment_ids=[], allocation_ids=[])
        books.invoices[invoice.id] = invoice
        books.invoices_by_number.setdefault(invoice.number.lower(), []).append(invoice.id)
        books.invoices_by_contact.setdefault(invoice.contact_id, set()).add(invoice.id)


def per_call_ms(fn: Callable[[], requests.Response], calls: int) -> float:
    first = fn()
    if first.status_code != 200:
        raise RuntimeError(f"{first.request.method} {first.url} answered {first.status_code}: {first.text[:200]}")
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) / calls * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    table: dict[str, list[float]] = {}
    with mock_remotes() as sim:
        headers, invoice_id, _ = xero_world(sim.control)
        books = sim.state.tenants.find(headers["xero-tenant-id"]).backend
        api = "https://api.xero.com/api.xro/2.0"
        contact = books.invoices[invoice_id].contact_id
        two = json.dumps({"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": contact}, "Date": "2026-11-01",
                                        "Status": "DRAFT", "LineItems": [{"Description": "Bench", "UnitAmount": 10}]}
                                       ] * 2})
        session = requests.Session()
        calls: dict[str, Callable[[], requests.Response]] = {
            "Xero GET /Invoices/{id}": lambda: session.get(f"{api}/Invoices/{invoice_id}", headers=headers),
            'Xero where Status=="AUTHORISED" page=1': lambda: session.get(
                f"{api}/Invoices", params={"where": 'Status=="AUTHORISED"', "page": "1"}, headers=headers),
            "Xero where matching nothing": lambda: session.get(
                f"{api}/Invoices", params={"where": 'InvoiceNumber=="NO-SUCH"'}, headers=headers),
            "Xero PUT /Invoices, 2 invoices": lambda: session.put(
                f"{api}/Invoices", data=two, headers={**headers, "Content-Type": "application/json"}),
        }
        for size in sorted(args.sizes):
            seed(books, size)
            for label, fn in calls.items():
                table.setdefault(label, []).append(per_call_ms(fn, args.calls))
    sizes = sorted(args.sizes)
    print(f"\nscale table, ms per call ({args.calls} calls each, in process), load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"{'call':42}" + "".join(f"{size:>12,}" for size in sizes) + f"{'ratio':>9}")
    for label, row in table.items():
        print(f"{label:42}" + "".join(f"{ms:12.2f}" for ms in row) + f"{row[-1] / row[0]:8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
