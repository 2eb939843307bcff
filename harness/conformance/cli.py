"""`connsim conformance`: check the set-up, run the features against an engine through the simulated
remotes (in one process or on N xdist workers), show progress, print a verdict per catalogue ID,
and write the reports asked for.

Exit status: 0 when every selected catalogue ID passed; 1 when one failed (or, grading the
project's own features, one is not covered); 2 for a set-up mistake or a selection that matches
nothing, said in one line before any scenario runs."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.markup import escape

from connsim.harness.adapters.contract import PROFILES
from connsim.harness.catalogue import PROFILE_TAGS
from connsim.harness.conformance import preflight
from connsim.harness.conformance.ci_formats import write_cucumber, write_junit
from connsim.harness.conformance.html_report import write_html
from connsim.harness.conformance.inventory import coverage
from connsim.harness.conformance.paths import features_dir
from connsim.harness.conformance.pytest_run import graded_run_args
from connsim.harness.conformance.report import console_for, print_report, write_json
from connsim.harness.conformance.results import FAIL, MISSING, Collector, ScenarioResult, verdicts
from connsim.harness.conformance.version import version

SETUP_ERROR, FAILED = 2, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--adapter", default=None, metavar="MODULE:CLASS",
                     help="the Python engine under test, imported from the current folder or an installed package "
                          "(default: the reference engine)")
    who.add_argument("--adapter-url", default=None, metavar="URL",
                     help="base URL of an engine served over the HTTP contract (docs/harness/http-contract.md); "
                          "implies --remote server unless --remote names a URL")
    parser.add_argument("--profile", action="append", choices=PROFILES, metavar="PROFILE",
                        help=f"grade only this profile (repeatable; one of {', '.join(PROFILES)}); "
                             "default: every profile the engine implements")
    parser.add_argument("--remote", default=None, metavar="in-process|server|URL",
                        help="where the simulated remotes run: in-process (default for --adapter), server (a "
                             "`connsim serve` per worker; default for --adapter-url), or a running simulator's URL")
    parser.add_argument("--admin-token", default=None, help="admin credential of the simulator at --remote URL "
                                                           "(default: none, as `connsim serve` on loopback)")
    parser.add_argument("-k", dest="keyword", default=None, metavar="EXPR",
                        help="only scenarios matching this pytest -k expression (default: all)")
    parser.add_argument("-n", "--workers", default="0", metavar="N",
                        help="run scenarios on N processes (pytest-xdist; 'auto' = one per core), each with its "
                             "own simulator; default: 0 (this process)")
    parser.add_argument("--features", default=None, metavar="DIR",
                        help="grade these feature files instead of the shipped ones; IDs they do not cover are "
                             "reported but do not fail the run (default: the installed features)")
    parser.add_argument("--clock", choices=("frozen", "running"), default="frozen",
                        help="simulated clock during scenarios: frozen (moves only when a step or the engine "
                             "advances it) or running (real time from the scenario's instant, for a connector "
                             "that sleeps in real time; slower) (default: frozen)")
    parser.add_argument("--html", default=None, metavar="FILE", help="write the HTML report here (default: none)")
    parser.add_argument("--junit", default=None, metavar="FILE", help="write JUnit XML here (default: none)")
    parser.add_argument("--cucumber-json", default=None, metavar="FILE",
                        help="write Cucumber JSON here, for Jenkins or Allure (default: none)")
    parser.add_argument("--json", default=None, metavar="FILE",
                        help="write the verdicts and scenario results as JSON here (default: none)")


def _workers(value: str) -> int:
    if value == "auto":
        return os.cpu_count() or 1
    if not value.isdigit():
        raise preflight.SetupError(f"-n takes a number of workers or 'auto', got {value!r}")
    return int(value)


def check(args: argparse.Namespace) -> tuple[str, int]:
    """Every pre-flight check; returns the remote to use and the number of workers."""
    workers = _workers(args.workers)
    remote = args.remote or ("server" if args.adapter_url else "in-process")
    preflight.features(features_dir(), explicit=bool(args.features))
    preflight.feature_lint(features_dir())
    preflight.remote(remote, args.admin_token, args.adapter_url, workers)
    engine = args.adapter_url or args.adapter or "the reference engine"
    declared = preflight.engine_profiles(args.adapter, args.adapter_url)
    preflight.profiles_asked(args.profile, declared, engine)
    return remote, workers


def pytest_args(args: argparse.Namespace, remote: str, workers: int) -> list[str]:
    argv = [*graded_run_args(remote, workers), "--connsim-clock", args.clock]
    if args.adapter:
        argv += ["--connsim-adapter", args.adapter]
    if args.adapter_url:
        argv += ["--connsim-adapter-url", args.adapter_url]
    if args.admin_token:
        argv += ["--connsim-admin-token", args.admin_token]
    if args.profile:
        argv += ["-m", " or ".join(PROFILE_TAGS[p] for p in args.profile)]
    if args.keyword:
        argv += ["-k", args.keyword]
    return argv


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    if args.features:
        os.environ["CONNSIM_FEATURES"] = str(Path(args.features).resolve())
    try:
        remote, workers = check(args)
    except preflight.SetupError as exc:
        _error(str(exc))
        return SETUP_ERROR
    engine_name = args.adapter_url or args.adapter or "reference engine"
    console = console_for()
    console.print(f"[bold]connsim conformance[/]: {engine_name} against the {remote} simulator"
                  + (f", {workers} workers" if workers > 1 else ""))

    def progress(result: ScenarioResult) -> None:
        mark = {"passed": "[green]✓[/]", "failed": "[red]✗[/]", "skipped": "[dim]-[/]"}[result.outcome]
        console.print(f" {mark} {' '.join(result.ids):<28} {escape(result.feature)}: {escape(result.name)} "
                      f"{escape(f'[{result.mode}]')}"
                      + (f" [dim]({escape(result.skip_reason)})[/]" if result.skip_reason else ""))

    collector = Collector(on_result=progress)
    with _quiet_pytest():
        code = pytest.main(pytest_args(args, remote, workers), plugins=[collector])
    results = list(collector.results.values())
    if code == pytest.ExitCode.USAGE_ERROR:
        _error("the feature files or options are wrong (see above)")
        return SETUP_ERROR
    if code == pytest.ExitCode.NO_TESTS_COLLECTED or not results:
        asked = (("-k", [args.keyword] if args.keyword else []), ("--profile", args.profile or []))
        what = " ".join(f"{flag} {' '.join(values)}" for flag, values in asked if values)
        _error(f"nothing selected{': ' + what if what else ''} matched no scenario; widen the selection")
        return SETUP_ERROR
    outcome = verdicts(results, coverage(features_dir()))
    summary = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"), "version": version(),
               "engine": engine_name, "remote": remote, "clock": args.clock, "workers": max(workers, 1),
               "duration_s": round(time.monotonic() - started, 1)}
    title = f"connsim conformance: {engine_name} ({remote})"
    print_report(console, outcome, results, title)
    _write_reports(args, outcome, results, title, summary, console)
    failed = any(v.status == FAIL for v in outcome) or (not args.features and any(v.status == MISSING for v in outcome))
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) and not failed:
        console.print(f"[red]pytest stopped with status {int(code)}[/]")
        return int(code)
    return FAILED if failed else 0


def _write_reports(args: argparse.Namespace, outcome: list[Any], results: list[ScenarioResult], title: str,
                   summary: dict[str, Any], console: Any) -> None:
    if args.html:
        write_html(Path(args.html), outcome, results, title, summary)
        console.print(f"HTML report: {args.html}")
    if args.junit:
        write_junit(Path(args.junit), results, title, summary["duration_s"])
        console.print(f"JUnit XML: {args.junit}")
    if args.cucumber_json:
        write_cucumber(Path(args.cucumber_json), results)
        console.print(f"Cucumber JSON: {args.cucumber_json}")
    if args.json:
        write_json(Path(args.json), outcome, results, summary)


def _error(message: str) -> None:
    sys.stderr.write(f"connsim conformance: error: {message}\n")


class _quiet_pytest:
    """pytest's own terminal output is replaced by the progress lines and the report."""

    def __enter__(self) -> None:
        self._devnull = open(os.devnull, "w")
        self._stdout = sys.stdout
        sys.stdout = self._devnull

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self._stdout
        self._devnull.close()
