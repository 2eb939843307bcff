"""`connsim chaos`: random fault schedules over each profile's workload, against the reference
engine or yours, with invariants checked on the remote's real state after healing. A broken
invariant is shrunk to a minimal schedule and printed with its seed; the same seed replays the
same run. ``--schedules`` is per profile (split between the profile's workloads: payments runs
Xero and QuickBooks). Exit status 1 when any invariant broke."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from connsim.harness.adapters.contract import PROFILES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument("--adapter", default=None, help="engine class as module:Class (default: the reference engine)")
    engine.add_argument("--adapter-url", default=None, help="base URL of an engine served over the HTTP contract")
    parser.add_argument("--profile", action="append", choices=PROFILES, default=None,
                        help="profile to run (repeatable; default: every profile the engine implements)")
    parser.add_argument("--schedules", type=int, default=40, help="schedules per profile")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed: the same seed replays the same run")
    parser.add_argument("--remote", default="in-process",
                        help="in-process (default) or the URL of a running `connsim serve`")
    parser.add_argument("--admin-token", default=None, help="the served simulator's admin credential")
    parser.add_argument("--json", default=None, metavar="F", help="write the figures and minimal schedules as JSON")
    parser.add_argument("--junit", default=None, metavar="F", help="write one JUnit test case per workload")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


def say(line: str) -> None:
    """Progress, on stderr so the report on stdout stays clean."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


@contextmanager
def remote(where: str, admin_token: str | None) -> Iterator[Any]:
    from connsim.harness.env import RemoteEnv
    from connsim.simulator.client import ControlClient
    from connsim.simulator.endpoints import Endpoints

    if where == "in-process":
        from connsim.simulator.config import SimConfig
        from connsim.simulator.inprocess import InProcessSimulator

        sim = InProcessSimulator(SimConfig())
        with sim:
            yield RemoteEnv(sim.endpoints, sim.control)
        return
    yield RemoteEnv(Endpoints.single_base(where), ControlClient(where, admin_token=admin_token))


def run(args: argparse.Namespace) -> int:
    from connsim.harness.adapters.loading import load_engine
    from connsim.harness.chaos import report
    from connsim.harness.chaos.profiles import PROFILE_WORKLOADS
    from connsim.harness.chaos.runner import Tally, explore

    implemented = load_engine(args.adapter, args.adapter_url).profiles
    profiles = [p for p in (args.profile or PROFILES) if p in implemented]
    if not profiles:
        sys.stderr.write("the engine implements none of the chosen profiles\n")
        return 2
    started = time.monotonic()
    tallies: list[Tally] = []

    def progress(tally: Tally) -> None:
        if not args.quiet and (tally.schedules % 10 == 0 or tally.lost or tally.doubled):
            say(f"  {tally.label}: {tally.schedules} schedules, {tally.faults_fired} faults fired, "
                f"{tally.records} records, {tally.lost} lost, {tally.doubled} doubled")

    with remote(args.remote, args.admin_token) as env:
        for profile in profiles:
            workloads = PROFILE_WORKLOADS[profile]
            for index, workload in enumerate(workloads):
                count = args.schedules // len(workloads) + (index < args.schedules % len(workloads))
                if not args.quiet:
                    say(f"{workload.label}: {count} schedules, seed {args.seed}")
                tallies.append(explore(workload, lambda: load_engine(args.adapter, args.adapter_url), env, count,
                                       args.seed, progress))
    report.table(tallies, sys.stdout)
    elapsed = time.monotonic() - started
    sys.stdout.write(f"{sum(t.schedules for t in tallies)} schedules in {elapsed:.1f} s (seed {args.seed})\n")
    meta = {"seed": args.seed, "adapter": args.adapter or args.adapter_url or "reference", "seconds": round(elapsed, 1)}
    if args.json:
        report.write_json(tallies, args.json, meta)
    if args.junit:
        report.write_junit(tallies, args.junit)
    return 0 if all(t.passed for t in tallies) else 1
