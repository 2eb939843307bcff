"""OAuth provider: code exchange, refresh rotation (Xero grace, Intuit none), expiry on the clock,
revocation, revoke_tenant, connections."""

import contextlib
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from connsim.simulator.core.clock import UTC, Clock
from connsim.simulator.core.errors import Forbidden, OAuthError, TokenExpired, Unauthenticated
from connsim.simulator.core.oauth import OAuthProvider
from connsim.simulator.identity.remote import XERO_POLICY
from connsim.simulator.intuit.remote import INTUIT_POLICY

REDIRECT = "https://app.test/callback"


def make(policy=XERO_POLICY) -> tuple[Clock, OAuthProvider, object]:
    clock = Clock(frozen_at=datetime(2025, 3, 1, tzinfo=UTC))
    provider = OAuthProvider(policy, clock)
    client = provider.register_client("cid", "secret", [REDIRECT])
    return clock, provider, client


@contextlib.contextmanager
def raises_oauth_error(error: str) -> Iterator[None]:
    """Expect an OAuthError with this RFC 6749 error code."""
    with pytest.raises(OAuthError) as err:
        yield
    assert err.value.error == error


def bearer(tokens: dict) -> str:
    return f"Bearer {tokens['access_token']}"


def test_code_exchange_once_then_invalid_grant() -> None:
    _, provider, client = make()
    code = provider.authorize("cid", REDIRECT, ["openid", "offline_access"], ["org1", "org2"])
    tokens = provider.exchange_code(client, code, REDIRECT)
    assert set(tokens) == {"access_token", "expires_in", "token_type", "scope", "refresh_token"}
    assert tokens["expires_in"] == 1800
    grant, _ = provider.validate(bearer(tokens))
    assert grant.tenant_ids == ["org1", "org2"]
    with pytest.raises(OAuthError) as err:
        provider.exchange_code(client, code, REDIRECT)
    assert err.value.error == "invalid_grant"


def test_code_errors() -> None:
    clock, provider, client = make()
    with raises_oauth_error("invalid_request"):
        provider.authorize("cid", "https://evil.test/", ["openid"], ["org1"])
    with raises_oauth_error("unauthorized_client"):
        provider.authorize("nobody", REDIRECT, ["openid"], ["org1"])
    code = provider.authorize("cid", REDIRECT, ["openid"], ["org1"])
    with raises_oauth_error("invalid_grant"):
        provider.exchange_code(client, code, "https://other.test/")
    code = provider.authorize("cid", REDIRECT, ["openid"], ["org1"])
    clock.advance(301)
    with raises_oauth_error("invalid_grant"):
        provider.exchange_code(client, code, REDIRECT)
    provider.consent.approve = False
    with raises_oauth_error("access_denied"):
        provider.authorize("cid", REDIRECT, ["openid"], ["org1"])
    with raises_oauth_error("invalid_client"):
        provider.authenticate_client("cid", "wrong")
    assert provider.authenticate_client("cid", "secret") is client


def test_no_refresh_token_without_offline_access_on_xero() -> None:
    _, provider, _ = make()
    assert "refresh_token" not in provider.issue("cid", ["org1"], ["accounting.transactions"])
    _, intuit, _ = make(INTUIT_POLICY)
    assert "refresh_token" in intuit.issue("cid", ["realm"], ["com.intuit.quickbooks.accounting"])


def test_access_token_expires_on_the_clock() -> None:
    clock, provider, _ = make()
    tokens = provider.issue("cid", ["org1"], ["offline_access"])
    clock.advance(1799)
    provider.validate(bearer(tokens))
    clock.advance(1)
    with pytest.raises(TokenExpired) as err:
        provider.validate(bearer(tokens))
    assert err.value.status == 401 and "TokenExpired: token expired at 03/01/2025 00:30:00" in err.value.message
    for header in (None, "Basic abc", "Bearer nope"):
        with pytest.raises(Unauthenticated):
            provider.validate(header)


def test_xero_rotation_grace_replays_same_pair_for_30_minutes() -> None:
    clock, provider, client = make()
    first = provider.issue("cid", ["org1"], ["offline_access"])
    second = provider.refresh(client, first["refresh_token"])
    assert second["refresh_token"] != first["refresh_token"]
    clock.advance(29 * 60)
    assert provider.refresh(client, first["refresh_token"]) == second  # response lost: retry
    clock.advance(61)
    with raises_oauth_error("invalid_grant"):
        provider.refresh(client, first["refresh_token"])
    third = provider.refresh(client, second["refresh_token"])
    provider.validate(bearer(third))


def test_intuit_rotation_has_no_grace_even_on_a_frozen_clock() -> None:
    _, provider, client = make(INTUIT_POLICY)
    first = provider.issue("cid", ["realm1"], ["com.intuit.quickbooks.accounting"])
    provider.refresh(client, first["refresh_token"])
    with raises_oauth_error("invalid_grant"):
        provider.refresh(client, first["refresh_token"])


def test_refresh_token_expiry_and_rolling() -> None:
    clock, provider, client = make()
    tokens = provider.issue("cid", ["org1"], ["offline_access"])
    clock.advance(timedelta(days=59).total_seconds())
    tokens = provider.refresh(client, tokens["refresh_token"])  # rolling: a fresh 60 days
    clock.advance(timedelta(days=59).total_seconds())
    tokens = provider.refresh(client, tokens["refresh_token"])
    clock.advance(timedelta(days=60).total_seconds())
    with raises_oauth_error("invalid_grant"):
        provider.refresh(client, tokens["refresh_token"])


def test_intuit_five_year_cap() -> None:
    clock, provider, client = make(INTUIT_POLICY)
    tokens = provider.issue("cid", ["realm1"], ["x"])
    for _ in range(19):  # 19 x 99 days = 1881 days > 5 years
        clock.advance(timedelta(days=99).total_seconds())
        try:
            tokens = provider.refresh(client, tokens["refresh_token"])
        except OAuthError as exc:
            assert exc.error == "invalid_grant"
            break
    else:
        pytest.fail("the refresh chain outlived five years")
    assert clock.now() - datetime(2025, 3, 1, tzinfo=UTC) >= timedelta(days=5 * 365)


def test_refresh_by_other_client_fails() -> None:
    _, provider, _ = make()
    other = provider.register_client("other", "s")
    tokens = provider.issue("cid", ["org1"], ["offline_access"])
    with raises_oauth_error("invalid_grant"):
        provider.refresh(other, tokens["refresh_token"])


def test_revoke_kills_grant_tokens_and_connections() -> None:
    _, provider, client = make()
    tokens = provider.issue("cid", ["org1", "org2"], ["offline_access"])
    grant, _ = provider.validate(bearer(tokens))
    assert len(provider.connections_for(grant)) == 2
    assert provider.revoke(tokens["refresh_token"]) is True
    assert provider.revoke("unknown") is False
    with pytest.raises(Unauthenticated):
        provider.validate(bearer(tokens))
    with pytest.raises(OAuthError):
        provider.refresh(client, tokens["refresh_token"])
    assert provider.all_connections() == []


def test_revoke_tenant_full_and_connection_only() -> None:
    _, provider, _ = make()
    tokens = provider.issue("cid", ["org1", "org2"], ["offline_access"])
    grant, _ = provider.validate(bearer(tokens))
    assert provider.revoke_tenant("org1", connection_only=True) == 1
    provider.validate(bearer(tokens))  # token lives on
    provider.require_tenant(grant, "org2")
    with pytest.raises(Forbidden):
        provider.require_tenant(grant, "org1")
    assert provider.revoke_tenant("org2") == 1
    with pytest.raises(Unauthenticated):
        provider.validate(bearer(tokens))
    assert provider.revoke_tenant("org2") == 0


def test_connections_require_tenant_and_delete() -> None:
    _, provider, _ = make()
    tokens = provider.issue("cid", ["org1"], ["offline_access"])
    grant, _ = provider.validate(bearer(tokens))
    conn = provider.require_tenant(grant, "org1")
    for tenant in (None, "", "org9"):
        with pytest.raises(Forbidden):
            provider.require_tenant(grant, tenant)
    again = provider.issue("cid", ["org1"], ["offline_access"])  # reconnect updates, not duplicates
    assert [c.id for c in provider.all_connections()] == [conn.id]
    grant2, _ = provider.validate(bearer(again))
    assert provider.delete_connection(grant2, conn.id) and not provider.delete_connection(grant2, conn.id)
    with pytest.raises(Forbidden):
        provider.require_tenant(grant, "org1")


def test_single_tenant_consent_and_custom_connection() -> None:
    _, intuit, client = make(INTUIT_POLICY)
    code = intuit.authorize("cid", REDIRECT, ["com.intuit.quickbooks.accounting"], ["r1", "r2"])
    grant, _ = intuit.validate(bearer(intuit.exchange_code(client, code, REDIRECT)))
    assert grant.tenant_ids == ["r1"]
    _, xero, xclient = make()
    cc = xero.client_credentials(xclient, ["accounting.transactions"], ["org1", "org2"])
    assert "refresh_token" not in cc
    grant, _ = xero.validate(bearer(cc))
    assert grant.tenant_ids == ["org1"]
    assert xero.describe()["connections"][0]["tenantId"] == "org1"


def test_reset_forgets_everything() -> None:
    _, provider, _ = make()
    tokens = provider.issue("cid", ["org1"], ["offline_access"])
    provider.reset()
    with pytest.raises(Unauthenticated):
        provider.validate(bearer(tokens))
    assert provider.clients == {}
