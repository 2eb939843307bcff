"""Two per-request shortcuts held to the plain definitions they replace: which scopes open a route
(scopes.allows, from a precomputed table) and UpdatedDateUTCString (render.stamp_string, from
isoformat instead of strftime)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from connsim.simulator.xero import render, scopes

#: every scope that could matter: each family's scopes, their .read forms, and some that open nothing
CANDIDATES = sorted({s for broad in scopes.FAMILIES.values() for s in broad}
                    | {s + ".read" for broad in scopes.FAMILIES.values() for s in broad}
                    | {"offline_access", "openid", "accounting.journals.read"})


def plainly_allows(granted: list[str], family: str, read_only: bool) -> bool:
    """The definition: a family's scope, or for a read its .read form, is among those granted."""
    return any(s in granted or (read_only and s + ".read" in granted) for s in scopes.FAMILIES[family])


def test_allows_agrees_with_the_definition_for_every_grant_of_up_to_three_scopes() -> None:
    checked = 0
    for size in range(4):
        for granted in itertools.combinations(CANDIDATES, size):
            for family in scopes.FAMILIES:
                for read_only in (False, True):
                    assert scopes.allows(list(granted), family, read_only) == \
                        plainly_allows(list(granted), family, read_only), (granted, family, read_only)
                    checked += 1
    assert checked == sum(len(list(itertools.combinations(CANDIDATES, n))) for n in range(4)) * len(scopes.FAMILIES) * 2


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9000, 1, 1),
                    timezones=st.sampled_from([UTC, timezone(timedelta(hours=13)), timezone(timedelta(hours=-9, minutes=-30))])))
def test_stamp_string_is_strftimes_text(moment: datetime) -> None:
    assert render.stamp_string(moment) == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
