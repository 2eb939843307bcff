"""Seeded Faker instances for the remotes' seed data. Faker is imported on the first seeded tenant,
not when the app starts: its import is about 0.08 s of the simulator's start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faker import Faker


def seeded_faker(locale: str, seed: int | str) -> Faker:
    """A Faker for ``locale`` seeded with ``seed``: the same seed gives the same data."""
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    return fake
