"""Fixtures for tests that need the test-only echo remote, in process and behind `connsim serve`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import INPROCESS_HOST
from connsim.simulator.inprocess import InProcessSimulator
from connsim.simulator.pytest_plugin import MODES, ServerProcess

SUPPORT = str(Path(__file__).resolve().parent)
MODULE = "connsim_echo_remote"


@dataclass
class EchoSim:
    mode: str
    #: where the control API is (connsim.local in process, the server otherwise)
    base: str
    #: where the echo API is (its own real host in process, the server otherwise)
    api: str
    control: ControlClient
    server: ServerProcess | None = None

    def items_url(self, tenant: str, private: bool = False) -> str:
        return f"{self.api}/echo{'-private' if private else ''}/{tenant}/items"

    def items(self, tenant: str) -> list[dict[str, Any]]:
        return self.control.call("GET", f"/tenants/{tenant}")["settings"].get("echo_items", [])

    def post(self, tenant: str, payload: dict[str, Any], **kw: Any) -> requests.Response:
        return requests.post(self.items_url(tenant), json=payload, timeout=10, **kw)


def server_env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": SUPPORT + (os.pathsep + path if path else "")}


@pytest.fixture(scope="session")
def echo_server() -> Iterator[ServerProcess]:
    server = ServerProcess(extra=["--remote-module", MODULE], env=server_env(), capture_stderr=True)
    yield server
    server.stop()


@pytest.fixture(params=MODES)
def echo_sim(request: pytest.FixtureRequest) -> Iterator[EchoSim]:
    if request.param == "inprocess":
        with InProcessSimulator(SimConfig(remote_modules=(MODULE,))) as sim:
            base = f"https://{INPROCESS_HOST}"
            yield EchoSim("inprocess", base, sim.endpoints.echo_api, ControlClient(base))
        return
    server = request.getfixturevalue("echo_server")
    control = ControlClient(server.url)
    control.reset()
    yield EchoSim("server", server.url, server.url, control, server)
