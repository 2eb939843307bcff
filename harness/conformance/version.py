"""The installed connsim version, for `connsim --version` and the reports."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version


def version() -> str:
    try:
        return _dist_version("connsim")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"
