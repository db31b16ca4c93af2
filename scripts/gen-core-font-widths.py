#!/usr/bin/env python3
"""Write crates/chc-parse/data/core_font_widths.tsv: the glyph widths of the standard 14 Latin
fonts (Helvetica, Times, Courier and their bold/italic faces), which PDFs may use without
embedding them or giving /Widths. Read from the metric-compatible URW clones' AFM files
(Debian's fonts-urw-base35, installed with apt-get when missing); glyph names become Unicode
through crates/chc-parse/data/latin_encodings.tsv. One line per font: the PDF name, then
`hex:width` pairs (thousandths of the font size).
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AFM_DIR = "/usr/share/fonts/type1/urw-base35"
FONTS = {
    "Helvetica": "NimbusSans-Regular", "Helvetica-Bold": "NimbusSans-Bold",
    "Helvetica-Oblique": "NimbusSans-Italic", "Helvetica-BoldOblique": "NimbusSans-BoldItalic",
    "Times-Roman": "NimbusRoman-Regular", "Times-Bold": "NimbusRoman-Bold",
    "Times-Italic": "NimbusRoman-Italic", "Times-BoldItalic": "NimbusRoman-BoldItalic",
    "Courier": "NimbusMonoPS-Regular", "Courier-Bold": "NimbusMonoPS-Bold",
    "Courier-Oblique": "NimbusMonoPS-Italic", "Courier-BoldOblique": "NimbusMonoPS-BoldItalic",
}


def main():
    if not os.path.isdir(AFM_DIR):
        subprocess.run(["apt-get", "install", "-y", "-q", "fonts-urw-base35"], check=True)
    names = {}
    with open(os.path.join(ROOT, "crates/chc-parse/data/latin_encodings.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            names.setdefault(parts[0], parts[1])
    out = ["# font\thex:width ... (standard 14 Latin fonts; made by scripts/gen-core-font-widths.py from the URW AFMs)"]
    for pdf_name, urw in FONTS.items():
        widths = {}
        with open(os.path.join(AFM_DIR, urw + ".afm"), encoding="latin-1") as f:
            for line in f:
                if not line.startswith("C "):
                    continue
                fields = dict(p.strip().split(" ", 1) for p in line.split(";") if p.strip() and " " in p.strip())
                name, wx = fields.get("N"), fields.get("WX")
                if name in names and wx:
                    widths.setdefault(names[name], int(float(wx)))
        out.append(pdf_name + "\t" + " ".join(f"{h}:{w}" for h, w in sorted(widths.items())))
    path = os.path.join(ROOT, "crates/chc-parse/data/core_font_widths.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    sys.exit(main())
