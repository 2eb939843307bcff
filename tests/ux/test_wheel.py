"""The wheel ships the feature files, and the runner finds them where the wheel puts them: the
wheel is built from this checkout and unpacked elsewhere, and `connsim conformance` run from the
unpacked copy (not the checkout) grades a scenario. The full measure (a fresh venv, `pip install .`,
29 of 29) is a documented command: docs/harness/README.md, "Installed, not editable"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_every_feature_file_and_grades_from_them(tmp_path: Path) -> None:
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp_path / "dist")], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("connsim-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n.removeprefix("connsim/") for n in archive.namelist() if n.endswith(".feature")}
        archive.extractall(tmp_path / "site")
    in_checkout = {str(p.relative_to(ROOT)) for p in (ROOT / "features").rglob("*.feature")}
    assert shipped == in_checkout and len(shipped) > 20

    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    env.pop("CONNSIM_FEATURES", None)
    where = subprocess.run([sys.executable, "-c", "import connsim.harness.conformance.paths as p; "
                            "print(p.features_dir())"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert where.stdout.strip() == str(tmp_path / "site" / "connsim" / "features"), where
    out = tmp_path / "verdicts.json"
    run = subprocess.run([sys.executable, "-m", "connsim", "conformance", "--profile", "payments", "-k",
                          "paid_by_hand and Xero", "--json", str(out)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    verdicts = {v["id"]: v["status"] for v in json.loads(out.read_text())["verdicts"]}
    assert verdicts["CB-MANUAL"] == "pass" and verdicts["PC-LOCK"] == "not selected"
