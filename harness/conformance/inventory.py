"""What the feature files hold, read without running them: each scenario's tags and steps. The runner
uses it to tell *not selected* from *not covered*, and `connsim steps` to find an example per phrase."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pytest_bdd.parser import FeatureParser

from connsim.harness.catalogue import CATALOGUE


@dataclass(frozen=True)
class ScenarioOutline:
    feature: str                      # area/name
    name: str
    tags: frozenset[str]
    steps: tuple[tuple[str, str], ...]  # (type: given|when|then, text), every example rendered, in order
    examples: int                     # how many times it runs (1 for a plain scenario)


def feature_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.feature"))


def scenarios(root: Path) -> list[ScenarioOutline]:
    out: list[ScenarioOutline] = []
    for path in feature_files(root):
        feature = FeatureParser(str(path.parent), path.name).parse()
        label = f"{path.parent.name}/{path.stem}"
        for template in feature.scenarios.values():
            tags = frozenset(feature.tags | template.tags | (template.rule.tags if template.rule else set()))
            contexts = [c for e in template.examples for c in e.as_contexts()] or [{}]
            steps = dict.fromkeys((s.type, s.name) for c in contexts for s in template.render(c).steps)
            out.append(ScenarioOutline(label, template.name, tags, tuple(steps), len(contexts)))
    return out


def coverage(root: Path) -> dict[str, int]:
    """Scenarios per catalogue ID in these feature files (an outline counts once per example)."""
    counted: Counter[str] = Counter()
    for scenario in scenarios(root):
        for tag in scenario.tags & CATALOGUE.keys():
            counted[tag] += scenario.examples
    return dict(counted)
