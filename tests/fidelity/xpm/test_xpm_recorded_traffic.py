"""Recorded real XPM traffic replayed against connsim in both modes (``connsim_remote``): each
recorded interaction either matches (status, envelope, api-method, element paths, formats, error
texts: xpm_recorded.py, each citing its cassette) or is a known, explained deviation that must
still differ (so the figures in docs/simulator/xpm.md stay true)."""

from __future__ import annotations

from typing import Any

import pytest
from xpm_recorded import KNOWN_DEVIATIONS, OTHER_RECORDINGS, RECORDED, Recorded
from xpm_replay import differences, replay


@pytest.mark.parametrize("rec", RECORDED + OTHER_RECORDINGS, ids=[r.cassette for r in RECORDED + OTHER_RECORDINGS])
def test_recorded_interaction(connsim_remote: Any, rec: Recorded) -> None:
    response, world = replay(connsim_remote, rec)
    found = differences(rec, response, world)
    if rec.cassette in KNOWN_DEVIATIONS:
        assert found, f"{rec.source} now matches: drop it from KNOWN_DEVIATIONS"
    else:
        assert not found, f"{rec.source}: {found}\n{response.status_code} {response.text[:600]}"


def test_every_recorded_interaction_is_compared() -> None:
    """59 interactions in the cassette set (57 cassettes, two with two interactions each)."""
    assert len(RECORDED) == 59
    assert len({r.cassette for r in RECORDED}) == 59
    assert set(KNOWN_DEVIATIONS) <= {r.cassette for r in RECORDED}
