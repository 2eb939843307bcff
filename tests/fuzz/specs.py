"""Xero's OpenAPI file from the shared reference folder (../shared next to the checkout). Outside
CI a missing folder skips with the reason; in CI (CI=true) it fails, since CI always has it."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml


class _NoTimestamps(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Examples such as 2019-10-31 stay strings (schema tools choke on datetime objects)."""


_NoTimestamps.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def require() -> Path:
    """Skip with the reason outside CI, fail under CI=true (tests/outside.py, the project's rule)."""
    from outside import outside_file

    return outside_file("reference/specs/xero_accounting.yaml",
                        "the project's shared folder (reference/specs/) sits beside the checkout as ../shared")


@functools.lru_cache(maxsize=1)
def _load(path: str) -> dict[str, Any]:
    return yaml.load(Path(path).read_text(), Loader=_NoTimestamps)


def xero_accounting() -> dict[str, Any]:
    """A fresh copy of the parsed spec (callers prune it)."""
    import copy

    return copy.deepcopy(_load(str(require())))
