#!/usr/bin/env python3
"""Write crates/chc-parse/data/latin_encodings.tsv: the PDF Reference's Appendix D table
(glyph name, Unicode, and its code in StandardEncoding, MacRomanEncoding, WinAnsiEncoding and
PDFDocEncoding), which our PDF text decoder needs for simple fonts without a ToUnicode map.

The table is taken from pdfminer.six (`pip install pdfminer.six`), which transcribes it from
the PDF Reference 1.6, with Unicode values from the Adobe Glyph List. Run once; the output is
committed."""
import pathlib
from pdfminer.latin_enc import ENCODING
from pdfminer.glyphlist import glyphname2unicode

out = pathlib.Path(__file__).resolve().parent.parent / "crates/chc-parse/data/latin_encodings.tsv"
rows = ["# name\tunicode\tstd\tmac\twin\tpdf  (PDF Reference 1.6, Appendix D; '-' = not encoded)"]
for name, std, mac, win, pdf in ENCODING:
    if name == "space" and win == 173:
        # The Reference's footnote: WinAnsi 0o255 is a second *hyphen* (pdfminer lists a space).
        name, mac = "hyphen", None
    uni = glyphname2unicode[name]
    cell = lambda v: "-" if v is None else str(v)
    rows.append("\t".join([name, "%04X" % ord(uni), cell(std), cell(mac), cell(win), cell(pdf)]))
out.write_text("\n".join(rows) + "\n")
print(f"wrote {len(rows) - 1} glyphs to {out}")
