"""The mutation score: grade every engine of the registry and count the broken ones the suite
catches exactly (fails exactly the IDs it breaks) and the correct ones it lets pass."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from connsim.harness.mutants.registry import ALL, Mutant
from connsim.harness.mutants.runner import failed_ids, grade


@dataclass
class Verdict:
    name: str
    broken: bool
    expected: frozenset[str]
    failed: frozenset[str]
    not_passing: frozenset[str]
    seconds: float

    @property
    def as_expected(self) -> bool:
        if self.broken:
            return self.failed == self.expected
        return not self.not_passing


def judge(mutant: Mutant) -> Verdict:
    started = time.perf_counter()
    statuses, _ = grade(mutant.engine, mutant.profiles, without=mutant.without)
    not_passing = frozenset(cid for cid, status in statuses.items() if status != "pass")
    return Verdict(mutant.name, bool(mutant.fails), mutant.fails, frozenset(failed_ids(statuses)),
                   not_passing, time.perf_counter() - started)


def judge_all(jobs: int = 1, names: list[str] | None = None) -> list[Verdict]:
    chosen = [m for m in ALL if not names or m.name in names]
    if jobs <= 1:
        return [judge(m) for m in chosen]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(judge, chosen))


def report(verdicts: list[Verdict]) -> str:
    lines = []
    for v in verdicts:
        mark = "ok " if v.as_expected else "BAD"
        if v.broken:
            lines.append(f"{mark} broken  {v.name:<36} fails {', '.join(sorted(v.failed)) or 'nothing'}"
                         + ("" if v.as_expected else f" (expected {', '.join(sorted(v.expected))})")
                         + f"  [{v.seconds:.1f}s]")
        else:
            lines.append(f"{mark} correct {v.name:<36} "
                         + ("passes every ID" if v.as_expected else f"does not pass {', '.join(sorted(v.not_passing))}")
                         + f"  [{v.seconds:.1f}s]")
    broken = [v for v in verdicts if v.broken]
    correct = [v for v in verdicts if not v.broken]
    lines.append(f"mutation score: caught {sum(v.as_expected for v in broken)} of {len(broken)} broken engines "
                 f"exactly; {sum(v.as_expected for v in correct)} of {len(correct)} correct engines pass every ID")
    return "\n".join(lines)
