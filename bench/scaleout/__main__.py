"""Beyond one process, measured: the hot path on a shared store (SQLite WAL; PostgreSQL when a server
and psycopg are installed) on gunicorn with 1, 2 and 4 workers, sync and gthread, beside today's
`connsim serve` (1 worker, 16 threads) and the bare-Flask floor, in ONE run (issue 14 part 6).

    .venv/bin/python -m bench.scaleout [--requests 10000] [--connections 16] [--stores sqlite postgres]

GET one Xero invoice (the document connsim rendered at start-up, stored once) and PUT one invoice
(a new number each time), 16 keep-alive connections from bench/loadgen.py. Prints req/s, p50/p99,
the ratio to today's connsim and the 1-minute load average when each row started; asserts nothing.
Bounded request counts: it stops by itself. Design and figures: docs/design/scale-out.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.bench_side_by_side import FloorProcess, xero_world
from bench.loadgen import Load, Stats, run_load
from bench.scaleout import inprocess
from bench.scaleout.pg import PgCluster, find_bin
from bench.scaleout.server import ScaleoutProcess
from bench.scaleout.store import Store, open_store
from connsim.simulator.client import ControlClient
from connsim.simulator.pytest_plugin import ServerProcess, free_port

INVOICES = "/api.xro/2.0/Invoices"


@dataclass
class Row:
    target: str
    op: str
    stats: Stats
    load: float


@dataclass
class World:
    """What connsim gave at start-up: the tenant, its headers, the invoice document and a PUT body."""

    tenant: str
    headers: dict[str, str]
    invoice: dict[str, object]
    body: bytes


class Bench:
    def __init__(self, total: int, connections: int) -> None:
        self.total, self.connections = total, connections
        self.rows: list[Row] = []

    def pair(self, target: str, port: int, headers: dict[str, str], invoice_id: str, body: bytes) -> None:
        """GET one invoice (``total`` requests), then PUT one invoice (a quarter as many)."""
        put_headers = {**headers, "Content-Type": "application/json"}
        for op, load, total in (("GET", Load("127.0.0.1", port, "GET", f"{INVOICES}/{invoice_id}", headers),
                                 self.total),
                                ("PUT", Load("127.0.0.1", port, "PUT", INVOICES, put_headers, body),
                                 self.total // 4)):
            run_load(load, self.connections, min(total, 500))  # warm up
            load_avg = os.getloadavg()[0]
            self.rows.append(Row(target, op, run_load(load, self.connections, total), load_avg))
            print(f"  {target:<34}{op}  {self.rows[-1].stats.rps:8.0f} req/s", flush=True)

    def print_table(self) -> None:
        base = {r.op: r.stats for r in self.rows if r.target.startswith("connsim")}
        print(f"\n{'target':<34}{'op':<5}{'n':>7}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'err':>5}"
              f"{'x connsim':>11}{'load1':>7}")
        for r in self.rows:
            s, ratio = r.stats, r.stats.rps / base[r.op].rps if r.op in base and base[r.op].rps else float("nan")
            print(f"{r.target:<34}{r.op:<5}{s.requests:>7}{s.rps:>8.0f}{s.p50_ms:>8.2f}{s.p99_ms:>8.2f}{s.errors:>5}"
                  f"{ratio:>10.2f}x{r.load:>7.2f}")


def connsim_world(bench: Bench) -> World:
    """Today's process: measured first; its rendered invoice becomes the prototype's document."""
    sim = ServerProcess(extra=["--threads", "16"])
    try:
        headers, invoice_id, body = xero_world(ControlClient(sim.url))
        invoice = requests.get(f"{sim.url}{INVOICES}/{invoice_id}", headers=headers, timeout=30).json()["Invoices"][0]
        bench.pair("connsim serve (gthread 1x16)", sim.port, headers, invoice_id, body)
    finally:
        sim.stop()
    return World(headers["xero-tenant-id"], headers, invoice, body)


def floors(bench: Bench, world: World) -> None:
    for kind in ("gthread", "sync2"):
        floor = FloorProcess(kind)
        try:
            bench.pair(f"floor Flask ({'gthread 1x16' if kind == 'gthread' else 'sync 2'})", floor.port,
                       world.headers, str(world.invoice["InvoiceID"]), world.body)
        finally:
            floor.stop()


def prototype(bench: Bench, world: World, name: str, spec: str, kinds: list[str], workers: list[int]) -> None:
    """One fresh world per configuration, so every row starts from the same store."""
    with tempfile.TemporaryDirectory(prefix="connsim-scaleout-") as tmp:
        template = Path(tmp) / "invoice.json"
        template.write_text(json.dumps(world.invoice))
        for kind in kinds:
            for count in workers:
                run_spec = spec.replace("{tmp}", f"{tmp}/{kind}{count}")
                token = seed(run_spec, world)
                label = f"{name} {kind} {count}x{16 if kind == 'gthread' else 1}"
                server = start(label, kind, count, run_spec, template)
                if server is None:
                    continue
                try:
                    bench.pair(label, server.port, {**world.headers, "Authorization": f"Bearer {token}"},
                               str(world.invoice["InvoiceID"]), world.body)
                finally:
                    server.stop()


def start(label: str, kind: str, workers: int, spec: str, template: Path) -> ScaleoutProcess | None:
    """Started on a free port, once more on another if the first start fails (a port taken between
    free_port() and bind by another run on this shared machine); None, said why, after that."""
    for attempt in (1, 2):
        try:
            return ScaleoutProcess(free_port(), kind, workers, spec, template)
        except RuntimeError as exc:
            print(f"  {label}: start {attempt} failed: {exc}", flush=True)
    return None


def seed(spec: str, world: World, keep: Store | None = None) -> str:
    """A fresh world holding connsim's tenant and invoice, and a token for it (``keep``: seed this
    open store, e.g. an in-memory one, instead of opening and closing ``spec``)."""
    store = keep or open_store(spec)
    try:
        store.create()
        store.add_tenant(world.tenant, minute_limit=10**9)  # lifted, as the connsim rows have it
        token = store.issue_token(world.tenant, time.time() + 86400)
        with store.transaction() as tx:
            tx.insert_invoice(world.tenant, world.invoice, invoice_id=str(world.invoice["InvoiceID"]))
        return token
    finally:
        if keep is None:
            store.close()


def inprocess_table(world: World, specs: list[tuple[str, str]], calls: int) -> None:
    """The hot path's transaction alone, per store, beside one in-process call of today's connsim."""
    base = inprocess.connsim_us(calls)
    print(f"\nin process, {calls} calls each, us per call:")
    print(f"  {'connsim mock_remotes(), one requests GET of an invoice':<70}{base:8.0f}")
    with tempfile.TemporaryDirectory(prefix="connsim-scaleout-") as tmp:
        for name, spec in specs:
            store = open_store(spec.replace("{tmp}", f"{tmp}/inprocess"))
            token = seed(spec, world, keep=store)
            cost = inprocess.store_us(store, token, str(world.invoice["InvoiceID"]), calls)
            print(f"  {'store transaction (token, counter, GET, journal), ' + name:<70}{cost:8.0f}"
                  f"   +{cost / base:.0%} of the call")


def postgres_or_reason() -> tuple[PgCluster | None, str]:
    bindir = find_bin()
    if bindir is None:
        return None, "no PostgreSQL server installed (apt-get install -y postgresql)"
    try:
        import psycopg  # noqa: F401  # optional extra
    except ImportError:
        return None, "psycopg not installed (pip install -e '.[postgres]')"
    return PgCluster(bindir), ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10000, help="GETs per row (PUTs: a quarter)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--stores", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--kinds", nargs="+", default=["sync", "gthread"], choices=["sync", "gthread"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2, 4])
    parser.add_argument("--inprocess-calls", type=int, default=3000)
    args = parser.parse_args(argv)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"connsim scale-out: Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}, "
          f"{args.connections} connections, {args.requests} GETs / {args.requests // 4} PUTs per row", flush=True)
    bench = Bench(args.requests, args.connections)
    world = connsim_world(bench)
    floors(bench, world)
    specs: list[tuple[str, str]] = []
    if "sqlite" in args.stores:
        prototype(bench, world, "sqlite-wal", "sqlite:{tmp}.db", args.kinds, args.workers)
        if "gthread" in args.kinds:  # threads queued on a process lock before SQLite's busy handler
            prototype(bench, world, "sqlite-wal+lock", "sqlite+lock:{tmp}.db", ["gthread"], args.workers)
        specs += [("sqlite-wal file", "sqlite:{tmp}.db"), ("sqlite :memory:", "sqlite::memory:")]
    cluster, reason = postgres_or_reason() if "postgres" in args.stores else (None, "not asked for")
    try:
        if cluster is not None:
            prototype(bench, world, "postgres", cluster.dsn, args.kinds, args.workers)
            specs.append(("postgres (loopback TCP)", cluster.dsn))
        else:
            print(f"  postgres: skipped, {reason}")
        bench.print_table()
        inprocess_table(world, specs, args.inprocess_calls)
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"\nload average after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
