"""Simulator configuration: injected into create_app, never read from globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from connsim.simulator.core.oauth import OAuthClientConfig


@dataclass
class SimConfig:
    #: None: simulated time runs with wall time (offset 0); a datetime: frozen at that instant
    frozen_at: datetime | None = None
    #: the control API needs this credential whenever it is set; `connsim serve` sets it when
    #: listening beyond loopback and refuses to start without one
    admin_token: str | None = None
    #: base seed for Faker/Random: same seed, same data
    seed: int = 0
    #: requests whose body is larger get 413 in the API's own error format
    max_body_bytes: int = 1024 * 1024
    #: real seconds a client has to send its whole body (408 after that): slow senders cannot
    #: hold server threads for long (request_body.py)
    body_read_seconds: float = 10.0
    #: the journal keeps whole requests and responses: this many bytes per tenant (oldest evicted
    #: first), and ``journal_total_bytes`` over all tenants
    journal_bytes_per_tenant: int = 4 * 1024 * 1024
    journal_total_bytes: int = 256 * 1024 * 1024
    #: Xero's documented window (secondary source: 6 minutes); configurable, see docs/simulator.md
    idempotency_window: timedelta = timedelta(minutes=6)
    #: bounds on the stored responses per tenant (oldest evicted first; trade-off in docs/simulator/core.md)
    idempotency_keys_per_tenant: int = 2000
    idempotency_bytes_per_tenant: int = 8 * 1024 * 1024
    #: the app each identity provider knows on start and after reset, by provider name; a provider
    #: not named here gets the client its remote declares (IdentityProvider.default_client)
    oauth_clients: dict[str, OAuthClientConfig] = field(default_factory=dict)
    #: create a default world (one tenant of each kind with Faker data) on start and on reset
    seed_on_start: bool = False
    #: extra modules exposing REMOTE (or REMOTES), served next to the built-in APIs: an API
    #: package kept outside connsim, or a test-only remote (``connsim serve --remote-module``)
    remote_modules: tuple[str, ...] = ()
    #: the base URL the simulator is reached at, used in discovery documents and redirects;
    #: None: derived from each request's own host
    public_url: str | None = None


__all__ = ["OAuthClientConfig", "SimConfig"]
