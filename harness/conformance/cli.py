"""`connsim conformance`: run the features against an engine through the simulated remotes, show
progress, print a verdict per catalogue ID, write JUnit XML and HTML. Exit status 1 on any failure."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from rich.console import Console

from connsim.harness.adapters.contract import PROFILES
from connsim.harness.catalogue import PROFILE_TAGS
from connsim.harness.conformance.report import print_report, write_html, write_json
from connsim.harness.conformance.results import FAIL, MISSING, Collector, ScenarioResult, verdicts

SUITE = Path(__file__).with_name("suite.py")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--adapter", default=None, help="module:Class of the engine under test (default: reference)")
    who.add_argument("--adapter-url", default=None, help="base URL of an engine served over the HTTP contract")
    parser.add_argument("--profile", action="append", choices=PROFILES,
                        help="run only these profiles (repeatable); default: all")
    parser.add_argument("--remote", default="in-process",
                        help="in-process (default), server (start `connsim serve`), or a running simulator's URL")
    parser.add_argument("--admin-token", default=None, help="admin credential of a remote simulator")
    parser.add_argument("--junit", default=None, help="write JUnit XML here")
    parser.add_argument("--html", default=None, help="write an HTML report here")
    parser.add_argument("--json", default=None, help="write the verdicts and scenario results as JSON here")
    parser.add_argument("--features", default=None, help="feature files directory (default: the project's)")
    parser.add_argument("-k", dest="keyword", default=None, help="only scenarios matching this pytest -k expression")


def pytest_args(args: argparse.Namespace) -> list[str]:
    argv = [str(SUITE), "-o", "addopts=", "-p", "connsim.harness.bdd.plugin", "-p", "no:cacheprovider", "-q", "--no-header",
            "--connsim-remote", args.remote]
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
    if args.junit:
        argv += ["--junitxml", args.junit]
    return argv


def run(args: argparse.Namespace) -> int:
    # a duplicate of the real stdout: pytest's fd capture and the quieted terminal do not reach it
    console = Console(file=os.fdopen(os.dup(1), "w", buffering=1), soft_wrap=False)
    if args.features:
        os.environ["CONNSIM_FEATURES"] = str(Path(args.features).resolve())
    engine_name = args.adapter_url or args.adapter or "reference engine"
    console.print(f"[bold]connsim conformance[/]: {engine_name} against the {args.remote} simulator")

    def progress(result: ScenarioResult) -> None:
        mark = {"passed": "[green]✓[/]", "failed": "[red]✗[/]", "skipped": "[dim]-[/]"}[result.outcome]
        console.print(f" {mark} {' '.join(result.ids):<28} {result.feature}: {result.name}"
                      + (f" [dim]({result.skip_reason})[/]" if result.skip_reason else ""), highlight=False)

    collector = Collector(on_result=progress)
    with _quiet_pytest():
        code = pytest.main(pytest_args(args), plugins=[collector])
    results = list(collector.results.values())
    selected = set(args.profile) if args.profile else None
    outcome = verdicts(results, selected)
    title = f"connsim conformance: {engine_name} ({args.remote})"
    print_report(console, outcome, results, title)
    if args.html:
        write_html(Path(args.html), outcome, results, title)
        console.print(f"HTML report: {args.html}")
    if args.junit:
        console.print(f"JUnit XML: {args.junit}")
    if args.json:
        write_json(Path(args.json), outcome, results)
    failed = any(v.status == FAIL for v in outcome) or (selected is None and any(v.status == MISSING for v in outcome))
    if code not in (0, 5) and not failed:  # pytest itself failed (collection error, bad option)
        console.print(f"[red]pytest exited with status {code}[/]")
        return int(code)
    return 1 if failed else 0


class _quiet_pytest:
    """pytest's own terminal output is replaced by the progress lines and the report."""

    def __enter__(self) -> None:
        self._devnull = open(os.devnull, "w")
        import sys

        self._stdout = sys.stdout
        sys.stdout = self._devnull

    def __exit__(self, *exc: object) -> None:
        import sys

        sys.stdout = self._stdout
        self._devnull.close()
