#!/usr/bin/env python3
"""Render gold files as council-website pages (fixtures/html/), like the PDF fixtures:
the expected output of each page is the gold it was rendered from.

    python3 scripts/make-html-fixtures.py
"""
import html
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = [
    # (output stem, source gold, title, section headings inside the table as spanning rows)
    ("stevenage_webpage", "000_6a94297636c6b8f1", "Stevenage Borough Council Self-assessment form – April 2024", True),
]
SECTIONS_2024 = {
    "1": "Definition of a complaint", "2": "Exclusions", "3": "Accessibility and awareness",
    "4": "Complaint handling staff", "5": "The complaint handling process", "6": "Complaints stages",
    "7": "Putting things right", "8": "Self-assessment, reporting and compliance",
    "9": "Scrutiny & oversight: continuous learning and improvement",
}


def cell(text):
    paras = [html.escape(p) for p in text.split("\n") if p]
    return "".join(f"<p>{p}</p>" for p in paras)


for stem, source, title, spanning in PAGES:
    gold = json.loads((ROOT / "fixtures/gold" / f"{source}.json").read_text())
    rows, section = [], None
    for r in gold["rows"]:
        s = r["provision"].split(".")[0]
        if spanning and s != section:
            section = s
            rows.append(f'<tr class="section"><td colspan="5"><strong>Section {s}: {html.escape(SECTIONS_2024[s])}</strong></td></tr>')
        rows.append(
            "<tr>"
            f'<td>{r["provision"] if r["number_in_source"] else ""}</td>'
            f'<td>{cell(r["requirement"])}</td><td>{html.escape(r["comply_raw"])}</td>'
            f'<td>{cell(r["evidence"])}</td><td>{cell(r["commentary"])}</td></tr>'
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>table{{border-collapse:collapse}} td,th{{border:1px solid #999;padding:4px}}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script></head>
<body><a href="#main">Skip to main content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/housing">Housing</a></li><li><a href="/complaints">Complaints</a></li></ul></nav>
<main id="main"><h1>{html.escape(title)}</h1>
<p>This page sets out our self-assessment against the Housing Ombudsman's Complaint Handling Code.</p>
<table>
<thead><tr><th>Code provision</th><th>Code requirement</th><th>Comply: Yes/No</th><th>Evidence</th><th>Commentary/explanation</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></main>
<footer><p>&copy; Council 2024. <a href="/accessibility">Accessibility statement</a></p></footer></body></html>
"""
    out = ROOT / "fixtures/html" / f"{stem}.html"
    out.write_text(page)
    g = dict(gold)
    g["source"] = f"fixtures/html/{stem}.html"
    (ROOT / "fixtures/gold" / f"{stem}.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out.relative_to(ROOT)} ({len(gold['rows'])} rows)")
