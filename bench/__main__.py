"""Issue 14's whole measuring set in one command, each part in its own process (a part's heap, such
as the scale table's 100,000-invoice tenants, does not weigh on the next one's timings):

1. bench_side_by_side: the server against its Flask floors, in process against a bare `responses`
   callback, and the WireMock and moto reference columns when present;
2. bench_request_work: opcodes per in-process request (the figure load does not move);
3. bench_scale: every indexed query and batch write at 100, 10,000 and 100,000 records;
4. bench_conformance: the conformance suite's wall time, in process and against a server;
5. bench_contention: each structure every request touches, on 1 thread and on the server's 16.

    .venv/bin/python -m bench [--quick] [--skip-server] [--wiremock-jar PATH]

``--quick`` runs smaller counts (a minute or two instead of about fifteen) for a first look; its
figures are noisier. The load average is printed before and after each part."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time


def part(module: str, args: list[str]) -> int:
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"\n===== {module} {' '.join(args)} (load average {load})", flush=True)
    started = time.perf_counter()
    code = subprocess.run([sys.executable, "-m", f"bench.{module}", *args], check=False).returncode
    print(f"===== {module}: {time.perf_counter() - started:.0f} s, exit {code}", flush=True)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts: a first look, noisier")
    parser.add_argument("--skip-server", action="store_true", help="no server measurements (in process only)")
    parser.add_argument("--wiremock-jar", default=None, help="WireMock's standalone jar (default: $WIREMOCK_JAR)")
    args = parser.parse_args(argv)
    side = ["--rounds", "1" if args.quick else "3"] + (["--inprocess-calls", "1000"] if args.quick else [])
    side += ["--skip-server"] if args.skip_server else []
    side += ["--wiremock-jar", args.wiremock_jar] if args.wiremock_jar else []
    scale = ["--sizes", "100", "10000", "--calls", "5", "--rounds", "2"] if args.quick else []
    conformance = ["--remote", "in-process"] if args.skip_server else []
    codes = [part("bench_side_by_side", side), part("bench_request_work", []), part("bench_scale", scale),
             part("bench_conformance", conformance),
             part("bench_contention", ["--ops", "8000", "--rounds", "2"] if args.quick else [])]
    return max(codes)


if __name__ == "__main__":
    raise SystemExit(main())
