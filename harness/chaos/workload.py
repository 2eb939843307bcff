"""A workload: one profile's records driven through the engine step by step, the remote's world
set up first (as a person would in the remote's UI), healing as the catalogue says a person
would, and the per-record verdict read from the remote's real state and the engine's views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connsim.harness.chaos.schedule import Schedule
from connsim.harness.env import RemoteEnv

Step = Callable[[], Any]
#: rounds of "a person presses sync/retry again" after healing
HEAL_ROUNDS = 3


@dataclass
class RecordCheck:
    """One record after the run: how many times the remote holds it, and what the engine shows."""

    name: str
    on_remote: int
    engine_status: str
    reason: str | None = None
    dismissed: bool = False

    @property
    def verdict(self) -> str:
        """once | failed-visible | dismissed | lost | doubled | sent-dismissed"""
        if self.dismissed:
            return "dismissed" if self.on_remote == 0 else "sent-dismissed"
        if self.on_remote == 1:
            return "once"
        if self.on_remote > 1:
            return "doubled"
        return "failed-visible" if self.reason and self.engine_status not in SYNCED else "lost"

    @property
    def ok(self) -> bool:
        return self.verdict in ("once", "failed-visible", "dismissed")

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "on_remote": self.on_remote, "engine_status": self.engine_status,
                "reason": self.reason, "dismissed": self.dismissed, "verdict": self.verdict}


SYNCED = ("Synced",)


class Workload:
    """Subclasses set the class attributes and fill in setup/steps/heal/check."""

    profile: str = ""
    label: str = ""
    #: remotes the faults are aimed at: the data API first, then the OAuth endpoints it uses
    apis: tuple[str, ...] = ()
    steps_per_record: int = 2
    can_dismiss: bool = False
    #: the HTTP methods this workload writes with (faults lean towards them)
    writes: tuple[str, ...] = ("POST",)
    #: path substrings of those writes (a fault may aim at them alone)
    write_paths: tuple[str, ...] = ()

    def __init__(self, env: RemoteEnv, engine: Any, schedule: Schedule, run_tag: str) -> None:
        self.env, self.engine, self.schedule, self.tag = env, engine, schedule, run_tag
        self.control = env.control

    def setup(self) -> str:
        """Build the remote's world and connect the engine; returns the tenant a revocation hits."""
        raise NotImplementedError

    def steps(self) -> list[Step]:
        raise NotImplementedError

    def heal(self) -> None:
        """Faults are cleared: reconnect where the catalogue says a person would, then let the engine finish."""
        raise NotImplementedError

    def check(self) -> list[RecordCheck]:
        raise NotImplementedError

    def dismissed(self, index: int) -> bool:
        return self.can_dismiss and index in self.schedule.dismiss


def settled(attempt: Step) -> str | None:
    """Run a user action; an error the engine raises is what the user saw (returned), not a crash
    of the run: invariants are judged on the data afterwards."""
    try:
        attempt()
    except Exception as exc:  # noqa: BLE001 - any refusal is shown to the user; the data decides
        return f"{type(exc).__name__}: {exc}"
    return None
