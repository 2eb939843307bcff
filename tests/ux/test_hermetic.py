"""A conformance run loads only the pytest plugins it names (PLUGINS in
harness/conformance/pytest_run.py). A vendor's CI environment has its own plugins installed
(pytest-randomly reorders, pytest-rerunfailures retries a failing scenario until it passes); none of
them may touch a grade. Here an installed plugin that empties the run, and says so when imported, is
present, and a run on two workers grades exactly as it would without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PLUGIN = '''
import os, pathlib
pathlib.Path(os.environ["HOSTILE_PLUGIN_MARK"]).write_text("imported")

def pytest_collection_modifyitems(items):
    items.clear()
'''


def install_hostile_plugin(site: Path) -> None:
    """A distribution on the path with a pytest11 entry point, as `pip install` would leave one."""
    site.mkdir()
    (site / "hostile_plugin.py").write_text(PLUGIN)
    info = site / "hostile_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hostile-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pytest11]\nhostile = hostile_plugin\n")


def test_an_installed_pytest_plugin_never_reaches_a_conformance_run(tmp_path: Path) -> None:
    install_hostile_plugin(tmp_path / "site")
    mark, out = tmp_path / "imported", tmp_path / "verdicts.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")]),
           "HOSTILE_PLUGIN_MARK": str(mark)}
    check = subprocess.run([sys.executable, "-c", "from importlib.metadata import entry_points; "
                            "print([e.value for e in entry_points(group='pytest11')])"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert "hostile_plugin" in check.stdout, "the plugin is installed as far as pytest's discovery goes"
    proc = subprocess.run([sys.executable, "-m", "connsim", "conformance", "-n", "2", "--profile", "payments",
                           "-k", "paid_by_hand", "--json", str(out)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert not mark.exists(), "the installed plugin was imported by the conformance run"
    statuses = {v["id"]: v["status"] for v in json.loads(out.read_text())["verdicts"]}
    assert statuses.pop("CB-MANUAL") == "pass" and set(statuses.values()) == {"not selected"}
