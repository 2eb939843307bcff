"""The engine as the steps see it: every answer of a profile call is checked against the contract
(contract.VIEW_KEYS), so a connector that leaves out a key fails with a message naming the call and
the key, instead of a bare KeyError deep in a step; and a step that reads a key the contract does
not name fails the harness's own suite (the contract stays complete)."""

from __future__ import annotations

import os
from typing import Any

from connsim.harness.adapters.contract import VIEW_KEYS, ContractViolation

#: when set (a file path), every key read is appended there instead of checked: how VIEW_KEYS is derived
RECORD = "CONNSIM_RECORD_VIEW_KEYS"


class ContractView(dict[str, Any]):
    """A dict answer of ``profile.method``; reading a key checks it against the contract."""

    call: str = ""
    declared: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Any:
        self._check(key)
        if key not in self:
            raise ContractViolation(f"{self.call} answered without {key!r}, which the contract requires "
                                    f"(keys: {', '.join(self.declared)}; see docs/harness/http-contract.md)")
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._check(key)
        return super().get(key, default)

    def _check(self, key: str) -> None:
        record = os.environ.get(RECORD)
        if record:
            with open(record, "a", encoding="utf-8") as sink:
                sink.write(f"{self.call}\t{key}\n")
        elif key not in self.declared:
            raise ContractViolation(f"a step reads {key!r} from {self.call}, which the contract does not name: "
                                    f"add it to VIEW_KEYS, the OpenAPI document and docs/harness/http-contract.md")


def checked(profile: str, method: str, value: Any) -> Any:
    declared = VIEW_KEYS.get(f"{profile}.{method}")
    if declared is None and not os.environ.get(RECORD):
        return value
    if isinstance(value, dict):
        view = ContractView(value)
        view.call, view.declared = f"{profile}.{method}()", declared or ()
        return view
    if isinstance(value, list):
        return [checked(profile, method, item) for item in value]
    return value


class CheckedService:
    def __init__(self, profile: str, service: Any) -> None:
        self._profile, self._service = profile, service

    def __getattr__(self, method: str) -> Any:
        target = getattr(self._service, method)
        if method.startswith("_") or not callable(target):
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            return checked(self._profile, method, target(*args, **kwargs))

        return call


class CheckedEngine:
    """Wraps the engine under test for the steps; everything but service() passes through."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def service(self, profile: str) -> CheckedService:
        return CheckedService(profile, self._engine.service(profile))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)
