"""How long the conformance suite takes: runs `connsim conformance` (reference engine) in each
remote mode as a subprocess and prints wall time, scenario counts and the machine. No assertions:
speed is a figure, not a test.

    .venv/bin/python bench/bench_conformance.py [--remote in-process --remote server] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time


def run_once(remote: str) -> tuple[float, str, int]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "--remote", remote],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    elapsed = time.perf_counter() - started
    match = re.search(r"scenarios run:\s*(\d+) passed, (\d+) failed", proc.stdout.replace("\n", " "))
    summary = f"{match.group(1)} passed, {match.group(2)} failed" if match else "no summary (see output)"
    return elapsed, summary, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--remote", action="append", default=None)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    remotes = args.remote or ["in-process", "server"]
    print(f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    for remote in remotes:
        for n in range(args.repeat):
            elapsed, summary, code = run_once(remote)
            print(f"conformance  remote={remote:<10} run={n + 1}  wall={elapsed:6.2f}s  scenarios: {summary}  "
                  f"exit={code}")


if __name__ == "__main__":
    main()
