"""Seed data's Faker: imported on the first seeded tenant, not at start-up, and deterministic."""

from __future__ import annotations

import subprocess
import sys

from connsim.simulator.core.fake import seeded_faker


def test_starting_the_simulator_does_not_import_faker() -> None:
    """Faker's import is about 0.08 s of start-up; an app with no populated tenant never needs it."""
    probe = ("import sys\n"
             "from connsim.simulator.app import create_app\n"
             "from connsim.simulator.config import SimConfig\n"
             "create_app(SimConfig())\n"
             "print('faker' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr[-2000:]


def test_the_same_seed_gives_the_same_data() -> None:
    first, again, other = (seeded_faker("en_AU", s) for s in ("xero:7:t", "xero:7:t", "xero:8:t"))
    names = [first.name() for _ in range(5)]
    assert names == [again.name() for _ in range(5)]
    assert names != [other.name() for _ in range(5)]
