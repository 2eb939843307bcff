"""`connsim conformance -n 2`: the scenarios run on two xdist workers, each with its own simulator,
and the runner merges them into one report with the verdicts a run in one process gives (CB-MANUAL
passes on both packages; everything else is not selected)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_two_workers_merge_into_one_report(tmp_path: Path) -> None:
    out = tmp_path / "verdicts.json"
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "-n", "2", "--profile", "payments",
                           "-k", "paid_by_hand", "--json", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["summary"]["workers"] == 2
    statuses = {v["id"]: v["status"] for v in report["verdicts"]}
    assert statuses.pop("CB-MANUAL") == "pass" and set(statuses.values()) == {"not selected"}
    ran = sorted(s["nodeid"].rsplit("[", 1)[1] for s in report["scenarios"])
    assert ran == ["in-process-QuickBooks]", "in-process-Xero]"]
    assert all(s["steps"] and all(step["outcome"] == "passed" for step in s["steps"]) for s in report["scenarios"])
