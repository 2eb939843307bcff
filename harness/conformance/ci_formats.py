"""Reports for CI servers: JUnit XML (one testcase per scenario run, classname = feature, catalogue
IDs as properties, the failure message = failing step + assertion) and Cucumber JSON (Jenkins'
cucumber plugin, Allure), both written from the same scenario results as the terminal report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

from connsim.harness.conformance.results import ScenarioResult


def case_name(r: ScenarioResult) -> str:
    example = ", ".join(f"{k}={v}" for k, v in r.example.items())
    return f"{' '.join(r.ids)} {r.name}" + (f" ({example})" if example else "") + f" [{r.mode}]"


def write_junit(path: Path, results: list[ScenarioResult], suite: str, duration: float) -> None:
    root = ET.Element("testsuites")
    node = ET.SubElement(root, "testsuite", name=suite, tests=str(len(results)),
                         failures=str(sum(r.outcome == "failed" for r in results)), errors="0",
                         skipped=str(sum(r.outcome == "skipped" for r in results)), time=f"{duration:.3f}")
    for r in results:
        case = ET.SubElement(node, "testcase", classname=r.feature, name=case_name(r), time=f"{r.duration:.3f}")
        props = ET.SubElement(case, "properties")
        for cid in r.ids:
            ET.SubElement(props, "property", name="catalogue_id", value=cid)
        if r.profile:
            ET.SubElement(props, "property", name="profile", value=r.profile)
        if r.outcome == "failed":
            message = f"{r.failing_step or '(set-up or tear-down)'}: {(r.error or 'failed').splitlines()[0]}"
            failure = ET.SubElement(case, "failure", message=message, type="AssertionError")
            failure.text = f"at: {r.failing_step}\n{r.error or ''}"
        elif r.outcome == "skipped":
            ET.SubElement(case, "skipped", message=r.skip_reason or "skipped")
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def write_cucumber(path: Path, results: list[ScenarioResult]) -> None:
    """The Cucumber JSON format: features, each with its scenarios (elements) and their steps."""
    features: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        steps = [{"keyword": s["keyword"], "name": s["text"], "line": 0,
                  "result": _step_result(s["outcome"], r)} for s in r.steps]
        features[r.feature].append({
            "id": r.nodeid, "keyword": "Scenario", "type": "scenario", "line": 0, "description": "",
            "name": f"{r.name} [{r.mode}]", "tags": [{"name": f"@{t}", "line": 0} for t in r.ids],
            "steps": steps})
    document = [{"id": name, "uri": f"{name}.feature", "keyword": "Feature", "name": name, "line": 0,
                 "description": "", "tags": [], "elements": elements} for name, elements in features.items()]
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")


def _step_result(outcome: str, r: ScenarioResult) -> dict[str, Any]:
    if outcome == "passed":
        return {"status": "passed"}
    if outcome == "failed":
        return {"status": "failed", "error_message": r.error or "failed"}
    return {"status": "skipped"}
