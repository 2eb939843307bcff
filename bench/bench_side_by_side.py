"""connsim beside its floors, measured in ONE run so the ratios compare like with like.

    .venv/bin/python bench/bench_side_by_side.py [--rounds 3] [--requests 5000] [--connections 16] [--skip-server]

Columns:
- server, GET one Xero invoice and PUT one invoice, 16 keep-alive connections: connsim serve
  (gunicorn gthread, 1 worker, 16 threads) against a minimal Flask app answering a fixed body on the
  same settings, and on 2 sync workers; beside them, `connsim+log`: connsim as `connsim serve` runs
  by default, with its access log on. All four run at once and take turns in alternating rounds.
  The load comes from wrk when installed (`apt-get install wrk`), else from bench/loadgen.py (ships
  with the project; it is Python, so it takes more of the CPUs the servers share).
- in process, one `requests` GET of a Xero invoice through mock_remotes() against a bare `responses`
  callback returning a fixed body (the cost of the interception mechanism alone).
- reference columns when present (bench/references.py): WireMock (`--wiremock-jar` or WIREMOCK_JAR)
  and moto (`pip install 'moto[s3,server]' boto3`), each measured alone after the main table;
  moto in process too.
It prints figures and ratios, and the machine's load beside them; it asserts nothing. Bounded
request counts: it stops by itself."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests
import responses

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadgen import Load, Stats, have_wrk, run_load, run_wrk
from bench.references import moto_inprocess, references
from bench.timing import alternate, per_call_us
from connsim.simulator.client import ControlClient
from connsim.simulator.inprocess import mock_remotes
from connsim.simulator.pytest_plugin import ServerProcess, free_port


class FloorProcess:
    """bench/floor_app.py in a subprocess, ready when it prints its listening line."""

    def __init__(self, kind: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "floor_app.py"), str(self.port), kind],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        for _ in range(4 if kind == "sync2" else 1):  # one line per worker
            if "listening" not in self.proc.stdout.readline():
                raise RuntimeError("floor app did not start")
            if kind == "sync2":
                break

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def xero_world(control: ControlClient) -> tuple[dict[str, str], str, bytes]:
    """A Xero org with its rate limits lifted, a token, one invoice id and a PUT body for one invoice."""
    tenant = control.create_tenant("xero-org", "Bench Org", populate=True)
    control.tenant_settings(tenant["id"], rate_limits={"minute": 10**9, "day": 10**9, "appminute": 10**9,
                                                        "concurrent": 10**6})
    tokens = control.issue_tokens("xero", [tenant["id"]],
                                  scopes=["offline_access", "accounting.transactions", "accounting.contacts",
                                          "accounting.settings"])
    headers = {"Authorization": f"Bearer {tokens['access_token']}", "xero-tenant-id": tenant["id"],
               "Accept": "application/json"}
    api = control.base.removesuffix("/_connsim") + "/api.xro/2.0"
    invoices = requests.get(f"{api}/Invoices", headers=headers, timeout=30).json()["Invoices"]
    contact = invoices[0]["Contact"]["ContactID"]
    accounts = requests.get(f"{api}/Accounts", headers=headers, timeout=30).json()["Accounts"]
    revenue = next(a["Code"] for a in accounts if a.get("Type") in ("REVENUE", "SALES") and a.get("Code"))
    body = json.dumps({"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": contact}, "Date": "2026-11-01",
                                     "DueDate": "2026-12-01", "Status": "DRAFT",
                                     "LineItems": [{"Description": "Bench", "Quantity": 1, "UnitAmount": 10,
                                                    "AccountCode": revenue}]}]}).encode()
    probe = requests.put(f"{api}/Invoices", data=body, headers={**headers, "Content-Type": "application/json"},
                         timeout=30)
    if probe.status_code != 200:
        raise RuntimeError(f"PUT /Invoices answered {probe.status_code}: {probe.text[:300]}")
    return headers, invoices[0]["InvoiceID"], body


#: connsim serve's gunicorn settings for this bench, which floor_app.py's gthread floor shares
THREADS = 16


def one_measurement(load: Load, connections: int, total: int) -> Stats:
    """wrk when installed (C, so the load generator takes less of the 2 CPUs), else bench/loadgen.py."""
    return run_wrk(load, connections, WRK_SECONDS) if have_wrk() else run_load(load, connections, total)


#: seconds per wrk measurement; rounds per target (the targets take turns, round by round)
WRK_SECONDS = 3
SERVER_ROUNDS = 3


def server_table(total: int, connections: int, rounds: int = SERVER_ROUNDS) -> None:
    """connsim and both floors run side by side and take turns, round by round (connsim, floor, 2-worker
    floor, connsim, ...): the machine's speed drifts over tens of seconds, and measured one after the
    other that drift went into the ratios. Each figure is the median round."""
    started = time.perf_counter()
    sim = ServerProcess(extra=["--threads", str(THREADS)])
    startup = time.perf_counter() - started
    floors: list[FloorProcess] = []
    logged: ServerProcess | None = None
    try:
        headers, invoice_id, body = xero_world(ControlClient(sim.url))
        # connsim as `connsim serve` runs by default, access log on (its lines drained by this process)
        logged = ServerProcess(extra=["--threads", str(THREADS)], access_log=True)
        logged_headers, logged_invoice, logged_body = xero_world(ControlClient(logged.url))
        floors = [FloorProcess("gthread"), FloorProcess("sync2")]
        targets: dict[str, Load] = {}
        for name, port, auth, invoice, put_body in (
                ("connsim", sim.port, headers, invoice_id, body),
                ("connsim+log", logged.port, logged_headers, logged_invoice, logged_body),
                ("floor[gthread]", floors[0].port, headers, invoice_id, body),
                ("floor[sync2]", floors[1].port, headers, invoice_id, body)):
            echo = " echo" if name.startswith("floor") else ""
            targets[f"{name} GET invoice"] = Load("127.0.0.1", port, "GET", f"/api.xro/2.0/Invoices/{invoice}", auth)
            targets[f"{name} PUT invoice{echo}"] = Load("127.0.0.1", port, "PUT", "/api.xro/2.0/Invoices",
                                                        {**auth, "Content-Type": "application/json"}, put_body)
        measured = measure_rounds(targets, connections, total, rounds)
    finally:
        for floor in floors:
            floor.stop()
        if logged is not None:
            logged.stop()
        sim.stop()
    rows = {label: _median_round(stats) for label, stats in measured.items()}
    tool = next(iter(rows.values())).tool
    print(f"\nserver: {connections} keep-alive connections, gunicorn gthread 1 worker {THREADS} threads (and a "
          f"2-sync-worker floor); {tool}, {rounds} alternating rounds, median round; connsim ready in {startup:.2f}s")
    print(f"  {'target':<32}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}   req/s per round")
    print_rows(measured)
    get, put = rows["connsim GET invoice"], rows["connsim PUT invoice"]
    fget, fput = rows["floor[gthread] GET invoice"], rows["floor[gthread] PUT invoice echo"]
    print(f"  ratios: GET {get.rps / fget.rps:.2f}x the same-settings floor (target >= 0.8), p99 "
          f"{get.p99_ms / fget.p99_ms:.2f}x (target <= 1.5); PUT {put.rps / fput.rps:.2f}x the floor's echo "
          f"(target >= 0.7); 2-sync-worker floor GET {rows['floor[sync2] GET invoice'].rps / fget.rps:.2f}x "
          "the 1-worker floor")
    print(f"  connsim+log is the default `connsim serve` (access log on, its lines written to a pipe this bench "
          f"reads): GET {rows['connsim+log GET invoice'].rps / get.rps:.2f}x and PUT "
          f"{rows['connsim+log PUT invoice'].rps / put.rps:.2f}x connsim without it")


def reference_table(total: int, connections: int, rounds: int, wiremock: str | None) -> None:
    """The reference servers present, each alone after the main table (a JVM's compiler and
    collector threads took CPU from the other targets while it ran beside them), median round."""
    for start in references(wiremock):
        process = start()
        try:
            measured = measure_rounds(process.loads(), connections, total, rounds)
        finally:
            process.stop()
        print(f"\nreference: {process.name} alone (another API on its own server; a reference point, not a floor)")
        print_rows(measured)


def measure_rounds(targets: dict[str, Load], connections: int, total: int, rounds: int) -> dict[str, list[Stats]]:
    """Each target warmed up (a JIT's too), then all of them in turn, round after round: ``total``
    requests per GET measurement with loadgen, a quarter of that for PUT."""
    for load in targets.values():
        run_load(load, connections, 500)
    measured: dict[str, list[Stats]] = {label: [] for label in targets}
    for _ in range(rounds):
        for label, load in targets.items():
            measured[label].append(one_measurement(load, connections, total // (4 if load.method == "PUT" else 1)))
    return measured


def print_rows(measured: dict[str, list[Stats]]) -> None:
    """One line per target: its median round, then every round's req/s."""
    for label, stats in measured.items():
        s = _median_round(stats)
        per_round = " ".join(f"{r.rps:.0f}" for r in stats)
        print(f"  {label:<32}{s.rps:>9.0f}{s.p50_ms:>9.2f}{s.p99_ms:>9.2f}{s.errors:>8}   {per_round}")


def _median_round(stats: list[Stats]) -> Stats:
    """The round with the median throughput (its own latencies with it), errors summed over every round."""
    ordered = sorted(stats, key=lambda s: s.rps)
    middle = ordered[len(ordered) // 2]
    return Stats(middle.tool, middle.requests, middle.seconds, middle.p50_ms, middle.p99_ms,
                 sum(s.errors for s in stats))


#: rounds the in-process calls are split into, connsim and the bare callback taking turns, so a
#: burst of load from elsewhere on a shared machine falls on both sides instead of on one
ROUNDS = 10


def inprocess_table(n: int) -> None:
    sim = mock_remotes()
    with sim:
        headers, invoice_id, _ = xero_world(ControlClient(sim.endpoints.control))
    url = f"https://api.xero.com/api.xro/2.0/Invoices/{invoice_id}"
    body = json.dumps({"Invoices": [{"InvoiceID": invoice_id}]})
    session = requests.Session()
    get = lambda: session.get(url, headers=headers)  # noqa: E731

    def through_connsim(calls: int) -> float:
        with sim:
            return per_call_us(get, calls)

    def through_bare_callback(calls: int) -> float:
        with responses.RequestsMock() as mock:
            mock.add_callback(responses.GET, url, callback=lambda request: (200, {}, body))
            return per_call_us(get, calls)

    connsim, bare = alternate([through_connsim, through_bare_callback], n, ROUNDS)
    ratios = sorted(c / b for c, b in zip(connsim, bare, strict=True))
    connsim_us, bare_us = statistics.median(connsim), statistics.median(bare)
    print(f"\nin process, {len(connsim) * max(1, n // ROUNDS)} GETs of one Xero invoice with requests, in {ROUNDS} "
          "alternating rounds (medians):")
    print(f"  connsim mock_remotes()        {connsim_us:8.0f} us/call")
    print(f"  bare responses callback       {bare_us:8.0f} us/call")
    print(f"  ratio {statistics.median(ratios):.2f}x (target <= 1.5; rounds {ratios[0]:.2f}-{ratios[-1]:.2f}); "
          f"connsim's own cost {connsim_us - bare_us:.0f} us/call")
    moto = moto_inprocess(n, ROUNDS)
    if moto is not None:
        mocked, bare_hook = moto
        moto_ratios = sorted(m / b for m, b in zip(mocked, bare_hook, strict=True))
        print(f"  reference: moto mock_aws, one boto3 get_object {statistics.median(mocked):8.0f} us/call; the same "
              f"call answered by a bare before-send hook {statistics.median(bare_hook):.0f} us/call; ratio "
              f"{statistics.median(moto_ratios):.2f}x (rounds {moto_ratios[0]:.2f}-{moto_ratios[-1]:.2f}); moto's own "
              f"cost {statistics.median(mocked) - statistics.median(bare_hook):.0f} us/call")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000,
                        help="requests per GET measurement with loadgen (a quarter for PUT); wrk runs "
                             f"{WRK_SECONDS} s instead")
    parser.add_argument("--rounds", type=int, default=SERVER_ROUNDS, help="server rounds per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--inprocess-calls", type=int, default=3000)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--wiremock-jar", default=None,
                        help="WireMock's standalone jar, for a reference column (default: $WIREMOCK_JAR)")
    args = parser.parse_args(argv)
    print(f"connsim side-by-side: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average before {os.getloadavg()[0]:.2f}, wrk {'yes' if have_wrk() else 'not installed'}")
    if not args.skip_server:
        server_table(args.requests, args.connections, args.rounds)
        reference_table(args.requests, args.connections, args.rounds, args.wiremock_jar)
    inprocess_table(args.inprocess_calls)
    print(f"\nload average after {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
