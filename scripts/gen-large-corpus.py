#!/usr/bin/env python3
"""Build a large benchmark corpus from the repository's fixtures (at bench time; never commit it).

    scripts/gen-large-corpus.py --out target/bench-corpus [--text 2000] [--pdf 2000] [--seed 1]

Writes, under OUT:
  text/        N text forms: the 11 text seeds (corpus/*.txt, fixtures/text/*.txt) in turn, each
               with its landlord's name replaced by another landlord from the gazetteer
               (crates/chc-match/data/landlords.csv), the year moved, and its Yes/No answers
               re-drawn (tab-separated forms: cells that are exactly Yes or No).
  pdf/         N PDF forms: hard links to the 8 PDF fixtures (fixtures/pdf/*.pdf) in turn.
               Identical bytes are fine: chc does the whole work for every input.
  text_<k>/    hard links to the first k text forms, k in 1 10 100 1000 2000 (<= N)
  pdf_<k>/     the same for the PDFs
  pages/pdf_<p>p.pdf  one PDF of p pages (10, 100, 300) concatenated from the fixtures' pages
               with qpdf (installed with apt-get when missing and we are root)
  manifest.json  counts, bytes and pages of each set

Deterministic for a given --seed.
"""

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = (1, 10, 100, 1000, 2000)
PAGE_SIZES = (10, 100, 300)


def gazetteer_names():
    names = []
    with open(ROOT / "crates/chc-match/data/landlords.csv", newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row or row[0].strip().lower() in ("name", "landlord", ""):
                continue
            name = row[0].strip()
            if name.isascii() and "(" not in name and len(name) >= 6:
                names.append(name)
    return names


def seed_landlord(path: Path):
    gold = ROOT / "fixtures/gold" / (path.stem + ".json")
    if gold.exists():
        return json.loads(gold.read_text(encoding="utf-8")).get("landlord")
    return None


YES_NO = re.compile(rb"^\s*(Yes|No)\s*$")


def vary(data: bytes, old_name, new_name: str, rng: random.Random) -> bytes:
    if old_name and old_name.isascii():
        data = data.replace(old_name.encode(), new_name.encode())
    shift = rng.choice((0, 0, 1))
    if shift:
        data = data.replace(b"2024", b"2025").replace(b"2023", b"2024")
    out = []
    for line in data.split(b"\n"):
        if b"\t" in line:
            cells = line.split(b"\t")
            for i, c in enumerate(cells):
                m = YES_NO.match(c.rstrip(b"\r"))
                if m and rng.random() < 0.3:
                    cr = b"\r" if c.endswith(b"\r") else b""
                    cells[i] = (b"No" if m.group(1) == b"Yes" else b"Yes") + cr
            line = b"\t".join(cells)
        out.append(line)
    return b"\n".join(out)


def link(src: Path, dst: Path):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def need_qpdf():
    if shutil.which("qpdf"):
        return "qpdf"
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("qpdf not found: installing it with apt-get", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(["apt-get", "install", "-y", "-q", "qpdf"], env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-q", "qpdf"], env=env, check=True, capture_output=True)
        return "qpdf"
    sys.exit("qpdf is needed for the long PDFs (apt-get install qpdf)")


def page_count(qpdf: str, pdf: Path) -> int:
    return int(subprocess.run([qpdf, "--show-npages", str(pdf)], capture_output=True, text=True, check=True).stdout.strip())


def long_pdf(qpdf: str, pdfs, pages: int, out: Path):
    """Concatenate the fixtures' pages, in turn, until `pages` pages."""
    spec, have = [], 0
    counts = [(p, page_count(qpdf, p)) for p in pdfs]
    while have < pages:
        for p, n in counts:
            take = min(n, pages - have)
            if take <= 0:
                break
            spec += [str(p), f"1-{take}"]
            have += take
    subprocess.run([qpdf, "--empty", "--pages", *spec, "--", str(out)], check=True)
    assert page_count(qpdf, out) == pages


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "target/bench-corpus"))
    ap.add_argument("--text", type=int, default=2000, help="text forms to write")
    ap.add_argument("--pdf", type=int, default=2000, help="PDF forms to link")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(args.seed)
    manifest = {}

    seeds = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "fixtures/text").glob("*.txt"))
    names = gazetteer_names()
    (out / "text").mkdir(parents=True)
    texts = []
    for i in range(args.text):
        seed = seeds[i % len(seeds)]
        data = vary(seed.read_bytes(), seed_landlord(seed), rng.choice(names), rng)
        p = out / "text" / f"t{i:05d}_{seed.stem}.txt"
        p.write_bytes(data)
        texts.append(p)

    pdfs = sorted((ROOT / "fixtures/pdf").glob("*.pdf"))
    qpdf = need_qpdf()
    fixture_pages = {p: page_count(qpdf, p) for p in pdfs}
    (out / "pdf").mkdir()
    copies = []
    for i in range(args.pdf):
        src = pdfs[i % len(pdfs)]
        p = out / "pdf" / f"p{i:05d}_{src.stem}.pdf"
        link(src, p)
        copies.append((p, fixture_pages[src]))

    for k in SCALES:
        if k <= len(texts):
            d = out / f"text_{k}"
            d.mkdir()
            for p in texts[:k]:
                link(p, d / p.name)
            manifest[f"text_{k}"] = {"docs": k, "bytes": sum(p.stat().st_size for p in texts[:k])}
        if k <= len(copies):
            d = out / f"pdf_{k}"
            d.mkdir()
            for p, _ in copies[:k]:
                link(p, d / p.name)
            manifest[f"pdf_{k}"] = {"docs": k, "pages": sum(n for _, n in copies[:k]), "bytes": sum(p.stat().st_size for p, _ in copies[:k])}
    manifest["text"] = {"docs": len(texts), "bytes": sum(p.stat().st_size for p in texts)}
    manifest["pdf"] = {"docs": len(copies), "pages": sum(n for _, n in copies), "bytes": sum(p.stat().st_size for p, _ in copies)}
    manifest["fixtures_pdf"] = {"docs": len(pdfs), "pages": sum(fixture_pages.values()), "bytes": sum(p.stat().st_size for p in pdfs)}

    (out / "pages").mkdir()
    for n in PAGE_SIZES:
        p = out / "pages" / f"pdf_{n}p.pdf"
        long_pdf(qpdf, pdfs, n, p)
        manifest[f"pages_{n}"] = {"docs": 1, "pages": n, "bytes": p.stat().st_size, "path": str(p)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
