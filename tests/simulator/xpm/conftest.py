"""Fixtures: a practice with a token, in both modes (``connsim_remote``), clock frozen."""

from __future__ import annotations

from typing import Any

import pytest
from xpm_http_client import Practice, open_practice


@pytest.fixture
def practice(connsim_remote: Any) -> Practice:
    connsim_remote.control.freeze("2026-11-20T09:00:00Z")
    return open_practice(connsim_remote)
