"""Engines for the pre-flight tests: one that implements a single profile."""

from __future__ import annotations

from connsim.harness.engine.reference import ReferenceEngine


class PaymentsOnly(ReferenceEngine):
    profiles = ("payments",)


class NotAnEngine:
    profiles = ("payments",)
