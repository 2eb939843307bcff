"""Fuzz suite: helpers live next to the tests (wire.py, budget.py); the tally is printed at the
end of a run when CONNSIM_FUZZ_REPORT is set (the long run does)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import budget


def pytest_terminal_summary(terminalreporter: object) -> None:
    if os.environ.get("CONNSIM_FUZZ_REPORT") and budget.INPUTS:
        terminalreporter.write_line("\nfuzz inputs per surface (this process):")  # type: ignore[attr-defined]
        terminalreporter.write_line(budget.report())  # type: ignore[attr-defined]
