#!/usr/bin/env python3
"""Word and OpenDocument forms as councils fill them in (fixtures/docx/, fixtures/odt/) and
their gold (fixtures/gold/), made from data like the HTML fixtures: the expected rows are the
rows each file was written from. Rows, evidence and the Code's wording come from
scripts/make-html-fixtures.py (imported, not copied).

    scripts/make-word-form-fixtures.py            # installs python-docx and LibreOffice when missing

Two writers, so the reader meets both dialects:
- python-docx (`docx_larkfield_checkboxes`): the WordprocessingML Word itself writes for a
  filled-in form, added to python-docx's document where it has no API: content-control
  check boxes (`w14:checkbox`), legacy form check boxes (`FORMCHECKBOX` fields), Wingdings
  check boxes (`w:sym`), drop-down content controls, a placeholder content control, tracked
  changes (`w:del`/`w:ins`), hyperlinks, complex fields (PAGEREF, PAGE), section titles merged
  across the table, a comply and evidence cell merged down over two provisions (`vMerge`), a
  repeated header row (`w:tblHeader`), a running header and footer;
- LibreOffice (`docx_marshbrook_libreoffice`, `odt_marshbrook_libreoffice`): one flat ODT
  converted by `soffice` to DOCX and to ODT: a "Section" column merged down
  (`number-rows-spanned` → `vMerge`), a title row merged across the table, repeated header
  rows, a footnote, a running header and footer with a page-number field, a hyperlink, a
  tracked deletion and insertion, ☒/☐ typed as text.
"""
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("html_fixtures", ROOT / "scripts" / "make-html-fixtures.py")
hf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hf)

DOCX_DIR = ROOT / "fixtures/docx"
ODT_DIR = ROOT / "fixtures/odt"


def ensure_tools():
    try:
        import docx  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "python-docx"])
    if not shutil.which("soffice"):
        subprocess.check_call(["bash", "-c", ". scripts/lib/ensure-libreoffice.sh"], cwd=ROOT)


def write_gold(stem, source, ll, rows):
    hf.write_gold(stem, source, {"landlord": ll["name"], "document_date": hf.document_date(ll["updated"])}, rows)


# ---------------------------------------------------------------------------------------
# python-docx: Word's own markup for filled-in forms.

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NSDECL = f'xmlns:w="{W}" xmlns:w14="{W14}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

LARKFIELD = hf.landlord(
    "docx_larkfield_checkboxes", "Larkfield Borough Council", "larkfield.gov.uk",
    "Complaint Handling Code self-assessment", "Approved by Cabinet on 12 March 2025", "January 2025", "September 2025", 13,
    [("1.2", "Yes"), ("1.3", "Yes"), ("1.5", "No"), ("2.1", "Yes"), ("2.3", "Yes"), ("3.1", "No"), ("3.4", "Yes"),
     ("4.1", "Yes"), ("5.1", "Yes"), ("5.6", "Yes"), ("6.3", "Yes"), ("6.4", "Yes"), ("6.14", "No"), ("7.1", "Yes"),
     ("8.1", "Yes"), ("9.4", "Yes")],
    "word", "Town Hall, Larkfield LK1 1TH")


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def w14_box(ticked):
    glyph = "\u2612" if ticked else "\u2610"
    return (f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{1 if ticked else 0}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')


def legacy_box(ticked, n):
    checked = "<w:checked/>" if ticked else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check{n}"/><w:enabled/><w:calcOnExit w:val="0"/>'
            f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/>{checked}</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sym_box(ticked):
    return f'<w:r><w:sym w:font="Wingdings" w:char="{"F0FE" if ticked else "F0A8"}"/></w:r>'


def dropdown(value):
    items = "".join(f'<w:listItem w:displayText="{v}" w:value="{v}"/>' for v in ("Yes", "No", "Partially"))
    return (f'<w:sdt><w:sdtPr><w:alias w:val="Comply"/><w:tag w:val="comply"/><w:dropDownList><w:listItem w:displayText="Choose an item." w:value=""/>{items}'
            f'</w:dropDownList></w:sdtPr><w:sdtContent>{run(value)}</w:sdtContent></w:sdt>')


def placeholder():
    return ('<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
            '<w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>')


def comply_cell(comply, raw_word, k):
    """(markup of the comply paragraph, what it prints) for row `k`: five ways Word forms
    hold an answer."""
    yes, no = comply == "yes", comply == "no"
    box = {True: "\u2612", False: "\u2610"}
    style = k % 5
    if style == 0:
        return run("Yes ") + w14_box(yes) + run(" No ") + w14_box(no), f"Yes {box[yes]} No {box[no]}"
    if style == 1:
        return legacy_box(yes, 2 * k) + run(" Yes ") + legacy_box(no, 2 * k + 1) + run(" No"), f"{box[yes]} Yes {box[no]} No"
    if style == 2:
        tick = {True: "\u2611", False: "\u2610"}
        return run("Yes ") + sym_box(yes) + run(" No ") + sym_box(no), f"Yes {tick[yes]} No {tick[no]}"
    if style == 3:
        return dropdown(raw_word), raw_word
    return w14_box(yes) + run(" Yes ") + w14_box(no) + run(" No"), f"{box[yes]} Yes {box[no]} No"


def evidence_paragraphs(text, k, hyperlink_rid):
    """Evidence markup for row `k`, printing `text` (plus what the markup adds, returned)."""
    lines = text.split("\n")
    paras = [f"<w:p>{run(l)}</w:p>" for l in lines]
    printed = list(lines)
    if k % 4 == 0:
        # A hyperlink whose display text is the address.
        paras.append(f'<w:p>{run("Online: ")}<w:hyperlink r:id="{hyperlink_rid}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
                     f'<w:t>www.larkfield.gov.uk/complaints</w:t></w:r></w:hyperlink></w:p>')
        printed.append("Online: www.larkfield.gov.uk/complaints")
    if k % 4 == 1:
        # A cross-reference field: its code never shows, its result does.
        paras.append(f'<w:p>{run("See appendix 2 on page ")}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Ref1 \\h </w:instrText></w:r>'
                     f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run("14")}<w:r><w:fldChar w:fldCharType="end"/></w:r>{run(".")}</w:p>')
        printed.append("See appendix 2 on page 14.")
    if k % 4 == 2:
        # A tracked change: the deleted date never shows, the inserted one does.
        paras.append(f'<w:p>{run("Last reviewed in ")}<w:del w:id="{100 + k}" w:author="Complaints Team" w:date="2025-03-01T10:00:00Z"><w:r><w:delText>December 2024</w:delText></w:r></w:del>'
                     f'<w:ins w:id="{200 + k}" w:author="Complaints Team" w:date="2025-03-01T10:00:00Z">{run("February 2025")}</w:ins>{run(".")}</w:p>')
        printed.append("Last reviewed in February 2025.")
    return "".join(paras), "\n".join(printed)


def make_larkfield():
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.shared import Pt

    ll = LARKFIELD
    rows = hf.rows_for(ll)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{ll['name']} \u2013 Complaint Handling Code self-assessment"
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:r {NSDECL}><w:t xml:space="preserve">Page </w:t></w:r>'))
    for x in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>', '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
              '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r {ns}><w:t>1</w:t></w:r>', '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        footer._p.append(parse_xml(x.format(ns=NSDECL)))
    doc.add_heading(ll["name"], level=1)
    doc.add_heading(ll["title"], level=2)
    doc.add_paragraph(ll["updated"] + ".")
    doc.add_paragraph(ll["intro"])
    rid = doc.part.relate_to("https://www.larkfield.gov.uk/complaints", RT.HYPERLINK, is_external=True)

    headers = ["Code provision", "Code requirement", "Comply", "Evidence", "Commentary"]
    sections = hf.by_section(rows)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for c, h in zip(table.rows[0].cells, headers):
        c.text = h
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {NSDECL}/>'))
    k = 0
    gold_rows = []
    merged_pair = ("6.3", "6.4")
    for s, rs in sections:
        title = table.add_row()
        title.cells[0].merge(title.cells[4])
        title.cells[0].text = f"Section {s}: {hf.SECTIONS_2024[s]}"
        for r in rs:
            row = table.add_row()
            cells = row.cells
            cells[0].text = r["provision"]
            for i, para in enumerate(r["requirement"].split("\n")):
                (cells[1].paragraphs[0] if i == 0 else cells[1].add_paragraph()).add_run(para)
            markup, printed = comply_cell(r["comply"], r["comply_raw"], k)
            cp = cells[2].paragraphs[0]._p
            for el in parse_xml(f'<w:p {NSDECL}>{markup}</w:p>'):
                cp.append(el)
            ev_markup, ev_printed = evidence_paragraphs(r["evidence"], k, rid)
            tc = cells[3]._tc
            tc.remove(tc.p_lst[0])
            for el in parse_xml(f'<w:tc {NSDECL}>{ev_markup}</w:tc>'):
                tc.append(el)
            if r["commentary"]:
                cells[4].text = r["commentary"]
            else:
                cp = cells[4].paragraphs[0]._p
                cp.append(parse_xml(placeholder().replace("<w:sdt>", f"<w:sdt {NSDECL}>", 1)))
            gold = dict(r, comply_raw=printed, evidence=ev_printed)
            gold_rows.append(gold)
            k += 1
    # 6.4 shares 6.3's comply answer and evidence: both cells merged down over the two rows.
    trs = table.rows
    idx = {t.cells[0].text: i for i, t in enumerate(trs)}
    a, b = idx[merged_pair[0]], idx[merged_pair[1]]
    for col in (2, 3):
        top = trs[a].cells[col]
        bottom = trs[b].cells[col]
        for p in list(bottom._tc.p_lst):
            bottom._tc.remove(p)
        bottom._tc.append(parse_xml(f'<w:p {NSDECL}/>'))
        top.merge(bottom)
    first = next(g for g in gold_rows if g["provision"] == merged_pair[0])
    second = next(g for g in gold_rows if g["provision"] == merged_pair[1])
    second["comply"], second["comply_raw"], second["evidence"] = first["comply"], first["comply_raw"], first["evidence"]
    doc.add_paragraph("Signed: Head of Customer Services")
    out = DOCX_DIR / f"{ll['slug']}.docx"
    doc.save(out)
    write_gold(ll["slug"], f"fixtures/docx/{ll['slug']}.docx", ll, gold_rows)
    print(f"wrote {out.relative_to(ROOT)} ({len(gold_rows)} rows)")


# ---------------------------------------------------------------------------------------
# LibreOffice: one flat ODT, converted to DOCX and to ODT.

MARSHBROOK = hf.landlord(
    "marshbrook_libreoffice", "Marshbrook Homes", "marshbrookhomes.org.uk",
    "Complaint Handling Code: our self-assessment", "Reviewed by the Board on 27 February 2025", "December 2024", "August 2025", 14,
    [("1.2", "Yes"), ("1.4", "Yes"), ("1.6", "No"), ("2.2", "Yes"), ("2.5", "Yes"), ("3.2", "Yes"), ("3.7", "Yes"),
     ("5.2", "Yes"), ("5.10", "No"), ("5.13", "Yes"), ("6.1", "Yes"), ("6.9", "Yes"), ("6.17", "Yes"), ("7.2", "Yes"),
     ("9.1", "Yes"), ("9.8", "No")],
    "libreoffice", "Marsh House, Quay Street, Marshbrook MB4 2QS")

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="9pt"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="25cm" table:align="margins"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin="1.5cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Standard">{name} &#8211; Complaint Handling Code self-assessment</text:p></style:header>
  <style:footer><text:p text:style-name="Standard">Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Complaints Team</dc:creator><dc:date>2025-02-01T10:00:00</dc:date></office:change-info><text:p>October 2024</text:p></text:deletion></text:changed-region>
 <text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Complaints Team</dc:creator><dc:date>2025-02-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>
"""


def cell(text, attrs=""):
    paras = "".join(f'<text:p text:style-name="Standard">{escape(p)}</text:p>' for p in text.split("\n")) if text else '<text:p text:style-name="Standard"/>'
    return f'<table:table-cell table:style-name="Cell" office:value-type="string"{attrs}>{paras}</table:table-cell>'


def make_marshbrook(soffice):
    ll = MARSHBROOK
    rows = hf.rows_for(ll)
    box = {True: "\u2612", False: "\u2610"}
    body = [FODT_HEAD.format(name=escape(ll["name"]))]
    body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(ll["name"])}</text:h>')
    body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{escape(ll["title"])}</text:h>')
    body.append(f'<text:p text:style-name="Standard">{escape(ll["updated"])}.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                '<text:note-body><text:p text:style-name="Standard">Minutes of the Board meeting are on our website.</text:p></text:note-body></text:note></text:p>')
    body.append(f'<text:p text:style-name="Standard">{escape(ll["intro"])} Our complaints policy is at '
                '<text:a xlink:type="simple" xlink:href="https://www.marshbrookhomes.org.uk/complaints">www.marshbrookhomes.org.uk/complaints</text:a>.</text:p>')
    cols = ["Section", "Code provision", "Code requirement", "Comply", "Evidence", "Commentary"]
    body.append('<table:table table:name="SelfAssessment" table:style-name="Tbl">')
    body.append(f'<table:table-column table:number-columns-repeated="{len(cols)}"/>')
    body.append("<table:table-header-rows>")
    across = f' table:number-columns-spanned="{len(cols)}"'
    body.append(f'<table:table-row>{cell("Marshbrook Homes self-assessment, 2024/25", across)}'
                + "<table:covered-table-cell/>" * (len(cols) - 1) + "</table:table-row>")
    body.append("<table:table-row>" + "".join(cell(c) for c in cols) + "</table:table-row>")
    body.append("</table:table-header-rows>")
    gold_rows = []
    for k, (s, rs) in enumerate(hf.by_section(rows)):
        for i, r in enumerate(rs):
            yes, no = r["comply"] == "yes", r["comply"] == "no"
            raw = f"Yes {box[yes]} No {box[no]}"
            evidence = r["evidence"]
            ev_cell = cell(evidence)
            if r["provision"] == "5.2":
                # A tracked change in the evidence: the deletion never shows, the insertion does.
                ev_cell = ('<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="Standard">'
                           f'{escape(evidence)} Reviewed in <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>January 2025<text:change-end text:change-id="ct2"/>.</text:p></table:table-cell>')
                evidence = f"{evidence} Reviewed in January 2025."
            section = (cell(f"{s}. {hf.SECTIONS_2024[s]}", f' table:number-rows-spanned="{len(rs)}"') if i == 0 else "<table:covered-table-cell/>")
            body.append("<table:table-row>" + section + cell(r["provision"]) + cell(r["requirement"]) + cell(raw) + ev_cell + cell(r["commentary"]) + "</table:table-row>")
            gold_rows.append(dict(r, comply_raw=raw, evidence=evidence))
    body.append("</table:table>")
    body.append('<text:p text:style-name="Standard">Signed on behalf of the Board.</text:p>')
    body.append("</office:text></office:body></office:document>\n")
    with tempfile.TemporaryDirectory(prefix="chc-word-fixtures-") as tmp:
        fodt = pathlib.Path(tmp) / f"{ll['slug']}.fodt"
        fodt.write_text("\n".join(body), encoding="utf-8")
        for fmt, folder, ext in (("docx:MS Word 2007 XML", DOCX_DIR, "docx"), ("odt", ODT_DIR, "odt")):
            folder.mkdir(parents=True, exist_ok=True)
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", fmt, "--outdir", tmp, str(fodt)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
            stem = f"{ext}_{ll['slug']}"
            shutil.copy(pathlib.Path(tmp) / f"{ll['slug']}.{ext}", folder / f"{stem}.{ext}")
            write_gold(stem, f"fixtures/{ext}/{stem}.{ext}", ll, gold_rows)
            print(f"wrote fixtures/{ext}/{stem}.{ext} ({len(gold_rows)} rows)")


def main():
    os.chdir(ROOT)
    ensure_tools()
    DOCX_DIR.mkdir(parents=True, exist_ok=True)
    make_larkfield()
    make_marshbrook(shutil.which("soffice") or "soffice")


if __name__ == "__main__":
    main()
