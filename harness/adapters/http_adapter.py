"""The engine contract over HTTP, so a connector written in any language can be graded.

    GET  /profiles                      → {"profiles": ["costs", ...]}
    POST /start   {"env": RemoteEnv}    → {"started": true}      (a fresh engine state)
    POST /call    {"profile", "method", "args": [...], "kwargs": {...}}
                                        → {"result": ...}  or  {"error": {"type", "message"}}
    POST /stop                          → {"stopped": true}

``type`` is one of UnsupportedAction (a refusal the user sees), KeyError, ValueError, or any other
name (an engine bug). The document is served at GET /openapi.json by `connsim engine serve`."""

from __future__ import annotations

from typing import Any

import requests

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.env import RemoteEnv

ERRORS: dict[str, type[Exception]] = {"UnsupportedAction": UnsupportedAction, "KeyError": KeyError,
                                      "ValueError": ValueError}


class EngineCallError(RuntimeError):
    """The remote engine failed in a way the contract does not name."""


class HttpEngine:
    def __init__(self, base_url: str, timeout: float = 120.0) -> None:
        self.base, self.timeout = base_url.rstrip("/"), timeout
        self.http = requests.Session()
        response = self.http.get(f"{self.base}/profiles", timeout=timeout)
        response.raise_for_status()
        self.profiles: tuple[str, ...] = tuple(response.json()["profiles"])

    def start(self, env: RemoteEnv) -> None:
        self._post("/start", {"env": env.to_dict()})

    def stop(self) -> None:
        self._post("/stop", {})

    def service(self, profile: str) -> "_RemoteService":
        if profile not in self.profiles:
            raise KeyError(f"the engine does not implement profile {profile!r}")
        return _RemoteService(self, profile)

    def call(self, profile: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self._post("/call", {"profile": profile, "method": method, "args": list(args), "kwargs": kwargs})

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = self.http.post(self.base + path, json=body, timeout=self.timeout)
        try:
            data = response.json()
        except ValueError:
            raise EngineCallError(f"{path}: HTTP {response.status_code}, not JSON: {response.text[:200]}") from None
        if "error" in data:
            error = data["error"]
            raise ERRORS.get(error.get("type"), EngineCallError)(error.get("message", ""))
        return data.get("result")


class _RemoteService:
    def __init__(self, engine: HttpEngine, profile: str) -> None:
        self._engine, self._profile = engine, profile

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        return lambda *args, **kwargs: self._engine.call(self._profile, method, args, kwargs)
