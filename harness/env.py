"""RemoteEnv: what an engine under test is given to reach the simulated remotes. The same for
the reference engine and a vendor's: endpoints, OAuth client credentials, and how to wait."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from connsim.simulator.client import ControlClient
from connsim.simulator.control.guard import clock_credential
from connsim.simulator.endpoints import Endpoints


@dataclass
class OAuthApp:
    client_id: str
    client_secret: str
    redirect_uri: str = "https://engine.connsim.test/callback"


@dataclass
class RemoteEnv:
    endpoints: Endpoints
    control: ControlClient
    xero_app: OAuthApp = field(default_factory=lambda: OAuthApp("connsim-xero-client", "connsim-xero-secret"))
    intuit_app: OAuthApp = field(default_factory=lambda: OAuthApp("connsim-qbo-client", "connsim-qbo-secret"))
    aps_app: OAuthApp = field(default_factory=lambda: OAuthApp("connsim-aps-client", "connsim-aps-secret"))

    def sleep(self, seconds: float) -> None:
        """Wait on the *simulated* clock: a Retry-After of 60 s costs one control call, not a minute."""
        self.control.advance(seconds)

    def now_iso(self) -> str:
        return self.control.clock()["now"]

    def to_dict(self) -> dict:
        """The JSON an engine over HTTP is started with (docs/harness/http-contract.md). ``clock`` says how
        to wait on the simulated clock: the URL, and the headers to send (the simulator's credential,
        when it has one, is a credential good for the clock only)."""
        control = self.control.base[: -len("/_connsim")]
        admin = self.control.session.headers.get("X-Connsim-Admin")
        headers = {"X-Connsim-Admin": clock_credential(str(admin))} if admin else {}
        return {"endpoints": self.endpoints.to_dict(), "control": control,
                "clock": {"url": f"{control}/_connsim/clock", "headers": headers},
                "xero_app": vars(self.xero_app), "intuit_app": vars(self.intuit_app), "aps_app": vars(self.aps_app)}


Sleeper = Callable[[float], None]
