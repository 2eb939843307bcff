"""Broken engines whose bug is in how every remote is called: tokens, back-off, retries. Each is the
reference engine with one Caller or OAuthSession behaviour broken (EngineContext builds both from
the classes the engine names)."""

from __future__ import annotations

from typing import Any

import requests

from connsim.harness.engine.http import Caller, OAuthSession, OutcomeUnknown, ReconnectRequired, TokenSet
from connsim.harness.engine.reference import ReferenceEngine


class _FirstRefreshTokenOAuth(OAuthSession):
    def _token_request(self, form: dict[str, str]) -> None:
        first = self.tokens.refresh_token if form.get("grant_type") == "refresh_token" else None
        super()._token_request(form)
        if first:  # the rotated refresh token the remote just issued is thrown away
            self.tokens = TokenSet(self.tokens.access_token, first, self.tokens.extra)
            if self.on_change:
                self.on_change(self.tokens)


class KeepsFirstRefreshToken(ReferenceEngine):
    """Refreshes with the refresh token of the first consent forever, ignoring the rotated one."""

    oauth_class = _FirstRefreshTokenOAuth


class _NoRefreshOAuth(OAuthSession):
    def refresh(self) -> None:
        raise ReconnectRequired("access token expired")  # the refresh token is never tried


class NeverRefreshesTokens(ReferenceEngine):
    """Treats an expired access token as a dead connection: the user must reconnect every 30 minutes."""

    oauth_class = _NoRefreshOAuth


class _ImpatientCaller(Caller):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        real_sleep = self.sleep
        self.sleep = lambda seconds: real_sleep(min(seconds, 1.0))  # the bug: every wait is one second


class IgnoresRetryAfter(ReferenceEngine):
    """Backs off one second whatever Retry-After (or its own back-off) says."""

    caller_class = _ImpatientCaller


class _ClientErrorRetryingCaller(Caller):
    def call(self, method: str, url: str, *, safe: bool, headers: dict[str, str] | None = None,
             **kwargs: Any) -> requests.Response:
        response = super().call(method, url, safe=safe, headers=headers, **kwargs)
        if response.status_code == 400:  # "maybe it works next time": a rejection read as transient
            for _ in range(2):
                self.sleep(2)
                response = self.http.request(method, url, headers={**(headers or {}), **self.oauth.header()},
                                             timeout=30, **kwargs)
            if response.status_code == 400:
                raise OutcomeUnknown(f"{method} {url}: HTTP 400, will try again later")
        return response


class RetriesClientErrorsAsTransient(ReferenceEngine):
    """Retries a 400 as if it were a 5xx, and files the rejection as "try again later"."""

    caller_class = _ClientErrorRetryingCaller
