"""The OAuth2 lifecycle, shared by every identity provider: clients, consent, codes, access
tokens, refresh tokens with rotation (and an optional grace period for the replaced one),
revocation, and the per-tenant *connections* a grant opens. Times come from the injected clock.

Each provider is parametrised by a ProviderPolicy (lifetimes, rotation rules) that the remote
running it declares (``IdentityProvider``); HTTP is ``core/oauth_http.py``."""

from __future__ import annotations

import secrets
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from connsim.simulator.core.bounded import secrets_equal
from connsim.simulator.core.errors import Forbidden, OAuthError, TokenExpired, Unauthenticated


@dataclass(frozen=True)
class ProviderPolicy:
    name: str
    access_ttl: timedelta
    refresh_ttl: timedelta
    #: how long a replaced refresh token may still be used (Xero: 30 min, Intuit: UNCONFIRMED → 0)
    rotation_grace: timedelta = timedelta(0)
    #: Intuit: each refresh restarts the refresh token's life; Xero: also "unused for 60 days"
    rolling_refresh: bool = True
    code_ttl: timedelta = timedelta(minutes=5)  # UNCONFIRMED for both providers
    #: a token (and so a connection) opens exactly one tenant (Intuit realm) or many (Xero)
    single_tenant: bool = False
    #: hard cap on a refresh chain counted from the original consent (Intuit: 5 years); None: none
    refresh_max_life: timedelta | None = None
    #: a refresh token comes only with this scope (Xero: offline_access); None: always
    refresh_scope: str | None = None




@dataclass
class OAuthClientConfig:
    """An app registered with a provider when the simulator starts (and after every reset)."""

    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IdentityProvider:
    """What a remote declares to run an identity provider: its rules and the app it knows."""

    policy: ProviderPolicy
    default_client: OAuthClientConfig

    @property
    def name(self) -> str:
        return self.policy.name


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)
    name: str = "connsim test app"
    #: how many organisations the app may be connected to at once; None: no limit. Xero's pricing
    #: tiers since 2 March 2026 set it per app (Starter 5, Core 50, Plus 1,000, Advanced 10,000,
    #: Enterprise unlimited: developer.xero.com/faq/pricing-and-policy-updates); see CONNECTION_TIERS
    connection_limit: int | None = None


#: Xero's developer pricing tiers (2 March 2026) and the connections each allows an app
CONNECTION_TIERS: dict[str, int | None] = {"starter": 5, "core": 50, "plus": 1000, "advanced": 10000,
                                           "enterprise": None}


@dataclass
class Connection:
    """One tenant opened to one client by one user's consent (Xero's /connections rows)."""

    id: str
    client_id: str
    tenant_id: str
    user: str
    auth_event_id: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Grant:
    """What one authorisation produced; access and refresh tokens point at it."""

    id: str
    client_id: str
    user: str
    scopes: list[str]
    tenant_ids: list[str]
    auth_event_id: str
    revoked: bool = False
    #: when the user consented (the refresh chain's hard cap counts from here)
    created_at: datetime | None = None


@dataclass
class AccessToken:
    value: str
    grant_id: str
    expires_at: datetime


@dataclass
class RefreshToken:
    value: str
    grant_id: str
    expires_at: datetime
    replaced_at: datetime | None = None
    replaced_by: str | None = None
    #: the response that replaced it, replayed if the replaced token is retried within the grace
    replacement: dict[str, Any] | None = None


@dataclass
class Consent:
    """What the simulated user answers on the consent screen. Set through the control API."""

    user: str = "admin@connsim.test"
    is_admin: bool = True
    approve: bool = True
    tenant_ids: list[str] | None = None  # None: every tenant the provider serves


class OAuthProvider:
    """Tokens for one identity provider. One lock: token operations are rare next to API calls."""

    def __init__(self, policy: ProviderPolicy, clock: Any) -> None:
        self.policy = policy
        self._clock = clock
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.clients: dict[str, Client] = {}
            self.consent = Consent()
            self._codes: dict[str, tuple[Grant, str, datetime]] = {}
            self._grants: dict[str, Grant] = {}
            self._access: dict[str, AccessToken] = {}
            self._refresh: dict[str, RefreshToken] = {}
            self._connections: dict[str, Connection] = {}
            #: (client_id, user, tenant_id) -> connection id: the API-call check is a dict lookup
            self._conn_index: dict[tuple[str, str, str], str] = {}
            self._issued = 0

    # -- clients -------------------------------------------------------------------------------
    def register_client(self, client_id: str, client_secret: str, redirect_uris: list[str] | None = None,
                        name: str = "connsim test app", connection_limit: int | None = None) -> Client:
        with self._lock:
            client = Client(client_id, client_secret, list(redirect_uris or []), name, connection_limit)
            self.clients[client_id] = client
            return client

    def authenticate_client(self, client_id: str | None, client_secret: str | None) -> Client:
        client = self.clients.get(client_id or "")
        if client is None or not secrets_equal(client_secret or "", client.client_secret):
            raise OAuthError("invalid_client", status=400)
        return client

    # -- authorisation code ----------------------------------------------------------------------
    def authorize(self, client_id: str, redirect_uri: str, scopes: list[str], eligible_tenants: list[str]) -> str:
        """The consent screen: the configured user approves (or not) and a code is issued."""
        with self._lock:
            client = self.clients.get(client_id)
            if client is None:
                raise OAuthError("unauthorized_client", "Unknown client or client not enabled")
            if client.redirect_uris and redirect_uri not in client.redirect_uris:
                raise OAuthError("invalid_request", "Invalid redirect_uri")
            if not self.consent.approve:
                raise OAuthError("access_denied", "The user denied access")
            chosen = self.consent.tenant_ids if self.consent.tenant_ids is not None else eligible_tenants
            chosen = [t for t in chosen if t in eligible_tenants]
            if self.policy.single_tenant:
                chosen = chosen[:1]
            self._within_connection_limit(client, chosen)
            grant = Grant(id=str(uuid.uuid4()), client_id=client_id, user=self.consent.user, scopes=scopes,
                          tenant_ids=chosen, auth_event_id=str(uuid.uuid4()))
            code = secrets.token_urlsafe(24)
            self._codes[code] = (grant, redirect_uri, self._now() + self.policy.code_ttl)
            return code

    def code_tenants(self, code: str) -> list[str]:
        """The tenants the consent behind a pending code opened (Intuit names its realm in the redirect)."""
        with self._lock:
            entry = self._codes.get(code)
            return list(entry[0].tenant_ids) if entry else []

    def exchange_code(self, client: Client, code: str, redirect_uri: str | None) -> dict[str, Any]:
        with self._lock:
            entry = self._codes.pop(code, None)
            if entry is None:
                raise OAuthError("invalid_grant")
            grant, expected_uri, expires_at = entry
            if grant.client_id != client.client_id or expires_at <= self._now():
                raise OAuthError("invalid_grant")
            if redirect_uri is not None and redirect_uri != expected_uri:
                raise OAuthError("invalid_grant")
            return self._open_grant(grant)

    def issue(self, client_id: str, tenant_ids: list[str], scopes: list[str],
              user: str | None = None) -> dict[str, Any]:
        """Control-API shortcut for tests: the result of a completed consent, without the browser."""
        with self._lock:
            if client_id not in self.clients:
                raise OAuthError("unauthorized_client", f"unknown client {client_id}")
            self._within_connection_limit(self.clients[client_id], list(tenant_ids))
            grant = Grant(id=str(uuid.uuid4()), client_id=client_id, user=user or self.consent.user,
                          scopes=scopes, tenant_ids=list(tenant_ids), auth_event_id=str(uuid.uuid4()))
            return self._open_grant(grant)

    def client_credentials(self, client: Client, scopes: list[str], tenant_ids: list[str]) -> dict[str, Any]:
        """Custom connections: one organisation, no refresh token."""
        with self._lock:
            grant = Grant(id=str(uuid.uuid4()), client_id=client.client_id, user="custom-connection",
                          scopes=scopes, tenant_ids=tenant_ids[:1], auth_event_id=str(uuid.uuid4()),
                          created_at=self._now())
            self._grants[grant.id] = grant
            self._connect(grant)
            return self._token_response(grant, refresh=False)

    # -- refresh and revoke ------------------------------------------------------------------------
    def refresh(self, client: Client, refresh_token: str) -> dict[str, Any]:
        with self._lock:
            now = self._now()
            token = self._refresh.get(refresh_token)
            if token is None:
                raise OAuthError("invalid_grant")
            grant = self._grants.get(token.grant_id)
            if grant is None or grant.revoked or grant.client_id != client.client_id:
                raise OAuthError("invalid_grant")
            if token.replaced_at is not None:
                # rotated: usable again only inside the grace period, answering with the same new pair
                # (a zero grace means never, even on a frozen clock where no time has passed)
                grace = self.policy.rotation_grace
                if token.replacement is not None and grace > timedelta(0) and now - token.replaced_at <= grace:
                    return dict(token.replacement)
                raise OAuthError("invalid_grant")
            if token.expires_at <= now:
                raise OAuthError("invalid_grant")
            cap = self.policy.refresh_max_life
            if cap is not None and grant.created_at is not None and grant.created_at + cap <= now:
                raise OAuthError("invalid_grant")
            response = self._token_response(grant, refresh=True)
            token.replaced_at, token.replaced_by, token.replacement = now, response["refresh_token"], dict(response)
            return response

    def revoke(self, token_value: str) -> bool:
        """Revoke the grant behind an access or refresh token: every token and connection it opened."""
        with self._lock:
            token = self._refresh.get(token_value) or self._access.get(token_value)
            if token is None:
                return False
            grant = self._grants.get(token.grant_id)
            if grant is not None:
                self._revoke_grant(grant)
            return True

    def revoke_tenant(self, tenant_id: str, client_id: str | None = None, connection_only: bool = False) -> int:
        """What a person does in the remote's UI: disconnect the app from this tenant.

        By default every grant that opened the tenant is revoked (its tokens stop working: 401),
        which is how QuickBooks behaves and the plausible default for Xero. With
        ``connection_only`` only the tenant's connections go: the tokens keep working for other
        tenants and calls naming this one get 403 (Xero disconnecting one of several orgs)."""
        with self._lock:
            grants = [g for g in self._grants.values() if tenant_id in g.tenant_ids and not g.revoked
                      and (client_id is None or g.client_id == client_id)]
            for grant in grants:
                if connection_only:
                    self._drop_connection(grant.client_id, grant.user, tenant_id)
                else:
                    self._revoke_grant(grant)
            return len(grants)

    def _revoke_grant(self, grant: Grant) -> None:
        grant.revoked = True
        for tenant_id in grant.tenant_ids:
            self._drop_connection(grant.client_id, grant.user, tenant_id)

    def _drop_connection(self, client_id: str, user: str, tenant_id: str) -> None:
        conn_id = self._conn_index.pop((client_id, user, tenant_id), None)
        if conn_id is not None:
            self._connections.pop(conn_id, None)

    # -- validation on API calls -----------------------------------------------------------------
    def validate(self, authorization: str | None) -> tuple[Grant, AccessToken]:
        if not authorization or not authorization.lower().startswith("bearer "):
            raise Unauthenticated("Missing bearer token", code="AuthenticationUnsuccessful")
        value = authorization.split(None, 1)[1].strip()
        token = self._access.get(value)
        if token is None:
            raise Unauthenticated("Invalid token", code="AuthenticationUnsuccessful")
        grant = self._grants.get(token.grant_id)
        if grant is None or grant.revoked:
            raise Unauthenticated("Token has been revoked", code="AuthenticationUnsuccessful")
        if token.expires_at <= self._now():
            raise TokenExpired(f"TokenExpired: token expired at {token.expires_at:%m/%d/%Y %H:%M:%S}",
                               expires_at=token.expires_at)
        return grant, token

    def require_tenant(self, grant: Grant, tenant_id: str | None) -> Connection:
        """The token must hold a live connection to the tenant it names."""
        if tenant_id and tenant_id in grant.tenant_ids:
            conn_id = self._conn_index.get((grant.client_id, grant.user, tenant_id))
            conn = self._connections.get(conn_id) if conn_id else None
            if conn is not None:
                return conn
        raise Forbidden("AuthenticationUnsuccessful", code="AuthenticationUnsuccessful")

    # -- connections ---------------------------------------------------------------------------
    def connections_for(self, grant: Grant) -> list[Connection]:
        with self._lock:
            return sorted((c for c in self._connections.values()
                           if c.client_id == grant.client_id and c.user == grant.user),
                          key=lambda c: c.created_at)

    def delete_connection(self, grant: Grant, connection_id: str) -> bool:
        with self._lock:
            conn = self._connections.get(connection_id)
            if conn is None or conn.client_id != grant.client_id or conn.user != grant.user:
                return False
            self._drop_connection(conn.client_id, conn.user, conn.tenant_id)
            return True

    def all_connections(self) -> list[Connection]:
        with self._lock:
            return list(self._connections.values())

    # -- internals -----------------------------------------------------------------------------
    def _open_grant(self, grant: Grant) -> dict[str, Any]:
        grant.created_at = grant.created_at or self._now()
        self._grants[grant.id] = grant
        self._connect(grant)
        scope = self.policy.refresh_scope
        return self._token_response(grant, refresh=scope is None or scope in grant.scopes)

    def _within_connection_limit(self, client: Client, tenant_ids: list[str]) -> None:
        """A consent that would connect the app to more organisations than its tier allows is refused
        (UNCONFIRMED how Xero shows it: the consent screen sends the user back with access_denied).
        Counted per app over distinct organisations, from the connection index (no scan of grants)."""
        if client.connection_limit is None:
            return
        connected = {tenant for (cid, _, tenant) in self._conn_index if cid == client.client_id}
        if len(connected | set(tenant_ids)) > client.connection_limit:
            raise OAuthError("access_denied", f"This app has reached its limit of {client.connection_limit} "
                             "connected organisations")

    def _connect(self, grant: Grant) -> None:
        now = self._now()
        for tenant_id in grant.tenant_ids:
            key = (grant.client_id, grant.user, tenant_id)
            existing = self._connections.get(self._conn_index.get(key, ""))
            if existing:
                existing.updated_at, existing.auth_event_id = now, grant.auth_event_id
            else:
                conn = Connection(id=str(uuid.uuid4()), client_id=grant.client_id, tenant_id=tenant_id,
                                  user=grant.user, auth_event_id=grant.auth_event_id, created_at=now, updated_at=now)
                self._connections[conn.id] = conn
                self._conn_index[key] = conn.id
        # older grants of the same user and client keep working for the tenants they share

    def _token_response(self, grant: Grant, refresh: bool) -> dict[str, Any]:
        now = self._now()
        access = AccessToken(secrets.token_urlsafe(32), grant.id, now + self.policy.access_ttl)
        self._issued += 1
        if self._issued % 1024 == 0:
            self._purge(now)
        self._access[access.value] = access
        response: dict[str, Any] = {
            "access_token": access.value,
            "expires_in": int(self.policy.access_ttl.total_seconds()),
            "token_type": "Bearer",
            "scope": " ".join(grant.scopes),
        }
        if refresh:
            rt = RefreshToken(secrets.token_urlsafe(32), grant.id, now + self.policy.refresh_ttl)
            self._refresh[rt.value] = rt
            response["refresh_token"] = rt.value
        return response

    def _purge(self, now: datetime) -> None:
        """Forget tokens that can never be used again, so a long benchmark does not grow memory."""
        grace = self.policy.rotation_grace
        self._access = {v: t for v, t in self._access.items() if t.expires_at > now}
        self._refresh = {v: t for v, t in self._refresh.items() if t.expires_at > now
                         and (t.replaced_at is None or now - t.replaced_at <= grace)}

    def _now(self) -> datetime:
        return self._clock.now()

    def describe(self) -> dict[str, Any]:
        with self._lock:
            return self._describe()

    def _describe(self) -> dict[str, Any]:
        now = self._now()
        return {
            "policy": self.policy.name,
            "clients": [c.client_id for c in self.clients.values()],
            "consent": vars(self.consent),
            "grants": [{"id": g.id, "client_id": g.client_id, "user": g.user, "tenants": g.tenant_ids,
                        "revoked": g.revoked, "scopes": g.scopes} for g in self._grants.values()],
            "liveAccessTokens": sum(1 for t in self._access.values() if t.expires_at > now),
            "connections": [{"id": c.id, "tenantId": c.tenant_id, "clientId": c.client_id, "user": c.user}
                            for c in self._connections.values()],
        }
