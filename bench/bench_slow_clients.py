"""Slow senders against `connsim serve`: N clients each send a request's headers and then its
body one byte a second; meanwhile another client times ordinary requests (GET /_connsim/health
and a Xero GET /Organisation through every gate). Prints p50 / p99 / max latency and how many
answered, for each N. Stops by itself; asserts nothing.

    .venv/bin/python bench/bench_slow_clients.py [--slow 0 24 48] [--seconds 12] [--threads 64]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connsim.simulator.client import ControlClient
from connsim.simulator.pytest_plugin import ServerProcess

BODY = 600  # bytes each slow client promises; at one byte a second it never finishes within a run


def trickle(port: int, stop: threading.Event) -> None:
    """One slow client: headers at once, then one body byte a second until told to stop."""
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(b"POST /_connsim/tenants HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {BODY}\r\n\r\n".encode())
        while not stop.wait(1.0):
            sock.sendall(b" ")
    except OSError:
        return  # the server cut it off at its body deadline: that is the point


def measure(url: str, headers: dict[str, str], seconds: float) -> list[float]:
    session, out = requests.Session(), []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for path, hdrs in (("/_connsim/health", {}), ("/api.xro/2.0/Organisation", headers)):
            t0 = time.perf_counter()
            try:
                ok = session.get(url + path, headers=hdrs, timeout=30).status_code == 200
            except requests.RequestException:
                ok = False
            out.append((time.perf_counter() - t0) * 1000 if ok else float("inf"))
        time.sleep(0.05)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slow", type=int, nargs="+", default=[0, 24, 48])
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--threads", type=int, default=64)
    args = parser.parse_args()
    server = ServerProcess(extra=["--threads", str(args.threads)])
    try:
        control = ControlClient(server.url)
        tenant = control.create_tenant("xero-org", "Bench Org", populate=True)["id"]
        control.call("PATCH", f"/tenants/{tenant}/settings", {"rate_limits": {"minute": 10**9, "day": 10**9}})
        token = control.issue_tokens("xero", [tenant], scopes=["accounting.settings"])["access_token"]
        headers = {"Authorization": f"Bearer {token}", "xero-tenant-id": tenant, "Accept": "application/json"}
        port = int(server.url.rsplit(":", 1)[1])
        print(f"connsim serve --threads {args.threads}; each row {args.seconds:g} s of ordinary requests")
        print(f"{'slow clients':>12} {'answered':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for count in args.slow:
            stop = threading.Event()
            slow = [threading.Thread(target=trickle, args=(port, stop), daemon=True) for _ in range(count)]
            for thread in slow:
                thread.start()
            time.sleep(1.0)  # every slow client connected and holding a thread
            times = measure(server.url, headers, args.seconds)
            stop.set()
            answered = [t for t in times if t != float("inf")]
            ordered = sorted(answered) or [float("nan")]
            p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
            print(f"{count:>12} {len(answered):>4}/{len(times):<4} {statistics.median(ordered):>8.1f} "
                  f"{p99:>8.1f} {max(ordered):>8.1f}")
            for thread in slow:
                thread.join(timeout=5)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
