"""Find the engine under test: a Python class (``module:Class``), an HTTP service, or the reference."""

from __future__ import annotations

import importlib
from typing import Any

REFERENCE = "connsim.harness.engine.reference:ReferenceEngine"


def load_engine(spec: str | None = None, url: str | None = None) -> Any:
    if url:
        from connsim.harness.adapters.http_adapter import HttpEngine

        return HttpEngine(url)
    module_name, _, class_name = (spec or REFERENCE).partition(":")
    if not class_name:
        raise SystemExit(f"--adapter must look like module:Class, got {spec!r}")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls()
