"""Fuzz budgets and the per-surface tally. CI runs a small fixed-seed slice; the long run sets
CONNSIM_FUZZ_EXAMPLES (see bench/fuzz_long.sh) and prints the tally (CONNSIM_FUZZ_REPORT=1)."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, settings

#: examples per fuzz test: small in the suite, raised for the long run
EXAMPLES = int(os.environ.get("CONNSIM_FUZZ_EXAMPLES", "40"))

#: inputs sent and 5xx seen, per surface (a 5xx also fails the test that saw it)
INPUTS: Counter[str] = Counter()
SERVER_ERRORS: Counter[str] = Counter()


def fuzz_settings(scale: float = 1.0) -> Any:
    """Fixed seed (derandomize), no example database, no deadline: the same inputs every run."""
    return settings(max_examples=max(1, int(EXAMPLES * scale)), derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck))


def tally(surface: str, status: int) -> None:
    INPUTS[surface] += 1
    if status >= 500:
        SERVER_ERRORS[surface] += 1


def report() -> str:
    lines = [f"{'surface':<34} {'inputs':>8} {'5xx':>5}"]
    for surface in sorted(INPUTS):
        lines.append(f"{surface:<34} {INPUTS[surface]:>8} {SERVER_ERRORS[surface]:>5}")
    lines.append(f"{'total':<34} {sum(INPUTS.values()):>8} {sum(SERVER_ERRORS.values()):>5}")
    return "\n".join(lines)
