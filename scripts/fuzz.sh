#!/usr/bin/env bash
# Run the cargo-fuzz targets (fuzz/) for a bounded time each. Not part of CI.
#
#   scripts/fuzz.sh            # parse_pdf and parse_text, 60 s each
#   scripts/fuzz.sh 300        # 300 s each
#   scripts/fuzz.sh 300 parse_text
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly compiler; on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it use the nightly-only flags. One fuzzing process (libFuzzer runs
# in-process unless given -jobs/-workers) and CARGO_BUILD_JOBS=1: other builds may
# share the machine. Seeds come from fixtures/ (copied into fuzz/corpus/<target>/, which is
# not committed). Crashes land in fuzz/artifacts/<target>/: turn each into a fixture in
# fixtures/bad/ or a unit test, fix it, and rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=(parse_pdf parse_text); fi
command -v cargo-fuzz >/dev/null 2>&1 || { echo "cargo-fuzz is needed: cargo install cargo-fuzz" >&2; exit 1; }
export RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

seed() {
    local target=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    case $target in
        parse_pdf)
            # The target reads the first byte as a mode: 0 = bytes as they are.
            for f in fixtures/pdf/*.pdf fixtures/pdf/matrix/*.pdf fixtures/bad/*.pdf crates/chc-parse/tests/data/*.pdf; do
                [ -s "$f" ] || continue
                [ "$(stat -c %s "$f")" -le 300000 ] || continue
                { printf '\0'; cat "$f"; } > "$dir/seed-$(basename "$f")"
            done ;;
        parse_text)
            for f in fixtures/text/*.txt fixtures/bad/*.txt corpus/*.txt; do
                [ -s "$f" ] || continue
                cp "$f" "$dir/seed-$(basename "$f")"
            done ;;
    esac
}

status=0
for t in "${TARGETS[@]}"; do
    seed "$t"
    mkdir -p "fuzz/artifacts/$t"
    echo "== fuzzing $t for ${SECONDS_EACH}s" >&2
    start=$(date +%s)
    if ! (cd fuzz && cargo fuzz run -s none -j1 "$t" -- \
            -max_total_time="$SECONDS_EACH" \
            -max_len=300000 -timeout=60 -rss_limit_mb=3072 \
            -print_final_stats=1); then
        status=1
        echo "!! $t found a crash: see fuzz/artifacts/$t/" >&2
    fi
    echo "== $t ran $(( $(date +%s) - start ))s" >&2
done
exit $status
