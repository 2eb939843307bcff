"""What a chaos run reports: a table per workload (schedules, faults fired, records checked, lost,
doubled, ...), the minimal failing schedule with its seed, and the same as JSON and JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from xml.etree.ElementTree import Element, SubElement, tostring

from connsim.harness.chaos.runner import Tally

COLUMNS = ("schedules", "faults_fired", "records", "once", "failed_visible", "dismissed", "lost", "doubled",
           "sent_dismissed", "other_violations")
HEADERS = ("schedules", "faults", "records", "once", "failed*", "dismissed", "lost", "doubled", "sent-dism.",
           "errors")


def table(tallies: list[Tally], out: TextIO) -> None:
    out.write(f"{'workload':<16}" + "".join(f"{h:>11}" for h in HEADERS) + "   verdict\n")
    for tally in tallies:
        values = "".join(f"{getattr(tally, c):>11}" for c in COLUMNS)
        out.write(f"{tally.label:<16}{values}   {'pass' if tally.passed else 'FAIL'}\n")
    totals = "".join(f"{sum(getattr(t, c) for t in tallies):>11}" for c in COLUMNS)
    out.write(f"{'total':<16}{totals}\n")
    out.write("failed* = 0 on the remote, visibly failed in the engine with the remote's reason (allowed)\n")
    for tally in tallies:
        if tally.minimal is not None:
            out.write(f"\n{tally.label}: invariant broken; minimal schedule (seed {tally.seed}, "
                      f"{tally.shrink_runs} shrinking runs):\n")
            for line in tally.minimal.schedule.describe():
                out.write(f"  - {line}\n")
            for violation in tally.minimal.violations:
                out.write(f"  ! {violation}\n")
            out.write(f"  replay: connsim chaos --profile <profile> --seed {tally.seed} --schedules "
                      f"{tally.schedules}\n")


def write_json(tallies: list[Tally], path: str, meta: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps({**meta, "workloads": [t.to_dict() for t in tallies]}, indent=2))


def write_junit(tallies: list[Tally], path: str) -> None:
    failures = sum(not t.passed for t in tallies)
    suite = Element("testsuite", name="connsim chaos", tests=str(len(tallies)), failures=str(failures))
    for tally in tallies:
        case = SubElement(suite, "testcase", classname="chaos", name=tally.label)
        SubElement(case, "system-out").text = json.dumps({c: getattr(tally, c) for c in COLUMNS})
        if tally.minimal is not None:
            failure = SubElement(case, "failure", message="; ".join(tally.minimal.violations))
            failure.text = "\n".join([f"seed {tally.seed}", *tally.minimal.schedule.describe()])
    Path(path).write_bytes(tostring(suite, encoding="utf-8", xml_declaration=True))
