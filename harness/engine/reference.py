"""ReferenceEngine: the first adapter. One service object per profile over one SQLite store."""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

import requests

from connsim.harness.adapters.contract import PROFILES
from connsim.harness.engine.context import EngineContext
from connsim.harness.engine.http import Caller, OAuthSession
from connsim.harness.engine.store import Store
from connsim.harness.env import RemoteEnv

SERVICES = {
    "costs": "connsim.harness.engine.services.costs:CostsService",
    "clients-oneway": "connsim.harness.engine.services.clients_oneway:ClientsOneWayService",
    "clients-twoway": "connsim.harness.engine.services.clients_twoway:ClientsTwoWayService",
    "payments": "connsim.harness.engine.services.payments:PaymentsService",
}


class ReferenceEngine:
    profiles: tuple[str, ...] = PROFILES
    #: profile -> service class, for engines derived from this one (e.g. the deliberately broken
    #: engines of tests/harness): overrides SERVICES
    service_classes: ClassVar[dict[str, type]] = {}
    #: how every remote is called and authorised (derived engines swap them: harness/mutants)
    caller_class: ClassVar[type[Caller]] = Caller
    oauth_class: ClassVar[type[OAuthSession]] = OAuthSession

    def __init__(self, db_path: str = ":memory:") -> None:
        self.db_path = db_path
        self.ctx: EngineContext | None = None
        self._services: dict[str, Any] = {}

    def start(self, env: RemoteEnv) -> None:
        self.ctx = EngineContext(env=env, store=Store(self.db_path), http=requests.Session(),
                                 caller_class=self.caller_class, oauth_class=self.oauth_class)
        self._services = {}

    def stop(self) -> None:
        if self.ctx is not None:
            self.ctx.store.close()
            self.ctx.http.close()

    def service(self, profile: str) -> Any:
        if profile not in self.profiles:
            raise KeyError(f"this engine does not implement profile {profile!r}")
        if profile not in self._services:
            assert self.ctx is not None, "engine not started"
            cls = self.service_classes.get(profile)
            if cls is None:
                module_name, _, class_name = SERVICES[profile].partition(":")
                cls = getattr(importlib.import_module(module_name), class_name)
            self._services[profile] = cls(self.ctx)
        return self._services[profile]
