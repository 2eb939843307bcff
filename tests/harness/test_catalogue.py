"""The catalogue the project grades against lives in the project (connsim.harness.catalogue); it
matches the shared spec (../shared/catalogue.md) when that is beside the checkout, and every ID is
tagged on at least one scenario (the shared coverage tool agrees)."""

from __future__ import annotations

import re
import subprocess
import sys

from outside import outside_file

from connsim.harness.catalogue import CATALOGUE
from connsim.harness.conformance.paths import features_dir

SHARED_SPEC = "the project's shared spec: ../shared beside the checkout (the folder this project is graded from)"


def spec_ids() -> set[str]:
    spec = outside_file("catalogue.md", SHARED_SPEC)
    return set(re.findall(r"^\| ([A-Z]{2}-[A-Z-]+) \|", spec.read_text(), re.M))


def test_the_catalogue_in_the_project_is_well_formed() -> None:
    profiles = {path.name.replace("_", "-") for path in features_dir().iterdir() if path.is_dir()}  # "*": every profile
    assert len(CATALOGUE) >= 29
    for cid, (profile, title) in CATALOGUE.items():
        assert re.fullmatch(r"[A-Z]{2}-[A-Z-]+", cid) and title.strip(), cid
        assert profile == "*" or profile in profiles, f"{cid}: no features/ folder for profile {profile!r}"


def test_index_matches_the_spec() -> None:
    assert set(CATALOGUE) == spec_ids()


def test_every_id_is_tagged_on_a_scenario() -> None:
    tagged = {tag for path in features_dir().rglob("*.feature")
              for tag in re.findall(r"@([A-Z]{2}-[A-Z-]+)", path.read_text())}
    missing = set(CATALOGUE) - tagged
    assert not missing, f"no scenario is tagged with {sorted(missing)}"


def test_shared_coverage_tool_agrees() -> None:
    tool = outside_file("tools/catalogue_coverage.py", SHARED_SPEC)
    proc = subprocess.run([sys.executable, str(tool), str(features_dir())], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
