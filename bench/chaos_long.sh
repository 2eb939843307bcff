#!/usr/bin/env bash
# The long chaos run: the reference engine over >= 1,000 schedules across the four profiles
# (250 per profile; payments splits them between Xero and QuickBooks), then each lossy engine.
# Figures land in build/chaos/*.json; the tables go to stdout. Seeds fixed: the same run replays.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/chaos
SEED="${SEED:-2}"
time .venv/bin/connsim chaos --schedules "${SCHEDULES:-250}" --seed "$SEED" --quiet --json build/chaos/reference.json \
  --junit build/chaos/reference.xml
for engine in NaivePayments BlindRepostCosts; do
  .venv/bin/connsim chaos --adapter "connsim.harness.chaos.lossy:$engine" --schedules 40 --seed "$SEED" --quiet \
    --json "build/chaos/$engine.json"
done
