"""The engine contract over HTTP, so a connector written in any language can be graded.

    GET  /profiles                      → {"profiles": ["costs", ...]}
    POST /start   {"env": RemoteEnv}    → {"started": true}      (a fresh engine state)
    POST /call    {"profile", "method", "args": [...], "kwargs": {...}}
                                        → {"result": ...}  or  {"error": {"type", "message"}}
    POST /stop                          → {"stopped": true}

``type`` is one of UnsupportedAction (a refusal the user sees), KeyError, ValueError, or any other
name (an engine bug). Each call has CALL_TIMEOUT seconds. The OpenAPI document (openapi.py) is
served at GET /openapi.json by `connsim engine serve`."""

from __future__ import annotations

from typing import Any

import requests

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.adapters.openapi import CALL_TIMEOUT
from connsim.harness.env import RemoteEnv

ERRORS: dict[str, type[Exception]] = {"UnsupportedAction": UnsupportedAction, "KeyError": KeyError,
                                      "ValueError": ValueError}


class EngineCallError(RuntimeError):
    """The remote engine failed in a way the contract does not name."""


class HttpEngine:
    def __init__(self, base_url: str, timeout: float = CALL_TIMEOUT) -> None:
        self.base, self.timeout = base_url.rstrip("/"), timeout
        self.http = requests.Session()
        response = self.http.get(f"{self.base}/profiles", timeout=timeout)
        response.raise_for_status()
        self.profiles: tuple[str, ...] = tuple(response.json()["profiles"])

    def start(self, env: RemoteEnv) -> None:
        self._post("/start", {"env": env.to_dict()})

    def stop(self) -> None:
        self._post("/stop", {})

    def service(self, profile: str) -> _RemoteService:
        if profile not in self.profiles:
            raise KeyError(f"the engine does not implement profile {profile!r}")
        return _RemoteService(self, profile)

    def call(self, profile: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self._post("/call", {"profile": profile, "method": method, "args": list(args), "kwargs": kwargs},
                          f"{profile}.{method}")

    def _post(self, path: str, body: dict[str, Any], what: str | None = None) -> Any:
        what = what or f"POST {path}"
        try:
            response = self.http.post(self.base + path, json=body, timeout=self.timeout)
        except requests.Timeout:
            raise EngineCallError(f"{what}: no answer within {self.timeout:.0f} s (the contract's limit per call)") \
                from None
        except requests.ConnectionError as exc:
            raise EngineCallError(f"{what}: the engine at {self.base} stopped answering ({exc})") from None
        try:
            data = response.json()
        except ValueError:
            raise EngineCallError(f"{what}: HTTP {response.status_code}, not JSON: {response.text[:200]}") from None
        if not isinstance(data, dict) or ("error" not in data and "result" not in data):
            raise EngineCallError(f"{what}: HTTP {response.status_code}, answered {str(data)[:200]} "
                                  f"instead of {{\"result\": ...}} or {{\"error\": ...}}")
        if "error" in data:
            error = data["error"] if isinstance(data["error"], dict) else {"message": str(data["error"])}
            raise ERRORS.get(error.get("type", ""), EngineCallError)(error.get("message", ""))
        return data["result"]


class _RemoteService:
    def __init__(self, engine: HttpEngine, profile: str) -> None:
        self._engine, self._profile = engine, profile

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        return lambda *args, **kwargs: self._engine.call(self._profile, method, args, kwargs)
