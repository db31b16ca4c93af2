#!/usr/bin/env python3
"""Render self-assessment forms from gold JSON to PDF through LibreOffice.

Each fixture is one gold file (format: docs/gold-format.md) printed in one style. The gold
written beside the PDF (fixtures/gold/<stem>.json) is the source gold with exactly the changes
the style makes to what is printed (ticks instead of Yes/No, a number left out, ...), so the
expected output of a PDF is that gold's rows.

Usage: scripts/make-pdf-fixtures.py [--soffice PATH] [--only NAME ...]
Normally run through scripts/make-pdf-fixtures.sh, which installs LibreOffice when missing.
"""

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_DIR = os.path.join(ROOT, "fixtures", "pdf", "src")
PDF_DIR = os.path.join(ROOT, "fixtures", "pdf")
GOLD_DIR = os.path.join(ROOT, "fixtures", "gold")

SECTIONS_2024 = {
    1: "Definition of a complaint",
    2: "Exclusions",
    3: "Accessibility and awareness",
    4: "Complaint handling staff",
    5: "The complaint handling process",
    6: "Complaints stages",
    7: "Putting things right",
    8: "Putting things right",  # the official 2024 template repeats section 7's title
    9: "Scrutiny & oversight: continuous learning and improvement",
}
SECTIONS_2022 = {
    1: "Definition of a complaint",
    2: "Accessibility and awareness",
    3: "Complaint handling personnel",
    4: "Complaint handling principles",
    5: "Complaint stages",
    6: "Putting things right",
    7: "Continuous learning and improvement",
    8: "Self-assessment and compliance",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

INTRO = [
    "Information from the Housing Ombudsman",
    "This self-assessment form should be completed by the complaints officer, and it must be "
    "reviewed and approved by the landlord's governing body at least annually.",
    "Landlords are required to complete the self-assessment in full and support all statements "
    "with evidence, with additional commentary as necessary.",
]

LONG_COMMENTARY = [
    "The council operates a third-party system for customers to provide feedback on their "
    "satisfaction with Customer Services. When a customer expresses dissatisfaction, Customer "
    "Services will contact the customer, when contact details are known, offering both the option "
    "to raise a formal complaint and a resolution where possible.",
    "The policy was reviewed in March 2024 following the publication of the statutory Code. The "
    "review looked at every stage of the process, the wording of our acknowledgement and response "
    "letters, and the information we publish on our website about how to complain.",
    "Training on the revised policy was delivered to all complaint handling staff in April and May "
    "2024, and the content has been added to the induction programme for new starters so that the "
    "expectations of the Code are understood across the organisation.",
    "Performance against the timescales in the Code is reported to the senior leadership team each "
    "month and to the governing body each quarter, with the learning from upheld complaints and the "
    "actions taken as a result.",
    "Where we have not met the timescales we contact the resident to explain why, agree a new date "
    "and give the Ombudsman's contact details so that the resident can ask for help at any time.",
]

# name -> style. `src` is a gold file in fixtures/pdf/src/ or fixtures/gold/.
FIXTURES = [
    dict(name="pdf_ruled_portrait_tagged", src="src_2024_stevenage", borders="all", landscape=False,
         font_pt=10, tagged=True, repeat_header=True, header_footer=True, long_cell="1.6"),
    dict(name="pdf_unruled_landscape", src="src_2024_stevenage", borders="none", landscape=True,
         font_pt=9, tagged=False, repeat_header=True, header_footer=True),
    dict(name="pdf_ruled_landscape_rag", src="src_2024_luton_rag", borders="all", landscape=True,
         font_pt=11, tagged=True, repeat_header=True, rag=True, header_footer=False),
    dict(name="pdf_ruled_2022_merged", src="src_2022_scamb", borders="all", landscape=False,
         font_pt=10, tagged=False, repeat_header=True, merged=True, header_footer=True,
         landlord="South Cambridgeshire District Council"),
    dict(name="pdf_unruled_ticks_missing_number", src="src_2024_luton_rag", borders="none",
         landscape=False, font_pt=10, tagged=True, repeat_header=False, ticks=True,
         drop_number=["2.3"], header_footer=True),
    dict(name="pdf_hrules_portrait_9pt", src="src_2022_scamb", borders="horizontal", landscape=False,
         font_pt=9, tagged=False, repeat_header=True, merged=True, header_footer=False,
         drop_number=["1.8"], landlord="South Cambridgeshire District Council"),
    # Whole seed forms, from their hand-checked text gold (fixtures/gold/00*.json).
    dict(name="pdf_seed000_ruled_landscape", src="000_6a94297636c6b8f1", borders="all", landscape=True,
         font_pt=10, tagged=False, repeat_header=True, header_footer=True),
    dict(name="pdf_seed004_unruled_11pt", src="004_1686af67d298cf97", borders="none", landscape=False,
         font_pt=11, tagged=False, repeat_header=True, header_footer=True, draft=False),
]


def month_year(date):
    if not date:
        return "2024"
    y, m = date.split("-")
    return f"{MONTHS[int(m) - 1]} {y}"


def para(text, style="P"):
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def cell_xml(text, style, pstyle="P"):
    lines = text.split("\n") if text else [""]
    body = "".join(para(l, pstyle) for l in lines)
    return (f'<table:table-cell table:style-name="{style}" office:value-type="string">'
            f"{body}</table:table-cell>")


def tick(comply):
    return {"yes": "\u2713", "no": "\u2717"}.get(comply, "")


def prepare(fx, gold):
    """The printed form of style `fx`: (expected gold, header cells, relative column widths,
    rows). The expected gold is the source gold with the changes the style makes to what is
    printed. Shared with the producer matrix (scripts/make-pdf-matrix.py)."""
    v2022 = gold.get("code_version") == "2022"
    merged = fx.get("merged", False)
    rag = fx.get("rag", False)
    out = copy.deepcopy(gold)
    out["source"] = fx.get("source", f"fixtures/pdf/{fx['name']}.pdf")
    # What the printed form says, where it differs from the source gold: the 2022 sources'
    # evidence names South Cambridgeshire (links, "South Cambs District Council") though
    # their title does not; seed 004's rendering does not print the word "Draft".
    if fx.get("landlord"):
        out["landlord"] = fx["landlord"]
    if "draft" in fx:
        out["draft"] = fx["draft"]

    if v2022:
        columns = ["Code section", "Code requirement", "Comply: Yes/No",
                   "Evidence, commentary and any explanations"]
        widths = [2.0, 7.0, 2.2, 7.0]
    elif rag:
        columns = ["Code provision", "Code requirement", "Comply: Yes / No", "Evidence",
                   "Commentary / explanation", "RAG rating"]
        widths = [2.0, 6.0, 2.2, 4.5, 4.5, 2.0]
    else:
        columns = ["Code provision", "Code requirement", "Comply: Yes/No", "Evidence",
                   "Commentary/explanation"]
        widths = [2.0, 6.5, 2.2, 4.5, 4.5]
    rows = []
    for r in out["rows"]:
        if fx.get("ticks"):
            r["comply_raw"] = tick(r["comply"])
        if fx.get("long_cell") == r["provision"]:
            r["commentary"] = "\n".join(([r["commentary"]] if r["commentary"] else []) + LONG_COMMENTARY)
        if r["provision"] in fx.get("drop_number", []):
            r["number_in_source"] = False
        if v2022 or merged:
            if r["commentary"]:
                r["evidence"] = (r["evidence"] + "\n" + r["commentary"]).strip("\n")
                r["commentary"] = ""
        if not rag:
            r["rag"] = None
        rows.append(r)
    return out, columns, widths, rows


def render(fx, gold):
    """Return (fodt xml, expected gold)."""
    out, columns, widths, rows = prepare(fx, gold)
    v2022 = gold.get("code_version") == "2022"
    merged = fx.get("merged", False)
    rag = fx.get("rag", False)
    landscape = fx["landscape"]
    borders = fx["borders"]
    pt = fx["font_pt"]
    page_w, page_h = (29.7, 21.0) if landscape else (21.0, 29.7)
    usable = page_w - 4.0
    scale = usable / sum(widths)
    widths = [w * scale for w in widths]

    if borders == "all":
        cell_border = 'fo:border="0.5pt solid #000000"'
    elif borders == "horizontal":
        cell_border = 'fo:border-top="0.5pt solid #000000" fo:border-bottom="0.5pt solid #000000" fo:border-left="none" fo:border-right="none"'
    else:
        cell_border = 'fo:border="none"'

    styles = f"""
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="{page_w}cm" fo:page-height="{page_h}cm"
     style:print-orientation="{'landscape' if landscape else 'portrait'}"
     fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Tbl" style:family="table">
   <style:table-properties style:width="{usable:.2f}cm" table:align="left" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/>
  </style:style>
"""
    for i, w in enumerate(widths):
        styles += (f'  <style:style style:name="Col{i}" style:family="table-column">'
                   f'<style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>\n')
    styles += f"""
  <style:style style:name="Cell" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm" {cell_border}/>
  </style:style>
  <style:style style:name="HCell" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm" fo:background-color="#d9e2f3" {cell_border}/>
  </style:style>
  <style:style style:name="Row" style:family="table-row">
   <style:table-row-properties fo:keep-together="auto"/>
  </style:style>
  <style:style style:name="P" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm"/>
   <style:text-properties fo:font-size="{pt}pt"/>
  </style:style>
  <style:style style:name="PH" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
   <style:text-properties fo:font-size="{pt}pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.3cm"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="H1" style:family="paragraph" style:default-outline-level="1">
   <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="H2" style:family="paragraph" style:default-outline-level="2">
   <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="11pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="HF" style:family="paragraph">
   <style:text-properties fo:font-size="8pt" fo:color="#555555"/>
  </style:style>
"""
    landlord = gold.get("landlord")
    title = f"{landlord + ' ' if landlord else ''}Self-assessment form – {month_year(gold.get('document_date'))}"
    master = '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
    if fx.get("header_footer"):
        master += (f'<style:header><text:p text:style-name="HF">{escape(landlord or "Complaint handling")}'
                   f' – Complaint Handling Code self-assessment</text:p></style:header>'
                   '<style:footer><text:p text:style-name="HF">Page <text:page-number text:select-page="current">1'
                   '</text:page-number></text:p></style:footer>')
    master += "</style:master-page>"

    body = [para(title, "Title")] + [para(t) for t in INTRO]
    sections = SECTIONS_2022 if v2022 else SECTIONS_2024
    table_n = 0

    def header_row():
        cells = "".join(cell_xml(c, "HCell", "PH") for c in columns)
        row = f'<table:table-row table:style-name="Row">{cells}</table:table-row>'
        if fx.get("repeat_header"):
            return f"<table:table-header-rows>{row}</table:table-header-rows>"
        return row

    current = None  # (section, kind)
    open_table = False
    for r in rows:
        sec = int(r["provision"].split(".")[0])
        kind = r.get("requirement_kind") if v2022 else None
        if (sec, kind) != current:
            if open_table:
                body.append("</table:table>")
            if current is None or current[0] != sec:
                sep = " - " if v2022 else ": "
                body.append(para(f"Section {sec}{sep}{sections.get(sec, '')}", "H1"))
            if v2022:
                body.append(para("Mandatory 'must' requirements" if kind == "must"
                                 else "Best practice 'should' requirements", "H2"))
            if not v2022 and r["provision"] == "6.1":
                body.append(para("Stage 1", "H2"))
            table_n += 1
            cols = "".join(f'<table:table-column table:style-name="Col{i}"/>' for i in range(len(columns)))
            body.append(f'<table:table table:name="Table{table_n}" table:style-name="Tbl">{cols}{header_row()}')
            open_table = True
            current = (sec, kind)
        cells = [r["provision"] if r["number_in_source"] else "", r["requirement"], r["comply_raw"]]
        if v2022 or merged:
            cells.append(r["evidence"])
        else:
            cells += [r["evidence"], r["commentary"]]
        if rag:
            cells.append((r["rag"] or "").capitalize())
        body.append('<table:table-row table:style-name="Row">' + "".join(cell_xml(c, "Cell") for c in cells)
                    + "</table:table-row>")
    if open_table:
        body.append("</table:table>")

    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="{pt}pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>{styles}</office:automatic-styles>
 <office:master-styles>{master}</office:master-styles>
 <office:body><office:text>
{chr(10).join(body)}
 </office:text></office:body>
</office:document>
"""
    return xml, out


def find_src(name):
    for d in (SRC_DIR, GOLD_DIR):
        p = os.path.join(d, name + ".json")
        if os.path.exists(p):
            return p
    raise SystemExit(f"source gold {name}.json not found in {SRC_DIR} or {GOLD_DIR}")


def soffice_convert(soffice, fodt, outdir, target):
    """Convert `fodt` with LibreOffice to `target` (a --convert-to filter string), with a
    throw-away user profile so parallel or repeated runs never share state."""
    profile = tempfile.mkdtemp(prefix="chc-lo-profile-")
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", outdir, fodt],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def convert(soffice, fodt, outdir, tagged):
    opts = '{"UseTaggedPDF":{"type":"boolean","value":"%s"},"ExportBookmarks":{"type":"boolean","value":"false"}}' % (
        "true" if tagged else "false")
    soffice_convert(soffice, fodt, outdir, f"pdf:writer_pdf_Export:{opts}")


def publish(name, ext, xml, expected, tmp, out_dir, keep_fodt, convert_to):
    """Write `xml` as <name>.fodt in `tmp`, turn it into <name>.<ext> with
    `convert_to(fodt, tmp)`, copy that to `out_dir`, and write the expected document as
    fixtures/gold/<name>.json. Shared with make-docx-fixtures.sh."""
    fodt = os.path.join(tmp, name + ".fodt")
    with open(fodt, "w", encoding="utf-8") as f:
        f.write(xml)
    if keep_fodt:
        shutil.copy(fodt, out_dir)
    convert_to(fodt, tmp)
    made = os.path.join(tmp, f"{name}.{ext}")
    if not os.path.exists(made):
        raise SystemExit(f"LibreOffice did not write {made}")
    shutil.copy(made, os.path.join(out_dir, f"{name}.{ext}"))
    with open(os.path.join(GOLD_DIR, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")
    size = os.path.getsize(os.path.join(out_dir, f"{name}.{ext}"))
    print(f"{name}.{ext}  {size // 1024} KB  {len(expected['rows'])} rows")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--keep-fodt", action="store_true", help="also write the .fodt next to the PDF")
    args = ap.parse_args()
    os.makedirs(PDF_DIR, exist_ok=True)
    os.makedirs(GOLD_DIR, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chc-fixtures-") as tmp:
        for fx in FIXTURES:
            if args.only and fx["name"] not in args.only:
                continue
            with open(find_src(fx["src"]), encoding="utf-8") as f:
                gold = json.load(f)
            xml, expected = render(fx, gold)
            tagged = fx.get("tagged", False)
            publish(fx["name"], "pdf", xml, expected, tmp, PDF_DIR, args.keep_fodt,
                    lambda fodt, outdir: convert(args.soffice, fodt, outdir, tagged))


if __name__ == "__main__":
    sys.exit(main())
