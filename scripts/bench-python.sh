#!/usr/bin/env bash
# The Python call (chc.extract) against `chc extract` on the same 1,000 generated text forms,
# in one run (the figures in BENCHMARKS.md, "Python package").
#
#   scripts/bench-python.sh            # RUNS=10 rounds, N=1000 forms, JOBS=2
#
# Builds the release binary and installs the package into the test environment
# (scripts/test-python.sh, which also runs the Python tests), generates the forms with
# scripts/gen-large-corpus.py into $CORPUS (default $TARGET/bench-corpus, never committed) and
# runs benches/python/python_vs_cli.py, which interleaves the variants round by round. The
# CLI writes to $OUT (default /dev/shm/chc-bench-python, a tmpfs: the disk left out).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
RUNS=${RUNS:-10}
N=${N:-1000}
JOBS=${JOBS:-2}
CORPUS=${CORPUS:-$TARGET/bench-corpus}
OUT=${OUT:-/dev/shm/chc-bench-python}
cargo build -q --release -p chc-cli
bash scripts/test-python.sh -q >/dev/null
python3 scripts/gen-large-corpus.py --out "$CORPUS" --text "$N" --pdf 0 >/dev/null
# A private copy: a rebuild in the work tree during the run must not change what is timed.
mkdir -p "$TARGET/bench-python"
cp "$TARGET/release/chc" "$TARGET/bench-python/chc"
"$TARGET/py-venv/bin/python" benches/python/python_vs_cli.py --chc "$TARGET/bench-python/chc" --inputs "$CORPUS/text_$N" \
    --runs "$RUNS" --jobs "$JOBS" --out "$OUT" --json "$TARGET/bench-python/times.json"
