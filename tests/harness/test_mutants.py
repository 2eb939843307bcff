"""The mutation suite (harness/mutants): the conformance scenarios catch every broken engine exactly
(it fails the catalogue IDs its bug breaks and no other) and let every correct-but-different engine
pass every ID. Graded in process, in-process remote mode; each broken engine on the profiles its bug
can reach. ``python -m connsim.harness.mutants -j 2`` prints the same as a mutation score."""

from __future__ import annotations

import pytest

from connsim.harness.catalogue import CATALOGUE
from connsim.harness.mutants.registry import BROKEN, CORRECT, Mutant
from connsim.harness.mutants.runner import failed_ids, grade


def test_every_catalogue_id_has_a_broken_engine_that_fails_it() -> None:
    reached = set().union(*(m.fails for m in BROKEN))
    assert reached == set(CATALOGUE), f"IDs no broken engine proves can fail: {sorted(set(CATALOGUE) - reached)}"
    assert len(BROKEN) >= 40 and len(CORRECT) >= 5


@pytest.mark.parametrize("mutant", BROKEN, ids=lambda m: m.name)
def test_broken_engine_fails_exactly_its_ids(mutant: Mutant) -> None:
    statuses, results = grade(mutant.engine, mutant.profiles, without=mutant.without)
    failed = failed_ids(statuses)
    why = [f"{r.feature}: {r.name}: {r.failing_step}: {(r.error or '')[:200]}"
           for r in results if r.outcome == "failed"]
    assert failed == set(mutant.fails), \
        f"{mutant.name} should fail exactly {sorted(mutant.fails)}, failed {sorted(failed)}:\n" + "\n".join(why)


@pytest.mark.parametrize("mutant", CORRECT, ids=lambda m: m.name)
def test_correct_engine_passes_every_id(mutant: Mutant) -> None:
    statuses, results = grade(mutant.engine, mutant.profiles)
    not_passing = {cid: status for cid, status in statuses.items() if status != "pass"}
    why = [f"{r.feature}: {r.name}: {r.failing_step}: {(r.error or '')[:200]}"
           for r in results if r.outcome == "failed"]
    assert not not_passing, f"{mutant.name} is correct but got {not_passing}:\n" + "\n".join(why)
    assert len(statuses) == len(CATALOGUE) == 29
