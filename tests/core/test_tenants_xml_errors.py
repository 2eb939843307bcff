"""Tenants (ids, seeds, backends), safe XML, and error kinds."""

import threading

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.errors import (
    Conflict,
    InjectedFault,
    MalformedInput,
    NotFound,
    OAuthError,
    RateLimited,
    TokenExpired,
)
from connsim.simulator.core.tenants import TenantKind, TenantRegistry
from connsim.simulator.core.xmlsafe import parse_xml, text
from connsim.simulator.qbo.remote import realm_id

KINDS = (TenantKind("xero-org"), TenantKind("qbo-realm", make_id=realm_id), TenantKind("aps-firm"))


def registry(**kw: int) -> TenantRegistry:
    reg = TenantRegistry(Clock(), **kw)
    for kind in KINDS:
        reg.register_kind(kind)
    return reg


def test_create_get_idempotent_and_kind_conflict() -> None:
    reg = registry(base_seed=10)
    t = reg.create("xero-org", "Demo", tenant_id="t1")
    assert reg.create("xero-org", "Other", tenant_id="t1") is t
    with pytest.raises(Conflict):
        reg.create("qbo-realm", "Q", tenant_id="t1")
    with pytest.raises(NotFound):
        reg.create("nope", "x")
    with pytest.raises(NotFound):
        reg.get("missing")
    assert reg.find(None) is None and reg.find("t1") is t and "t1" in reg
    assert t.seed == 10 and t.describe()["kind"] == "xero-org"
    realm = reg.create("qbo-realm", "Q")
    assert realm.id.isdigit() and len(realm.id) >= 15
    assert [x.id for x in reg.of_kind("qbo-realm")] == [realm.id]
    reg.delete("t1")
    assert reg.find("t1") is None


def test_seeded_ids_and_random_are_deterministic() -> None:
    reg = registry()
    assert reg.seeded_id("xero-org", "1:0") == registry().seeded_id("xero-org", "1:0")
    assert reg.seeded_id("xero-org", "1:0") != reg.seeded_id("xero-org", "2:0")
    assert reg.seeded_id("qbo-realm", 5).isdigit()
    with pytest.raises(NotFound):
        reg.seeded_id("nope", 1)
    a = reg.create("xero-org", "A", tenant_id="same", seed=3)
    assert a.random("x").random() == a.random("x").random()
    assert a.random("x").random() != a.random("y").random()


def test_backend_built_once_per_tenant_even_under_threads() -> None:
    reg = registry()
    built: list[str] = []
    reg.register_backend("xero-org", lambda tenant: built.append(tenant.id) or {"tenant": tenant.id})
    tenant = reg.create("xero-org", "A")
    threads = [threading.Thread(target=lambda: tenant.backend) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert built == [tenant.id] and tenant.backend == {"tenant": tenant.id} and tenant.has_backend
    orphan = reg.create("aps-firm", "No API")
    assert not orphan.has_backend
    with pytest.raises(NotFound):
        _ = orphan.backend


def test_safe_xml_parses_and_rejects() -> None:
    root = parse_xml(b"<Job><Name> Audit </Name><Empty/></Job>", expected_root="Job")
    assert text(root, "Name") == "Audit" and text(root, "Empty", "d") == "d" and text(root, "Missing") is None
    bombs = [
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Job>&b;</Job>',
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Job>&x;</Job>',
        b"<Job><unclosed></Job>", b"", b"   ", b"not xml", b"<Other/>",
        b'<?xml version="1.0" encoding="bogus-enc"?><Job/>', b"\xff\xfe<\x00J\x00",
    ]
    for body in bombs:
        with pytest.raises(MalformedInput):
            parse_xml(body, expected_root=("Job",))


def test_error_kinds_carry_status_and_details() -> None:
    assert RateLimited("x", problem="minute", retry_after=7).details == {"problem": "minute", "retry_after": 7}
    assert TokenExpired("x").status == 401 and TokenExpired("x").code == "TokenExpired"
    assert InjectedFault("boom", status=503).status == 503
    assert OAuthError("invalid_grant").code == "invalid_grant" and OAuthError("invalid_grant").status == 400
    assert "MalformedInput" in repr(MalformedInput("bad"))
