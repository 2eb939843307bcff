"""Fixtures behind every step: the simulated remote (in process, a server, or a URL), the
RemoteEnv handed to the engine, the engine under test (the reference engine or a vendor's, via
its adapter), and the scenario's World."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from connsim.harness.adapters.checked import CheckedEngine
from connsim.harness.adapters.loading import load_engine
from connsim.harness.bdd.world import World
from connsim.harness.catalogue import PROFILE_TAGS
from connsim.harness.env import RemoteEnv
from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import Endpoints
from connsim.simulator.inprocess import InProcessSimulator

#: every scenario runs at this simulated instant unless it moves the clock
SCENARIO_EPOCH = "2026-11-20T09:00:00+00:00"


@pytest.fixture(scope="session")
def inprocess_simulator() -> InProcessSimulator:
    """One simulator app per test session: building it costs more than most scenarios. Each scenario
    starts it from a reset, exactly as scenarios share a server in server mode."""
    return InProcessSimulator(SimConfig())


@pytest.fixture
def remote_env(remote_mode: str, request: pytest.FixtureRequest) -> Iterator[RemoteEnv]:
    if remote_mode == "in-process":
        sim: InProcessSimulator = request.getfixturevalue("inprocess_simulator")
        with sim:
            env = RemoteEnv(sim.endpoints, sim.control)
            env.control.reset()
            start_clock(env.control, request)
            yield env
        return
    if remote_mode == "server":
        url = request.getfixturevalue("connsim_server_url")
    else:
        url = remote_mode
    control = ControlClient(url, admin_token=request.config.getoption("--connsim-admin-token"))
    control.reset()
    start_clock(control, request)
    yield RemoteEnv(Endpoints.single_base(url), control)


def start_clock(control: ControlClient, request: pytest.FixtureRequest) -> None:
    """Every scenario starts at SCENARIO_EPOCH; with ``--connsim-clock running`` time then runs at real
    speed from there, so a connector that only sleeps in real time still sees a wait end (slowly)."""
    control.freeze(SCENARIO_EPOCH)
    if request.config.getoption("--connsim-clock", "frozen") == "running":
        control.call("POST", "/clock", {"unfreeze": True})


def scenario_profiles(node: Any) -> set[str]:
    names = {m.name for m in node.iter_markers()}
    return {profile for profile, tag in PROFILE_TAGS.items() if tag in names}


@pytest.fixture
def engine(remote_env: RemoteEnv, request: pytest.FixtureRequest) -> Iterator[Any]:
    engine = load_engine(request.config.getoption("--connsim-adapter"),
                         request.config.getoption("--connsim-adapter-url"))
    wanted = scenario_profiles(request.node)
    missing = wanted - set(engine.profiles)
    if wanted and missing:
        pytest.skip(f"not applicable: the engine does not implement profile {', '.join(sorted(missing))}")
    engine.start(remote_env)
    yield CheckedEngine(engine)  # answers checked against the contract's keys
    engine.stop()


@pytest.fixture
def world() -> World:
    return World()
