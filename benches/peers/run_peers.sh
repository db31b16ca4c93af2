#!/usr/bin/env bash
# Side-by-side accuracy and speed: chc versus pdfplumber and Camelot (lattice, stream) on the
# same PDFs, all scored by `chc eval` against fixtures/gold.
#
#   benches/peers/run_peers.sh [OUT_DIR] [PDF...]
#
# OUT_DIR defaults to target/peers; PDFs default to fixtures/pdf/*.pdf (those with a gold file).
# Creates a venv (PEERS_VENV, default target/peers-venv) and pip-installs pdfplumber,
# camelot-py and opencv-python-headless into it. Camelot >= 1.0 renders with pypdfium2, so
# Ghostscript is optional; it is installed with apt-get when missing and we are root, and its
# absence is not an error.
#
# Writes OUT_DIR/<system>/documents/<stem>.json for each system (pdfplumber, camelot-lattice,
# camelot-stream, each also as <tool>-merged, see peers.py), OUT_DIR/chc/ when `chc extract`
# works, OUT_DIR/<system>.eval.{txt,json}, OUT_DIR/timings.json and OUT_DIR/summary.md.
#
# Scorer: $CHC_EVAL if set (a command taking `--gold DIR OUTPUT [--json]`), else `chc eval`
# from target/release/chc when that subcommand exists, else the stand-in example
# `cargo run --release -p chc-eval --example eval`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
OUT=${1:-target/peers}
shift || true
if [ $# -gt 0 ]; then PDFS=("$@"); else PDFS=(fixtures/pdf/*.pdf); fi
VENV=${PEERS_VENV:-target/peers-venv}
GOLD=fixtures/gold

log() { printf '\n== %s\n' "$*" >&2; }

# Only PDFs with a gold file are benchmarked.
SELECTED=()
for pdf in "${PDFS[@]}"; do
    [ -f "$pdf" ] || continue
    stem=$(basename "${pdf%.*}")
    if [ -f "$GOLD/$stem.json" ]; then SELECTED+=("$pdf"); else echo "skipping $pdf: no $GOLD/$stem.json" >&2; fi
done
if [ ${#SELECTED[@]} -eq 0 ]; then echo "no PDFs with gold files" >&2; exit 1; fi

log "python environment ($VENV)"
if ! command -v gs >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get install -y -q ghostscript >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q ghostscript >/dev/null 2>&1; }) \
        || echo "ghostscript not installed (optional: camelot uses pypdfium2)" >&2
fi
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q pdfplumber camelot-py opencv-python-headless
"$VENV/bin/python" -c 'import pdfplumber, camelot; print("pdfplumber", pdfplumber.__version__, "camelot", camelot.__version__)' >&2

rm -rf "$OUT"
mkdir -p "$OUT/gold"
for pdf in "${SELECTED[@]}"; do cp "$GOLD/$(basename "${pdf%.*}").json" "$OUT/gold/"; done

log "peers"
"$VENV/bin/python" benches/peers/peers.py extract --out "$OUT" "${SELECTED[@]}"
SYSTEMS=(pdfplumber pdfplumber-merged camelot-lattice camelot-lattice-merged camelot-stream camelot-stream-merged)

log "building chc (release)"
cargo build -q --release -p chc-cli || echo "chc-cli did not build" >&2
CHC=target/release/chc

log "chc extract"
if [ -x "$CHC" ]; then
    mkdir -p "$OUT/chc-inputs"
    for pdf in "${SELECTED[@]}"; do cp "$pdf" "$OUT/chc-inputs/"; done
    start=$(date +%s.%N)
    if "$CHC" extract "$OUT/chc-inputs" --out "$OUT/chc" >"$OUT/chc.extract.log" 2>&1 \
        && compgen -G "$OUT/chc/documents/*.json" >/dev/null; then
        end=$(date +%s.%N)
        python3 - "$OUT/timings.json" "$start" "$end" <<'EOF'
import json, sys
path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
t = json.load(open(path))
t["chc"] = {"total_seconds": round(end - start, 4), "note": "one `chc extract` process over all PDFs"}
json.dump(t, open(path, "w"), indent=1)
EOF
        SYSTEMS=(chc "${SYSTEMS[@]}")
    else
        echo "chc extract failed or wrote no documents (see $OUT/chc.extract.log); chc not scored" >&2
    fi
fi

log "scoring"
if [ -n "${CHC_EVAL:-}" ]; then
    read -r -a EVAL <<<"$CHC_EVAL"
elif [ -x "$CHC" ] && "$CHC" eval --help 2>/dev/null | grep -q -- '--gold'; then
    EVAL=("$CHC" eval)
else
    cargo build -q --release -p chc-eval --example eval
    EVAL=(target/release/examples/eval)
fi
echo "scorer: ${EVAL[*]}" >&2
for s in "${SYSTEMS[@]}"; do
    # --min-f1 is not used: a low score is a result here, not a failure.
    "${EVAL[@]}" --gold "$OUT/gold" "$OUT/$s" >"$OUT/$s.eval.txt" || true
    "${EVAL[@]}" --gold "$OUT/gold" "$OUT/$s" --json >"$OUT/$s.eval.json" || true
done

log "summary ($OUT/summary.md; per-system detail in $OUT/<system>.eval.txt)"
"$VENV/bin/python" benches/peers/peers.py summary "$OUT" "${SYSTEMS[@]}"
echo "made by: benches/peers/run_peers.sh $OUT ${SELECTED[*]}"
