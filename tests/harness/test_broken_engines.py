"""The suite can fail: each deliberately broken engine (broken_engines.py) must fail exactly the
catalogue IDs whose behaviour it breaks, and pass the rest of its profile. The reference engine
passes them all. Runs the real `connsim conformance` command, in process remote mode."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    ("tests.harness.broken_engines:IgnoresLockDates", "costs", {"PC-LOCK", "PC-RETRY", "PC-SUPPORT"}),
    ("tests.harness.broken_engines:RepostsAfterLostResponse", "costs", {"XX-FLAKY"}),
    ("tests.harness.broken_engines:CreatesJobWhenDeleted", "costs", {"PC-DELETED"}),
    ("tests.harness.broken_engines:SyncsOnReconnect", "clients-oneway", {"PH-EXPIRE"}),
    # every scenario that dismisses a payment and syncs again
    ("tests.harness.broken_engines:RetriesDismissedPayments", "payments", {"CB-MANUAL", "CB-RECREATED", "XX-EDIT"}),
]


def conformance(tmp_path: Path, *args: str) -> tuple[int, dict[str, str]]:
    out = tmp_path / "verdicts.json"
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "--json", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.exists(), f"the runner wrote no verdicts:\n{proc.stdout}\n{proc.stderr}"
    verdicts = {v["id"]: v["status"] for v in json.loads(out.read_text())["verdicts"]}
    return proc.returncode, verdicts


@pytest.mark.parametrize("adapter, profile, broken", CASES, ids=[c[0].rsplit(":", 1)[1] for c in CASES])
def test_broken_engine_fails_exactly_what_it_breaks(tmp_path: Path, adapter: str, profile: str,
                                                    broken: set[str]) -> None:
    code, verdicts = conformance(tmp_path, "--adapter", adapter, "--profile", profile)
    failed = {cid for cid, status in verdicts.items() if status == "fail"}
    assert failed == broken, f"{adapter} should fail exactly {sorted(broken)}, failed {sorted(failed)}"
    assert code == 1, "a failing conformance run must exit non-zero"


@pytest.mark.parametrize("profile", ["costs", "clients-oneway", "payments"])
def test_reference_engine_passes_the_same_profiles(tmp_path: Path, profile: str) -> None:
    code, verdicts = conformance(tmp_path, "--profile", profile)
    failed = {cid for cid, status in verdicts.items() if status == "fail"}
    assert failed == set() and code == 0, f"the reference engine failed {sorted(failed)}"
