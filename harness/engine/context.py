"""What every service of the reference engine shares: the remotes' addresses, the store, one
HTTP session, the sleeper on the simulated clock, the engine's view of "now", and the classes that
make OAuth sessions and callers (an engine derived from this one swaps them, e.g. the mutants of
harness/mutants that break token handling or back-off once for every remote)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from connsim.harness.engine.http import Caller, OAuthSession
from connsim.harness.engine.store import Store
from connsim.harness.env import OAuthApp, RemoteEnv


@dataclass
class EngineContext:
    env: RemoteEnv
    store: Store
    http: requests.Session
    caller_class: type[Caller] = Caller
    oauth_class: type[OAuthSession] = OAuthSession

    def sleep(self, seconds: float) -> None:
        self.env.sleep(seconds)

    def now(self) -> str:
        """The engine's clock is the simulated one: timestamps it shows agree with the remote's."""
        return self.env.now_iso()

    def oauth(self, app: OAuthApp, authorize_url: str, token_url: str, scopes: list[str],
              **options: Any) -> OAuthSession:
        return self.oauth_class(self.http, app, authorize_url, token_url, scopes, now=self.now, **options)

    def caller(self, oauth: OAuthSession) -> Caller:
        return self.caller_class(self.http, oauth, self.sleep, now=self.now)
