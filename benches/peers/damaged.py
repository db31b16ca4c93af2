#!/usr/bin/env python3
"""Damaged PDFs: chc versus pdfplumber on the same mutated files.

    damaged.py --out OUT --chc target/release/chc PDF...

For every PDF (each with a gold file in fixtures/gold/), writes deterministic mutations into
OUT/files/ (a download cut at 50/75/90/97 %, the cross-reference table's digits overwritten,
`startxref` pointing at the wrong place, the xref table deleted, the trailer deleted), then
per file and tool: did it open, and what share of the gold's provision rows came out
(pdfplumber: peers.py's table mapping, plus any provision number starting a line of its
page text; chc: `chc extract`). Writes
OUT/damaged.json and a markdown table on stdout.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import peers  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def mutations(data):
    """(name, bytes) for each damage kind."""
    out = []
    for pct in (50, 75, 90, 97):
        out.append((f"cut{pct}", data[: len(data) * pct // 100]))
    x = data.rfind(b"\nxref")
    t = data.rfind(b"trailer")
    s = data.rfind(b"startxref")
    if x >= 0 and t > x:
        table = re.sub(rb"\d", b"9", data[x:t])
        out.append(("xref_digits", data[:x] + table + data[t:]))
        out.append(("xref_deleted", data[:x] + b"\n" + data[t:]))
    if s >= 0:
        out.append(("startxref_wrong", data[:s] + b"startxref\n17\n%%EOF\n"))
    if t >= 0:
        out.append(("trailer_deleted", data[:t]))
    elif s >= 0:
        # A cross-reference stream instead of a table: cut the stream and what follows.
        x = data.rfind(b"/XRef")
        if x > 0:
            out.append(("xref_stream_deleted", data[: data.rfind(b"obj", 0, x)]))
    return out


def recall(provisions, gold):
    want = [r["provision"] for r in gold["rows"]]
    got = set(p for p in provisions if p)
    return sum(1 for p in want if p in got) / max(1, len(want))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--chc", default=str(ROOT / "target/release/chc"))
    ap.add_argument("pdfs", nargs="+")
    args = ap.parse_args()
    out = Path(args.out)
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    gold_of = {}
    for pdf in args.pdfs:
        stem = Path(pdf).stem
        gold_path = ROOT / "fixtures/gold" / f"{stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text())
        for kind, data in mutations(Path(pdf).read_bytes()):
            name = f"{stem}__{kind}"
            (files / f"{name}.pdf").write_bytes(data)
            gold_of[name] = gold
    results = {}
    # pdfplumber: tables mapped to rows exactly as in the peers benchmark.
    for name in sorted(gold_of):
        path = files / f"{name}.pdf"
        try:
            rows = peers.map_rows(peers.extract_tables("pdfplumber", str(path)), merge=True)
            provisions = [r.get("provision") for r in rows]
            # Generous to the peer: a provision number starting any line of its plain text
            # counts too (its tables find nothing on unruled forms).
            import pdfplumber
            with pdfplumber.open(str(path)) as pdf:
                for page in pdf.pages:
                    provisions += re.findall(r"(?m)^(\d+\.\d+)\b", page.extract_text() or "")
            opened = True
        except Exception:  # noqa: BLE001 - any failure is "did not open"
            provisions, opened = [], False
        results.setdefault(name, {})["pdfplumber"] = {"opened": opened, "recall": recall(provisions, gold_of[name])}
    chc_out = out / "chc"
    subprocess.run([args.chc, "extract", str(files), "--out", str(chc_out), "--quiet"], check=False)
    for name in sorted(gold_of):
        doc = chc_out / "documents" / f"{name}.json"
        if doc.exists():
            d = json.loads(doc.read_text())
            provisions = [r.get("provision") for r in d["rows"]]
            damaged = any(w.get("kind") == "pdf_damaged" for w in d.get("warnings", []))
            results[name]["chc"] = {"opened": True, "recall": recall(provisions, gold_of[name]), "warned": damaged}
        else:
            results[name]["chc"] = {"opened": False, "recall": 0.0, "warned": False}
    (out / "damaged.json").write_text(json.dumps(results, indent=1))
    kinds = sorted({n.split("__")[1] for n in results})
    print("| damage | files | pdfplumber opened | pdfplumber rows | chc opened | chc rows | chc warned |")
    print("|---|---|---|---|---|---|---|")
    tot = {"n": 0, "po": 0, "pr": 0.0, "co": 0, "cr": 0.0, "cw": 0}
    for k in kinds + ["all"]:
        rs = [v for n, v in results.items() if k == "all" or n.endswith("__" + k)]
        n = len(rs)
        po = sum(v["pdfplumber"]["opened"] for v in rs)
        pr = sum(v["pdfplumber"]["recall"] for v in rs) / max(1, n)
        co = sum(v["chc"]["opened"] for v in rs)
        cr = sum(v["chc"]["recall"] for v in rs) / max(1, n)
        cw = sum(v["chc"]["warned"] for v in rs)
        print(f"| {k} | {n} | {po} | {pr:.3f} | {co} | {cr:.3f} | {cw} |")


if __name__ == "__main__":
    sys.exit(main())
