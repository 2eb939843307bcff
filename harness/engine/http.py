"""How the reference engine talks to a remote: OAuth2 tokens refreshed on 401 (XX-TOKEN), 429s
honoured with the remote's Retry-After on the *injected* sleeper (XX-RATE), transient faults
retried only where a retry cannot double a write; everything else reported as "outcome unknown"
so the caller reconciles with the remote before writing again (XX-FLAKY)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from connsim.harness.env import OAuthApp

Sleeper = Callable[[float], None]


class RemoteError(Exception):
    """The remote answered with an error the engine shows to the user."""

    def __init__(self, status: int, message: str, body: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.body = status, message, body


class ReconnectRequired(Exception):
    """Tokens are dead (refresh refused, access revoked, connection removed): only a person
    reconnecting can fix it. Nothing is dropped; the work waits."""


class OutcomeUnknown(Exception):
    """The request may or may not have been applied (connection lost, 5xx): reconcile first."""


@dataclass
class TokenSet:
    access_token: str | None = None
    refresh_token: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class OAuthSession:
    """One integration's tokens: the authorise flow as a browser would run it, and refresh."""

    def __init__(self, http: requests.Session, app: OAuthApp, authorize_url: str, token_url: str,
                 scopes: list[str], client_auth: str = "form", on_change: Callable[[TokenSet], None] | None = None,
                 revoke_url: str | None = None, now: Callable[[], str] | None = None) -> None:
        self.http, self.app, self.authorize_url, self.token_url = http, app, authorize_url, token_url
        self.now = now  # the engine's (simulated) clock, for sessions that track token age
        self.scopes, self.client_auth, self.on_change, self.revoke_url = scopes, client_auth, on_change, revoke_url
        self.tokens = TokenSet()

    def connect(self) -> dict[str, str]:
        """Authorise (the simulated user answers the consent screen), then exchange the code.
        Returns the callback's query parameters (code, state, realmId...)."""
        response = self.http.get(self.authorize_url, allow_redirects=False, timeout=30, params={
            "response_type": "code", "client_id": self.app.client_id, "redirect_uri": self.app.redirect_uri,
            "scope": " ".join(self.scopes), "state": "connsim-engine"})
        location = response.headers.get("Location", "")
        params = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        if response.status_code not in (301, 302, 303) or "code" not in params:
            raise ReconnectRequired(f"authorisation refused: {params.get('error') or response.status_code}")
        self._token_request({"grant_type": "authorization_code", "code": params["code"],
                             "redirect_uri": self.app.redirect_uri})
        return params

    def refresh(self) -> None:
        if not self.tokens.refresh_token:
            raise ReconnectRequired("no refresh token")
        self._token_request({"grant_type": "refresh_token", "refresh_token": self.tokens.refresh_token})

    def revoke(self) -> None:
        token = self.tokens.refresh_token or self.tokens.access_token
        if self.revoke_url and token:
            self.http.post(self.revoke_url, data={"token": token, "client_id": self.app.client_id,
                                                  "client_secret": self.app.client_secret}, timeout=30)
        self.tokens = TokenSet()
        if self.on_change:
            self.on_change(self.tokens)

    def header(self) -> dict[str, str]:
        if not self.tokens.access_token:
            raise ReconnectRequired("not connected")
        return {"Authorization": f"Bearer {self.tokens.access_token}"}

    def _token_request(self, form: dict[str, str]) -> None:
        headers = {"Accept": "application/json"}
        if self.client_auth == "basic":
            raw = f"{self.app.client_id}:{self.app.client_secret}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(raw).decode()
        else:
            form = {**form, "client_id": self.app.client_id, "client_secret": self.app.client_secret}
        try:
            response = self.http.post(self.token_url, data=form, headers=headers, timeout=30)
        except requests.RequestException as exc:
            raise OutcomeUnknown(f"token endpoint unreachable: {exc}") from exc
        if response.status_code != 200:
            raise ReconnectRequired(f"token endpoint refused ({response.status_code}): {response.text[:200]}")
        data = response.json()
        self.tokens = TokenSet(data["access_token"], data.get("refresh_token", self.tokens.refresh_token),
                               {k: v for k, v in data.items() if k not in ("access_token", "refresh_token")})
        if self.on_change:
            self.on_change(self.tokens)


class Caller:
    """Sends one request with the engine's retry rules. ``safe=True`` marks a request that can be
    repeated without effect (reads, idempotency-keyed writes): only those are retried blindly."""

    def __init__(self, http: requests.Session, oauth: OAuthSession, sleep: Sleeper, max_attempts: int = 6,
                 default_headers: dict[str, str] | None = None, now: Callable[[], str] | None = None) -> None:
        self.http, self.oauth, self.sleep, self.max_attempts = http, oauth, sleep, max_attempts
        self.now = now
        self.default_headers = default_headers or {}

    def call(self, method: str, url: str, *, safe: bool, headers: dict[str, str] | None = None,
             **kwargs: Any) -> requests.Response:
        refreshed = False
        for attempt in range(1, self.max_attempts + 1):
            merged = {**self.default_headers, **(headers or {}), **self.oauth.header()}
            try:
                response = self.http.request(method, url, headers=merged, timeout=30, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if not safe:
                    raise OutcomeUnknown(f"{method} {url}: {exc}") from exc
                self.sleep(min(2 ** attempt, 30))
                continue
            if response.status_code == 429:  # the remote did not run it: always safe to wait and resend
                self.sleep(_retry_after(response))
                continue
            if response.status_code == 401 and not refreshed:
                refreshed = True
                self.oauth.refresh()
                continue
            if response.status_code in (401, 403):
                raise ReconnectRequired(f"{response.status_code} from the remote: {response.text[:200]}")
            if response.status_code >= 500:
                if not safe:
                    raise OutcomeUnknown(f"{method} {url}: HTTP {response.status_code}")
                self.sleep(min(2 ** attempt, 30))
                continue
            return response
        raise OutcomeUnknown(f"{method} {url}: gave up after {self.max_attempts} attempts")


def _retry_after(response: requests.Response) -> float:
    try:
        return max(1.0, float(response.headers.get("Retry-After", "60")))
    except ValueError:
        return 60.0
