"""`connsim engine serve`: the reference engine behind the HTTP contract (http_adapter.py), on
gunicorn. The suite grades it through HttpEngine exactly as it would a vendor's service."""

from __future__ import annotations

import sys
import threading
from typing import Any

from flask import Flask, jsonify, request

from connsim.harness.adapters.contract import PROFILE_PROTOCOLS, UnsupportedAction
from connsim.harness.adapters.openapi import document
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.env import OAuthApp, RemoteEnv
from connsim.simulator.client import ControlClient
from connsim.simulator.endpoints import Endpoints


def create_engine_app() -> Flask:
    app = Flask("connsim.engine")
    lock = threading.Lock()
    state: dict[str, Any] = {"engine": None}

    @app.get("/profiles")
    def profiles() -> Any:
        return jsonify({"profiles": list(ReferenceEngine.profiles)})

    @app.get("/openapi.json")
    def openapi() -> Any:
        return jsonify(document())

    @app.post("/start")
    def start() -> Any:
        env_data = (request.get_json(silent=True) or {}).get("env") or {}
        try:
            apps = {k: OAuthApp(**env_data[k]) for k in ("xero_app", "intuit_app", "aps_app") if k in env_data}
            env = RemoteEnv(Endpoints(**env_data["endpoints"]), ControlClient(env_data["control"]), **apps)
        except (KeyError, TypeError) as exc:
            return jsonify({"error": {"type": "ValueError", "message": f"bad env: {exc}"}}), 400
        with lock:
            if state["engine"] is not None:
                state["engine"].stop()
            state["engine"] = ReferenceEngine()
            state["engine"].start(env)
        return jsonify({"result": {"started": True}})

    @app.post("/call")
    def call() -> Any:
        body = request.get_json(silent=True) or {}
        profile, method = body.get("profile"), body.get("method", "")
        protocol = PROFILE_PROTOCOLS.get(profile or "")
        if protocol is None or method.startswith("_") or not hasattr(protocol, method):
            message = f"no method {method!r} in profile {profile!r}"
            return jsonify({"error": {"type": "ValueError", "message": message}}), 400
        with lock:
            engine = state["engine"]
            if engine is None:
                return jsonify({"error": {"type": "ValueError", "message": "POST /start first"}}), 409
            try:
                result = getattr(engine.service(profile), method)(*body.get("args", []), **body.get("kwargs", {}))
            except (UnsupportedAction, KeyError, ValueError) as exc:
                return jsonify({"error": {"type": type(exc).__name__, "message": str(exc).strip("'\"")}})
            except Exception as exc:  # an engine bug: reported, never a traceback page
                app.logger.exception("engine call %s.%s failed", profile, method)
                return jsonify({"error": {"type": type(exc).__name__, "message": str(exc)}}), 500
        return jsonify({"result": result})

    @app.post("/stop")
    def stop() -> Any:
        with lock:
            if state["engine"] is not None:
                state["engine"].stop()
                state["engine"] = None
        return jsonify({"result": {"stopped": True}})

    return app


def serve_engine(host: str, port: int) -> int:
    from gunicorn.app.base import BaseApplication

    class EngineServer(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", 1)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 300)
            self.cfg.set("when_ready", lambda server: sys.stdout.write(
                f"connsim reference engine listening on http://{host}:{port}\n") and sys.stdout.flush())

        def load(self) -> Any:
            return create_engine_app()

    EngineServer().run()
    return 0
