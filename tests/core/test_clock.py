"""Clock: running vs frozen, advance/set/freeze/unfreeze/reset, all against an injected wall."""

from datetime import datetime, timedelta

import pytest

from connsim.simulator.core.clock import UTC, Clock, parse_instant

T0 = datetime(2025, 1, 1, tzinfo=UTC)


class Wall:
    def __init__(self) -> None:
        self.now = T0.timestamp()

    def __call__(self) -> float:
        return self.now


def test_running_clock_follows_wall_plus_offset() -> None:
    wall = Wall()
    clock = Clock(wall=wall)
    assert clock.now() == T0
    wall.now += 10
    assert clock.now() == T0 + timedelta(seconds=10)
    clock.advance(60)
    wall.now += 5
    assert clock.now() == T0 + timedelta(seconds=75)
    assert not clock.frozen


def test_frozen_clock_ignores_wall_and_moves_only_when_told() -> None:
    wall = Wall()
    clock = Clock(frozen_at=T0, wall=wall)
    wall.now += 3600
    assert clock.now() == T0
    assert clock.advance(90) == T0 + timedelta(seconds=90)
    assert clock.advance(-30) == T0 + timedelta(seconds=60)


def test_set_keeps_mode() -> None:
    wall = Wall()
    running = Clock(wall=wall)
    running.set(T0 + timedelta(days=2))
    wall.now += 1
    assert running.now() == T0 + timedelta(days=2, seconds=1)
    frozen = Clock(frozen_at=T0, wall=wall)
    frozen.set(datetime(2030, 5, 1))  # naive: UTC
    wall.now += 100
    assert frozen.now() == datetime(2030, 5, 1, tzinfo=UTC)


def test_freeze_then_unfreeze_resumes_from_frozen_instant() -> None:
    wall = Wall()
    clock = Clock(wall=wall)
    clock.advance(50)
    assert clock.freeze() == T0 + timedelta(seconds=50)
    wall.now += 1000
    assert clock.now() == T0 + timedelta(seconds=50)
    clock.unfreeze()
    wall.now += 2
    assert clock.now() == T0 + timedelta(seconds=52)
    assert clock.describe()["frozen"] is False


def test_reset_returns_to_configured_state() -> None:
    wall = Wall()
    clock = Clock(wall=wall)
    clock.advance(999)
    clock.freeze()
    clock.reset()
    assert not clock.frozen and clock.now() == T0
    clock.reset(frozen_at=T0 + timedelta(hours=1))
    assert clock.frozen and clock.now() == T0 + timedelta(hours=1)


def test_parse_instant() -> None:
    assert parse_instant("2025-01-01T00:00:00Z") == T0
    assert parse_instant("2025-01-01T10:00:00+10:00") == T0
    assert parse_instant("2025-01-01") == T0
    for bad in ("yesterday", 12):
        with pytest.raises(ValueError):
            parse_instant(bad)  # type: ignore[arg-type]
