"""Files from outside the repository that a few tests read: the project's shared folder, kept
beside the checkout as ``../shared`` (the catalogue spec, the real APIs' OpenAPI files). A test
never skips silently: in CI (``CI=true``) a missing file fails it; elsewhere it is skipped with a
reason naming the file and where to get it (pytest prints the reasons with ``-rs``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: ../shared beside the checkout
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def outside_file(relative: str, where: str) -> Path:
    """``../shared/<relative>``; when it is missing, fail in CI and skip elsewhere, saying ``where``
    it comes from."""
    path = SHARED / relative
    if path.is_file():
        return path
    reason = f"needs {path}, which is not there; {where}"
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a required file is missing)", pytrace=False)
    pytest.skip(reason)
