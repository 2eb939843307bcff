"""The real `connsim conformance` command fails a broken engine: non-zero exit, and the JSON verdicts
name exactly the IDs it breaks (the mutation suite, test_mutants.py, grades every broken engine in
process; this proves the command a vendor runs gives the same answer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_conformance_command_fails_a_broken_engine_on_exactly_its_ids(tmp_path: Path) -> None:
    out = tmp_path / "verdicts.json"
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "--json", str(out), "--profile", "costs",
                           "--adapter", "connsim.harness.mutants.costs:IgnoresLockDates"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.exists(), f"the runner wrote no verdicts:\n{proc.stdout}\n{proc.stderr}"
    verdicts = {v["id"]: v["status"] for v in json.loads(out.read_text())["verdicts"]}
    failed = {cid for cid, status in verdicts.items() if status == "fail"}
    assert failed == {"PC-LOCK", "PC-RETRY", "PC-SUPPORT"}, f"failed {sorted(failed)}"
    assert proc.returncode == 1, "a failing conformance run must exit non-zero"
