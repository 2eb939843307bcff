"""The conformance report: a table per catalogue ID on the terminal (rich), and an HTML file."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from connsim.harness.conformance.results import FAIL, MISSING, NA, PASS, IdVerdict, ScenarioResult

STYLE = {PASS: "green", FAIL: "bold red", NA: "dim", MISSING: "yellow"}


def print_report(console: Console, verdicts: list[IdVerdict], results: list[ScenarioResult], title: str) -> None:
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("scenarios", justify="right", no_wrap=True)
    table.add_column("behaviour / failing step and the remote's error", ratio=1)
    for v in verdicts:
        detail = v.title
        for failure in v.failures[:2]:
            detail += f"\n[red]✗ {failure.name} [{failure.mode}][/red]\n  at: {failure.failing_step or '?'}" \
                      f"\n  {(failure.error or '')[:300]}"
        table.add_row(v.id, f"[{STYLE[v.status]}]{v.status}[/]", f"{v.passed}/{v.total}", detail)
    console.print(table)
    counts = {status: sum(1 for v in verdicts if v.status == status) for status in (PASS, FAIL, NA, MISSING)}
    ran = [r for r in results if r.outcome in ("passed", "failed")]
    console.print(f"catalogue IDs: [green]{counts[PASS]} pass[/], [red]{counts[FAIL]} fail[/], "
                  f"{counts[NA]} not applicable, [yellow]{counts[MISSING]} not covered[/]; scenarios run: "
                  f"{sum(r.outcome == 'passed' for r in ran)} passed, {sum(r.outcome == 'failed' for r in ran)} failed")


def write_html(path: Path, verdicts: list[IdVerdict], results: list[ScenarioResult], title: str) -> None:
    rows = []
    for v in verdicts:
        failures = "".join(
            f"<div class='f'>✗ {html.escape(f.name)} [{html.escape(str(f.mode))}]<br>at: "
            f"<code>{html.escape(f.failing_step or '?')}</code><br><code>{html.escape(f.error or '')}</code></div>"
            for f in v.failures)
        rows.append(f"<tr class='{v.status.replace(' ', '-')}'><td>{v.id}</td><td>{v.status}</td>"
                    f"<td>{v.passed}/{v.total}</td><td>{html.escape(v.title)}{failures}</td></tr>")
    scenario_rows = "".join(
        f"<tr class='{r.outcome}'><td>{html.escape(' '.join(r.ids))}</td><td>{html.escape(r.feature)}</td>"
        f"<td>{html.escape(r.name)}</td><td>{html.escape(str(r.mode))}</td><td>{r.outcome}</td>"
        f"<td>{r.duration:.2f}s</td></tr>" for r in results)
    path.write_text(f"""<!doctype html><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%;margin-bottom:2em}}
td,th{{border:1px solid #ccc;padding:4px 8px;vertical-align:top}}.pass td:nth-child(2),.passed td:nth-child(5){{color:green}}
.fail td:nth-child(2),.failed td:nth-child(5){{color:#b00;font-weight:bold}}.f{{color:#b00;margin-top:4px}}</style>
<h1>{html.escape(title)}</h1><h2>Catalogue</h2>
<table><tr><th>ID</th><th>result</th><th>scenarios</th><th>behaviour / failures</th></tr>{''.join(rows)}</table>
<h2>Scenarios</h2><table><tr><th>IDs</th><th>feature</th><th>scenario</th><th>remote</th><th>outcome</th><th>time</th></tr>
{scenario_rows}</table>""")


def write_json(path: Path, verdicts: list[IdVerdict], results: list[ScenarioResult]) -> None:
    """Machine-readable verdicts, for CI gates and for tests of the runner itself."""
    path.write_text(json.dumps({
        "verdicts": [{"id": v.id, "status": v.status, "passed": v.passed, "total": v.total,
                      "failures": [f.nodeid for f in v.failures]} for v in verdicts],
        "scenarios": [asdict(r) for r in results]}, indent=2))
