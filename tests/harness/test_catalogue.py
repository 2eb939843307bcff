"""The harness's index of catalogue IDs matches the spec (../shared/catalogue.md), and every ID is
tagged on at least one scenario (the shared coverage tool agrees)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from connsim.harness.catalogue import CATALOGUE
from connsim.harness.conformance.paths import features_dir

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "catalogue.md"


def spec_ids() -> set[str]:
    if not SPEC.exists():
        pytest.skip(f"the shared catalogue is not beside this checkout ({SPEC})")
    return set(re.findall(r"^\| ([A-Z]{2}-[A-Z-]+) \|", SPEC.read_text(), re.M))


def test_index_matches_the_spec() -> None:
    assert set(CATALOGUE) == spec_ids()


def test_every_id_is_tagged_on_a_scenario() -> None:
    tagged = {tag for path in features_dir().rglob("*.feature")
              for tag in re.findall(r"@([A-Z]{2}-[A-Z-]+)", path.read_text())}
    missing = set(CATALOGUE) - tagged
    assert not missing, f"no scenario is tagged with {sorted(missing)}"


def test_shared_coverage_tool_agrees() -> None:
    tool = ROOT.parent / "shared" / "tools" / "catalogue_coverage.py"
    if not tool.exists():
        pytest.skip("the shared coverage tool is not beside this checkout")
    proc = subprocess.run([sys.executable, str(tool), str(features_dir())], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
