"""`connsim steps` lists every step definition of the library, docs/harness/steps.md is its current
output, and the collection-time lint names what is wrong with a feature file before anything runs."""

from __future__ import annotations

import ast
import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from connsim.cli import main
from connsim.harness.bdd.lint import scenario_problems
from connsim.harness.conformance import preflight
from connsim.harness.conformance.step_catalogue import step_definitions

ROOT = Path(__file__).resolve().parents[2]
STEP_DECORATORS = {"given", "when", "then", "step"}


def decorated_steps() -> int:
    """Step definitions counted from the source, independently of pytest-bdd's registry."""
    count = 0
    for path in (ROOT / "harness" / "bdd" / "steps").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for deco in node.decorator_list:
                    func = deco.func if isinstance(deco, ast.Call) else deco
                    if isinstance(func, ast.Name) and func.id in STEP_DECORATORS:
                        count += 1
    return count


def cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


def test_connsim_steps_lists_one_phrase_per_step_definition() -> None:
    text = cli("steps")
    expected = decorated_steps()
    assert expected > 100
    assert text.startswith(f"{expected} step phrases")
    phrase_lines = [line for line in text.splitlines() if line.split(" ", 1)[0] in ("Given", "When", "Then", "Step")]
    assert len(phrase_lines) == expected
    assert 'Given ConnectBooster is connected to {system}' in text
    assert "e.g. Given ConnectBooster is connected to " in text


def test_steps_md_is_the_current_output() -> None:
    current = cli("steps", "--format", "md")
    assert (ROOT / "docs" / "harness" / "steps.md").read_text() == current, \
        "docs/harness/steps.md is stale: run `connsim steps --format md > docs/harness/steps.md`"


def test_profile_filter_keeps_its_area_and_the_common_steps_it_uses() -> None:
    text = cli("steps", "--profile", "payments")
    assert "== payments" in text and "== costs" not in text and "== common" in text


PHRASES = step_definitions()


def test_unknown_phrase_is_named_with_the_nearest_phrases() -> None:
    problems = scenario_problems("x.feature 'S'", {"profile-payments", "CB-KEEP"},
                                 [("given", "ConnectBooster is conected to Xero")], PHRASES)
    assert len(problems) == 1
    assert "no step phrase matches Given 'ConnectBooster is conected to Xero'" in problems[0]
    assert "Given ConnectBooster is connected to {system}" in problems[0]


def test_mistyped_catalogue_tag_and_missing_profile_tag_are_errors() -> None:
    problems = scenario_problems("x.feature 'S'", {"XX-EDITS"}, [], PHRASES)
    assert any("unknown catalogue tag @XX-EDITS (did you mean @XX-EDIT?)" in p for p in problems)
    assert any("needs exactly one profile tag" in p for p in problems)


def test_runner_refuses_a_broken_feature_before_running_it(tmp_path: Path) -> None:
    (tmp_path / "area").mkdir()
    (tmp_path / "area" / "bad.feature").write_text(
        "Feature: bad\n  @XX-EDITS\n  Scenario: typo\n    Given ConnectBooster is conected to Xero\n")
    with pytest.raises(preflight.SetupError) as caught:
        preflight.feature_lint(tmp_path)
    message = str(caught.value)
    assert "@XX-EDITS" in message and "profile tag" in message and "conected" in message


def test_shipped_features_pass_the_lint() -> None:
    from connsim.harness.conformance.inventory import scenarios

    # the lint reads these; a wrong path would find none and pass without looking at anything
    assert sum(s.examples for s in scenarios(ROOT / "features")) >= 82
    preflight.feature_lint(ROOT / "features")  # raises SetupError listing every problem it finds


def test_plugin_refuses_a_broken_feature_at_collection(tmp_path: Path) -> None:
    """The same check in any pytest run that loads the step library: nothing runs, every problem is listed."""
    import subprocess
    import sys

    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "bad.feature").write_text(
        "Feature: bad\n  @XX-EDITS @profile-payments\n  Scenario: typo\n    Given ConnectBooster is conected to Xero\n")
    (tmp_path / "test_bad.py").write_text("from pytest_bdd import scenarios\nscenarios('f')\n")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "connsim.harness.bdd.plugin", "-p", "no:cacheprovider",
                           "-o", "addopts=", "--connsim-remote", "in-process", "-q", "test_bad.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 4, proc.stdout + proc.stderr
    said = proc.stdout + proc.stderr
    assert "unknown catalogue tag @XX-EDITS (did you mean @XX-EDIT?)" in said
    assert "no step phrase matches Given 'ConnectBooster is conected to Xero'" in said and "passed" not in said
