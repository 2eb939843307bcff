"""A simulator server that guards its control API with an admin token, shared by the ux tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from connsim.simulator.pytest_plugin import ServerProcess

ADMIN_TOKEN = "ux-admin-token"


@pytest.fixture(scope="session")
def guarded_server() -> Iterator[str]:
    server = ServerProcess(extra=["--admin-token", ADMIN_TOKEN])
    yield server.url
    server.stop()
