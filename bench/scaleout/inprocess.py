"""What a store would add to the in-process mode: microseconds per request for the hot path's
transaction alone (token, counter, GET one invoice, journal; no HTTP) on each store, beside one
`requests` GET through today's mock_remotes(), whose world is a dict in the test's process."""

from __future__ import annotations

import time
from collections.abc import Callable

import requests

from bench.bench_side_by_side import per_call_us, xero_world
from bench.scaleout.store import Store
from connsim.simulator.client import ControlClient
from connsim.simulator.inprocess import mock_remotes


def connsim_us(calls: int) -> float:
    """One GET of a Xero invoice with `requests` through mock_remotes(): today's in-process call."""
    with mock_remotes() as sim:
        headers, invoice_id, _ = xero_world(ControlClient(sim.endpoints.control))
        session = requests.Session()
        url = f"https://api.xero.com/api.xro/2.0/Invoices/{invoice_id}"
        return per_call_us(lambda: session.get(url, headers=headers), calls)


def hot_path(store: Store, token: str, invoice_id: str) -> Callable[[], object]:
    def call() -> object:
        with store.transaction() as tx:
            grant = tx.check_token(token, time.time())
            tx.count_request(grant)
            doc = tx.get_invoice(grant.tenant, invoice_id)
            tx.journal_append(grant.tenant, grant.now, "GET", "/api.xro/2.0/Invoices", 200)
        return doc

    return call


def store_us(store: Store, token: str, invoice_id: str, calls: int) -> float:
    try:
        return per_call_us(hot_path(store, token, invoice_id), calls)
    finally:
        store.close()
