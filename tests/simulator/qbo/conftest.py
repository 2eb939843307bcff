"""A QBO realm without HTTP: the domain model on a frozen clock."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.qbo.model import QboBackend

FROZEN = datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def realm() -> Any:
    registry = TenantRegistry(Clock(frozen_at=FROZEN))
    registry.register_backend("qbo-realm", QboBackend)
    return registry.create("qbo-realm", "Test Realm", tenant_id="9130350000000001")


@pytest.fixture
def qbo(realm: Any) -> QboBackend:
    return realm.backend


def sales_line(amount: Any) -> dict[str, Any]:
    return {"Amount": amount, "DetailType": "SalesItemLineDetail",
            "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}}}
