#!/usr/bin/env bash
# Render the DOCX fixtures (fixtures/docx/*.docx) and their expected output
# (fixtures/gold/docx_*.json) from gold JSON through LibreOffice.
# Reuses the flat-ODT renderer of scripts/make-pdf-fixtures.py (imported, not copied) and
# converts with `soffice --convert-to docx`. Installs LibreOffice Writer (headless) with
# apt-get when soffice is missing.
#
#   scripts/make-docx-fixtures.sh                 # all fixtures
#   scripts/make-docx-fixtures.sh --only NAME...  # some of them
#   scripts/make-docx-fixtures.sh --keep-fodt     # also keep the .fodt beside the .docx
#
# The generated files are committed: tests never need LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/ensure-libreoffice.sh

python3 - "$@" <<'PY'
"""DOCX fixtures: the PDF fixtures' flat ODT, converted to Word by LibreOffice.

Each fixture is a style for make-pdf-fixtures.py's render() plus DOCX-only changes made to
the flat ODT before conversion:
- span_subheadings: the 2022 "Mandatory 'must' requirements" / "Best practice 'should'
  requirements" headings become a full-width row inside each sub-table, under its header
  (a cell spanning every column: w:gridSpan in the DOCX);
- wingdings_ticks: the ✓/✗ comply answers are typed in the Wingdings font (U+F0FC / U+F0FB),
  as Word's Insert > Symbol does (w:sym in the DOCX).
Neither changes what is printed, so the expected rows are render()'s.
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.getcwd()
spec = importlib.util.spec_from_file_location("make_pdf_fixtures", os.path.join(ROOT, "scripts", "make-pdf-fixtures.py"))
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)

DOCX_DIR = os.path.join(ROOT, "fixtures", "docx")

FIXTURES = [
    # The whole seed 000 form (72 rows), from its hand-checked text gold.
    dict(name="docx_seed000_landscape", src="000_6a94297636c6b8f1", borders="all", landscape=True,
         font_pt=10, repeat_header=True, header_footer=True),
    # 2022 form: must/should sub-tables, one merged "Evidence, commentary and any
    # explanations" column, sub-table headings as spanning rows.
    dict(name="docx_2022_merged_subheadings", src="src_2022_scamb", borders="all", landscape=False,
         font_pt=10, repeat_header=True, merged=True, header_footer=True, span_subheadings=True,
         # as for the PDF fixtures: the form carries scambs.gov.uk links and "South Cambs
         # District Council" in its evidence (see fixtures/pdf/README.md)
         landlord="South Cambridgeshire District Council"),
    # 2024 form with a RAG rating column and Wingdings ticks/crosses for Yes/No.
    dict(name="docx_2024_rag_ticks", src="src_2024_luton_rag", borders="all", landscape=True,
         font_pt=11, repeat_header=True, rag=True, ticks=True, wingdings_ticks=True, header_footer=False),
]

H2_TABLE = re.compile(
    r'<text:p text:style-name="H2">(?P<h>.*?)</text:p>\n'
    r'(?P<t><table:table [^>]*>(?P<cols>(?:<table:table-column [^>]*/>)+)'
    r'(?:<table:table-header-rows>.*?</table:table-header-rows>|<table:table-row .*?</table:table-row>))',
    re.S)


def span_subheadings(xml):
    def repl(m):
        n = m.group("cols").count("<table:table-column ")
        row = ('<table:table-row table:style-name="Row">'
               f'<table:table-cell table:style-name="HCell" table:number-columns-spanned="{n}" office:value-type="string">'
               f'<text:p text:style-name="PH">{m.group("h")}</text:p></table:table-cell>'
               + "<table:covered-table-cell/>" * (n - 1) + "</table:table-row>")
        return m.group("t") + row
    out, count = H2_TABLE.subn(repl, xml)
    assert count > 0, "no sub-table heading found"
    return out


def wingdings_ticks(xml):
    xml = xml.replace(
        "</office:font-face-decls>",
        '<style:font-face style:name="Wingdings" svg:font-family="Wingdings" style:font-pitch="variable" '
        'style:font-charset="x-symbol"/></office:font-face-decls>', 1)
    xml = xml.replace(
        "</office:automatic-styles>",
        '<style:style style:name="Wd" style:family="text"><style:text-properties style:font-name="Wingdings"/>'
        "</style:style></office:automatic-styles>", 1)
    for tick, code in (("\u2713", "\uf0fc"), ("\u2717", "\uf0fb")):
        xml = xml.replace(f'<text:p text:style-name="P">{tick}</text:p>',
                          f'<text:p text:style-name="P"><text:span text:style-name="Wd">{code}</text:span></text:p>')
    return xml


def convert(soffice, fodt, outdir):
    mk.soffice_convert(soffice, fodt, outdir, "docx:MS Word 2007 XML")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--keep-fodt", action="store_true", help="also write the .fodt next to the DOCX")
    args = ap.parse_args()
    os.makedirs(DOCX_DIR, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chc-docx-fixtures-") as tmp:
        for fx in FIXTURES:
            if args.only and fx["name"] not in args.only:
                continue
            with open(mk.find_src(fx["src"]), encoding="utf-8") as f:
                gold = json.load(f)
            xml, expected = mk.render(fx, gold)
            expected["source"] = f"fixtures/docx/{fx['name']}.docx"
            if fx.get("span_subheadings"):
                xml = span_subheadings(xml)
            if fx.get("wingdings_ticks"):
                xml = wingdings_ticks(xml)
            mk.publish(fx["name"], "docx", xml, expected, tmp, DOCX_DIR, args.keep_fodt,
                       lambda fodt, outdir: convert(args.soffice, fodt, outdir))


sys.exit(main())
PY
