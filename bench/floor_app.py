"""The floor every server figure is compared with: a minimal Flask app on gunicorn, answering a
fixed invoice body to GET and echoing the body of a PUT. Started with the same gunicorn settings as
``connsim serve`` (1 worker, gthread, 16 threads, the worker pinned to the CPU it starts on:
simulator/cpu_pin.py) and, as a second column, with 2 sync workers (unpinned: they are there to use
both CPUs).

    python bench/floor_app.py PORT gthread|sync2
"""

from __future__ import annotations

import json
import sys
from typing import Any

from flask import Flask, Response, request
from gunicorn.app.base import BaseApplication

from connsim.simulator import cpu_pin

BODY = json.dumps({"Id": "floor", "Status": "OK", "Invoices": [{"InvoiceID": "x" * 36, "Total": 100.0}]})


def create_floor_app() -> Flask:
    app = Flask("floor")

    @app.get("/api.xro/2.0/Invoices/<key>")
    def get_invoice(key: str) -> Response:
        return Response(BODY, mimetype="application/json")

    @app.route("/api.xro/2.0/Invoices", methods=["PUT", "POST"])
    def put_invoice() -> Response:
        return Response(request.get_data(), mimetype="application/json")

    return app


class FloorServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, port: int, kind: str) -> None:
        self.port, self.kind = port, kind
        super().__init__()

    def load_config(self) -> None:
        settings: dict[str, Any] = {"bind": f"127.0.0.1:{self.port}", "loglevel": "warning", "keepalive": 5,
                                    "post_worker_init": lambda worker: print("listening", flush=True)}
        if self.kind == "gthread":
            settings.update(workers=1, worker_class="gthread", threads=16,
                            post_fork=lambda server, worker: cpu_pin.pin(cpu_pin.AUTO))
        else:
            settings.update(workers=2, worker_class="sync")
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_floor_app()


if __name__ == "__main__":
    FloorServer(int(sys.argv[1]), sys.argv[2]).run()
