#!/usr/bin/env bash
# Scores a chc binary on every blind set and on the tuned sets, one line each, so that a change
# can be read against all of them at once (the held-out half of fixtures/real is not here: read
# its overall line with scripts/real-score.py, never its per-form results).
#
#   bash scripts/blind-score.sh [path/to/chc] [work-dir]
#
# Per set: documents, gold rows found (provision true positives), comply right among matched
# rows, landlord right, version right, documents with extra rows. Outputs stay in work-dir
# (default /tmp/chc-blind-score/<set>) for `chc eval --gold … DIR` or a diff between binaries.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
chc="${1:-$root/target/release/chc}"
work="${2:-/tmp/chc-blind-score}"
summarise='
import json, sys
docs = json.load(sys.stdin)["documents"]
def total(key): return sum(d["metrics"]["counts"][key] for d in docs)
def right(field): return sum(1 for d in docs if d["fields"][field]["correct"])
n = len(docs)
rows, gold, comply, matched = total("provision_tp"), total("gold_rows"), total("comply_correct"), total("matched_rows")
landlord, version = right("landlord"), right("code_version")
extra = sum(1 for d in docs if d["metrics"]["counts"]["extracted_rows"] > d["metrics"]["counts"]["provision_tp"])
print(f"{sys.argv[1]:<10} docs {n:>3}  rows {rows}/{gold}  comply {comply}/{matched}  landlord {landlord}/{n}  version {version}/{n}  extra-row docs {extra}")
'
score() {
    local name="$1" gold="$2"
    shift 2
    rm -rf "$work/$name"
    "$chc" extract "$@" --out "$work/$name" -q 2>/dev/null || true
    "$chc" eval --json --gold "$gold" "$work/$name" | python3 -c "$summarise" "$name"
}
for set in "$root"/fixtures/blind*/; do
    set="$(basename "$set")"
    score "$set" "$root/fixtures/$set/gold" "$root/fixtures/$set/forms"
done
score real-dev "$root/fixtures/real/dev/gold" "$root/fixtures/real/dev"
cd "$root"
score gold fixtures/gold corpus fixtures/text fixtures/html fixtures/pdf fixtures/docx fixtures/odt
