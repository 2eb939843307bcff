"""Where each remote is reached. In-process mode: the real hosts (intercepted). Server mode: one
base URL for everything, since the remotes' real paths do not collide."""

from __future__ import annotations

from dataclasses import asdict, dataclass

#: the host the in-process mode serves the control API on (and every API path, as a server would)
INPROCESS_HOST = "connsim.local"
#: the modelled APS API has no real host; see docs/simulator.md
APS_HOST = "api.aps.connsim.test"

#: real host → the simulated API paths served there (in-process interception table)
REAL_HOSTS = (
    "api.xero.com", "identity.xero.com", "login.xero.com",
    "quickbooks.api.intuit.com", "sandbox-quickbooks.api.intuit.com", "oauth.platform.intuit.com",
    "developer.api.intuit.com", "appcenter.intuit.com", "developer.intuit.com",
    "accounts.platform.intuit.com", "sandbox-accounts.platform.intuit.com",
    APS_HOST, INPROCESS_HOST,
)


@dataclass(frozen=True)
class Endpoints:
    xero_api: str            # + /api.xro/2.0, /practicemanager/3.1, /connections
    xero_identity: str       # + /connect/token, /connect/revocation
    xero_authorize: str      # full URL of the authorize endpoint
    qbo_api: str             # + /v3/company/<realm>/...
    intuit_discovery: str    # full URL of the OpenID discovery document
    intuit_token: str        # full URL of the token endpoint
    aps_api: str             # + /aps/v1/...
    control: str             # + /_connsim/...

    @classmethod
    def real_hosts(cls) -> Endpoints:
        return cls(
            xero_api="https://api.xero.com",
            xero_identity="https://identity.xero.com",
            xero_authorize="https://login.xero.com/identity/connect/authorize",
            qbo_api="https://quickbooks.api.intuit.com",
            intuit_discovery="https://developer.intuit.com/.well-known/openid_configuration/",
            intuit_token="https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
            aps_api=f"https://{APS_HOST}",
            control=f"https://{INPROCESS_HOST}",
        )

    @classmethod
    def single_base(cls, base: str) -> Endpoints:
        base = base.rstrip("/")
        return cls(
            xero_api=base, xero_identity=base, xero_authorize=f"{base}/identity/connect/authorize",
            qbo_api=base, intuit_discovery=f"{base}/.well-known/openid_configuration/",
            intuit_token=f"{base}/oauth2/v1/tokens/bearer", aps_api=base, control=base,
        )

    def to_dict(self) -> dict[str, str]:
        return asdict(self)
