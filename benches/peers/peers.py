#!/usr/bin/env python3
"""Run peer table extractors on PDFs and write their tables in chc's document JSON shape.

    peers.py extract --out OUT PDF...   raw tables, mapped documents and timings
    peers.py summary OUT SYSTEM...      markdown comparison from OUT/<system>.eval.json

Tools: pdfplumber (page.extract_tables, default settings), Camelot lattice and Camelot
stream (pages="all", default settings).

Mapping, deliberately the simplest reasonable one (chc gets no help from it either):
- all tables of a PDF are concatenated in page order; tables with fewer than 3 columns are
  prose, not the form, and are skipped; rows whose cells are all empty are skipped;
- header rows are skipped: no provision, and at least two short cells (< 40 characters) that
  start with a header word (provision, code provision, code requirement, requirement,
  comply, evidence, commentary, explanation, rag);
- by position: cell 0 is the provision column (the provision when it matches ^\\d+\\.\\d+$,
  else null), then requirement, comply, evidence, commentary (missing cells are "");
- comply from the comply cell: yes / no / partial / n/a words, else unknown; rag from any
  later cell saying green / amber / red;
- landlord, code_version and document_date are null, draft false (the peers do not read them).

Each tool is written twice: `<tool>` maps every table row to a row; `<tool>-merged` also
appends a row whose provision cell is empty to the row before it, cell by cell (what a user
would do first for rows split by a page break).
"""

import argparse
import json
import re
import sys
import time
import warnings
from pathlib import Path

PROVISION = re.compile(r"^\d+\.\d+$")
HEADER_WORDS = ("provision", "code provision", "code requirement", "requirement", "comply", "evidence",
                "commentary", "explanation", "rag")
TOOLS = ("pdfplumber", "camelot-lattice", "camelot-stream")


def clean(cell):
    if cell is None:
        return ""
    return "\n".join(line.strip() for line in str(cell).splitlines() if line.strip())


def run_pdfplumber(path):
    import pdfplumber
    tables = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                tables.append([[clean(c) for c in row] for row in table])
    return tables


def run_camelot(path, flavor):
    import camelot
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = camelot.read_pdf(str(path), pages="all", flavor=flavor)
    return [[[clean(c) for c in row] for row in t.df.values.tolist()] for t in found]


def extract_tables(tool, path):
    if tool == "pdfplumber":
        return run_pdfplumber(path)
    if tool == "camelot-lattice":
        return run_camelot(path, "lattice")
    if tool == "camelot-stream":
        return run_camelot(path, "stream")
    raise ValueError(tool)


def comply_of(raw):
    s = " ".join(raw.lower().split())
    if not s:
        return "unknown"
    if s.startswith(("n/a", "not applicable", "na ")) or s == "na":
        return "not_applicable"
    if s.startswith("partial"):
        return "partial"
    if s.startswith("yes") or s in ("y", "\u2713", "\u2714"):
        return "yes"
    if s.startswith("no") or s in ("n", "\u2717", "\u2718"):
        return "no"
    return "unknown"


def rag_of(cells):
    for c in cells:
        s = c.strip().lower()
        if s in ("green", "amber", "red"):
            return s
    return None


def is_header(cells):
    hits = sum(1 for c in cells if c and len(c) < 40 and " ".join(c.lower().split()).startswith(HEADER_WORDS))
    return hits >= 2


def map_rows(tables, merge):
    rows = []
    for table in tables:
        width = max((len(r) for r in table), default=0)
        if width < 3:
            continue
        for cells in table:
            cells = list(cells) + [""] * (5 - len(cells))
            if not any(cells):
                continue
            first = cells[0].strip()
            provision = first if PROVISION.match(first) else None
            if provision is None and is_header(cells):
                continue
            if merge and not first and rows:
                prev = rows[-1]
                for key, idx in (("requirement", 1), ("comply_raw", 2), ("evidence", 3), ("commentary", 4)):
                    if cells[idx]:
                        prev[key] = (prev[key] + " " + cells[idx]).strip()
                prev["comply"] = comply_of(prev["comply_raw"])
                prev["rag"] = prev["rag"] or rag_of(cells[5:])
                continue
            rows.append({
                "provision": provision,
                "number_in_source": provision is not None,
                "requirement": cells[1],
                "comply": comply_of(cells[2]),
                "comply_raw": cells[2],
                "evidence": cells[3],
                "commentary": cells[4],
                "rag": rag_of(cells[5:]),
            })
    return rows


def document(tool, pdf, rows):
    return {
        "schema_version": "1.0",
        "tool": tool,
        "source": str(pdf),
        "landlord": None,
        "code_version": None,
        "document_date": None,
        "draft": False,
        "rows": rows,
    }


def cmd_extract(args):
    out = Path(args.out)
    timings = {}
    for tool in args.tools:
        # Imports are paid once per process; keep them out of the per-file times.
        __import__("pdfplumber" if tool == "pdfplumber" else "camelot")
        timings[tool] = {"files": {}, "errors": {}}
        for pdf in args.pdfs:
            pdf = Path(pdf)
            start = time.perf_counter()
            try:
                tables = extract_tables(tool, pdf)
                error = None
            except Exception as e:  # a peer failing on one file is a result, not a crash
                tables, error = [], f"{type(e).__name__}: {e}"
            seconds = time.perf_counter() - start
            timings[tool]["files"][pdf.stem] = round(seconds, 4)
            if error:
                timings[tool]["errors"][pdf.stem] = error
            raw = out / "raw" / tool / f"{pdf.stem}.json"
            raw.parent.mkdir(parents=True, exist_ok=True)
            raw.write_text(json.dumps(tables, indent=1, ensure_ascii=False))
            for name, merge in ((tool, False), (f"{tool}-merged", True)):
                doc = out / name / "documents" / f"{pdf.stem}.json"
                doc.parent.mkdir(parents=True, exist_ok=True)
                doc.write_text(json.dumps(document(name, pdf, map_rows(tables, merge)), indent=1, ensure_ascii=False))
            print(f"{tool:16} {pdf.name:45} {seconds:7.2f}s {len(tables):3} tables"
                  + (f"  ERROR {error}" if error else ""), file=sys.stderr)
        timings[tool]["total_seconds"] = round(sum(timings[tool]["files"].values()), 4)
    path = out / "timings.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    old.update(timings)
    path.write_text(json.dumps(old, indent=1))


def cmd_summary(args):
    out = Path(args.out)
    timings = json.loads((out / "timings.json").read_text()) if (out / "timings.json").exists() else {}
    cols = [("prov F1", "provision_f1"), ("prov P", "provision_precision"), ("prov R", "provision_recall"),
            ("row F1", "row_f1"), ("comply", "comply_accuracy"), ("requirement", "requirement_similarity"),
            ("evidence", "evidence_similarity"), ("commentary", "commentary_similarity"),
            ("structure F1", "structure_f1"), ("RAG", "rag_accuracy")]
    lines = ["| system | time (s) | " + " | ".join(c for c, _ in cols) + " |",
             "|---|---:|" + "---:|" * len(cols)]
    for system in args.systems:
        path = out / f"{system}.eval.json"
        if not path.exists():
            continue
        overall = json.loads(path.read_text())["overall"]
        base = system[:-len("-merged")] if system.endswith("-merged") else system
        secs = timings.get(base, {}).get("total_seconds")
        cells = ["-" if overall.get(k) is None else f"{overall[k]:.3f}" for _, k in cols]
        lines.append(f"| {system} | {'-' if secs is None else f'{secs:.2f}'} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(text)
    print(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract")
    e.add_argument("--out", required=True)
    e.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    e.add_argument("pdfs", nargs="+")
    s = sub.add_parser("summary")
    s.add_argument("out")
    s.add_argument("systems", nargs="+")
    args = p.parse_args()
    {"extract": cmd_extract, "summary": cmd_summary}[args.cmd](args)


if __name__ == "__main__":
    main()
