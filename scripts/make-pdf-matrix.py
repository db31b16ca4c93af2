#!/usr/bin/env python3
"""The producer matrix: the same hand-checked forms printed by several PDF writers.

Each style (STYLES) is one source gold printed one way; each writer (WRITERS) prints every
style, so a style's gold is shared by all writers (only `source` differs). Writers:

- chromium:    HTML through headless Chromium's print-to-pdf (Skia; Chrome/Edge "Save as PDF",
               Google Docs downloads): Type0/Identity-H fonts, borders as filled rectangles,
               tagged structure tree.
- weasyprint:  HTML through WeasyPrint (CMS and report HTML-to-PDF).
- wkhtmltopdf: HTML through Qt WebKit (PHP/Django report systems, document-management exports).
- libreoffice: HTML opened in LibreOffice Writer and exported (LibreOffice, the writer the older
               fixtures all came from).
- reportlab:   the same form built as a ReportLab platypus table (report generators): standard 14
               fonts without embedded programs, a TrueType subset for the check boxes, lines
               stroked per cell edge.
- ghostscript: the WeasyPrint file re-distilled by Ghostscript pdfwrite (print-to-PDF drivers
               and document-management systems that re-distil everything): fonts and
               content streams rewritten. (Re-distilling the Chromium file would be the
               closer story, but Ghostscript 10.0 writes a wrong ToUnicode map for Chromium's
               check-box font subset, ☐/☑ reading as "6"/"7" in every extractor.)

Usage: scripts/make-pdf-matrix.py [--only STYLE_OR_WRITER ...]
Normally run through scripts/make-pdf-matrix.sh, which installs the writers when missing.
"""

import argparse
import copy
import html
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("make_pdf_fixtures", os.path.join(ROOT, "scripts", "make-pdf-fixtures.py"))
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)

OUT_DIR = os.path.join(ROOT, "fixtures", "pdf", "matrix")
GOLD_DIR = mk.GOLD_DIR

# Check-box styles for the comply cell: the printed text for a yes and for a no.
CHECKBOXES = {
    "cross": ("Yes \u2612 No \u2610", "Yes \u2610 No \u2612"),  # Yes ☒ No ☐
    "ballot": ("\u2611 Yes \u2610 No", "\u2610 Yes \u2611 No"),  # ☑ Yes ☐ No
}

LIST_ITEMS = [
    "acknowledgement within five working days",
    "a stage 1 response within ten working days",
    "a stage 2 response within twenty working days",
]

STYLES = [
    # Seed 000 (72 rows) in one long ruled table: section title rows spanning the table,
    # "Stage 1"/"Stage 2" sub-heading rows, shaded header and section rows, header on two
    # lines repeated on every page, rows split across pages, check boxes in the comply cell,
    # a cell with several paragraphs and a bullet list.
    dict(style="ruled", src="000_6a94297636c6b8f1", borders="all", landscape=False, font_pt=10,
         one_table=True, repeat_header=True, two_line_header=True, checkbox="cross",
         long_cell="1.6", answer_no=["1.5", "3.4", "5.9", "6.12", "9.3"]),
    # Luton's rows with a RAG column, no borders, landscape, 8.5 pt, one table per section
    # with headings between them, header printed once per table, ballot boxes.
    dict(style="unruled", src="src_2024_luton_rag", borders="none", landscape=True, font_pt=8.5,
         one_table=False, repeat_header=False, rag=True, checkbox="ballot",
         answer_no=["1.4", "2.3", "7.2"]),
    # The 2022 form: horizontal rules only, 11 pt, one long table whose section titles and
    # must/should sub-headings are rows spanning the table, merged evidence column, Yes/No.
    dict(style="hrules", src="src_2022_scamb", borders="horizontal", landscape=False, font_pt=11,
         one_table=True, repeat_header=True, merged=True, landlord="South Cambridgeshire District Council"),
    # Cells aligned to the middle or the bottom of their row (LibreOffice's HTML import, Word
    # and many report templates centre vertically), so a row's number and answer sit level
    # with the middle or the end of its requirement text, not its first line.
    # Seed 001 (72 rows, two without a number) unruled and centred, portrait 9 pt, one long
    # table with section title rows and a repeated header, a long multi-paragraph cell.
    dict(style="centred", src="001_76db0eb272d0a5af", borders="none", landscape=False, font_pt=9,
         one_table=True, repeat_header=True, checkbox="cross", valign="middle", long_cell="3.2",
         answer_no=["3.4", "6.2"]),
    # Seed 004 (72 rows, three without a number, empty evidence cells) unruled and aligned to
    # the bottom, landscape 10 pt, one table per section with headings between them.
    dict(style="bottom", src="004_1686af67d298cf97", borders="none", landscape=True, font_pt=10,
         one_table=False, repeat_header=False, valign="bottom", draft=False),
    # Stevenage's rows ruled and centred, with a RAG-less two-line header, ballot boxes.
    dict(style="ruledmid", src="src_2024_stevenage", borders="all", landscape=False, font_pt=10,
         one_table=True, repeat_header=True, two_line_header=True, checkbox="ballot", valign="middle",
         long_cell="1.6", answer_no=["2.2", "5.3"]),
    # The 2022 form with horizontal rules only, aligned to the bottom, 9 pt.
    dict(style="hbottom", src="src_2022_scamb", borders="horizontal", landscape=False, font_pt=9,
         one_table=True, repeat_header=True, merged=True, valign="bottom",
         landlord="South Cambridgeshire District Council"),
]

WRITERS = ["chromium", "weasyprint", "wkhtmltopdf", "libreoffice", "reportlab", "ghostscript"]


def stem(style, writer):
    return f"mx_{style['style']}_{writer}"


def form(style, gold):
    """(expected gold, header cells, relative widths, table lines). A table line is
    ("title", text) for a row spanning the table or ("row", cells)."""
    fx = dict(style, name="")
    expected, columns, widths, rows = mk.prepare(fx, gold)
    v2022 = gold.get("code_version") == "2022"
    box = CHECKBOXES.get(style.get("checkbox"))
    for r in rows:
        if r["provision"] in style.get("answer_no", []):
            r["comply"] = "no"
            r["comply_raw"] = "No"
        if box:
            r["comply_raw"] = box[0] if r["comply"] == "yes" else box[1] if r["comply"] == "no" else r["comply_raw"]
        if style.get("long_cell") == r["provision"]:
            r["commentary"] += "\n" + "\n".join("\u2022 " + i for i in LIST_ITEMS)
    sections = mk.SECTIONS_2022 if v2022 else mk.SECTIONS_2024
    lines = []
    current = None
    for r in rows:
        sec = int(r["provision"].split(".")[0])
        kind = r.get("requirement_kind") if v2022 else None
        if (sec, kind) != current:
            if current is None or current[0] != sec:
                sep = " - " if v2022 else ": "
                lines.append(("section", f"Section {sec}{sep}{sections.get(sec, '')}"))
            if v2022:
                lines.append(("sub", "Mandatory 'must' requirements" if kind == "must"
                              else "Best practice 'should' requirements"))
            current = (sec, kind)
        if not v2022 and r["provision"] in ("6.1", "6.10") and sec == 6:
            lines.append(("sub", "Stage 1" if r["provision"] == "6.1" else "Stage 2"))
        cells = [r["provision"] if r["number_in_source"] else "", r["requirement"], r["comply_raw"]]
        if v2022 or style.get("merged"):
            cells.append(r["evidence"])
        else:
            cells += [r["evidence"], r["commentary"]]
        if style.get("rag"):
            cells.append((r["rag"] or "").capitalize())
        lines.append(("row", cells))
    return expected, columns, widths, lines


def title_of(gold):
    landlord = gold.get("landlord")
    return f"{landlord + ' ' if landlord else ''}Self-assessment form \u2013 {mk.month_year(gold.get('document_date'))}"


# ---------------------------------------------------------------------------------------
# HTML (Chromium, WeasyPrint, wkhtmltopdf, LibreOffice)

def cell_html(text):
    """A cell's text as HTML: lines starting with a bullet become a list, others paragraphs."""
    out, items = [], []
    for line in (text.split("\n") if text else []):
        if line.startswith("\u2022 "):
            items.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{html.escape(line)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def to_html(style, gold, columns, widths, lines):
    pt = style["font_pt"]
    valign = style.get("valign", "top")
    borders = style["borders"]
    border = {"all": "border: 0.75pt solid #000;",
              "horizontal": "border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000;",
              "none": ""}[borders]
    n = len(columns)
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
    head_cells = []
    for c in columns:
        text = html.escape(c)
        if style.get("two_line_header") and c.startswith("Comply:"):
            text = text.replace(": ", ":<br>", 1)
        head_cells.append(f'<th valign="top" bgcolor="#d9e2f3">{text}</th>')
    head = "<tr>" + "".join(head_cells) + "</tr>"

    # The same borders as HTML attributes too: LibreOffice's HTML import reads these, not CSS.
    attrs = {"all": 'border="1" cellspacing="0"', "horizontal": 'frame="hsides" rules="rows" cellspacing="0"',
             "none": 'border="0" cellspacing="0"'}[borders]

    def open_table():
        t = f"<table {attrs}><colgroup>{cols}</colgroup>"
        return t + (f"<thead>{head}</thead><tbody>" if style.get("repeat_header") else f"<tbody>{head}")

    # LibreOffice's HTML import drops the body's first paragraph: an empty one goes first.
    body = ["<p>&nbsp;</p>", f'<p class="title"><b>{html.escape(title_of(gold))}</b></p>'] + [f"<p>{html.escape(t)}</p>" for t in mk.INTRO]
    if style.get("one_table"):
        body.append(open_table())
        for kind, item in lines:
            if kind == "row":
                body.append("<tr>" + "".join(f'<td valign="{valign}">{cell_html(c)}</td>' for c in item) + "</tr>")
            else:
                shade = ' bgcolor="#e7e6e6"' if kind == "section" else ""
                body.append(f'<tr class="{kind}"><td colspan="{n}"{shade}>{html.escape(item)}</td></tr>')
        body.append("</tbody></table>")
    else:
        open_ = False
        for kind, item in lines:
            if kind == "row":
                if not open_:
                    body.append(open_table())
                    open_ = True
                body.append("<tr>" + "".join(f'<td valign="{valign}">{cell_html(c)}</td>' for c in item) + "</tr>")
                continue
            if open_:
                body.append("</tbody></table>")
                open_ = False
            tag = "h2" if kind == "section" else "h3"
            body.append(f"<{tag}>{html.escape(item)}</{tag}>")
        if open_:
            body.append("</tbody></table>")
    size = "A4 landscape" if style["landscape"] else "A4 portrait"
    css = f"""
@page {{ size: {size}; margin: 1.2cm 1.5cm; }}
body {{ font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: {pt}pt; margin: 0; }}
p.title {{ font-size: 16pt; margin-bottom: 10pt; }} h2 {{ font-size: 13pt; margin: 10pt 0 4pt 0; }} h3 {{ font-size: 11pt; margin: 6pt 0 3pt 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 8pt; }}
th {{ vertical-align: top; }} td {{ vertical-align: {valign}; }}
th, td {{ text-align: left; padding: 3pt; {border} font-size: {pt}pt; }}
th {{ background: #d9e2f3; font-weight: bold; }}
tr.section td {{ background: #e7e6e6; font-weight: bold; }}
tr.sub td {{ font-weight: bold; font-style: italic; }}
td p {{ margin: 0 0 3pt 0; }}
td ul {{ margin: 0 0 3pt 0; padding-left: 12pt; }}
thead {{ display: table-header-group; }}
"""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title_of(gold))}</title>'
            f"<style>{css}</style></head><body>{''.join(body)}</body></html>")


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, **kw)


def write_chromium(html_path, pdf, tmp):
    profile = tempfile.mkdtemp(prefix="chc-chromium-", dir=tmp)
    run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
         "file://" + html_path])


def write_weasyprint(html_path, pdf, tmp):
    run([sys.executable, "-m", "weasyprint", html_path, pdf])


def write_wkhtmltopdf(html_path, pdf, tmp, landscape):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run(["wkhtmltopdf", "--quiet", "--page-size", "A4", "--orientation", "Landscape" if landscape else "Portrait",
         "--margin-top", "12mm", "--margin-bottom", "12mm", "--margin-left", "15mm", "--margin-right", "15mm",
         "--enable-local-file-access", html_path, pdf], env=env)


def write_libreoffice(html_path, pdf, tmp):
    name = os.path.splitext(os.path.basename(html_path))[0]
    mk.soffice_convert(shutil.which("soffice") or "soffice", html_path, tmp, "pdf:writer_web_pdf_Export")
    shutil.move(os.path.join(tmp, name + ".pdf"), pdf)


def write_ghostscript(source_pdf, pdf):
    run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.7",
         f"-sOutputFile={pdf}", source_pdf])


# ---------------------------------------------------------------------------------------
# ReportLab

def write_reportlab(style, gold, columns, widths, lines, pdf):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    # Check boxes are not in the standard 14 fonts: a TrueType subset for them.
    pdfmetrics.registerFont(TTFont("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pt = style["font_pt"]
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=pt, leading=pt * 1.2, spaceAfter=2)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    item = ParagraphStyle("item", parent=body, leftIndent=10, bulletIndent=2)

    def esc(t):
        return html.escape(t, quote=False)

    def boxes(t):
        return "".join(f'<font name="DejaVuSans">{c}</font>' if c in "\u2610\u2611\u2612" else esc(c) for c in t)

    def cell(text):
        out = []
        for line in (text.split("\n") if text else []):
            if line.startswith("\u2022 "):
                out.append(Paragraph(esc(line[2:]), item, bulletText="\u2022"))
            else:
                out.append(Paragraph(boxes(line), body))
        return out

    page = landscape(A4) if style["landscape"] else A4
    usable = page[0] - 3 * cm
    col_w = [usable * w / sum(widths) for w in widths]
    n = len(columns)
    header = [Paragraph(esc(c).replace(": ", ":<br/>", 1) if style.get("two_line_header") and c.startswith("Comply:") else esc(c), bold)
              for c in columns]
    line_style = {"all": [("GRID", (0, 0), (-1, -1), 0.75, colors.black)],
                  "horizontal": [("LINEABOVE", (0, 0), (-1, -1), 0.75, colors.black),
                                 ("LINEBELOW", (0, 0), (-1, -1), 0.75, colors.black)],
                  "none": []}[style["borders"]]

    def table(rows, titles):
        cmds = [("VALIGN", (0, 0), (-1, 0), "TOP"), ("VALIGN", (0, 1), (-1, -1), style.get("valign", "top").upper()),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9e2f3"))]
        cmds += line_style
        for i, kind in titles:
            cmds.append(("SPAN", (0, i), (-1, i)))
            if kind == "section":
                cmds.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#e7e6e6")))
        return Table(rows, colWidths=col_w, repeatRows=1 if style.get("repeat_header") else 0, style=TableStyle(cmds),
                     splitInRow=1)

    story = [Paragraph(esc(title_of(gold)), ParagraphStyle("t", parent=bold, fontSize=16, leading=20, spaceAfter=8))]
    story += [Paragraph(esc(t), body) for t in mk.INTRO] + [Spacer(1, 6)]
    rows, titles = [header], []
    for kind, it in lines:
        if kind == "row":
            rows.append([cell(c) for c in it])
        elif style.get("one_table"):
            titles.append((len(rows), kind))
            rows.append([Paragraph(esc(it), bold)] + [""] * (n - 1))
        else:
            if len(rows) > 1:
                story += [table(rows, titles), Spacer(1, 6)]
            rows, titles = [header], []
            story.append(Paragraph(esc(it), ParagraphStyle("h", parent=bold, fontSize=13 if kind == "section" else 11,
                                                            leading=16, spaceBefore=6, spaceAfter=4)))
    if len(rows) > 1:
        story.append(table(rows, titles))
    doc = SimpleDocTemplate(pdf, pagesize=page, leftMargin=1.5 * cm, rightMargin=1.5 * cm, topMargin=1.2 * cm,
                            bottomMargin=1.2 * cm, title=title_of(gold))
    doc.build(story)


# ---------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", help="styles and/or writers to make")
    args = ap.parse_args()
    only = set(args.only or [])
    os.makedirs(OUT_DIR, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chc-matrix-") as tmp:
        for style in STYLES:
            if only and style["style"] not in only and not (only & set(WRITERS)):
                continue
            with open(mk.find_src(style["src"]), encoding="utf-8") as f:
                gold = json.load(f)
            expected, columns, widths, lines = form(style, gold)
            html_path = os.path.join(tmp, f"mx_{style['style']}.html")
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(to_html(style, gold, columns, widths, lines))
            for writer in WRITERS:
                if only and writer not in only and (only & set(WRITERS)):
                    continue
                name = stem(style, writer)
                pdf = os.path.join(OUT_DIR, name + ".pdf")
                if writer == "chromium":
                    write_chromium(html_path, pdf, tmp)
                elif writer == "weasyprint":
                    write_weasyprint(html_path, pdf, tmp)
                elif writer == "wkhtmltopdf":
                    write_wkhtmltopdf(html_path, pdf, tmp, style["landscape"])
                elif writer == "libreoffice":
                    write_libreoffice(html_path, pdf, tmp)
                elif writer == "reportlab":
                    write_reportlab(style, gold, columns, widths, lines, pdf)
                elif writer == "ghostscript":
                    source = os.path.join(tmp, name + ".src.pdf")
                    write_weasyprint(html_path, source, tmp)
                    write_ghostscript(source, pdf)
                out = copy.deepcopy(expected)
                out["source"] = os.path.relpath(pdf, ROOT)
                with open(os.path.join(GOLD_DIR, name + ".json"), "w", encoding="utf-8") as f:
                    json.dump(out, f, indent=2, ensure_ascii=False)
                    f.write("\n")
                print(f"{name}.pdf  {os.path.getsize(pdf) // 1024} KB  {len(out['rows'])} rows")


if __name__ == "__main__":
    sys.exit(main())
