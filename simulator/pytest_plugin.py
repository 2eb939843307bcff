"""pytest plugin (registered through the ``pytest11`` entry point): fixtures that give a test a
simulator in process, as a real HTTP server, or, parametrised, in both modes (as moto's CI runs
every test twice).

* ``connsim_inprocess``: the real hosts intercepted in this process (function scope, fresh state)
* ``connsim_server_url``: one ``connsim serve`` subprocess for the session
* ``connsim_remote``: parametrised over both; yields a RemoteSim with ``.endpoints``, ``.control``,
  ``.journal`` and ``.verify`` (the same as ``mock_remotes()`` gives), e.g.::

      def test_one_invoice(connsim_remote):
          run_my_connector(base_url=connsim_remote.endpoints.xero_api)
          connsim_remote.verify(api="xero", method="PUT", path="/Invoices", times=1)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import Endpoints
from connsim.simulator.inprocess import InProcessSimulator
from connsim.simulator.verify import JournalView

MODES = ("inprocess", "server")


@dataclass
class RemoteSim:
    mode: str
    endpoints: Endpoints
    control: ControlClient
    #: the SimState, only in in-process mode (for white-box unit tests; black-box tests use control)
    state: Any = None

    @property
    def journal(self) -> JournalView:
        return JournalView(self.control)

    def verify(self, times: int | None = 1, at_least: int | None = None, **pattern: Any) -> list[dict[str, Any]]:
        """See JournalView.verify: exactly ``times`` matching requests, or a readable difference."""
        return self.journal.verify(times=times, at_least=at_least, **pattern)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """`connsim serve` in a subprocess; ready when it prints its listening line (no polling sleep).

    Its stdout (the listening line, then the access log when enabled) is drained by a thread into
    ``lines``, so a chatty server never blocks on a full pipe. ``stderr`` is inherited unless
    ``capture_stderr`` is set, in which case it is drained into ``errors``."""

    START_TIMEOUT = 60.0

    def __init__(self, port: int | None = None, extra: list[str] | None = None, access_log: bool = False,
                 capture_stderr: bool = False, env: dict[str, str] | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self.errors: list[str] = []
        args = [sys.executable, "-m", "connsim", "serve", "--port", str(self.port)]
        if not access_log:
            args.append("--no-access-log")
        self.proc = subprocess.Popen(
            [*args, *(extra or [])], stdout=subprocess.PIPE, stderr=subprocess.PIPE if capture_stderr else None,
            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
        ready = threading.Event()
        self._readers = [threading.Thread(target=self._drain, args=(self.proc.stdout, self.lines, ready), daemon=True)]
        if capture_stderr:
            self._readers.append(threading.Thread(target=self._drain, args=(self.proc.stderr, self.errors, None),
                                                  daemon=True))
        for reader in self._readers:
            reader.start()
        if not ready.wait(self.START_TIMEOUT) or not any("listening" in line for line in self.lines):
            self.stop()
            raise RuntimeError(f"connsim serve did not start: {self.lines[:5]!r} {self.errors[-5:]!r}")

    @staticmethod
    def _drain(stream: Any, sink: list[str], ready: threading.Event | None) -> None:
        for line in stream:
            sink.append(line.rstrip("\n"))
            if ready is not None and "listening" in line:
                ready.set()
        if ready is not None:
            ready.set()  # the process ended: stop waiting

    def stop(self) -> None:
        """gunicorn's quick shutdown (SIGINT): a test's server holds nothing to save, while the graceful
        one (SIGTERM) waits out open keep-alive connections for ``graceful_timeout``: 2 of the 17 s of a
        server-mode conformance run. A test that needs a line the server writes waits for it first."""
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for reader in self._readers:
            reader.join(timeout=5)


@pytest.fixture
def connsim_inprocess() -> Iterator[RemoteSim]:
    sim = InProcessSimulator(SimConfig())
    with sim:
        yield RemoteSim("inprocess", sim.endpoints, sim.control, sim.state)


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
