"""What every service of the reference engine shares: the remotes' addresses, the store, one
HTTP session, the sleeper on the simulated clock, and the engine's view of "now"."""

from __future__ import annotations

from dataclasses import dataclass

import requests

from connsim.harness.engine.store import Store
from connsim.harness.env import RemoteEnv


@dataclass
class EngineContext:
    env: RemoteEnv
    store: Store
    http: requests.Session

    def sleep(self, seconds: float) -> None:
        self.env.sleep(seconds)

    def now(self) -> str:
        """The engine's clock is the simulated one: timestamps it shows agree with the remote's."""
        return self.env.now_iso()
