"""pytest plugin (registered through the ``pytest11`` entry point): fixtures that give a test a
simulator in process, as a real HTTP server, or, parametrised, in both modes (as moto's CI runs
every test twice).

* ``connsim_inprocess``: the real hosts intercepted in this process (function scope, fresh state)
* ``connsim_server_url``: one ``connsim serve`` subprocess for the session
* ``connsim_remote``: parametrised over both; yields a RemoteSim with ``.endpoints`` and ``.control``
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Iterator

import pytest

from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import Endpoints
from connsim.simulator.inprocess import InProcessSimulator

MODES = ("inprocess", "server")


@dataclass
class RemoteSim:
    mode: str
    endpoints: Endpoints
    control: ControlClient
    #: the SimState, only in in-process mode (for white-box unit tests; black-box tests use control)
    state: Any = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """`connsim serve` in a subprocess; ready when it prints its listening line (no polling sleep)."""

    def __init__(self, port: int | None = None, extra: list[str] | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "connsim", "serve", "--port", str(self.port), "--no-access-log", *(extra or [])],
            stdout=subprocess.PIPE, stderr=None, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "listening" not in line:
            self.stop()
            raise RuntimeError(f"connsim serve did not start: {line!r}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def connsim_inprocess() -> Iterator[RemoteSim]:
    sim = InProcessSimulator(SimConfig())
    with sim:
        yield RemoteSim("inprocess", sim.endpoints, ControlClient(sim.endpoints.control), sim.state)


@pytest.fixture(scope="session")
def connsim_server_url() -> Iterator[str]:
    server = ServerProcess()
    yield server.url
    server.stop()


@pytest.fixture(params=MODES)
def connsim_remote(request: pytest.FixtureRequest) -> Iterator[RemoteSim]:
    if request.param == "inprocess":
        yield request.getfixturevalue("connsim_inprocess")
        return
    url = request.getfixturevalue("connsim_server_url")
    control = ControlClient(url)
    control.reset()
    yield RemoteSim("server", Endpoints.single_base(url), control)
