"""Checks of the feature files at collection time, before any scenario runs: every step matches a
phrase of the step library (else the nearest phrases are named), every catalogue-looking tag is a
catalogue ID (``@XX-EDITS`` is a typo, not a new ID), and every scenario has one ``@profile-…`` tag.

Hooked from the bdd plugin; the conformance runner runs the same checks in its pre-flight."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import pytest

from connsim.harness.catalogue import CATALOGUE, PROFILE_TAGS

#: a tag shaped like a catalogue ID (two letters, a dash, capitals)
ID_SHAPED = re.compile(r"^[A-Z]{2}-[A-Z0-9-]+$")


def scenario_problems(where: str, tags: Iterable[str], steps: Iterable[tuple[str, str]],
                      phrases: list[Any]) -> list[str]:
    """What is wrong with one scenario: unknown ID tags, a missing profile tag, unmatched steps."""
    from connsim.harness.conformance.step_catalogue import nearest

    tags = set(tags)
    problems = []
    for tag in sorted(t for t in tags if ID_SHAPED.match(t) and t not in CATALOGUE):
        close = difflib.get_close_matches(tag, list(CATALOGUE), n=1)
        problems.append(f"{where}: unknown catalogue tag @{tag}" + (f" (did you mean @{close[0]}?)" if close else ""))
    profile_tags = tags & set(PROFILE_TAGS.values())
    if len(profile_tags) != 1:
        problems.append(f"{where}: needs exactly one profile tag (one of "
                        f"{', '.join('@' + t for t in PROFILE_TAGS.values())}), has {len(profile_tags)}")
    for step_type, text in steps:
        if not any(p.matches(step_type, text) for p in phrases):
            near = nearest(step_type, text, phrases)
            problems.append(f"{where}: no step phrase matches {step_type.capitalize()} {text!r}"
                            + (f"; nearest: {'; '.join(near)}" if near else "") + " (see `connsim steps`)")
    return problems


def template_of(item: Any) -> Any:
    """The pytest-bdd scenario template an item runs, or None for a plain test."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    function = getattr(item, "function", None)
    return scenario_wrapper_template_registry.get(function) if function is not None else None


_PROBLEMS = pytest.StashKey[list[str]]()


def check_items(items: list[Any], config: Any = None) -> None:
    """The collection hook's check: a usage error listing every problem, so nothing runs. On an
    xdist worker (where a usage error would read as a crash) each scenario with a problem fails
    instead at set-up, before its first step, with the same words."""
    from connsim.harness.conformance.step_catalogue import step_definitions

    scenario_items = [item for item in items if template_of(item) is not None]
    if not scenario_items:
        return
    phrases = step_definitions()
    problems: dict[str, None] = {}
    for item in scenario_items:
        template = template_of(item)
        callspec = getattr(item, "callspec", None)
        example = (callspec.params.get("_pytest_bdd_example") if callspec else None) or {}
        scenario = template.render(example)
        where = f"{template.feature.rel_filename}:{template.line_number} {template.name!r}"
        tags = {m.name for m in item.iter_markers()}
        found = scenario_problems(where, tags, ((s.type, s.name) for s in scenario.steps), phrases)
        item.stash[_PROBLEMS] = found
        problems.update(dict.fromkeys(found))
    if problems and config is not None and hasattr(config, "workerinput"):
        return
    if problems:
        raise pytest.UsageError("feature files need fixing:\n  " + "\n  ".join(problems))


def fail_flagged(item: Any) -> None:
    """Set-up hook: a scenario the collection check flagged fails here, before any step runs."""
    problems = item.stash.get(_PROBLEMS, None)
    if problems:
        pytest.fail("feature file needs fixing:\n  " + "\n  ".join(problems), pytrace=False)
