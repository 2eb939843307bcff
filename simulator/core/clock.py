"""Simulated time. Every time read in the simulator goes through a Clock, so tests move time
instead of sleeping: a token expires because the clock moved 31 minutes, not because a test waited."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

UTC = UTC
#: simulated time stays inside [EARLIEST, LATEST]: a running clock set near the end of what
#: datetime holds (9999-12-31) would overflow a second later and make every request fail, so a
#: move beyond these bounds is refused (ValueError) and the clock stays where it was
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC).timestamp()
LATEST = datetime(9000, 1, 1, tzinfo=UTC).timestamp()


class Clock:
    """Wall time plus an offset, or a frozen instant. Thread safe.

    Every request reads the clock several times, so a read takes no lock: the mode lives in one
    immutable pair (frozen instant or None, offset) that a move replaces whole, under a lock that
    only moves take (one move at a time; a reader sees the pair before or after it, never half).
    ``wall`` is injectable so the clock itself can be unit-tested without reading real time.
    """

    def __init__(self, frozen_at: datetime | None = None, wall: Callable[[], float] = time.time) -> None:
        self._wall = wall
        self._moving = threading.Lock()
        #: (the frozen instant, or None while running; the offset from wall time while running)
        self._state: tuple[float | None, float] = (_to_epoch(frozen_at) if frozen_at else None, 0.0)

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp(), tz=UTC)

    def timestamp(self) -> float:
        frozen, offset = self._state
        return frozen if frozen is not None else self._wall() + offset

    def advance(self, seconds: float) -> datetime:
        """Move simulated time forward (or back, with a negative number). ValueError out of bounds."""
        with self._moving:
            frozen, offset = self._state
            if frozen is not None:
                self._state = (_bounded(frozen + seconds), offset)
            else:
                self._state = (None, _bounded(self._wall() + offset + seconds) - self._wall())
        return self.now()

    def set(self, at: datetime) -> datetime:
        """Jump to an instant, keeping the current mode (frozen stays frozen, running keeps running)."""
        target = _bounded(_to_epoch(at))
        with self._moving:
            frozen, offset = self._state
            self._state = (target, offset) if frozen is not None else (None, target - self._wall())
        return self.now()

    def freeze(self, at: datetime | None = None) -> datetime:
        with self._moving:
            frozen, offset = self._state
            current = frozen if frozen is not None else self._wall() + offset
            self._state = (_bounded(_to_epoch(at)) if at else current, offset)
        return self.now()

    def unfreeze(self) -> datetime:
        with self._moving:
            frozen, _ = self._state
            if frozen is not None:
                self._state = (None, frozen - self._wall())
        return self.now()

    def reset(self, frozen_at: datetime | None = None) -> datetime:
        """Back to the start state: running with wall time, or frozen at ``frozen_at``."""
        with self._moving:
            self._state = (_to_epoch(frozen_at) if frozen_at else None, 0.0)
        return self.now()

    @property
    def frozen(self) -> bool:
        return self._state[0] is not None

    def describe(self) -> dict:
        frozen, offset = self._state  # one read: the instant and the mode agree
        at = frozen if frozen is not None else self._wall() + offset
        return {"now": datetime.fromtimestamp(at, tz=UTC).isoformat(), "frozen": frozen is not None}


def _bounded(timestamp: float) -> float:
    """``timestamp`` when it is a finite instant within [EARLIEST, LATEST], else ValueError."""
    if not math.isfinite(timestamp) or not EARLIEST <= timestamp <= LATEST:
        raise ValueError("simulated time must stay between 1970-01-01 and 9000-01-01")
    return timestamp


def _to_epoch(at: datetime) -> float:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.timestamp()


def parse_instant(text: str) -> datetime:
    """Parse an ISO-8601 instant from the control API; naive values are UTC. ValueError if bad."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO-8601 string, got {type(text).__name__}")
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


__all__ = ["UTC", "Clock", "parse_instant", "timedelta"]
