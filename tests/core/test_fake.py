"""Seed data's Faker: imported on the first seeded tenant, not at start-up, and deterministic."""

from __future__ import annotations

from import_probe import imported_by

from connsim.simulator.core.fake import seeded_faker


def test_starting_the_simulator_does_not_import_faker() -> None:
    """Faker's import is about 0.08 s of start-up; an app with no populated tenant never needs it."""
    assert imported_by("from connsim.simulator.app import create_app\n"
                       "from connsim.simulator.config import SimConfig\n"
                       "create_app(SimConfig())", ("faker",)) == []


def test_the_same_seed_gives_the_same_data() -> None:
    first, again, other = (seeded_faker("en_AU", s) for s in ("xero:7:t", "xero:7:t", "xero:8:t"))
    names = [first.name() for _ in range(5)]
    assert names == [again.name() for _ in range(5)]
    assert names != [other.name() for _ in range(5)]
