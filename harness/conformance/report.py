"""The conformance report on the terminal: a table per catalogue ID, then every failure in full
(failing step, the whole assertion with the engine's reason and error), never cut."""

from __future__ import annotations

import io
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from connsim.harness.conformance.results import FAIL, MISSING, NA, NOT_SELECTED, PASS, IdVerdict, ScenarioResult, counts

STYLE = {PASS: "green", FAIL: "bold red", NA: "dim", NOT_SELECTED: "dim", MISSING: "yellow"}
#: columns when the output is a file or a pipe: wide enough that a title never wraps
PIPE_WIDTH = 160


def console_for(stream: TextIO | None = None) -> Console:
    """A console on (a duplicate of) stdout: pytest's capture does not reach it. Off a terminal it is
    wide and plain, so nothing wraps mid-word and CI logs stay greppable."""
    if stream is None:
        try:
            stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
        except (OSError, ValueError, io.UnsupportedOperation):  # stdout is not a file (captured)
            stream = sys.stdout
    tty = stream.isatty()
    return Console(file=stream, width=None if tty else PIPE_WIDTH, soft_wrap=not tty, highlight=False,
                   color_system="auto" if tty else None)


def print_report(console: Console, verdicts: list[IdVerdict], results: list[ScenarioResult], title: str) -> None:
    table = Table(title=title, show_lines=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("scenarios", justify="right", no_wrap=True)
    table.add_column("behaviour", overflow="fold")
    for v in verdicts:
        table.add_row(v.id, f"[{STYLE[v.status]}]{v.label}[/]", f"{v.passed}/{v.total}", escape(v.title))
    console.print(table, soft_wrap=False)
    failed = [r for r in results if r.outcome == "failed"]
    if failed:
        console.print(f"\n[bold red]Failures ({len(failed)})[/]")
    for r in failed:
        console.print(f"[red]✗[/] {escape(' '.join(r.ids) + f' {r.feature}: {r.name} [{r.mode}]')}")
        console.print(f"    at: {escape(r.failing_step or '(no step: set-up or tear-down)')}")
        for line in (r.error or "failed").splitlines():
            console.print(f"    {escape(line)}")
    tally = counts(verdicts)
    ran = [r for r in results if r.outcome in ("passed", "failed")]
    console.print(f"catalogue IDs: [green]{tally[PASS]} pass[/], [red]{tally[FAIL]} fail[/], "
                  f"{tally[NA]} not applicable (profile not implemented), {tally[NOT_SELECTED]} not selected, "
                  f"[yellow]{tally[MISSING]} not covered[/]; scenarios run: "
                  f"{sum(r.outcome == 'passed' for r in ran)} passed, {sum(r.outcome == 'failed' for r in ran)} failed")


def write_json(path: Path, verdicts: list[IdVerdict], results: list[ScenarioResult], summary: dict[str, Any]) -> None:
    """Machine-readable verdicts, for CI gates and for tests of the runner itself."""
    path.write_text(json.dumps({
        "summary": summary,
        "verdicts": [{"id": v.id, "status": v.status, "passed": v.passed, "total": v.total,
                      "failures": [f.nodeid for f in v.failures]} for v in verdicts],
        "scenarios": [asdict(r) for r in results]}, indent=2))
