"""Where the feature files are: ``features/`` at the top of a checkout, shipped inside the wheel as
``connsim/features`` (both two levels above this file), or a directory given on the command line /
in CONNSIM_FEATURES."""

from __future__ import annotations

import os
from pathlib import Path


def features_dir() -> Path:
    override = os.environ.get("CONNSIM_FEATURES")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2] / "features"
