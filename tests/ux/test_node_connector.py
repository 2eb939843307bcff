"""A connector in another language, graded as a vendor would grade theirs: the Node.js payments
connector in examples/node-payments (standard library only, written from the docs) is started with
`node`, and `connsim conformance --adapter-url` grades it against a `connsim serve` simulator. The
profiles it does not implement are reported as such, never as passed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from connsim.harness.catalogue import CATALOGUE
from connsim.simulator.pytest_plugin import free_port

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "examples" / "node-payments" / "server.js"


@pytest.fixture(scope="module")
def node_connector() -> Iterator[str]:
    node = shutil.which("node")
    assert node, "node is needed to grade examples/node-payments (Node 20; .ci/run's machine has it)"
    port = free_port()
    proc = subprocess.Popen([node, str(SERVER), "--port", str(port)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening" in line, f"the Node connector did not start: {line!r}"
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_node_payments_connector_grade(node_connector: str, tmp_path: Path) -> None:
    out = tmp_path / "verdicts.json"
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "--adapter-url", node_connector,
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    verdicts = {v["id"]: v for v in json.loads(out.read_text())["verdicts"]}
    payments = [cid for cid, (profile, _) in CATALOGUE.items() if profile == "payments"]
    graded = {cid: v["status"] for cid, v in verdicts.items() if v["total"]}
    summary = f"Node payments connector: {sum(s == 'pass' for s in graded.values())} of {len(graded)} graded IDs pass"
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "node-payments-grade.txt").write_text(summary + "\n")  # for the record, not asserted on
    assert proc.returncode == 0, proc.stdout[-4000:]
    for cid in payments:
        assert verdicts[cid]["status"] == "pass" and verdicts[cid]["total"] > 0, verdicts[cid]
    for cid in ("XX-TOKEN", "XX-RATE", "XX-FLAKY"):  # graded through its payments scenarios
        assert verdicts[cid]["status"] == "pass", verdicts[cid]
    others = [cid for cid, (profile, _) in CATALOGUE.items()
              if profile in ("costs", "clients-oneway", "clients-twoway")]
    assert {verdicts[cid]["status"] for cid in others} == {"not applicable"}, "unimplemented profiles are said so"
    assert "not applicable (profile not implemented)" in proc.stdout
