"""Tenants: every piece of simulated state belongs to exactly one tenant (a Xero organisation,
an XPM practice, a QBO realm, an APS firm). Tenants never see each other, and each has its own
readers-writer lock (core/rwlock.py), so two tenants' requests never wait on one another (no global
lock on the request path) and one tenant's reads never wait on each other."""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from connsim.simulator.core.errors import Conflict, NotFound
from connsim.simulator.core.rwlock import RWLock

BackendFactory = Callable[["Tenant"], Any]


def uuid_id(value: uuid.UUID) -> str:
    return str(value)


@dataclass(frozen=True)
class TenantKind:
    """A kind of tenant, declared by the remote that serves it (core/tenants.py holds no list)."""

    name: str
    #: the shape of this kind's ids, made from 128 random bits (default: a UUID)
    make_id: Callable[[uuid.UUID], str] = uuid_id
    #: how the remote's identity provider labels a connection to it (Xero's /connections tenantType)
    connection_type: str | None = None


@dataclass
class Tenant:
    id: str
    kind: str
    name: str
    seed: int
    created_at: Any
    settings: dict[str, Any] = field(default_factory=dict)
    #: the simulator's Clock: domain models read time only through it
    clock: Any = field(default=None, repr=False)
    #: ``with tenant.lock:`` is the write side; ``with tenant.lock.read():`` the read side
    lock: RWLock = field(default_factory=RWLock, repr=False)
    #: guards only the first build of the backend, which a reader may trigger (it may not write-lock)
    _build_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _backend: Any = field(default=None, repr=False)
    _factory: BackendFactory | None = field(default=None, repr=False)

    @property
    def has_backend(self) -> bool:
        """Whether some simulated API models this tenant's kind (placeholders do not)."""
        return self._backend is not None or self._factory is not None

    @property
    def backend(self) -> Any:
        """The API's domain model for this tenant, built on first use (moto's BackendDict idea)."""
        if self._backend is None:
            with self._build_lock:
                if self._backend is None:
                    if self._factory is None:
                        raise NotFound(f"no simulated API serves tenants of kind {self.kind!r}")
                    self._backend = self._factory(self)
        return self._backend

    def random(self, salt: str = "") -> random.Random:
        """A seeded RNG private to this tenant: same seed, same data, replayable failures."""
        return random.Random(f"{self.seed}:{self.id}:{salt}")

    def describe(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "seed": self.seed,
                "createdAt": self.created_at.isoformat(), "settings": dict(self.settings)}


class TenantRegistry:
    """Tenants by ID. The registry lock only guards the dict; tenant state has the tenant's lock."""

    def __init__(self, clock: Any, base_seed: int = 0) -> None:
        self._clock = clock
        self._base_seed = base_seed
        self._lock = threading.Lock()
        self._tenants: dict[str, Tenant] = {}
        self._kinds: dict[str, TenantKind] = {}
        self._factories: dict[str, BackendFactory] = {}

    def register_kind(self, kind: TenantKind) -> None:
        self._kinds[kind.name] = kind

    def register_backend(self, kind: str | TenantKind, factory: BackendFactory) -> None:
        """The domain model for tenants of this kind (a kind named only by string gets UUID ids)."""
        declared = kind if isinstance(kind, TenantKind) else self._kinds.get(kind, TenantKind(kind))
        self.register_kind(declared)
        self._factories[declared.name] = factory

    @property
    def kinds(self) -> dict[str, TenantKind]:
        return dict(self._kinds)

    def new_id(self, kind: str, rng: random.Random | None = None) -> str:
        """A tenant id in the remote's own shape; deterministic when given a seeded RNG."""
        value = uuid.UUID(int=rng.getrandbits(128), version=4) if rng is not None else uuid.uuid4()
        return self._kind(kind).make_id(value)

    def seeded_id(self, kind: str, seed: Any) -> str:
        """The id a seeded world gives its tenant: same seed, same id (so snapshots compare equal)."""
        return self.new_id(kind, random.Random(f"tenant-id:{seed}:{kind}"))

    def _kind(self, kind: str) -> TenantKind:
        declared = self._kinds.get(kind)
        if declared is None:
            raise NotFound(f"unknown tenant kind {kind!r}; expected one of {', '.join(sorted(self._kinds))}")
        return declared

    def create(self, kind: str, name: str, tenant_id: str | None = None, seed: int | None = None,
               settings: dict[str, Any] | None = None) -> Tenant:
        """A new tenant, or the existing one with that id and kind (creation is idempotent)."""
        self._kind(kind)
        tenant_id = tenant_id or self.new_id(kind)
        with self._lock:
            if tenant_id in self._tenants:
                existing = self._tenants[tenant_id]
                if existing.kind != kind:
                    raise Conflict(f"tenant {tenant_id!r} exists with kind {existing.kind!r}")
                return existing
            tenant = Tenant(id=tenant_id, kind=kind, name=name,
                            seed=seed if seed is not None else self._base_seed + len(self._tenants),
                            created_at=self._clock.now(), settings=dict(settings or {}), clock=self._clock,
                            _factory=self._factories.get(kind))
            self._tenants[tenant_id] = tenant
            return tenant

    def get(self, tenant_id: str) -> Tenant:
        tenant = self._tenants.get(tenant_id)
        if tenant is None:
            raise NotFound(f"no tenant {tenant_id!r}")
        return tenant

    def find(self, tenant_id: str | None) -> Tenant | None:
        return self._tenants.get(tenant_id) if tenant_id else None

    def __contains__(self, tenant_id: object) -> bool:
        return tenant_id in self._tenants

    def of_kind(self, kind: str) -> list[Tenant]:
        return [t for t in list(self._tenants.values()) if t.kind == kind]

    def all(self) -> list[Tenant]:
        return list(self._tenants.values())

    def delete(self, tenant_id: str) -> None:
        with self._lock:
            self._tenants.pop(tenant_id, None)

    def reset(self) -> None:
        with self._lock:
            self._tenants.clear()
