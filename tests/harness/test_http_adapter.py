"""The engine contract over HTTP: `connsim engine serve` exposes the reference engine, and the
conformance runner grades it through HttpEngine against a `connsim serve` simulator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from connsim.harness.adapters.http_adapter import HttpEngine
from connsim.simulator.pytest_plugin import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def engine_url() -> str:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "connsim", "engine", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening" in line, f"engine service did not start: {line!r}"
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_http_engine_lists_profiles_and_rejects_unknown_methods(engine_url: str) -> None:
    engine = HttpEngine(engine_url)
    assert set(engine.profiles) == {"costs", "clients-oneway", "clients-twoway", "payments"}
    response = requests.post(f"{engine_url}/call", json={"profile": "costs", "method": "__init__"}, timeout=10)
    assert response.status_code == 400 and response.json()["error"]["type"] == "ValueError"
    assert requests.get(f"{engine_url}/openapi.json", timeout=10).json()["paths"]["/call"]


def test_conformance_grades_the_engine_over_http(engine_url: str, connsim_server_url: str, tmp_path: Path) -> None:
    out = tmp_path / "verdicts.json"
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "--adapter-url", engine_url,
                           "--remote", connsim_server_url, "--profile", "costs", "--profile", "clients-oneway",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    verdicts = {v["id"]: v for v in json.loads(out.read_text())["verdicts"]}
    assert proc.returncode == 0, proc.stdout[-3000:]
    for cid in ("PC-LOCK", "PC-DELETED", "PH-EXPIRE", "PH-REL", "XX-FLAKY"):
        assert verdicts[cid]["status"] == "pass" and verdicts[cid]["total"] > 0, verdicts[cid]
