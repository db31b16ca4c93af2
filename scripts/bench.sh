#!/usr/bin/env bash
# End-to-end throughput of the release binary, reproducibly (the figures in BENCHMARKS.md).
#
#   scripts/bench.sh [--quick]
#
# 1. builds `chc` (release) and the large corpus (scripts/gen-large-corpus.py → $CORPUS,
#    default target/bench-corpus; never committed);
# 2. times `chc extract` with hyperfine (installed with apt-get when missing and we are root):
#    the 8 PDF fixtures (66 pages), 10/100/300-page PDFs, 1..2000 documents, --jobs 1 vs 2;
# 3. peak RSS (/usr/bin/time -v) of a 2,000-document batch, text and PDF;
# 4. pdfplumber's page.extract_tables() on the same PDFs in the same run, when a Python
#    with pdfplumber is at $PEERS_VENV (benches/peers/run_peers.sh makes one), for the ratio;
# 5. prints a markdown table (also written to $OUT/bench.md, raw numbers to $OUT/bench.json).
#
# Output folders go to $OUT (default target/bench-out). Set OUT to a tmpfs (/dev/shm/...) to
# leave out the disk (BENCHMARKS.md's figures do, and say so). RUNS (default 5; --quick: 2) is
# hyperfine's --runs (the 1000- and 2000-document sets: 2); figures are medians. The machine is shared: compare within one run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-5}
BIG=2000
if [ "${1:-}" = "--quick" ]; then RUNS=2; BIG=${BIG_QUICK:-1000}; fi
CORPUS=${CORPUS:-target/bench-corpus}
OUT=${OUT:-target/bench-out}
VENV=${PEERS_VENV:-target/peers-venv}
CHC=$ROOT/target/release/chc
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: >"$RESULTS"

log() { printf '== %s\n' "$*" >&2; }

if ! command -v hyperfine >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        log "installing hyperfine"
        apt-get install -y -q hyperfine >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q hyperfine >/dev/null; }
    else
        echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1
    fi
fi
[ -x /usr/bin/time ] || { apt-get install -y -q time >/dev/null 2>&1 || true; }

log "building chc (release)"
cargo build -q --release -p chc-cli
# A private copy: a rebuild in the work tree during the run must not change what is timed.
cp target/release/chc "$OUT/chc"
CHC=$OUT/chc
log "generating the corpus in $CORPUS"
python3 scripts/gen-large-corpus.py --out "$CORPUS" --text $BIG --pdf $BIG >/dev/null
MANIFEST=$CORPUS/manifest.json
mkdir -p "$CORPUS/fixtures_pdf"
cp fixtures/pdf/*.pdf "$CORPUS/fixtures_pdf/"

# time_set NAME JOBS INPUT... : median wall seconds of `chc extract` over RUNS runs.
time_set() {
    local name=$1 jobs=$2; shift 2
    local json=$OUT/hf-$name-j$jobs.json
    # Every run writes into an empty folder: a rerun into the same folder rewrites only the
    # files that changed, which is not what a first run costs.
    hyperfine -N -w "${WARMUP:-1}" -r "$RUNS" --export-json "$json" --prepare "rm -rf $OUT/run-$name-j$jobs" \
        "$CHC extract $* --out $OUT/run-$name-j$jobs --jobs $jobs -q" >/dev/null 2>&1
    # median wall seconds, mean CPU seconds (user + system: less sensitive to other load)
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["user"] + r["system"])' "$json" \
        | { read -r med cpu; printf '%s\t%s\t%s\t%s\n' "$name" "$jobs" "$med" "$cpu" >>"$RESULTS"; }
}

log "PDF: fixtures and long documents"
for j in 1 2; do
    time_set fixtures_pdf $j "$CORPUS/fixtures_pdf"
    for p in 10 100 300; do time_set pages_$p $j "$CORPUS/pages/pdf_${p}p.pdf"; done
done
log "documents: 1..$BIG text and PDF"
for k in 1 10 100 1000 2000; do
    [ -d "$CORPUS/text_$k" ] || continue
    # The large sets take minutes: two runs, no warm-up.
    r=$RUNS; w=1; [ "$k" -ge 1000 ] && { RUNS=2; w=0; }
    WARMUP=$w time_set text_$k 2 "$CORPUS/text_$k"
    WARMUP=$w time_set pdf_$k 2 "$CORPUS/pdf_$k"
    RUNS=$r
done
for j in 1 2; do time_set text_100 $j "$CORPUS/text_100"; done

log "peak RSS, $BIG-document batches"
for kind in text pdf; do
    /usr/bin/time -v "$CHC" extract "$CORPUS/${kind}_$BIG" --out "$OUT/rss-$kind" --jobs 2 -q 2>"$OUT/rss-$kind.txt" >/dev/null || true
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/rss-$kind.txt")
    wall=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$OUT/rss-$kind.txt")
    printf 'rss_%s\t%s\t%s\t%s\n' "$kind" 2 "$rss" "$wall" >>"$RESULTS"
done

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import pdfplumber' 2>/dev/null; then
    log "pdfplumber extract_tables on the same PDFs"
    # The 100-document batch is the national run in small: many short forms.
    for set in fixtures_pdf pages_300 pdf_100; do
        case $set in
            fixtures_pdf) files=("$CORPUS"/fixtures_pdf/*.pdf) ;;
            pages_300) files=("$CORPUS/pages/pdf_300p.pdf") ;;
            pdf_100) files=("$CORPUS"/pdf_100/*.pdf) ;;
        esac
        secs=$("$VENV/bin/python" - "${files[@]}" <<'EOF'
import sys, time, pdfplumber
t = time.perf_counter()
for f in sys.argv[1:]:
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.flush_cache()
print(time.perf_counter() - t)
EOF
)
        printf 'pdfplumber_%s\t1\t%s\n' "$set" "$secs" >>"$RESULTS"
    done
else
    log "no pdfplumber at $VENV (run benches/peers/run_peers.sh or set PEERS_VENV): ratio skipped"
fi

python3 - "$RESULTS" "$MANIFEST" "$OUT" <<'EOF'
import json, sys
results, manifest, out = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
rows = {}
for line in open(results):
    f = line.rstrip("\n").split("\t")
    rows[(f[0], f[1])] = f[2:]
def sec(name, jobs="2"):
    v = rows.get((name, jobs))
    return float(v[0]) if v else None
lines = ["| input | docs | pages | MB | jobs | median wall s | pages/s | MB/s | docs/s | CPU s | pages per CPU-s | MB per CPU-s |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
data = {}
for (name, jobs), v in sorted(rows.items(), key=lambda kv: (kv[0][0].split("_")[0], int(kv[0][0].split("_")[-1]) if kv[0][0].split("_")[-1].isdigit() else 0, kv[0][1])):
    if name.startswith(("rss", "pdfplumber")):
        continue
    m = manifest[name]
    s = float(v[0])
    pages = m.get("pages")
    mb = m["bytes"] / 1e6
    cpu = float(v[1]) if len(v) > 1 else float("nan")
    data[f"{name}/j{jobs}"] = {"seconds": s, "cpu_seconds": cpu, **m}
    lines.append(f"| {name} | {m['docs']} | {pages or ''} | {mb:.2f} | {jobs} | {s:.3f} | {f'{pages/s:.0f}' if pages else ''} | {mb/s:.2f} | {m['docs']/s:.1f} | {cpu:.2f} | {f'{pages/cpu:.0f}' if pages else ''} | {mb/cpu:.2f} |")
lines.append("")
for kind in ("text", "pdf"):
    v = rows.get((f"rss_{kind}", "2"))
    if v:
        lines.append(f"- peak RSS, {kind} batch of {manifest[kind]['docs']} documents, --jobs 2: {int(v[0]) / 1024:.0f} MB (wall {v[1]})")
        data[f"rss_{kind}"] = {"kb": int(v[0]), "wall": v[1]}
for set_name in ("fixtures_pdf", "pages_300", "pdf_100"):
    p = rows.get((f"pdfplumber_{set_name}", "1"))
    c1, c2 = sec(set_name, "1"), sec(set_name, "2")
    if p and c2:
        pages = manifest[set_name]["pages"]
        ps = float(p[0])
        one = f", --jobs 1 {ps/c1:.1f}x" if c1 else ""
        lines.append(f"- pdfplumber extract_tables on {set_name} ({pages} pages): {ps:.2f} s = {pages/ps:.1f} pages/s; "
                     f"chc --jobs 2 is {ps/c2:.1f}x faster{one}")
        data[f"pdfplumber_{set_name}"] = {"seconds": ps, "pages": pages}
for set_name in ("fixtures_pdf", "pages_300", "text_100"):
    c1, c2 = sec(set_name, "1"), sec(set_name, "2")
    if c1 and c2:
        lines.append(f"- {set_name}: --jobs 2 is {c1/c2:.2f}x --jobs 1")
text = "\n".join(lines) + "\n"
open(f"{out}/bench.md", "w").write(text)
json.dump(data, open(f"{out}/bench.json", "w"), indent=1)
print(text)
EOF
