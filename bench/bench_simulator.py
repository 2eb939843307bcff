"""Throughput and latency of the simulator, in process and behind `connsim serve`.

    .venv/bin/python bench/bench_simulator.py [--requests 2000] [--threads 8]

Targets: GET /_connsim/health (the app and middleware alone) and GET /api.xro/2.0/Organisation
(every gate: bearer token, tenant connection, rate limit, tenant lock; tokens come from the
control API, the tenant's rate limits are lifted so the benchmark measures the server, not a
429). Bounded request counts: the script stops by itself. It prints figures; it asserts nothing."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import INPROCESS_HOST
from connsim.simulator.inprocess import InProcessSimulator
from connsim.simulator.pytest_plugin import ServerProcess


@dataclass
class Target:
    name: str
    path: str
    headers: dict[str, str]


def xero_target(control: ControlClient) -> Target | None:
    """Organisation with a fresh org and token, or None (with a note) while Xero is a placeholder."""
    health = control.call("GET", "/health")
    if "xero" not in health["apis"]:
        print("  note: no xero API is served; skipping Organisation")
        return None
    tenant = control.create_tenant("xero-org", "Bench Org", populate=True)
    control.tenant_settings(tenant["id"], rate_limits={"minute": 10**9, "day": 10**9, "appminute": 10**9,
                                                        "concurrent": 10**6})
    tokens = control.issue_tokens("xero", [tenant["id"]], scopes=["offline_access", "accounting.settings"])
    target = Target("xero Organisation", "/api.xro/2.0/Organisation",
                    {"Authorization": f"Bearer {tokens['access_token']}", "xero-tenant-id": tenant["id"],
                     "Accept": "application/json"})
    probe = requests.get(control.base.removesuffix("/_connsim") + target.path, headers=target.headers, timeout=10)
    if probe.status_code != 200:
        print(f"  note: GET {target.path} answered {probe.status_code} (Xero package still a placeholder?); "
              "skipping Organisation")
        return None
    return target


def run(base: str, target: Target, total: int, threads: int) -> tuple[float, list[float], int]:
    """``total`` requests over ``threads`` workers (one Session each); wall seconds, latencies, errors."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_thread = [total // threads + (1 if i < total % threads else 0) for i in range(threads)]

    def worker(count: int) -> None:
        nonlocal errors
        session = requests.Session()
        local: list[float] = []
        bad = 0
        for _ in range(count):
            t0 = time.perf_counter()
            response = session.get(base + target.path, headers=target.headers, timeout=30)
            local.append(time.perf_counter() - t0)
            bad += response.status_code >= 400
        with lock:
            latencies.extend(local)
            errors += bad

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, per_thread))
    return time.perf_counter() - start, latencies, errors


def report(mode: str, target: Target, threads: int, wall: float, latencies: list[float], errors: int) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    print(f"  {mode:<10} {target.name:<20} threads={threads:<3} n={len(ordered):<6} "
          f"{len(ordered) / wall:8.0f} req/s  p50={p50:6.2f}ms  p99={p99:6.2f}ms  errors={errors}")


def bench_mode(mode: str, base: str, control: ControlClient, total: int, threads: int) -> None:
    control.reset()
    targets = [Target("health", "/_connsim/health", {})]
    xero = xero_target(control)
    if xero:
        targets.append(xero)
    for target in targets:
        run(base, target, min(total, 50), 1)  # warm up (imports, first backend build)
        for n in sorted({1, threads}):
            report(mode, target, n, *run(base, target, total, n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per measurement")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--server-threads", type=int, default=16)
    parser.add_argument("--mode", choices=("both", "inprocess", "server"), default="both")
    args = parser.parse_args(argv)
    print(f"connsim simulator benchmark: Python {platform.python_version()} ({platform.python_implementation()}), "
          f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}")
    print(f"  {args.requests} requests per measurement; concurrency 1 and {args.threads}")
    runners: dict[str, Callable[[], None]] = {}

    def inprocess() -> None:
        with InProcessSimulator(SimConfig()):
            base = f"https://{INPROCESS_HOST}"
            bench_mode("inprocess", base, ControlClient(base), args.requests, args.threads)

    def server() -> None:
        started = time.perf_counter()
        proc = ServerProcess(extra=["--threads", str(args.server_threads)])
        print(f"  server ready in {time.perf_counter() - started:.2f}s (gunicorn gthread, "
              f"{args.server_threads} threads, loopback)")
        try:
            bench_mode("server", proc.url, ControlClient(proc.url), args.requests, args.threads)
        finally:
            proc.stop()

    runners = {"inprocess": inprocess, "server": server}
    for name, runner in runners.items():
        if args.mode in ("both", name):
            runner()
    return 0


if __name__ == "__main__":
    sys.exit(main())
