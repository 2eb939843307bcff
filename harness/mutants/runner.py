"""Grading one engine in process: the conformance scenarios of the chosen profiles, in-process remote
mode, folded into a verdict per catalogue ID. Nested ``pytest.main`` (no subprocess), so the whole
mutation suite costs what its scenarios cost; importlib import mode keeps the nested run's module
names apart from whatever pytest session is already running."""

from __future__ import annotations

import contextlib
import io

import pytest

from connsim.harness.catalogue import PROFILE_TAGS
from connsim.harness.conformance.inventory import coverage
from connsim.harness.conformance.paths import features_dir
from connsim.harness.conformance.pytest_run import graded_run_args
from connsim.harness.conformance.results import Collector, ScenarioResult, verdicts


def engine_spec(engine: type) -> str:
    return f"{engine.__module__}:{engine.__qualname__}"


def grade(engine: type, profiles: tuple[str, ...] = (), keyword: str | None = None,
          remote: str = "in-process", without: tuple[str, ...] = ()) -> tuple[dict[str, str], list[ScenarioResult]]:
    """Run the scenarios of ``profiles`` (all when empty; none tagged with an ID in ``without``)
    against ``engine``; returns the status of every catalogue ID ("pass", "fail", "not applicable",
    "not selected", "not covered") and the scenario results."""
    argv = [*graded_run_args(remote), "--import-mode=importlib", "--connsim-adapter", engine_spec(engine)]
    marks = [f"({' or '.join(PROFILE_TAGS[p] for p in profiles)})"] if profiles else []
    marks += [f"not {cid}" for cid in without]
    if marks:
        argv += ["-m", " and ".join(marks)]
    if keyword:
        argv += ["-k", keyword]
    collector = Collector()
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = pytest.main(argv, plugins=[collector])
    results = list(collector.results.values())
    if code not in (0, 1) or not results:
        raise RuntimeError(f"the conformance run itself failed (pytest exit {code}):\n{out.getvalue()[-3000:]}")
    outcome = verdicts(results, coverage(features_dir()))
    return {v.id: v.status for v in outcome}, results


def failed_ids(statuses: dict[str, str]) -> set[str]:
    return {cid for cid, status in statuses.items() if status == "fail"}
