"""The fast slice of `connsim chaos` (fixed seeds, small budgets): the reference engine keeps every
invariant on every profile's workload; each lossy engine is caught, shrunk to a minimal schedule;
the same seed replays the same run; the command writes its report, JSON and JUnit."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connsim.harness.chaos.lossy import BlindRepostCosts, NaivePayments
from connsim.harness.chaos.profiles import PROFILE_WORKLOADS
from connsim.harness.chaos.runner import explore, run_one
from connsim.harness.chaos.schedule import FaultEvent, Schedule
from connsim.harness.chaos.workloads_other import QboPayments, XeroPayments
from connsim.harness.chaos.workloads_xpm import CostsWorkload
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.env import RemoteEnv
from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.inprocess import InProcessSimulator

ROOT = Path(__file__).resolve().parents[2]
WORKLOADS = [w for group in PROFILE_WORKLOADS.values() for w in group]
SEED = 2


@pytest.fixture(scope="module")
def env() -> Iterator[RemoteEnv]:
    sim = InProcessSimulator(SimConfig())
    with sim:
        yield RemoteEnv(sim.endpoints, ControlClient(sim.endpoints.control))


@pytest.mark.parametrize("workload", WORKLOADS, ids=lambda w: w.label)
def test_reference_engine_keeps_every_invariant(env: RemoteEnv, workload: Any) -> None:
    tally = explore(workload, ReferenceEngine, env, count=6, seed=SEED)
    assert tally.passed, tally.minimal and tally.minimal.to_dict()
    assert tally.schedules == 6 and tally.records >= 6 and tally.faults_fired > 0
    assert tally.lost == tally.doubled == tally.sent_dismissed == 0


@pytest.mark.parametrize("workload, engine", [(XeroPayments, NaivePayments), (QboPayments, NaivePayments),
                                              (CostsWorkload, BlindRepostCosts)],
                         ids=["naive-payments-xero", "naive-payments-qbo", "blind-repost-costs"])
def test_lossy_engines_are_caught_with_a_minimal_schedule(env: RemoteEnv, workload: Any, engine: Any) -> None:
    tally = explore(workload, engine, env, count=20, seed=SEED)
    assert not tally.passed and tally.doubled >= 1
    minimal = tally.minimal
    assert minimal is not None
    # shrunk to its essence: one record, one commit-then-lose on the remote's write
    assert minimal.schedule.records == 1 and len(minimal.schedule.events) == 1
    event = minimal.schedule.events[0]
    assert event.kind == "drop" and event.api == workload.apis[0], minimal.schedule.describe()
    assert any("doubled" in v for v in minimal.violations)


def test_the_same_seed_replays_the_same_run(env: RemoteEnv) -> None:
    first = explore(CostsWorkload, ReferenceEngine, env, count=4, seed=7).to_dict()
    again = explore(CostsWorkload, ReferenceEngine, env, count=4, seed=7).to_dict()
    assert first == again


def test_a_dismissed_payment_sent_anyway_is_reported(env: RemoteEnv) -> None:
    """Not only loss and doubling: a record the user dismissed must never reach the books."""
    from connsim.harness.engine.services.payments import PaymentsService

    class _IgnoresDismiss(PaymentsService):
        def dismiss_syncing(self, payment_id: str) -> None:
            pass  # the click is lost: the payment stays in the queue

    class IgnoresDismiss(ReferenceEngine):
        service_classes = {"payments": _IgnoresDismiss}  # noqa: RUF012 - the base class's override table

    outcome = run_one(XeroPayments, IgnoresDismiss, env, Schedule(1, (), dismiss=(0,)), "dismiss")
    assert [c.verdict for c in outcome.checks] == ["sent-dismissed"]
    assert run_one(XeroPayments, ReferenceEngine, env, Schedule(1, (), dismiss=(0,)), "ok").violations == []


def test_revocation_and_token_expiry_mid_run_lose_nothing(env: RemoteEnv) -> None:
    schedule = Schedule(2, (FaultEvent(at=1, kind="revoke"), FaultEvent(at=2, kind="expire"),
                            FaultEvent(at=3, kind="status", api="qbo", status=429, times=8)))
    outcome = run_one(QboPayments, ReferenceEngine, env, schedule, "revoke")
    assert outcome.violations == [] and [c.verdict for c in outcome.checks] == ["once", "once"]


def test_connsim_chaos_command(tmp_path: Path) -> None:
    out, junit = tmp_path / "chaos.json", tmp_path / "chaos.xml"
    proc = subprocess.run([sys.executable, "-m", "connsim", "chaos", "--adapter",
                           "connsim.harness.chaos.lossy:BlindRepostCosts", "--schedules", "20", "--seed", str(SEED),
                           "--json", str(out), "--junit", str(junit)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "minimal schedule" in proc.stdout and "commit then lose the response" in proc.stdout
    report = json.loads(out.read_text())
    [costs] = report["workloads"]
    assert costs["doubled"] >= 1 and costs["minimal_schedule"]["violations"]
    assert "<failure" in junit.read_text()


def test_a_lost_client_add_whose_search_is_throttled_is_not_added_twice(env: RemoteEnv) -> None:
    """Found by `connsim chaos --seed 2` (clients-oneway, shrunk): the add's answer is lost and the
    search that should find it is refused with 429 until the engine gives up; the next sync must
    search again before adding (it used to add a second client)."""
    from connsim.harness.chaos.workloads_xpm import ClientsOneWayWorkload

    schedule = Schedule(1, (FaultEvent(at=0, kind="drop", api="xpm", method="POST", path="/client.api/add"),
                            FaultEvent(at=0, kind="status", api="xpm", status=429, times=6)))
    outcome = run_one(ClientsOneWayWorkload, ReferenceEngine, env, schedule, "throttled")
    assert outcome.violations == [] and [c.verdict for c in outcome.checks] == ["once"]
