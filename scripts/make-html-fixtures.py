#!/usr/bin/env python3
"""Web-page fixtures (fixtures/html/) and their gold (fixtures/gold/), made like the PDF
fixtures: the expected output of each page is the data it was rendered from.

    python3 scripts/make-html-fixtures.py            # every page
    python3 scripts/make-html-fixtures.py NAME...    # some of them

Two kinds of page:
- `stevenage_webpage`: the seed 000 gold rendered as one plain table;
- invented landlords in the shapes council websites use, each with the chrome real pages
  carry (cookie banner, header navigation, breadcrumbs, "Was this page helpful?", share
  links, footer, scripts and comments holding table markup). The Code wording comes from the
  registry (crates/chc-code/data/registry.json); evidence and commentary are written here.

Every shape is listed in SHAPES with what it exercises; fixtures/html/README.md says the same
for readers of the fixtures.
"""
import base64
import html
import json
import pathlib
import quopri
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures/html"
GOLD = ROOT / "fixtures/gold"

SECTIONS_2024 = {
    "1": "Definition of a complaint", "2": "Exclusions", "3": "Accessibility and awareness",
    "4": "Complaint handling staff", "5": "The complaint handling process", "6": "Complaints stages",
    "7": "Putting things right", "8": "Self-assessment, reporting and compliance",
    "9": "Scrutiny & oversight: continuous learning and improvement",
}

REGISTRY = {p["number"]: p for p in json.loads((ROOT / "crates/chc-code/data/registry.json").read_text())["provisions"]
            if p["version"] == "2024"}


def esc(s):
    return html.escape(s, quote=True)


def paras(text, tag="p", attrs=""):
    return "".join(f"<{tag}{attrs}>{esc(p)}</{tag}>" for p in text.split("\n") if p)


def br_lines(text):
    return "<br>".join(esc(p) for p in text.split("\n") if p)


# ---------------------------------------------------------------------------------------
# Evidence and commentary: written for these fixtures, varied per landlord so no two pages
# carry the same words. Each landlord picks its own phrases by provision.

EVIDENCE = {
    "1": ["Our complaints policy (section {s}) uses the Code's definition word for word.",
          "The definition is in the policy at paragraph {s} and on the complaints web page.",
          "Front-line staff were briefed on the definition in team meetings in {m}."],
    "2": ["Section {s} of the policy lists the reasons a complaint may not be accepted.",
          "Exclusions are recorded on the case system with the reason given to the resident.",
          "Each refusal is checked by the complaints officer before the letter is sent."],
    "3": ["Residents can complain by phone, email, web form, letter or in person at our offices.",
          "The policy is published in easy read and large print, and translations are offered.",
          "Every complaint letter includes the Housing Ombudsman's contact details."],
    "4": ["The Customer Resolution Team is our complaints officer function.",
          "Complaint handlers attended the Ombudsman's e-learning modules in {m}.",
          "The complaints lead reports to the Director of Housing every month."],
    "5": ["The single complaints policy was approved by the Board in {m}.",
          "Acknowledgement letters set out our understanding of the complaint and the outcome sought.",
          "Case records hold the complaint, all correspondence and the outcome at each stage.",
          "Our unacceptable behaviour policy was reviewed in {m} and refers to the Equality Act 2010."],
    "6": ["Stage 1 complaints are acknowledged within 5 working days and answered within 10.",
          "Stage 2 reviews are carried out by a manager who was not involved at stage 1.",
          "Response templates cover every point the Code lists for a final response.",
          "Extensions are agreed with the resident and never exceed 10 working days."],
    "7": ["Remedies follow the Ombudsman's remedies guidance and are recorded with the outcome.",
          "Response letters set out what we will do and by when."],
    "8": ["The annual complaints performance report was published on our website in {m}.",
          "The self-assessment was reviewed by the Board and published with its response."],
    "9": ["Complaint themes are reported to the Performance Committee every quarter.",
          "A Board member is the Member Responsible for Complaints.",
          "Every housing officer has an objective on complaint handling in their appraisal."],
}

COMMENTARY = [
    "We will review the wording of the policy at its next review in {m}.",
    "Training for new staff is being added to the induction programme by {m}.",
    "Our case system cannot yet record this; an upgrade is planned for {m}.",
    "Survey wording will be updated before the next perception survey in {m}.",
]


def evidence_for(number, seed, landlord, k):
    """The `k`-th row of its section on this page takes the `k`-th phrase after the
    landlord's own starting point, so rows of one section never share their evidence."""
    bank = EVIDENCE[number.split(".")[0]]
    n = int(number.split(".")[1])
    i = (seed + k) % len(bank)
    first = bank[i].format(s=f"{seed + 2}.{n}", m=landlord["month"])
    # Some evidence runs to two paragraphs, as real forms do.
    if (n + seed) % 3 == 0:
        return first + "\n" + f"See also our {PROCEDURES[(n + seed) % len(PROCEDURES)]} (version {seed}.{n % 4})."
    return first


PROCEDURES = ["complaints procedure", "staff guidance note", "customer charter", "service standards"]


def commentary_for(number, comply, seed, landlord):
    if comply == "yes" and (int(number.split(".")[1]) + seed) % 4 != 1:
        return ""
    if comply == "yes":
        return "No further action needed."
    return COMMENTARY[(int(number.split(".")[1]) + seed) % len(COMMENTARY)].format(m=landlord["target"])


def rows_for(landlord):
    """The gold rows of a landlord's page, in page order."""
    rows, in_section = [], {}
    for number, raw in landlord["rows"]:
        section = number.split(".")[0]
        k = in_section[section] = in_section.get(section, -1) + 1
        comply = {"yes": "yes", "y": "yes", "compliant": "yes", "no": "no", "n": "no", "partial": "partial",
                  "partially": "partial", "partly": "partial", "n/a": "not_applicable"}[raw.lower()]
        rows.append({
            "provision": number,
            "number_in_source": True,
            "requirement_kind": "must",
            "requirement": REGISTRY[number]["text"],
            "comply": comply,
            "comply_raw": raw,
            "evidence": evidence_for(number, landlord["seed"], landlord, k),
            "commentary": commentary_for(number, comply, landlord["seed"], landlord),
            "rag": None,
        })
    # A shape that prints the evidence as a list: the gold keeps the list's bullets, as the
    # clean-up conventions do for every list (docs/gold-format.md).
    if landlord["shape"] in LIST_EVIDENCE_SHAPES:
        for r in rows:
            r["evidence"] = "\n".join(f"• {e}" for e in r["evidence"].split("\n"))
    return rows


# Shapes whose evidence is a `<ul>` of lines.
LIST_EVIDENCE_SHAPES = {"dl_plain"}


def by_section(rows):
    out = []
    for r in rows:
        s = r["provision"].split(".")[0]
        if not out or out[-1][0] != s:
            out.append((s, []))
        out[-1][1].append(r)
    return out


# ---------------------------------------------------------------------------------------
# Page chrome: what every council page carries around the form. None of it may become a
# row, a comply value or a warning.

def site_name(ll, otherwise):
    """The landlord's name where the chrome prints it, or `otherwise` on a page that names
    its landlord only in its footer or a mailto link (`named_only_in`)."""
    return otherwise if ll.get("named_only_in") else esc(ll["name"])


def footer_lines(ll):
    """The footer's last lines: the name and address; on a page named only in its footer, a
    copyright line of its own; on a page named only in a mailto link, the address only."""
    contact = f"{esc(ll['address'])} &middot; Tel 01234&nbsp;567890"
    where = ll.get("named_only_in")
    if where == "footer":
        return f"<p>&copy; 2025 {esc(ll['name'])}. All rights reserved.</p>\n  <p>{contact}</p>"
    if where == "mailto":
        return f"<p>{contact}</p>"
    return f"<p>&copy; {esc(ll['name'])} &middot; {contact}</p>"


def chrome_top(ll):
    return f"""<script>
  // Analytics: the markup in this string is not content.
  var banner = '<table class="x"><tr><td>1.2</td><td>Yes</td><td>Evidence</td></tr></table>';
  window.dataLayer = window.dataLayer || [];
</script>
<style>.cookie-banner{{position:fixed}} td::before{{content:"<td>No</td>"}}</style>
</head>
<body class="page">
<!-- <table><tr><th>Code provision</th><th>Comply</th></tr><tr><td>9.9</td><td>No</td></tr></table> -->
<div class="cookie-banner" id="cookie-banner" role="region" aria-label="Cookies on {site_name(ll, 'this website')}">
  <h2>Cookies on our website</h2>
  <p>We use some essential cookies to make this website work. We would like to set additional cookies to understand how you use the site.</p>
  <button type="button">Accept additional cookies</button> <button type="button">Reject additional cookies</button>
  <a href="/cookies">View cookies</a>
</div>
<a href="#main-content" class="skip-link">Skip to main content</a>
<header class="site-header" role="banner">
  <a href="/" class="logo"><img src="{ll['slug']}_files/logo.svg" alt="{site_name(ll, 'Our')} home page"></a>
  <form role="search" action="/search"><label for="q">Search</label><input id="q" name="q"><button>Search</button></form>
  <nav aria-label="Main menu"><ul><li><a href="/housing">Housing</a></li><li><a href="/council-tax">Council tax</a></li><li><a href="/bins">Bins and recycling</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/housing">Housing</a></li><li><a href="/housing/complaints">Complaints</a></li><li>Self-assessment</li></ol></nav>
<template id="row-template"><tr><td>1.2</td><td>Yes</td></tr></template>
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-XXXX" height="0" width="0" style="display:none"></iframe></noscript>
"""


def chrome_bottom(ll):
    return f"""<div class="share" aria-label="Share this page"><p>Share this page</p><ul><li><a href="https://www.facebook.com/sharer/sharer.php">Facebook</a></li><li><a href="https://twitter.com/intent/tweet">X</a></li><li><a href="mailto:?subject=Self-assessment">Email</a></li></ul></div>
<div class="feedback" id="page-feedback">
  <h2>Was this page helpful?</h2>
  <button type="button">Yes</button> <button type="button">No</button>
  <p hidden>Thank you for your feedback.</p>
</div>
<div aria-hidden="true" class="print-only"><table><tr><td>2.1</td><td>No</td><td>Hidden copy</td></tr></table></div>
<footer class="site-footer" role="contentinfo">
  <ul><li><a href="/accessibility">Accessibility statement</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul>
  {footer_lines(ll)}
</footer>
<script src="{ll['slug']}_files/site.js"></script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"GovernmentOrganization","name":"{site_name(ll, '')}"}}</script>
</body></html>
"""


def page(ll, body):
    """The page around a form. `main=False` pages have no `<main>` (only the chrome rules
    keep the furniture out); `charset` pages declare a legacy charset in a `<meta>` only."""
    charset = ll.get("charset", "utf-8")
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset != "utf-8"
            else '<meta charset="utf-8">')
    open_main, close_main = ('<main id="main-content" class="main">', "</main>") if ll.get("main", True) else ('<div id="content" class="content">', "</div>")
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head>{meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(ll['title'])}{site_name(ll, '') and ' | ' + site_name(ll, '')}</title>
{chrome_top(ll)}{open_main}
<h1>{esc(ll['title'])}</h1>
<p class="meta">{esc(ll['updated'])}</p>
<p>{esc(ll['intro'])}</p>
{ll.get('contact_html', '')}{body}
{close_main}
{chrome_bottom(ll)}"""


# ---------------------------------------------------------------------------------------
# Forms without tables.

def accordion_details(ll, rows):
    """`<details>` per section, `<h3>` per provision, "Do we comply?" paragraphs."""
    out = []
    for s, rs in by_section(rows):
        out.append(f'<details class="accordion"><summary>Section {s}: {esc(SECTIONS_2024[s])}</summary>\n<div class="accordion__body">')
        for r in rs:
            out.append(f'<h3>Provision {r["provision"]}</h3>\n{paras(r["requirement"])}')
            out.append(f'<p><strong>Do we comply?</strong> {esc(r["comply_raw"])}</p>')
            out.append(f'<p><strong>Evidence:</strong> {br_lines(r["evidence"])}</p>')
            if r["commentary"]:
                out.append(f'<p><strong>Commentary:</strong> {esc(r["commentary"])}</p>')
        out.append("</div></details>")
    return "\n".join(out)


GOVUK_BODY = ' class="govuk-body"'


def accordion_govuk(ll, rows):
    """A GOV.UK-style accordion (div sections, a heading button per section); per provision a
    heading, the requirement, then labels and values as separate paragraphs."""
    out = ['<div class="govuk-accordion" data-module="govuk-accordion" id="accordion-sa">']
    for n, (s, rs) in enumerate(by_section(rows), 1):
        out.append(f'''<div class="govuk-accordion__section">
<div class="govuk-accordion__section-header"><h2 class="govuk-accordion__section-heading"><button type="button" class="govuk-accordion__section-button" aria-expanded="false" aria-controls="accordion-sa-content-{n}">Section {s}: {esc(SECTIONS_2024[s])}</button></h2></div>
<div id="accordion-sa-content-{n}" class="govuk-accordion__section-content">''')
        for r in rs:
            out.append(f'<h3 class="govuk-heading-s">Code provision {r["provision"]}</h3>')
            out.append(f'<div class="requirement">{paras(r["requirement"], attrs=GOVUK_BODY)}</div>')
            out.append(f'<p class="govuk-body"><strong>Do we comply?</strong></p>\n<p class="govuk-body">{esc(r["comply_raw"])}</p>')
            out.append(f'<p class="govuk-body"><strong>How we comply</strong></p>\n{paras(r["evidence"], attrs=GOVUK_BODY)}')
            if r["commentary"]:
                out.append(f'<p class="govuk-body"><strong>Comments and actions</strong></p>\n<p class="govuk-body">{esc(r["commentary"])}</p>')
        out.append("</div></div>")
    out.append("</div>")
    return "\n".join(out)


def dl_summary(ll, rows):
    """One `<dl>` per provision, GOV.UK summary-list rows (`<div>` around each dt/dd)."""
    out = []
    for s, rs in by_section(rows):
        out.append(f"<h2>Section {s}: {esc(SECTIONS_2024[s])}</h2>")
        for r in rs:
            items = [("Code provision", esc(r["provision"])), ("Code requirement", paras(r["requirement"])),
                     ("Comply", esc(r["comply_raw"])), ("Evidence", paras(r["evidence"])),
                     ("Commentary", esc(r["commentary"]))]
            out.append('<dl class="govuk-summary-list">' + "".join(
                f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{k}</dt><dd class="govuk-summary-list__value">{v}</dd></div>'
                for k, v in items) + "</dl>")
    return "\n".join(out)


def dl_plain(ll, rows):
    """A heading per provision and a bare `<dl>` with other labels; evidence as a list."""
    out = []
    for s, rs in by_section(rows):
        out.append(f"<h2>{esc(SECTIONS_2024[s])} (section {s})</h2>")
        for r in rs:
            ev = "<ul>" + "".join(f"<li>{esc(e.removeprefix('• '))}</li>" for e in r["evidence"].split("\n")) + "</ul>"
            out.append(f'<h3>Provision {r["provision"]}</h3>\n<dl>\n<dt>What the Code requires</dt>\n<dd>{paras(r["requirement"])}</dd>\n'
                       f'<dt>Compliance</dt>\n<dd>{esc(r["comply_raw"])}</dd>\n<dt>How we meet it</dt>\n<dd>{ev}</dd>\n'
                       + (f'<dt>Further action</dt>\n<dd>{esc(r["commentary"])}</dd>\n' if r["commentary"] else "") + "</dl>")
    return "\n".join(out)


def cards_bootstrap(ll, rows):
    """Bootstrap cards in a grid: the number is the card title, labels are small headings."""
    out = []
    for s, rs in by_section(rows):
        out.append(f'<h2 class="mt-4">Section {s} &ndash; {esc(SECTIONS_2024[s])}</h2>\n<div class="row">')
        for r in rs:
            badge = {"yes": "bg-success", "no": "bg-danger", "partial": "bg-warning"}.get(r["comply"], "bg-secondary")
            out.append(f'''<div class="col-md-6"><div class="card mb-3">
<div class="card-header"><h3 class="card-title h5">{r["provision"]}</h3></div>
<div class="card-body">{paras(r["requirement"], attrs=' class="card-text"')}
<p>Comply: <span class="badge {badge}">{esc(r["comply_raw"])}</span></p>
<h4 class="h6">Evidence</h4>{paras(r["evidence"])}'''
                       + (f'\n<h4 class="h6">Commentary</h4><p>{esc(r["commentary"])}</p>' if r["commentary"] else "")
                       + "</div></div></div>")
        out.append("</div>")
    return "\n".join(out)


def cards_articles(ll, rows):
    """`<article>` cards whose `<header>` holds the number (an article's header is not page
    chrome) and a list of "Label: value" facts."""
    out = ['<div class="provision-cards">']
    for s, rs in by_section(rows):
        out.append(f'<section class="provision-section"><h2>Section {s}: {esc(SECTIONS_2024[s])}</h2>')
        for r in rs:
            facts = [f"<li><strong>Compliant:</strong> {esc(r['comply_raw'])}</li>",
                     f"<li><strong>Evidence:</strong> {br_lines(r['evidence'])}</li>"]
            if r["commentary"]:
                facts.append(f"<li><strong>Commentary:</strong> {esc(r['commentary'])}</li>")
            out.append(f'''<article class="provision-card">
<header class="provision-card__header"><h3 class="provision-card__number">Provision {r["provision"]}</h3></header>
<div class="provision-card__requirement">{paras(r["requirement"])}</div>
<ul class="provision-card__facts">{"".join(facts)}</ul>
</article>''')
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)


def label_paragraphs(ll, rows):
    """"Label: value" paragraphs with bold labels, a rule between provisions."""
    out = []
    for s, rs in by_section(rows):
        out.append(f"<h2>Section {s}: {esc(SECTIONS_2024[s])}</h2>")
        for r in rs:
            out.append(f'<p><strong>Code provision:</strong> {r["provision"]}</p>')
            out.append(f'<p><strong>Code requirement:</strong> {br_lines(r["requirement"])}</p>')
            out.append(f'<p><strong>Comply:</strong> {esc(r["comply_raw"])}</p>')
            out.append(f'<p><strong>Evidence:</strong> {br_lines(r["evidence"])}</p>')
            out.append(f'<p><strong>Commentary:</strong> {esc(r["commentary"])}</p>')
            out.append("<hr>")
    return "\n".join(out)


def label_lines(ll, rows):
    """One `<p>` per provision, its fields as `<br>`-separated "Label: value" lines with
    plain labels; "Are we compliant?" has no colon."""
    out = []
    for s, rs in by_section(rows):
        out.append(f"<h2>Section {s}: {esc(SECTIONS_2024[s])}</h2>")
        for r in rs:
            lines = [f"Provision: {r['provision']}", f"Requirement: {br_lines(r['requirement'])}",
                     f"Are we compliant? {esc(r['comply_raw'])}", f"Evidence: {br_lines(r['evidence'])}"]
            if r["commentary"]:
                lines.append(f"Comments: {esc(r['commentary'])}")
            out.append('<div class="field field--provision"><p>' + "<br>\n".join(lines) + "</p></div>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# Forms as tables, in the shapes CMS templates and hand-made pages give them.

def curly(text):
    """Text with its apostrophes as typographic quotes written as entities, named in one
    paragraph and numeric in the next, as CMS editors paste them (the gold keeps the plain
    text: clean-up folds them back)."""
    return esc(text).replace("&#x27;", "&rsquo;" if len(text) % 2 else "&#8217;")


def cell_paras(text):
    return "".join(f"<p>{curly(p)}</p>" for p in text.split("\n") if p)


def table_rowspan_sections(ll, rows):
    """A CMS table: caption, thead, a "Section" column merged down each section (rowspan),
    the provision number as `th scope=row`, a tfoot note."""
    body = []
    for s, rs in by_section(rows):
        for i, r in enumerate(rs):
            section = f'<td rowspan="{len(rs)}" class="section">{s}. {esc(SECTIONS_2024[s])}</td>' if i == 0 else ""
            body.append(f'<tr>{section}<th scope="row">{r["provision"]}</th><td>{cell_paras(r["requirement"])}</td>'
                        f'<td class="comply">{esc(r["comply_raw"])}</td><td>{cell_paras(r["evidence"])}</td>'
                        f'<td>{cell_paras(r["commentary"])}</td></tr>')
    return f"""<div class="table-responsive">
<table class="table table-bordered">
<caption>{esc(ll['name'])}: self-assessment against the Complaint Handling Code</caption>
<thead><tr><th scope="col">Section</th><th scope="col">Code provision</th><th scope="col">Code requirement</th><th scope="col">Comply: Yes/No</th><th scope="col">Evidence</th><th scope="col">Commentary / explanation</th></tr></thead>
<tfoot><tr><td colspan="6">Approved by the Housing Committee. Next review: {esc(ll['target'])}.</td></tr></tfoot>
<tbody>
{chr(10).join(body)}
</tbody></table></div>"""


def table_colspan_titles(ll, rows):
    """Section titles as rows merged across the table (colspan), entities everywhere, the
    header as a first row of `th` without thead."""
    body = ['<tr><th>Code provision</th><th>Code requirement</th><th>Comply&nbsp;(Yes/No)</th><th>Evidence</th><th>Commentary&nbsp;&amp;&nbsp;actions</th></tr>']
    for s, rs in by_section(rows):
        body.append(f'<tr class="section-title"><td colspan="5"><strong>Section&nbsp;{s}&nbsp;&ndash; {esc(SECTIONS_2024[s])}</strong></td></tr>')
        for r in rs:
            body.append(f'<tr><td>{r["provision"]}</td><td>{cell_paras(r["requirement"])}</td><td>{esc(r["comply_raw"])}</td>'
                        f'<td>{cell_paras(r["evidence"])}</td><td>{cell_paras(r["commentary"])}</td></tr>')
    return '<table class="sa-table" border="1" cellpadding="4">\n' + "\n".join(body) + "\n</table>"


def table_nested_layout(ll, rows):
    """An old hand-made page: the whole page laid out in a table, the form a table inside
    one of its cells, evidence cells holding a small two-column table of documents."""
    body = ['<tr bgcolor="#dddddd"><th>Code provision</th><th>Code requirement</th><th>Comply</th><th>Evidence</th><th>Commentary</th></tr>']
    for s, rs in by_section(rows):
        body.append(f'<tr><td colspan="5"><font size="+1"><b>Section {s}: {esc(SECTIONS_2024[s])}</b></font></td></tr>')
        for r in rs:
            docs = r["evidence"].split("\n")
            ev = "<table class=\"docs\">" + "".join(f"<tr><td>{curly(d)}</td></tr>" for d in docs) + "</table>" if len(docs) > 1 else curly(docs[0])
            body.append(f'<tr valign="top"><td>{r["provision"]}</td><td>{br_lines(r["requirement"])}</td><td align="center">{esc(r["comply_raw"])}</td>'
                        f'<td>{ev}</td><td>{esc(r["commentary"]) or "&nbsp;"}</td></tr>')
    form = '<table border="1" cellspacing="0" width="100%">\n' + "\n".join(body) + "\n</table>"
    return f"""<table width="100%" cellpadding="0" cellspacing="0" class="layout">
<tr><td width="180" valign="top" class="leftnav"><ul><li><a href="/">Home</a></li><li><a href="/housing">Housing</a></li></ul></td>
<td valign="top">
{form}
</td></tr></table>"""


def table_checkboxes(ll, rows):
    """Comply as check boxes: ticked and empty box glyphs, or form check boxes saved with
    the page, in either order ("Yes ☒ No ☐", "☐ Yes ☒ No")."""
    body = ['<tr><th>Provision</th><th>Requirement</th><th>Do we comply?</th><th>Evidence</th><th>Comments</th></tr>']
    for s, rs in by_section(rows):
        body.append(f'<tr><th colspan="5" class="section">Section {s}: {esc(SECTIONS_2024[s])}</th></tr>')
        for r in rs:
            body.append(f'<tr><td>{r["provision"]}</td><td>{cell_paras(r["requirement"])}</td><td>{r["comply_html"]}</td>'
                        f'<td>{cell_paras(r["evidence"])}</td><td>{cell_paras(r["commentary"])}</td></tr>')
    return '<table class="form">\n' + "\n".join(body) + "\n</table>"


BOX = {True: "\u2612", False: "\u2610"}
TICKED = {True: "\u2611", False: "\u2610"}


def checkbox_cell(comply, k):
    """The comply cell of row `k`, cycling through the ways pages tick a box: what it prints,
    and its markup."""
    yes, no = comply == "yes", comply == "no"
    style = k % 4
    if style == 0:
        raw = f"Yes {BOX[yes]} No {BOX[no]}"
        return raw, esc(raw)
    if style == 1:
        raw = f"{BOX[yes]} Yes {BOX[no]} No"
        return raw, esc(raw)
    if style == 2:
        checked = {True: " checked", False: ""}
        return (f"{BOX[yes]} Yes {BOX[no]} No",
                f'<label><input type="checkbox" disabled{checked[yes]}> Yes</label> <label><input type="checkbox" disabled{checked[no]}> No</label>')
    ref = {True: "&#9745;", False: "&#9744;"}
    return f"Yes {TICKED[yes]} No {TICKED[no]}", f"Yes {ref[yes]} No {ref[no]}"


# ---------------------------------------------------------------------------------------
# The pages. `rows` are (provision, comply as printed); `seed` varies the evidence.

def landlord(slug, name, domain, title, updated, month, target, seed, rows, shape, address, **options):
    who = "We have" if options.get("named_only_in") else f"{name} has"
    return dict(slug=slug, name=name, domain=domain, title=title, updated=updated, month=month, target=target,
                seed=seed, rows=rows, shape=shape, address=address, **options,
                intro=f"{who} assessed {'our' if options.get('named_only_in') else 'its'} complaint handling against each provision of the Housing Ombudsman's Complaint Handling Code. "
                      "Where we do not fully comply we say why and what we are doing about it.")


# (shape function, forms without tables?)
SHAPES = {
    "accordion_details": (accordion_details, True),
    "accordion_govuk": (accordion_govuk, True),
    "dl_summary": (dl_summary, True),
    "dl_plain": (dl_plain, True),
    "cards_bootstrap": (cards_bootstrap, True),
    "cards_articles": (cards_articles, True),
    "label_paragraphs": (label_paragraphs, True),
    "label_lines": (label_lines, True),
    "table_rowspan_sections": (table_rowspan_sections, False),
    "table_colspan_titles": (table_colspan_titles, False),
    "table_nested_layout": (table_nested_layout, False),
    "table_checkboxes": (table_checkboxes, False),
}

PAGES = [
    landlord("brackenhurst_accordion", "Brackenhurst District Council", "brackenhurst.gov.uk",
             "Complaint Handling Code self-assessment 2024/25", "Last updated: 14 April 2025", "January 2025", "September 2025", 1,
             [("1.2", "Yes"), ("1.3", "Yes"), ("1.6", "Partially"), ("2.3", "Yes"), ("3.1", "Yes"), ("3.7", "Yes"),
              ("5.8", "Yes"), ("6.2", "No"), ("6.3", "Yes"), ("6.9", "Yes"), ("7.4", "Yes"), ("9.7", "Partially")],
             "accordion_details", "Civic Centre, Market Street, Brackenhurst BH1 2AA"),
    landlord("otterbrook_homes_accordion", "Otterbrook Homes", "otterbrookhomes.org.uk",
             "Otterbrook Homes: how we meet the Complaint Handling Code", "Page updated 2 May 2025", "March 2025", "December 2025", 2,
             [("1.4", "Yes"), ("2.1", "Yes"), ("2.5", "Yes"), ("3.4", "No"), ("4.1", "Yes"), ("4.3", "Yes"),
              ("5.1", "Yes"), ("5.12", "Partially"), ("6.14", "Yes"), ("8.2", "Yes"), ("9.4", "Yes")],
             "accordion_govuk", "Otterbrook House, 4 Quay Road, Otterbrook OB2 7QR"),
    landlord("fairmead_summary_list", "Fairmead Borough Council", "fairmead.gov.uk",
             "Housing complaints: self-assessment against the Code", "Published 28 March 2025", "February 2025", "October 2025", 3,
             [("1.2", "Yes"), ("1.5", "Yes"), ("2.2", "Yes"), ("3.2", "Yes"), ("3.6", "Yes"), ("5.6", "No"),
              ("5.14", "Yes"), ("6.5", "Yes"), ("6.10", "Partial"), ("7.1", "Yes"), ("9.2", "Yes")],
             "dl_summary", "Town Hall, High Street, Fairmead FM3 1TH"),
    landlord("linthorpe_ha_definitions", "Linthorpe Housing Association", "linthorpeha.org.uk",
             "Complaint Handling Code: annual self-assessment", "Reviewed by the Board on 19 June 2025", "April 2025", "March 2026", 4,
             [("1.3", "Yes"), ("2.4", "Yes"), ("3.3", "Yes"), ("4.2", "Partially"), ("5.3", "Yes"), ("5.10", "Yes"),
              ("6.7", "Yes"), ("6.13", "Yes"), ("6.20", "No"), ("8.1", "Yes"), ("9.8", "Yes")],
             "dl_plain", "Linthorpe Court, 12 Station Road, Linthorpe LT4 9SR"),
    landlord("kingsmere_cards", "Kingsmere City Council", "kingsmere.gov.uk",
             "Self-assessment: Complaint Handling Code (2024)", "Last reviewed: 7 February 2025", "November 2024", "July 2025", 5,
             [("1.2", "Yes"), ("1.4", "Yes"), ("2.1", "Yes"), ("3.5", "Partially"), ("4.1", "Yes"), ("5.2", "Yes"),
              ("5.9", "Yes"), ("6.1", "Yes"), ("6.12", "No"), ("7.3", "Yes"), ("8.4", "Yes"), ("9.1", "Yes")],
             "cards_bootstrap", "Guildhall, Kingsmere KM1 1GH"),
    landlord("wrenfield_homes_cards", "Wrenfield Homes", "wrenfieldhomes.co.uk",
             "Our Complaint Handling Code self-assessment", "Updated 30 January 2025", "October 2024", "June 2025", 6,
             [("1.6", "Yes"), ("2.2", "Yes"), ("3.1", "Yes"), ("4.3", "No"), ("5.4", "Yes"), ("5.11", "Yes"),
              ("6.4", "Yes"), ("6.16", "Yes"), ("7.2", "Yes"), ("8.5", "Yes"), ("9.6", "Partially")],
             "cards_articles", "Wren House, 1 Mill Lane, Wrenfield WF6 3ML"),
    landlord("northcote_label_paragraphs", "Northcote District Council", "northcote.gov.uk",
             "Complaint Handling Code self-assessment", "Last updated: 11 March 2025", "December 2024", "August 2025", 7,
             [("1.2", "Yes"), ("1.3", "Yes"), ("2.3", "No"), ("3.7", "Yes"), ("4.2", "Yes"), ("5.5", "Yes"),
              ("5.13", "Yes"), ("6.6", "Partially"), ("6.17", "Yes"), ("7.1", "Yes"), ("9.3", "Yes")],
             "label_paragraphs", "Council Offices, Northcote NC2 5CO"),
    landlord("saltmarsh_housing_label_lines", "Saltmarsh Housing", "saltmarshhousing.org.uk",
             "Complaint Handling Code: self-assessment 2025", "Published 5 May 2025", "March 2025", "November 2025", 8,
             [("1.5", "Yes"), ("2.5", "Yes"), ("3.2", "Partially"), ("4.1", "Yes"), ("5.7", "Yes"), ("5.15", "Yes"),
              ("6.8", "Yes"), ("6.11", "No"), ("6.19", "Yes"), ("8.3", "Yes"), ("9.5", "Yes")],
             "label_lines", "Saltmarsh House, Harbour Walk, Saltmarsh SM5 8HW"),
    # Tables.
    landlord("cressbrook_rowspan_sections", "Cressbrook Borough Council", "cressbrook.gov.uk",
             "Housing Ombudsman Complaint Handling Code: self-assessment", "Last updated: 9 April 2025", "February 2025", "January 2026", 9,
             [("1.2", "Yes"), ("1.3", "Yes"), ("1.4", "Yes"), ("1.5", "No"), ("2.1", "Yes"), ("2.2", "Yes"), ("3.1", "Yes"),
              ("3.2", "Partial"), ("3.3", "Yes"), ("5.1", "Yes"), ("5.2", "Yes"), ("6.1", "Yes"), ("6.2", "Yes"), ("6.3", "No"),
              ("6.10", "Yes"), ("7.1", "Yes"), ("9.1", "Yes"), ("9.2", "Yes")],
             "table_rowspan_sections", "Civic Offices, Cressbrook CB1 4CO"),
    landlord("holmedale_homes_colspan_titles", "Holmedale Homes", "holmedalehomes.org.uk",
             "Complaint Handling Code self-assessment 2025", "Updated 21 May 2025", "April 2025", "October 2025", 10,
             [("1.2", "Yes"), ("1.6", "Yes"), ("2.3", "Yes"), ("2.4", "No"), ("3.4", "Yes"), ("3.5", "Yes"), ("4.1", "Yes"),
              ("4.2", "Yes"), ("5.8", "Yes"), ("5.9", "Partially"), ("6.9", "Yes"), ("6.14", "Yes"), ("8.1", "Yes"), ("8.2", "Yes"),
              ("9.7", "Yes")],
             "table_colspan_titles", "Holmedale House, 2 Chapel Street, Holmedale HD7 2CS", main=False),
    landlord("thornbury_vale_nested_layout", "Thornbury Vale District Council", "thornburyvale.gov.uk",
             "Complaints self-assessment", "Page last updated: 16 January 2025", "November 2024", "May 2025", 11,
             [("1.2", "Yes"), ("1.3", "Yes"), ("2.1", "Yes"), ("2.5", "Yes"), ("3.6", "No"), ("3.7", "Yes"), ("4.3", "Yes"),
              ("5.6", "Yes"), ("5.7", "Yes"), ("6.4", "Partially"), ("6.5", "Yes"), ("7.2", "Yes"), ("9.4", "Yes"), ("9.5", "Yes")],
             "table_nested_layout", "Council House, Thornbury Vale TV9 1CH", main=False, charset="windows-1252"),
    landlord("ravensworth_ha_checkboxes", "Ravensworth Housing Association", "ravensworthha.org.uk",
             "Complaint Handling Code: self-assessment form", "Approved by the Board on 24 March 2025", "January 2025", "September 2025", 12,
             [("1.2", "Yes"), ("1.4", "Yes"), ("1.5", "No"), ("2.2", "Yes"), ("2.4", "Yes"), ("3.1", "No"), ("3.3", "Yes"),
              ("4.1", "Yes"), ("5.3", "Yes"), ("5.12", "No"), ("6.6", "Yes"), ("6.15", "Yes"), ("7.3", "Yes"), ("8.3", "Yes"),
              ("9.8", "No"), ("9.6", "Yes")],
             "table_checkboxes", "Ravensworth Court, Ravensworth RV3 5RC"),
    # Pages that name their landlord only in page furniture the reader leaves out of the
    # document: a copyright line in the footer (a name the gazetteer lacks), or the address
    # of a mailto link (a gazetteer landlord, known by its domain; the form is invented).
    landlord("copperfold_homes_footer_only", "Copperfold Homes", "copperfoldhomes.org.uk",
             "Complaint Handling Code self-assessment", "Last updated: 3 June 2025", "April 2025", "December 2025", 13,
             [("1.2", "Yes"), ("1.3", "Yes"), ("2.1", "Yes"), ("3.2", "Partially"), ("5.1", "Yes"), ("5.6", "Yes"),
              ("6.2", "No"), ("7.1", "Yes"), ("9.1", "Yes")],
             "table_colspan_titles", "Mill House, 14 Canal Street, Brindlow BR4 2CS", named_only_in="footer"),
    landlord("accent_housing_mailto_only", "Accent Housing", "accentgroup.org",
             "How we handle complaints: our self-assessment", "Published 12 May 2025", "March 2025", "November 2025", 14,
             [("1.4", "Yes"), ("2.2", "Yes"), ("3.3", "Yes"), ("4.1", "No"), ("5.4", "Yes"), ("6.5", "Yes"),
              ("6.12", "Partially"), ("8.2", "Yes")],
             "cards_articles", "Gatehouse, 9 Station Road, Halsworth HW2 8GR", named_only_in="mailto",
             contact_html='<p>To make a complaint, <a href="mailto:complaints@accentgroup.org?subject=Complaint">e-mail our complaints team</a> or call us.</p>\n'),
]

DATES = {"January": "01", "February": "02", "March": "03", "April": "04", "May": "05", "June": "06", "July": "07",
         "August": "08", "September": "09", "October": "10", "November": "11", "December": "12"}


def document_date(updated):
    words = updated.replace(":", " ").split()
    for i, w in enumerate(words):
        if w in DATES and i + 1 < len(words):
            return f"{words[i + 1]}-{DATES[w]}"
    raise ValueError(updated)


def write_gold(stem, source, meta, rows):
    g = {"source": source, "landlord": meta["landlord"], "code_version": "2024", "document_date": meta["document_date"],
         "draft": False, "rows": rows}
    (GOLD / f"{stem}.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")


def make_shape_page(ll):
    rows = rows_for(ll)
    if ll["shape"] == "table_checkboxes":
        for k, r in enumerate(rows):
            r["comply_raw"], r["comply_html"] = checkbox_cell(r["comply"], k)
    body = SHAPES[ll["shape"]][0](ll, rows)
    rows = [{k: v for k, v in r.items() if k != "comply_html"} for r in rows]
    (OUT / f"{ll['slug']}.html").write_bytes(page(ll, body).encode(ll.get("charset", "utf-8")))
    write_gold(ll["slug"], f"fixtures/html/{ll['slug']}.html",
               {"landlord": ll["name"], "document_date": document_date(ll["updated"])}, rows)
    print(f"wrote fixtures/html/{ll['slug']}.html ({ll['shape']}, {len(rows)} rows)")


# ---------------------------------------------------------------------------------------
# Pages as users save them: single-file archives and "complete" saves with a _files folder.

PNG_1X1 = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def mime_message(headers, parts, boundary, crlf):
    """A multipart/related message: `parts` are (headers, body bytes)."""
    nl = "\r\n" if crlf else "\n"
    out = [nl.join(headers).encode() + (nl * 3).encode()]
    for part_headers, body in parts:
        out.append(f"--{boundary}{nl}".encode() + nl.join(part_headers).encode() + (nl * 2).encode() + body + nl.encode())
    out.append(f"--{boundary}--{nl}".encode())
    return b"".join(out)


def qp(data, crlf):
    encoded = quopri.encodestring(data)
    return encoded.replace(b"\n", b"\r\n") if crlf else encoded


def b64_lines(data, crlf):
    text = base64.b64encode(data)
    nl = b"\r\n" if crlf else b"\n"
    return nl.join(text[i:i + 76] for i in range(0, len(text), 76))


def copy_gold(source_stem, stem, source):
    g = json.loads((GOLD / f"{source_stem}.json").read_text())
    g["source"] = source
    (GOLD / f"{stem}.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")


def make_chrome_mhtml():
    """Chrome's "Save as… single file": quoted-printable page (charset only in its <meta>),
    CRLF lines, a style sheet and an image beside it."""
    page = (OUT / "cressbrook_rowspan_sections.html").read_bytes()
    url = "https://www.cressbrook.gov.uk/housing/complaints/self-assessment"
    boundary = "----MultipartBoundary--Q2Hk3cZ1nVf8yT0bWq7LrXs5aJd9eGm4pU6oI2Ah----"
    msg = mime_message(
        ["From: <Saved by Blink>", f"Snapshot-Content-Location: {url}",
         "Subject: Housing Ombudsman Complaint Handling Code: self-assessment | Cressbrook Borough Council",
         "Date: Wed, 9 Apr 2025 10:12:01 +0100", "MIME-Version: 1.0",
         'Content-Type: multipart/related;', '\ttype="text/html";', f'\tboundary="{boundary}"'],
        [(["Content-Type: text/html", "Content-ID: <frame-3F2A9C1E0B7D@mhtml.blink>", "Content-Transfer-Encoding: quoted-printable",
           f"Content-Location: {url}"], qp(page, True)),
         (["Content-Type: text/css", "Content-Transfer-Encoding: quoted-printable", "Content-Location: https://www.cressbrook.gov.uk/site.css"],
          qp(b"td, th { border: 1px solid #999; } /* <table><tr><td>9.9</td><td>No</td></tr></table> */", True)),
         (["Content-Type: image/png", "Content-Transfer-Encoding: base64", "Content-Location: https://www.cressbrook.gov.uk/logo.png"],
          b64_lines(PNG_1X1, True))],
        boundary, True)
    (OUT / "cressbrook_saved_chrome.mhtml").write_bytes(msg)
    copy_gold("cressbrook_rowspan_sections", "cressbrook_saved_chrome", "fixtures/html/cressbrook_saved_chrome.mhtml")
    print("wrote fixtures/html/cressbrook_saved_chrome.mhtml")


def make_word_mht():
    """A Word/Internet Explorer "Single File Web Page" (.mht): LF lines, a preamble, the page
    in base64 with its charset (windows-1252) declared in the part's header only, and a
    `start` parameter naming it."""
    page = (OUT / "holmedale_homes_colspan_titles.html").read_text()
    page = page.replace('<meta charset="utf-8">', "")
    data = page.encode("windows-1252", errors="xmlcharrefreplace")
    boundary = "----=_NextPart_01DB7A2C.5E3F1B20"
    msg = mime_message(
        ["MIME-Version: 1.0", f'Content-Type: multipart/related; boundary="{boundary}"; type="text/html"; start="<page-1@holmedale>"'],
        [(["Content-Location: file:///C:/Users/officer/Documents/logo.png", "Content-Transfer-Encoding: base64", "Content-Type: image/png"],
          b64_lines(PNG_1X1, False)),
         (["Content-ID: <page-1@holmedale>", "Content-Location: file:///C:/Users/officer/Documents/self-assessment.htm",
           "Content-Transfer-Encoding: base64", 'Content-Type: text/html; charset="windows-1252"'], b64_lines(data, False))],
        boundary, False)
    msg = msg.replace(b"\n\n\n--", b"\n\nThis document is a Single File Web Page, also known as a Web Archive file.\n\n--", 1)
    (OUT / "holmedale_saved_word.mht").write_bytes(msg)
    copy_gold("holmedale_homes_colspan_titles", "holmedale_saved_word", "fixtures/html/holmedale_saved_word.mht")
    print("wrote fixtures/html/holmedale_saved_word.mht")


def make_complete_save():
    """"Save page as… complete": the page and its `_files` folder of assets, which holds
    pages of its own (a consent frame) that are not inputs."""
    folder = OUT / "saved_complete"
    if folder.exists():
        shutil.rmtree(folder)
    assets = folder / "thornbury_saved_files"
    assets.mkdir(parents=True)
    page = (OUT / "thornbury_vale_nested_layout.html").read_bytes().replace(b"thornbury_vale_nested_layout_files/", b"thornbury_saved_files/")
    (folder / "thornbury_saved.html").write_bytes(page)
    (assets / "site.js").write_text("document.write('<table><tr><td>1.2</td><td>Yes</td></tr></table>');\n")
    (assets / "style.css").write_text("table { width: 100%; }\n")
    (assets / "logo.png").write_bytes(PNG_1X1)
    (assets / "consent.htm").write_text("<!DOCTYPE html><html><body><p>We use cookies.</p>"
                                         "<table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>_ga</td><td>Analytics</td></tr></table></body></html>\n")
    copy_gold("thornbury_vale_nested_layout", "thornbury_saved", "fixtures/html/saved_complete/thornbury_saved.html")
    print("wrote fixtures/html/saved_complete/")


# ---------------------------------------------------------------------------------------
# The seed 000 gold as one plain table.

def cell(text):
    return "".join(f"<p>{p}</p>" for p in (html.escape(p) for p in text.split("\n") if p))


def make_stevenage():
    stem, source, title = "stevenage_webpage", "000_6a94297636c6b8f1", "Stevenage Borough Council Self-assessment form – April 2024"
    gold = json.loads((GOLD / f"{source}.json").read_text())
    rows, section = [], None
    for r in gold["rows"]:
        s = r["provision"].split(".")[0]
        if s != section:
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
    (OUT / f"{stem}.html").write_text(page)
    g = dict(gold)
    g["source"] = f"fixtures/html/{stem}.html"
    (GOLD / f"{stem}.json").write_text(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote fixtures/html/{stem}.html ({len(gold['rows'])} rows)")


def main(only):
    OUT.mkdir(parents=True, exist_ok=True)
    if not only or "stevenage_webpage" in only:
        make_stevenage()
    for ll in PAGES:
        if not only or ll["slug"] in only:
            make_shape_page(ll)
    if not only or "saved" in only:
        make_chrome_mhtml()
        make_word_mht()
        make_complete_save()


if __name__ == "__main__":
    main(sys.argv[1:])
