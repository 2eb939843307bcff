"""In-process timing shared by the benches: µs per call, and sides that take turns round by round."""

from __future__ import annotations

import time
from collections.abc import Callable


def per_call_us(fn: Callable[[], object], n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - started) / n * 1e6


def alternate(sides: list[Callable[[int], float]], calls: int, rounds: int) -> list[list[float]]:
    """Each side measures ``calls // rounds`` calls (µs per call) in turn, round after round, so a
    burst of load from elsewhere on a shared machine falls on every side instead of on one; the
    first turn warms them all up and is not counted. One list of per-round figures per side."""
    per_round = max(1, calls // rounds)
    measured: list[list[float]] = [[] for _ in sides]
    for turn in range(rounds + 1):
        for at, side in enumerate(sides):
            took = side(per_round)
            if turn:
                measured[at].append(took)
    return measured
