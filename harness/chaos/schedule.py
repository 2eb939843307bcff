"""Fault schedules: what goes wrong, and before which step of the workload. Drawn by Hypothesis
(so a failing schedule shrinks to a minimal one) and applied through the control API, i.e. with
the simulator's own fault plan: the remote's 5xx and 429 in its own format and headers, a reset
connection, commit-then-lose-the-response, latency; plus what a person or time does: access
tokens expiring (the clock moves past their life), access revoked, a burst of 429s."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from hypothesis import strategies as st

from connsim.simulator.client import ControlClient

#: simulated seconds that outlive every access token (Xero 30 min, Intuit and APS 60 min)
TOKEN_LIFE_SECONDS = 3700


@dataclass(frozen=True)
class FaultEvent:
    """Before workload step ``at``: ``kind`` is a fault-plan action (status, reset, drop, latency),
    or "expire" (the clock jumps past every access token's life) or "revoke" (a person removes
    the app in the remote; the engine must reconnect when healed)."""

    at: int
    kind: str
    api: str = ""
    method: str | None = None
    path: str | None = None
    status: int = 503
    times: int = 1
    probability: float = 1.0
    seed: int = 0
    latency_ms: int = 0

    def describe(self) -> str:
        where = f"{self.method or 'any'} {self.api}" + (f" {self.path}" if self.path else "")
        if self.kind == "status":
            what = f"{self.status} x{self.times} on {where}"
        elif self.kind in ("reset", "drop"):
            what = f"{'connection reset' if self.kind == 'reset' else 'commit then lose the response'} " \
                   f"x{self.times} on {where}"
        elif self.kind == "latency":
            what = f"latency {self.latency_ms} ms x{self.times} on {where}"
        elif self.kind == "expire":
            what = f"access tokens expire (clock +{TOKEN_LIFE_SECONDS} s)"
        else:
            what = "access revoked in the remote"
        odds = f" (p={self.probability:g}, seed {self.seed})" if self.probability < 1 else ""
        return f"before step {self.at}: {what}{odds}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Schedule:
    records: int
    events: tuple[FaultEvent, ...] = field(default_factory=tuple)
    dismiss: tuple[int, ...] = ()  # which records the user dismisses (payments) or deletes (clients)

    def describe(self) -> list[str]:
        lines = [f"{self.records} record(s)" + (f", user dismisses/deletes #{list(self.dismiss)}" if self.dismiss
                                                else "")]
        return lines + [event.describe() for event in sorted(self.events, key=lambda e: e.at)]

    def to_dict(self) -> dict[str, Any]:
        return {"records": self.records, "dismiss": list(self.dismiss), "events": [e.to_dict() for e in self.events]}


def events(apis: tuple[str, ...], steps: int, writes: tuple[str, ...] = ("POST",),
           paths: tuple[str, ...] = ()) -> st.SearchStrategy[FaultEvent]:
    """One event for a workload of ``steps`` steps against ``apis`` (the remote first, then its OAuth);
    faults lean towards the remote's write methods and paths, where a lost answer can lose or double
    a record."""
    at = st.integers(0, max(steps - 1, 0))
    api = st.sampled_from((apis[0], *apis))
    method = st.sampled_from([*writes, *writes, None, "GET"])
    path = st.sampled_from([*paths, None])
    times = st.integers(1, 4)
    odds = st.sampled_from([1.0, 1.0, 0.5])
    seed = st.integers(0, 2**16)
    return st.one_of(
        st.builds(FaultEvent, at=at, kind=st.sampled_from(["drop", "reset"]), api=api, method=method, path=path,
                  times=times, probability=odds, seed=seed),
        st.builds(FaultEvent, at=at, kind=st.just("status"), api=api, method=method, path=path,
                  status=st.sampled_from([500, 502, 503, 504, 429]), times=times, probability=odds, seed=seed),
        st.builds(FaultEvent, at=at, kind=st.just("latency"), api=api, method=method, times=times,
                  latency_ms=st.integers(1, 5)),
        st.builds(FaultEvent, at=at, kind=st.just("status"), api=st.just(apis[0]), status=st.just(429),
                  times=st.integers(5, 12)),  # a rate-limit burst
        st.builds(FaultEvent, at=at, kind=st.sampled_from(["expire", "revoke"])),
    )


@st.composite
def schedules(draw: st.DrawFn, apis: tuple[str, ...], steps_per_record: int, max_records: int = 3,
              can_dismiss: bool = True, writes: tuple[str, ...] = ("POST",), paths: tuple[str, ...] = ()) -> Schedule:
    records = draw(st.integers(1, max_records))
    steps = records * steps_per_record + 1
    drawn = draw(st.lists(events(apis, steps, writes, paths), min_size=0, max_size=6))
    dismiss = draw(st.lists(st.integers(0, records - 1), max_size=1, unique=True)) if can_dismiss else []
    return Schedule(records, tuple(drawn), tuple(dismiss))


def apply(control: ControlClient, event: FaultEvent, tenant: str) -> None:
    """Make ``event`` happen on the simulator, as the fault plan or a person would."""
    if event.kind == "expire":
        control.advance(TOKEN_LIFE_SECONDS)
    elif event.kind == "revoke":
        control.revoke_tenant(tenant)
    else:
        rule: dict[str, Any] = {"action": event.kind, "api": event.api, "times": event.times}
        if event.method:
            rule["method"] = event.method
        if event.path:
            rule["path"] = event.path
        if event.kind == "status":
            rule["status"] = event.status
        if event.kind == "latency":
            rule["latency_ms"] = event.latency_ms
        if event.probability < 1:
            rule.update(probability=event.probability, seed=event.seed)
        control.call("POST", "/faults", rule)
