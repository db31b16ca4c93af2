#!/usr/bin/env bash
# The Python package's tests (crates/chc-py/tests), run by .ci/run after the Rust tests.
#
# 1. a virtual environment in $TARGET/py-venv (made when missing) with maturin, pytest and
#    pandas from PyPI;
# 2. `pip install crates/chc-py`, as a user would, with that maturin (no build isolation, so
#    nothing else is downloaded): a release build in the workspace's target folder, so crates
#    that the Rust tests built with the same features are not built again;
# 3. pytest, comparing chc.extract with the release `chc` binary on the same inputs.
#
# TARGET is $CARGO_TARGET_DIR, else target/. Pass pytest arguments after the script's name.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VENV=$TARGET/py-venv
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
# The build backend runs the maturin of the environment found on PATH.
export PATH=$VENV/bin:$PATH
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.7,<2" "pytest>=7" pandas
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./crates/chc-py
[ -x "$TARGET/release/chc" ] || cargo build -q --release -p chc-cli
CHC_BIN=$TARGET/release/chc "$VENV/bin/python" -m pytest -q crates/chc-py/tests "$@"
