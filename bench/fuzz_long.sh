#!/usr/bin/env bash
# The long fuzz run: the same fixed-seed suite as tests/fuzz with a larger budget per test, and the
# per-surface tally (inputs, 5xx) printed at the end. CONNSIM_FUZZ_EXAMPLES=40 is the CI slice.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNSIM_FUZZ_EXAMPLES="${CONNSIM_FUZZ_EXAMPLES:-1000}" CONNSIM_FUZZ_REPORT=1 \
  .venv/bin/python -m pytest -n0 -p no:cacheprovider -q tests/fuzz "$@"
