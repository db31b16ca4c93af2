#!/usr/bin/env bash
# Opens the workbook of `chc report --xlsx` in LibreOffice (headless) and checks what it
# sees against the CSV files and the HTML report of the same extraction:
#
# 1. extracts corpus/ and fixtures/bad/ with the release `chc` ($CHC_BIN, else
#    $CARGO_TARGET_DIR/release/chc, built when missing) and writes the workbook and the HTML report;
# 2. LibreOffice Calc converts every sheet to CSV: each "Compliance <version>" sheet must hold
#    compliance_wide_<version>.csv's values (one row per document of that version, one column
#    per provision), Provisions as many rows as provisions.csv, Errors exactly errors.csv,
#    Actions as many rows as actions.csv with target months shown as dates (yyyy-mm);
# 3. LibreOffice converts the workbook to HTML: every comply cell of the Compliance sheets
#    must have the background colour the HTML report's heatmap gives that value.
#
# Installs LibreOffice Calc (no GUI) with apt-get when it is missing (needs root or sudo).
# Run by .ci/run (see README: about a minute to install on a fresh machine, seconds to run).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
CHC=${CHC_BIN:-$TARGET/release/chc}

if ! command -v soffice >/dev/null 2>&1 || ! { dpkg -s libreoffice-calc-nogui || dpkg -s libreoffice-calc; } >/dev/null 2>&1; then
    echo "installing LibreOffice Calc (headless) with apt-get" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends libreoffice-calc-nogui >/dev/null
fi
[ -x "$CHC" ] || { cargo build -q --release -p chc-cli; CHC=$TARGET/release/chc; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0
"$CHC" extract corpus fixtures/bad --out "$WORK/out" -q 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "chc extract: exit $status, expected 1 (fixtures/bad fails)" >&2; exit 1; }
"$CHC" report "$WORK/out" --xlsx "$WORK/book.xlsx" --html "$WORK/report.html" -q

# A private profile: no shared state with another LibreOffice, nothing left in $HOME.
soffice_convert() {
    timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$WORK/profile" --convert-to "$1" --outdir "$2" "$WORK/book.xlsx" >"$WORK/soffice.log" 2>&1 \
        || { cat "$WORK/soffice.log" >&2; echo "LibreOffice could not convert the workbook" >&2; exit 1; }
}
# Comma, double quote, UTF-8, from line 1; cells as shown (dates formatted); every sheet.
soffice_convert 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' "$WORK/csv"
soffice_convert html "$WORK/html"

python3 - "$WORK" <<'EOF'
import csv, glob, html, os, re, sys
work = sys.argv[1]
out = os.path.join(work, "out")

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))

def sheet(name):
    return rows(os.path.join(work, "csv", f"book-{name}.csv"))

sheets = sorted(os.path.basename(p)[len("book-"):-len(".csv")] for p in glob.glob(os.path.join(work, "csv", "book-*.csv")))
compliance = [s for s in sheets if s.startswith("Compliance ")]
assert {"Summary", "Provisions", "Actions", "Errors"} <= set(sheets) and compliance, sheets
checked = 0
for name in compliance:
    version = name[len("Compliance "):]
    wide = rows(os.path.join(out, f"compliance_wide_{version}.csv"))
    got = sheet(name)
    assert got[0][3:] == wide[0][5:], f"{name}: provision columns differ from compliance_wide_{version}.csv"
    assert len(got) == len(wide), f"{name}: {len(got) - 1} rows for {len(wide) - 1} documents"
    by_source = {r[0]: r for r in wide[1:]}
    for line in got[1:]:
        w = by_source[line[2]]
        assert line[3:] == w[5:], f"{name}: {line[2]} differs"
        assert line[1] == w[3], f"{name}: {line[2]}: date {line[1]!r} shown for {w[3]!r}"
        checked += len(line) - 3
print(f"LibreOffice: {len(compliance)} Compliance sheets, {checked} cells equal to compliance_wide_*.csv")

provisions = rows(os.path.join(out, "provisions.csv"))
assert sheet("Provisions")[0] == provisions[0] and len(sheet("Provisions")) == len(provisions), "Provisions sheet"
errors = rows(os.path.join(out, "errors.csv"))
assert sheet("Errors") == errors, "Errors sheet differs from errors.csv"
actions = rows(os.path.join(out, "actions.csv"))
got_actions = sheet("Actions")
assert len(got_actions) == len(actions), "Actions sheet"
month = actions[0].index("target_date")
assert [r[month] for r in got_actions[1:]] == [r[month] for r in actions[1:]], "target months shown as yyyy-mm"
print(f"LibreOffice: Provisions {len(provisions) - 1} rows, Actions {len(actions) - 1} rows (dates as yyyy-mm), Errors = errors.csv ({len(errors) - 1})")

# Colours: the HTML report's heatmap CSS against the cells LibreOffice renders.
css = open(os.path.join(work, "report.html"), encoding="utf-8").read()
colour = {k: v.upper() for k, v in re.findall(r"\.c\.([a-z_]+)\{background:#([0-9a-fA-F]{6})", css)}
assert {"yes", "no", "partial", "unknown", "not_applicable"} <= set(colour), colour
page = open(os.path.join(work, "html", "book.html"), encoding="utf-8", errors="replace").read()
coloured = 0
for part in re.split(r"<h1>", page)[1:]:
    title = re.search(r"<em>(.*?)</em>", part.split("</h1>")[0])
    if not title or not title.group(1).startswith("Compliance "):
        continue
    title = title.group(1)
    for attrs, body in re.findall(r"<td([^>]*)>(.*?)</td>", part, re.S):
        value = html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        if value not in colour:
            continue
        bg = re.search(r'bgcolor="#([0-9A-Fa-f]{6})"', attrs)
        assert bg and bg.group(1).upper() == colour[value], f"{title}: a {value} cell is {bg.group(1) if bg else 'uncoloured'}, the heatmap's is #{colour[value]}"
        coloured += 1
assert coloured > 300, coloured
print(f"LibreOffice: {coloured} comply cells coloured as the HTML heatmap")
EOF
echo "check-xlsx-libreoffice: ok"
