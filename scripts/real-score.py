#!/usr/bin/env python3
"""Score chc on fixtures/real (issue 17): both halves, each layout separately, worst forms.

    python3 scripts/real-score.py [--chc target/release/chc] [--out DIR] [--markdown]

Extracts fixtures/real/dev and fixtures/real/test with the given binary, scores each half
with `chc eval --json` against its gold, and prints per half and per layout (the tags of
`scripts/make-real-fixtures.py tags`):
  rows found       gold provision rows extracted (recall)
  comply right     comply values right among the rows found
  version/landlord share of forms whose Code version / landlord is right
  extra rows       share of forms with a row that is not in the gold
and the five weakest forms of each half. The test half is held out: read its scores, never
tune on its failures (fixtures/real/README.md).
"""
import argparse, json, os, subprocess, sys, tempfile
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(chc, half, out):
    folder = os.path.join(ROOT, "fixtures", "real", half)
    dest = os.path.join(out, half)
    subprocess.run([chc, "extract", folder, "--out", dest, "-q"], stderr=subprocess.DEVNULL, check=False)
    r = subprocess.run([chc, "eval", "--json", "--gold", os.path.join(folder, "gold"), dest], capture_output=True, text=True, check=False)
    return json.loads(r.stdout)["documents"]


def summary(docs):
    gold = sum(d["metrics"]["counts"]["gold_rows"] for d in docs)
    tp = sum(d["metrics"]["counts"]["provision_tp"] for d in docs)
    matched = sum(d["metrics"]["counts"]["matched_rows"] for d in docs)
    comply = sum(d["metrics"]["counts"]["comply_correct"] for d in docs)
    n = len(docs)
    share = lambda field: sum(1 for d in docs if d["fields"][field]["correct"]) / n if n else 0.0
    extra = sum(1 for d in docs if d["metrics"]["counts"]["extracted_rows"] > d["metrics"]["counts"]["provision_tp"]) / n if n else 0.0
    return {"forms": n, "rows_found": tp / gold if gold else 1.0, "comply_right": comply / matched if matched else 1.0,
            "version": share("code_version"), "landlord": share("landlord"), "extra_rows": extra}


def line(name, s, md):
    cells = [name, str(s["forms"]), f"{s['rows_found']:.3f}", f"{s['comply_right']:.3f}", f"{s['version']:.3f}", f"{s['landlord']:.3f}", f"{s['extra_rows']:.3f}"]
    return "| " + " | ".join(cells) + " |" if md else "  ".join(f"{c:>12}" if i else f"{c:<28}" for i, c in enumerate(cells))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chc", default=os.path.join(ROOT, "target", "release", "chc"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="chc-real-")
    tags = json.loads(subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make-real-fixtures.py"), "tags"], capture_output=True, text=True, check=True).stdout)
    head = ["set", "forms", "rows found", "comply right", "version", "landlord", "extra rows"]
    for half in ("dev", "test"):
        docs = run(a.chc, half, out)
        print(f"\n{half} half\n")
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head) if a.markdown else "  ".join(f"{h:>12}" if i else f"{h:<28}" for i, h in enumerate(head)))
        print(line("all", summary(docs), a.markdown))
        layouts = sorted({t for d in docs for t in tags.get(d["stem"], {}).get("tags", [])})
        for layout in layouts:
            print(line(layout, summary([d for d in docs if layout in tags.get(d["stem"], {}).get("tags", [])]), a.markdown))
        def weakness(d):
            m = d["metrics"]
            return (m["provision_f1"] + m["comply_accuracy"]) / 2
        worst = sorted(docs, key=lambda d: (weakness(d), d["stem"]))[:5]
        print("\nweakest forms: " + ", ".join(f"{d['stem']} (F1 {d['metrics']['provision_f1']:.2f}, comply {d['metrics']['comply_accuracy']:.2f})" for d in worst))


if __name__ == "__main__":
    main()
