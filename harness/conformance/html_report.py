"""The HTML report: a summary (counts, date, version, engine, remote, duration), the verdict per
catalogue ID, every scenario with its steps and their outcome, and for each failing scenario,
folded, the HTTP exchange from the simulator's journal. One self-contained file, no script needed."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from connsim.harness.conformance.results import LABELS, STATUSES, IdVerdict, ScenarioResult

CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;
margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
.pass .st,.passed>summary .st{color:#080}.fail .st,.failed>summary .st{color:#b00;font-weight:bold}
.summary td:first-child{font-weight:bold;width:12em}details{margin:2px 0}summary{cursor:pointer}
.steps{margin:4px 0 4px 1.5em;padding:0;list-style:none}.steps .failed{color:#b00}.steps .not-run{color:#999}
.error{white-space:pre-wrap;color:#b00;font-family:monospace;margin:4px 1.5em}
.exchange td{font-family:monospace;font-size:90%;white-space:pre-wrap;word-break:break-word}
.s4,.s5{color:#b00;font-weight:bold}pre{margin:2px 0;white-space:pre-wrap}"""
STEP_MARK = {"passed": "✓", "failed": "✗", "not run": "·"}


def e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def write_html(path: Path, verdicts: list[IdVerdict], results: list[ScenarioResult], title: str,
               summary: dict[str, Any]) -> None:
    path.write_text(render(verdicts, results, title, summary), encoding="utf-8")


def render(verdicts: list[IdVerdict], results: list[ScenarioResult], title: str, summary: dict[str, Any]) -> str:
    return (f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{e(title)}</title><style>{CSS}</style>"
            f"<h1>{e(title)}</h1>{_summary(verdicts, results, summary)}"
            f"<h2>Catalogue</h2>{_catalogue(verdicts)}<h2>Scenarios</h2>{_scenarios(results)}</html>")


def _summary(verdicts: list[IdVerdict], results: list[ScenarioResult], summary: dict[str, Any]) -> str:
    tally = ", ".join(f"{sum(v.status == s for v in verdicts)} {LABELS[s]}" for s in STATUSES)
    runs = ", ".join(f"{sum(r.outcome == o for r in results)} {o}" for o in ("passed", "failed", "skipped"))
    rows = [("catalogue IDs", tally), ("scenarios", runs), ("date", summary.get("date")),
            ("connsim version", summary.get("version")), ("engine", summary.get("engine")),
            ("remote", summary.get("remote")), ("duration", f"{summary.get('duration_s', 0):.1f} s"),
            ("workers", summary.get("workers", 1))]
    body = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in rows)
    return f"<table class='summary' id='summary'>{body}</table>"


def _catalogue(verdicts: list[IdVerdict]) -> str:
    rows = "".join(f"<tr class='{e(v.status.replace(' ', '-'))}'><td>{e(v.id)}</td><td class='st'>{e(v.label)}</td>"
                   f"<td>{v.passed}/{v.total}</td><td>{e(v.title)}</td></tr>" for v in verdicts)
    return f"<table><tr><th>ID</th><th>result</th><th>scenarios</th><th>behaviour</th></tr>{rows}</table>"


def _scenarios(results: list[ScenarioResult]) -> str:
    order = {"failed": 0, "passed": 1, "skipped": 2}
    return "".join(_scenario(r) for r in sorted(results, key=lambda r: (order.get(r.outcome, 3), r.feature, r.name)))


def _scenario(r: ScenarioResult) -> str:
    head = (f"<summary><span class='st'>{e(r.outcome)}</span> {e(' '.join(r.ids))} — {e(r.feature)}: {e(r.name)} "
            f"[{e(r.mode)}] <small>{r.duration:.2f} s</small></summary>")
    steps = "".join(f"<li class='{e(s['outcome'].replace(' ', '-'))}'>{STEP_MARK.get(s['outcome'], '?')} "
                    f"{e(s['keyword'])} {e(s['text'])}</li>" for s in r.steps)
    parts = [head, f"<ul class='steps'>{steps}</ul>" if steps else ""]
    if r.skip_reason:
        parts.append(f"<div>{e(r.skip_reason)}</div>")
    if r.outcome == "failed":
        parts.append(f"<div class='error'>at: {e(r.failing_step or '(set-up or tear-down)')}\n{e(r.error or '')}</div>")
        parts.append(_exchange(r.exchange))
    return f"<details class='scenario {e(r.outcome)}' data-nodeid='{e(r.nodeid)}'>{''.join(parts)}</details>"


def _exchange(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return "<p>No HTTP exchange was recorded (the scenario failed before the engine called a remote).</p>"
    rows = []
    for n, entry in enumerate(entries, 1):
        target = entry.get("path") or ""
        if entry.get("query"):
            target += f"?{entry['query']}"
        status = entry.get("status")
        rows.append(f"<tr><td>{n}</td><td>{e(entry.get('api') or '')}</td><td>{e(entry.get('method'))} {e(target)}</td>"
                    f"<td><span class='s{str(status)[:1]}'>{e(status)}</span></td>"
                    f"<td>{e(entry.get('note') or '')}</td></tr>")
        bodies = [(label, entry.get(key)) for label, key in (("request", "request_body"), ("response", "response_body"))
                  if entry.get(key)]
        if bodies:
            cells = "".join(f"<div><b>{label} body</b><pre>{e(body)}</pre></div>" for label, body in bodies)
            rows.append(f"<tr class='bodies'><td></td><td colspan='4'>{cells}</td></tr>")
    head = "<tr><th>#</th><th>api</th><th>request</th><th>status</th><th>note</th></tr>"
    return (f"<details class='exchange'><summary>HTTP exchange ({len(entries)} requests, from the simulator's journal; "
            f"secrets redacted)</summary><table class='exchange'>{head}{''.join(rows)}</table></details>")
