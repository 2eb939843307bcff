"""Run schedules: one schedule is a fresh simulator state and a fresh engine, the workload's steps
with the schedule's events applied before them, heal, then the invariants. Hypothesis draws the
schedules (``@seed``: the same seed replays the same run; no example database) and, when one
breaks an invariant, shrinks it to a minimal schedule, which is replayed last and reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from connsim.harness.chaos.schedule import Schedule, apply, schedules
from connsim.harness.chaos.workload import RecordCheck, Workload, settled
from connsim.harness.env import RemoteEnv

EPOCH = "2026-11-20T09:00:00+00:00"
EngineFactory = Callable[[], Any]


@dataclass
class Outcome:
    schedule: Schedule
    checks: list[RecordCheck] = field(default_factory=list)
    faults_fired: int = 0
    refusals: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def violations(self) -> list[str]:
        found = [f"{c.name}: {c.verdict} (on the remote {c.on_remote}x, engine shows {c.engine_status}"
                 f"{', ' + c.reason if c.reason else ''})" for c in self.checks if not c.ok]
        return ([self.error] if self.error else []) + found

    def to_dict(self) -> dict[str, Any]:
        return {"schedule": self.schedule.to_dict(), "described": self.schedule.describe(),
                "faults_fired": self.faults_fired, "records": [c.to_dict() for c in self.checks],
                "violations": self.violations, "refusals": self.refusals[:10]}


@dataclass
class Tally:
    """The figures of one workload's exploration (shrinking replays are counted apart)."""

    label: str
    schedules: int = 0
    faults_fired: int = 0
    records: int = 0
    once: int = 0
    failed_visible: int = 0
    dismissed: int = 0
    lost: int = 0
    doubled: int = 0
    sent_dismissed: int = 0
    other_violations: int = 0
    shrink_runs: int = 0
    minimal: Outcome | None = None
    seed: int = 0

    def add(self, outcome: Outcome) -> None:
        self.schedules += 1
        self.faults_fired += outcome.faults_fired
        for check in outcome.checks:
            self.records += 1
            verdict = check.verdict.replace("-", "_")
            setattr(self, verdict, getattr(self, verdict) + 1)
        self.other_violations += bool(outcome.error)

    @property
    def passed(self) -> bool:
        return self.minimal is None

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in vars(self).items() if k != "minimal"}
        data["minimal_schedule"] = self.minimal.to_dict() if self.minimal else None
        return data


class ScheduleViolated(AssertionError):
    pass


def run_one(workload_cls: type[Workload], engine_factory: EngineFactory, env: RemoteEnv, schedule: Schedule,
            tag: str) -> Outcome:
    control = env.control
    control.reset()
    control.freeze(EPOCH)
    outcome = Outcome(schedule)
    engine = engine_factory()
    engine.start(env)
    try:
        workload = workload_cls(env, engine, schedule, tag)
        tenant = workload.setup()
        steps = workload.steps()
        for index in range(len(steps) + 1):
            for event in schedule.events:
                if event.at == index or (index == len(steps) and event.at > index):
                    apply(control, event, tenant)
            if index < len(steps) and (refusal := settled(steps[index])):
                outcome.refusals.append(f"step {index}: {refusal}")
        outcome.faults_fired = sum(rule.get("fired", 0) for rule in control.call("GET", "/faults")["faults"])
        outcome.faults_fired += sum(1 for e in schedule.events if e.kind in ("expire", "revoke"))
        control.call("DELETE", "/faults")
        crash = settled(workload.heal)
        if crash:
            outcome.error = f"the engine failed after healing: {crash}"
        outcome.checks = workload.check()
    finally:
        engine.stop()
    return outcome


def explore(workload_cls: type[Workload], engine_factory: EngineFactory, env: RemoteEnv, count: int, seed: int,
            progress: Callable[[Tally], None] | None = None, max_records: int = 3) -> Tally:
    tally = Tally(workload_cls.label, seed=seed)
    failing: list[Outcome] = []
    strategy = schedules(workload_cls.apis, workload_cls.steps_per_record, max_records, workload_cls.can_dismiss,
                         workload_cls.writes, workload_cls.write_paths)

    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck),
              phases=(Phase.generate, Phase.shrink), report_multiple_bugs=False, verbosity=Verbosity.quiet,
              derandomize=False)
    @hypothesis_seed(seed)
    @given(schedule=strategy)
    def check(schedule: Schedule) -> None:
        outcome = run_one(workload_cls, engine_factory, env, schedule, f"r{tally.schedules + tally.shrink_runs}")
        if failing:
            tally.shrink_runs += 1
        else:
            tally.add(outcome)
            if progress:
                progress(tally)
        if outcome.violations:
            failing.append(outcome)
            raise ScheduleViolated("; ".join(outcome.violations))

    try:
        check()
    except Exception:
        if not failing:
            raise
        tally.minimal = failing[-1]
    return tally
