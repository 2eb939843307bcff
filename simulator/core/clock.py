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

    ``wall`` is injectable so the clock itself can be unit-tested without reading real time.
    """

    def __init__(self, frozen_at: datetime | None = None, wall: Callable[[], float] = time.time) -> None:
        self._wall = wall
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen: float | None = _to_epoch(frozen_at) if frozen_at else None

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp(), tz=UTC)

    def timestamp(self) -> float:
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            return self._wall() + self._offset

    def advance(self, seconds: float) -> datetime:
        """Move simulated time forward (or back, with a negative number). ValueError out of bounds."""
        with self._lock:
            if self._frozen is not None:
                self._frozen = _bounded(self._frozen + seconds)
            else:
                self._offset = _bounded(self._wall() + self._offset + seconds) - self._wall()
        return self.now()

    def set(self, at: datetime) -> datetime:
        """Jump to an instant, keeping the current mode (frozen stays frozen, running keeps running)."""
        target = _bounded(_to_epoch(at))
        with self._lock:
            if self._frozen is not None:
                self._frozen = target
            else:
                self._offset = target - self._wall()
        return self.now()

    def freeze(self, at: datetime | None = None) -> datetime:
        with self._lock:
            current = self._frozen if self._frozen is not None else self._wall() + self._offset
            self._frozen = _bounded(_to_epoch(at)) if at else current
        return self.now()

    def unfreeze(self) -> datetime:
        with self._lock:
            if self._frozen is not None:
                self._offset = self._frozen - self._wall()
                self._frozen = None
        return self.now()

    def reset(self, frozen_at: datetime | None = None) -> datetime:
        """Back to the start state: running with wall time, or frozen at ``frozen_at``."""
        with self._lock:
            self._offset = 0.0
            self._frozen = _to_epoch(frozen_at) if frozen_at else None
        return self.now()

    @property
    def frozen(self) -> bool:
        return self._frozen is not None

    def describe(self) -> dict:
        with self._lock:
            frozen = self._frozen is not None
        return {"now": self.now().isoformat(), "frozen": frozen}


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
