"""`connsim serve`: the simulator on gunicorn (threaded gthread worker, one process so that all
state is in one place). gunicorn because it is a production WSGI server and hands the app the
client socket, which the wire-fault middleware needs to reset a connection for real."""

from __future__ import annotations

import gc
import ipaddress
import logging
import sys
from typing import Any

from gunicorn.app.base import BaseApplication

from connsim.simulator import access_log as access
from connsim.simulator import cpu_pin
from connsim.simulator.app import create_app
from connsim.simulator.config import SimConfig


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SimulatorServer(BaseApplication):
    def __init__(self, config: SimConfig, host: str, port: int, threads: int = 64, on_ready: Any = None,
                 cpu: str | int = cpu_pin.AUTO) -> None:
        self.sim_config, self.host, self.port = config, host, port
        self.threads, self.on_ready, self.cpu = threads, on_ready, cpu
        super().__init__()

    def load_config(self) -> None:
        settings = {
            "bind": f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}",
            "workers": 1,
            "worker_class": "gthread",
            "threads": self.threads,
            "accesslog": None,  # the app writes its own structured line per request (access_log.py)
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 120,
            "graceful_timeout": 2,
            "keepalive": 5,
            "post_fork": self._when_forked,
            "post_worker_init": self._when_ready,
            "worker_exit": self._when_exiting,
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def _when_forked(self, server: Any, worker: Any) -> None:
        """Called in the worker before it starts its threads: they inherit its CPU (cpu_pin.py). The
        ready line says which CPU, for whoever reads the log."""
        worker.connsim_cpu = cpu_pin.pin(self.cpu)

    def _when_ready(self, worker: Any) -> None:
        """Called in the worker once the app is loaded: from now on requests are answered.

        The start-up heap (modules, the Flask app and its URL map, the remotes' catalogues: about
        60,000 objects) never becomes garbage, so it is moved out of the collector's reach
        (``gc.freeze``): every full collection would walk it again, stalling every thread at
        once. Measured with 16 connections on one invoice, alternating rounds: the longest full
        collection went from 54-78 ms to about 33, and GETs/s rose about 3 % (docs/simulator/core.md)."""
        gc.freeze()
        access.start_writers()
        if self.on_ready:
            self.on_ready(worker)

    @staticmethod
    def _when_exiting(server: Any, worker: Any) -> None:
        """Called in the worker as it exits (after a graceful or a quick shutdown): the access lines
        still queued are written."""
        access.stop_writers()

    def load(self) -> Any:
        return create_app(self.sim_config)


def serve(host: str, port: int, config: SimConfig, threads: int = 64, access_log: bool = True,
          log_format: str = "text", cpu: str | int = cpu_pin.AUTO) -> None:
    if not is_loopback(host) and not config.admin_token:
        raise SystemExit(f"refusing to listen on {host}: beyond loopback the control API needs --admin-token")

    def ready(worker: Any) -> None:
        sockets = getattr(worker, "sockets", None) or []
        address = sockets[0].getsockname() if sockets else (host, port)
        # the ready line the CLI promises on stdout
        cpu = getattr(worker, "connsim_cpu", None)
        print(f"connsim simulator listening on http://{address[0]}:{address[1]} "  # noqa: T201
              f"(control API: /_connsim/, OpenAPI: /_connsim/openapi.json; "
              f"{'worker on CPU ' + str(cpu) if cpu is not None else 'worker on any CPU'})", flush=True)

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if access_log:
        access.configure(log_format, sys.stdout, background=True)
    SimulatorServer(config, host, port, threads=threads, on_ready=ready, cpu=cpu).run()
