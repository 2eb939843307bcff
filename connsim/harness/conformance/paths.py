"""Where the feature files are: ``features/`` beside the package in a checkout (editable install),
or a directory given on the command line / in CONNSIM_FEATURES."""

from __future__ import annotations

import os
from pathlib import Path


def features_dir() -> Path:
    override = os.environ.get("CONNSIM_FEATURES")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[3] / "features"
