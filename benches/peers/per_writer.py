#!/usr/bin/env python3
"""Per-writer tables for the producer matrix: run_peers.sh's OUT/<system>.eval.json grouped
by the writer in each file name (mx_<form>_<writer>), counts summed over the writer's forms.

    per_writer.py OUT [SYSTEM...]     (default: chc and every peer system present)

Prints one markdown table per writer: provision F1, comply accuracy (over matched rows),
requirement/evidence/commentary similarity (over matched rows), metadata right (landlord,
version, date, draft: fields right out of fields scored).
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

SYSTEMS = ["chc", "pdfplumber", "pdfplumber-merged", "camelot-lattice", "camelot-lattice-merged",
           "camelot-stream", "camelot-stream-merged"]


def main():
    out = Path(sys.argv[1])
    systems = sys.argv[2:] or [s for s in SYSTEMS if (out / f"{s}.eval.json").exists()]
    table = defaultdict(dict)  # writer -> system -> metrics
    for s in systems:
        docs = json.loads((out / f"{s}.eval.json").read_text())["documents"]
        acc = defaultdict(lambda: defaultdict(float))
        for d in docs:
            stem = d["stem"]
            if not stem.startswith("mx_"):
                continue
            writer = stem.rsplit("_", 1)[1]
            c = d["metrics"]["counts"]
            a = acc[writer]
            for k in ("gold_rows", "extracted_rows", "matched_rows", "provision_tp", "comply_correct",
                      "requirement_similarity_sum", "evidence_similarity_sum", "commentary_similarity_sum"):
                a[k] += c.get(k, 0) or 0
            for k in ("landlord_correct", "code_version_correct", "document_date_correct", "draft_correct"):
                a["meta"] += c.get(k, 0) or 0
            a["meta_n"] += 4
        for writer, a in acc.items():
            p = a["provision_tp"] / a["extracted_rows"] if a["extracted_rows"] else 0.0
            r = a["provision_tp"] / a["gold_rows"] if a["gold_rows"] else 0.0
            m = max(a["matched_rows"], 1)
            table[writer][s] = {
                "F1": 2 * p * r / (p + r) if p + r else 0.0,
                "comply": a["comply_correct"] / m,
                "requirement": a["requirement_similarity_sum"] / m,
                "evidence": a["evidence_similarity_sum"] / m,
                "commentary": a["commentary_similarity_sum"] / m,
                "metadata": a["meta"] / a["meta_n"],
            }
    metrics = ["F1", "comply", "requirement", "evidence", "commentary", "metadata"]
    for writer in sorted(table):
        print(f"\n**{writer}**\n")
        print("| system | " + " | ".join(metrics) + " |")
        print("|---|" + "---|" * len(metrics))
        for s in systems:
            if s in table[writer]:
                v = table[writer][s]
                print(f"| {s} | " + " | ".join(f"{v[k]:.3f}" for k in metrics) + " |")
        peers = [v for s, v in table[writer].items() if s != "chc"]
        if "chc" in table[writer] and peers:
            best = {k: max(p[k] for p in peers) for k in metrics}
            behind = [(k, table[writer]["chc"][k], best[k]) for k in metrics if table[writer]["chc"][k] < best[k]]
            print(f"\nchc at or above the best peer on every metric: {'yes' if not behind else 'NO'}")
            for k, mine, best in behind:
                # Peers are scored on the rows they matched only, often the easy half.
                print(f"- {k}: chc {mine:.5f}, best peer {best:.5f} (on its matched rows only)")


if __name__ == "__main__":
    main()
