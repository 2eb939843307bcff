"""`connsim steps`: every step phrase the feature files can use, read from the step library itself
(pytest-bdd's registry of step definitions), with its parameters, a one-line description and an
example from the shipped features, grouped by area. docs/harness/steps.md is its Markdown output."""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from connsim.harness.adapters.contract import PROFILES
from connsim.harness.catalogue import PROFILE_TAGS

STEP_PACKAGE = "connsim.harness.bdd.steps"
#: step modules by area; a module not named here is listed under its own name
AREAS = {"common": "common", "xpm_world": "common", "costs": "costs", "clients_oneway": "clients-oneway",
         "clients_twoway": "clients-twoway", "clients_twoway_remote": "clients-twoway",
         "payments": "payments", "payments_books": "payments"}
_FIELD = re.compile(r"\{(\w+)(?::([^}]*))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")
TYPES = {"d": "integer", "f": "number", "g": "number", "": "text", "w": "word", "S": "text"}


@dataclass
class Phrase:
    type: str                     # given | when | then | (any)
    pattern: str
    area: str
    module: str
    description: str
    parameters: list[tuple[str, str]]
    parser: Any = field(repr=False)
    example: str | None = None
    example_feature: str | None = None
    profiles: set[str] = field(default_factory=set)

    @property
    def keyword(self) -> str:
        return self.type.capitalize() if self.type else "Step"

    def matches(self, step_type: str, text: str) -> bool:
        return (not self.type or self.type == step_type) and bool(self.parser.is_matching(text))


def _load_step_modules() -> None:
    plugin = importlib.import_module("connsim.harness.bdd.plugin")
    for name in getattr(plugin, "pytest_plugins", []):
        importlib.import_module(name)


def step_definitions() -> list[Phrase]:
    """One Phrase per step definition of the library (a function decorated twice counts twice)."""
    from pytest_bdd.steps import step_function_context_registry

    _load_step_modules()
    found = []
    for context in list(step_function_context_registry.values()):
        module = getattr(context.step_func, "__module__", "")
        if not module.startswith(STEP_PACKAGE):
            continue
        short = module.rsplit(".", 1)[-1]
        pattern = context.parser.name
        found.append(Phrase(context.type or "", pattern, AREAS.get(short, short), short,
                            _describe(context.step_func), _parameters(pattern), context.parser))
    order = {"given": 0, "when": 1, "then": 2, "": 3}
    return sorted(found, key=lambda p: (p.area, p.module, order.get(p.type, 3), p.pattern))


def _describe(func: Any) -> str:
    doc = (func.__doc__ or "").strip()
    if doc:
        return " ".join(doc.split("\n\n")[0].split())
    return func.__name__.replace("_", " ").strip().capitalize()


def _parameters(pattern: str) -> list[tuple[str, str]]:
    fields = [(name, TYPES.get((spec or "").strip(), spec or "text")) for name, spec in _FIELD.findall(pattern)]
    return fields or [(name, "text") for name in _GROUP.findall(pattern)]


def with_examples(phrases: list[Phrase]) -> list[Phrase]:
    """Each phrase's first use in the shipped features, and the profiles whose scenarios use it."""
    from connsim.harness.conformance.inventory import scenarios
    from connsim.harness.conformance.paths import features_dir

    for scenario in scenarios(features_dir()):
        profiles = {p for p, tag in PROFILE_TAGS.items() if tag in scenario.tags}
        for step_type, text in scenario.steps:
            for phrase in phrases:
                if phrase.matches(step_type, text):
                    phrase.profiles |= profiles
                    if phrase.example is None:
                        phrase.example, phrase.example_feature = f"{phrase.keyword} {text}", scenario.feature
                    break
    return phrases


def nearest(step_type: str, text: str, phrases: list[Phrase], n: int = 3) -> list[str]:
    """The phrases closest to an unmatched step, for the error that names them."""
    candidates = {f"{p.keyword} {p.pattern}": p.pattern for p in phrases if not p.type or p.type == step_type}
    close = difflib.get_close_matches(text, list(candidates.values()), n=n, cutoff=0.4)
    return [label for label, pattern in candidates.items() if pattern in close][:n]


def render_text(phrases: list[Phrase]) -> str:
    lines = [f"{len(phrases)} step phrases ({{name}} is a parameter; :d integer, :f number)"]
    for area in sorted({p.area for p in phrases}):
        group = [p for p in phrases if p.area == area]
        lines += ["", f"== {area} ({len(group)}) =="]
        for p in group:
            lines.append(f"{p.keyword} {p.pattern}")
            lines.append(f"    {p.description}")
            if p.parameters:
                lines.append("    parameters: " + ", ".join(f"{n} ({t})" for n, t in p.parameters))
            lines.append(f"    e.g. {p.example}  [{p.example_feature}]" if p.example
                         else "    (not used by the shipped features)")
    return "\n".join(lines) + "\n"


def render_md(phrases: list[Phrase]) -> str:
    lines = ["# Step phrases", "",
             "Generated by `connsim steps --format md` (kept current by tests/ux/test_steps.py): every phrase a "
             "feature file can use, with its parameters, what it does and an example from the shipped features. "
             "`{name}` is a parameter (`:d` an integer, `:f` a number). A step that matches no phrase fails at "
             "collection, before any scenario runs, naming the nearest phrases.", "",
             f"**{len(phrases)} phrases.**"]
    for area in sorted({p.area for p in phrases}):
        group = [p for p in phrases if p.area == area]
        lines += ["", f"## {area} ({len(group)})", ""]
        for p in group:
            params = ", ".join(f"`{n}` ({t})" for n, t in p.parameters) or "none"
            example = f"`{p.example}` ({p.example_feature})" if p.example else "not used by the shipped features"
            lines.append(f"- **{p.keyword}** `{p.pattern}`  \n  {p.description}. Parameters: {params}. "
                         f"Example: {example}.")
    return "\n".join(lines) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", choices=PROFILES, default=None,
                        help="only the phrases this profile's scenarios use, and its own area's")
    parser.add_argument("--format", choices=("text", "md"), default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    phrases = with_examples(step_definitions())
    if args.profile:
        phrases = [p for p in phrases if p.area == args.profile or args.profile in p.profiles]
    sys.stdout.write(render_md(phrases) if args.format == "md" else render_text(phrases))
    return 0
