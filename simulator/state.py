"""SimState: everything one simulator instance holds, built from a SimConfig. One per app, so
tests never share state unless they share an app."""

from __future__ import annotations

from typing import Any

from connsim.simulator.config import SimConfig
from connsim.simulator.core.clock import Clock
from connsim.simulator.core.faults import FaultPlan
from connsim.simulator.core.idempotency import IdempotencyStore
from connsim.simulator.core.journal import Journal
from connsim.simulator.core.oauth import IdentityProvider, OAuthProvider
from connsim.simulator.core.ratelimit import RateLimiter
from connsim.simulator.core.tenants import Tenant, TenantRegistry
from connsim.simulator.remote import Remote


class SimState:
    def __init__(self, config: SimConfig, remotes: list[Remote]) -> None:
        self.config = config
        self.clock = Clock(frozen_at=config.frozen_at)
        self.remotes = remotes
        self.tenants = TenantRegistry(self.clock, base_seed=config.seed)
        #: each identity provider a remote runs, by name (remote.identity)
        self.identities: dict[str, IdentityProvider] = {r.identity.name: r.identity for r in remotes if r.identity}
        self.providers = {name: OAuthProvider(identity.policy, self.clock)
                          for name, identity in self.identities.items()}
        self.ratelimiter = RateLimiter(self.clock)
        self.faults = FaultPlan()
        self.journal = Journal(config.journal_bytes_per_tenant, total_bytes=config.journal_total_bytes)
        self.idempotency = IdempotencyStore(self.clock, config.idempotency_window,
                                            config.idempotency_keys_per_tenant, config.idempotency_bytes_per_tenant)
        self._seeders: dict[str, Any] = {}
        for remote in remotes:
            for kind in remote.tenant_kinds:
                self.tenants.register_kind(kind)
        for remote in remotes:
            if remote.provider and remote.provider not in self.providers:
                raise ValueError(f"remote {remote.name!r} takes tokens of {remote.provider!r}, which no remote runs")
            if remote.tenant_kind and remote.tenant_kind not in self.tenants.kinds:
                raise ValueError(f"remote {remote.name!r} serves tenant kind {remote.tenant_kind!r}, "
                                 "which no remote declares")
            if remote.tenant_kind and remote.backend_factory:
                self.tenants.register_backend(remote.tenant_kind, remote.backend_factory)
            if remote.tenant_kind and remote.seed:
                self._seeders[remote.tenant_kind] = remote.seed
        self.reset()

    def reset(self) -> None:
        """Back to a fresh simulator: no tenants, no tokens, no faults, and the clock as configured
        (running at wall time, or frozen at ``config.frozen_at``), so tests sharing one server
        never inherit each other's time travel."""
        self.clock.reset(self.config.frozen_at)
        self.tenants.reset()
        for name, provider in self.providers.items():
            provider.reset()
            client = self.config.oauth_clients.get(name) or self.identities[name].default_client
            provider.register_client(client.client_id, client.client_secret, client.redirect_uris)
        self.ratelimiter.reset()
        self.faults.reset()
        self.journal.reset()
        self.idempotency.reset()
        if self.config.seed_on_start:
            self.seed_world(self.config.seed)

    def seed_tenant(self, tenant: Tenant, **options: Any) -> dict[str, Any]:
        seeder = self._seeders.get(tenant.kind)
        if seeder is None:
            return {}
        with tenant.lock:
            return seeder(tenant, **options) or {}

    def seed_world(self, seed: int, kinds: dict[str, int] | None = None) -> list[Tenant]:
        """One tenant (or as many as asked) of each kind an API serves, filled with Faker data."""
        from faker import Faker

        created: list[Tenant] = []
        kinds = kinds if kinds is not None else dict.fromkeys(self._seeders, 1)
        for kind, count in sorted(kinds.items()):
            for n in range(int(count)):
                fake = Faker("en_AU")
                fake.seed_instance(f"{seed}:{kind}:{n}")
                tenant_id = self.tenants.seeded_id(kind, f"{seed}:{n}")
                existed = tenant_id in self.tenants
                tenant = self.tenants.create(kind, name=fake.company(), tenant_id=tenant_id, seed=seed * 1000 + n)
                if not existed:  # seeding the same world twice does not duplicate its data
                    self.seed_tenant(tenant)
                created.append(tenant)
        return created

    def remote_for_path(self, path: str) -> Remote | None:
        """The remote owning the longest prefix of ``path`` (/connect/oauth2 is Intuit's, not Xero's /connect)."""
        owners = [(len(p), r) for r in self.remotes for p in r.prefixes
                  if path == p or path.startswith(p.rstrip("/") + "/")]
        return max(owners, key=lambda pair: pair[0])[1] if owners else None

    def remote_named(self, name: str) -> Remote | None:
        return next((r for r in self.remotes if r.name == name), None)

    def tenant_kinds_of(self, provider: str) -> list[str]:
        """The tenant kinds whose APIs take this provider's tokens (what its consent screen offers)."""
        return list(dict.fromkeys(r.tenant_kind for r in self.remotes if r.provider == provider and r.tenant_kind))

    def eligible_tenants(self, provider: str) -> list[str]:
        """Ids of the tenants a user can connect through this provider, in creation order."""
        return [t.id for kind in self.tenant_kinds_of(provider) for t in self.tenants.of_kind(kind)]
