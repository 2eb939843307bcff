"""The prototype on gunicorn, N workers of one kind (``sync``, or ``gthread`` with 16 threads each,
connsim's own thread count), in a subprocess the bench starts and stops. Each worker builds its own
app after the fork, so every worker thread opens its own store connection. A gthread worker is
pinned to one CPU as `connsim serve`'s is (simulator/cpu_pin.py), the n-th worker to the n-th CPU,
so several workers still use every CPU; sync workers are left to the kernel, as the floor's are.

    python -m bench.scaleout.server PORT sync|gthread WORKERS STORE_SPEC TEMPLATE_JSON
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from bench.scaleout.app import create_app
from bench.scaleout.store import open_store
from connsim.simulator import cpu_pin

ROOT = Path(__file__).resolve().parents[2]
THREADS = 16


class ScaleoutServer(BaseApplication):
    def __init__(self, port: int, kind: str, workers: int, spec: str, template: Path) -> None:
        self.port, self.kind, self.workers, self.spec, self.template = port, kind, workers, spec, template
        super().__init__()

    def load_config(self) -> None:
        settings: dict[str, Any] = {"bind": f"127.0.0.1:{self.port}", "loglevel": "warning", "keepalive": 5,
                                    "timeout": 120, "workers": self.workers, "worker_class": self.kind,
                                    "post_worker_init": lambda worker: print("listening", flush=True)}
        if self.kind == "gthread":
            settings["threads"] = THREADS
            settings["post_fork"] = _pin_nth_worker
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app(open_store(self.spec), json.loads(self.template.read_text()))


def _pin_nth_worker(server: Any, worker: Any) -> None:
    cpus = sorted(os.sched_getaffinity(0))
    cpu_pin.pin(cpus[(worker.age - 1) % len(cpus)])


class ScaleoutProcess:
    """The server in a subprocess, ready once every worker has printed its listening line; its
    stderr goes to a file, quoted when it does not start."""

    def __init__(self, port: int, kind: str, workers: int, spec: str, template: Path) -> None:
        self.port = port
        self.errors = tempfile.TemporaryFile("w+")  # noqa: SIM115  # lives as long as the server; closed in stop()
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.scaleout.server", str(port), kind, str(workers),
                                      spec, str(template)], stdout=subprocess.PIPE, stderr=self.errors, text=True,
                                     cwd=ROOT)
        assert self.proc.stdout is not None
        for _ in range(workers):
            if "listening" not in self.proc.stdout.readline():
                self.errors.seek(0)
                said = self.errors.read()[-600:]
                self.stop()
                raise RuntimeError(f"scale-out prototype ({kind} x{workers}) did not start: {said!r}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)
        self.errors.close()


if __name__ == "__main__":
    port, kind, workers, spec, template = sys.argv[1:6]
    ScaleoutServer(int(port), kind, int(workers), spec, Path(template)).run()
