#!/usr/bin/env python3
"""Build the hostile-input corpus in fixtures/bad/ (issue 9).

Deterministic: the same script gives the same bytes (seeded randomness, no timestamps), so
the committed files can be regenerated and diffed. Standard library only.

    scripts/make-bad-inputs.sh            # (re)write fixtures/bad/*
    scripts/make-bad-inputs.sh --check    # only list what would be written, with sizes

The huge cases (a 50 MB single-line text file, a single-layer Flate bomb of ~1 MB) are not
committed: tests/hostile.rs generates them in a temporary folder at test time.
The expected outcome of every file is in fixtures/bad/README.md and tests/hostile.rs.
"""

import os
import random
import shutil
import struct
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "bad")
SEED_PDF = os.path.join(ROOT, "fixtures", "pdf", "pdf_hrules_portrait_9pt.pdf")
ENC_DIR = os.path.join(ROOT, "crates", "chc-parse", "tests", "data")

files = {}


def put(name, data):
    assert name not in files, name
    files[name] = data


def seed_pdf():
    with open(SEED_PDF, "rb") as f:
        return f.read()


def build_pdf(objects, trailer_extra=b"", header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"):
    """A classic-xref PDF from object bodies (bytes, numbered from 1); object 1 is the catalog."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def stream(dict_body, data):
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page_pdf(content, resources=b"/Font << /F1 5 0 R >>", extra_objects=(), page_extra=b""):
    """Catalog 1, Pages 2, Page 3, content 4, font 5, then extra objects from 6."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << "
        + resources
        + b" >> "
        + page_extra
        + b">>",
        stream(b"", content),
        FONT,
    ]
    objs.extend(extra_objects)
    return build_pdf(objs)


def text_content(lines, size=11, x=72, top=770, leading=16):
    out = [b"BT /F1 %d Tf %d TL %d %d Td" % (size, leading, x, top)]
    for line in lines:
        esc = line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        out.append(b"(" + esc + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def png_bytes(width=16, height=16):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes((x * 16 + y) & 0xFF for x in range(width)) for y in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def zeros_deflated(total, chunk=1 << 22):
    """zlib stream of `total` zero bytes, compressed in chunks (no big allocation)."""
    c = zlib.compressobj(9)
    parts = []
    zero = bytes(chunk)
    left = total
    while left > 0:
        n = min(chunk, left)
        parts.append(c.compress(zero[:n]))
        left -= n
    parts.append(c.flush())
    return b"".join(parts)


def main():
    check_only = "--check" in sys.argv[1:]
    pdf = seed_pdf()
    rng = random.Random(9)

    # -- empty and truncated ------------------------------------------------------------
    put("empty.pdf", b"")
    put("whitespace_only.txt", b" \r\n\t\n   \n")
    for label, cut in [("20b", 20), ("third", len(pdf) // 3), ("half", len(pdf) // 2), ("no_trailer", len(pdf) - 200)]:
        put("truncated_%s.pdf" % label, pdf[:cut])

    # -- random damage --------------------------------------------------------------------
    flipped = bytearray(pdf)
    for _ in range(200):
        i = rng.randrange(16, len(flipped))
        flipped[i] ^= 1 << rng.randrange(8)
    put("flipped_bytes.pdf", bytes(flipped))
    noise = bytearray(b"%PDF-1.7\n")
    noise += bytes(rng.randrange(256) for _ in range(20000))
    put("random_after_header.pdf", bytes(noise))

    # -- xref damage ------------------------------------------------------------------------
    # Every xref entry overwritten and startxref pointing into the middle of a stream.
    start = pdf.rindex(b"startxref")
    xref_at = int(pdf[start + len(b"startxref"):].split()[0])
    broken = bytearray(pdf)
    table_end = pdf.index(b"trailer", xref_at)
    for i in range(xref_at, table_end):
        if broken[i:i + 1].isdigit():
            broken[i] = ord("9")
    put("broken_xref.pdf", bytes(broken))
    bad_start = pdf[:start] + b"startxref\n%d\n%%%%EOF\n" % (len(pdf) // 2)
    put("broken_startxref.pdf", bad_start)
    # /Prev pointing at its own xref section, and a two-section loop.
    trailer_at = pdf.rindex(b"trailer")
    self_loop = pdf[:trailer_at] + pdf[trailer_at:].replace(b"<</Size", b"<</Prev %d /Size" % xref_at, 1)
    put("xref_self_loop.pdf", self_loop)
    # Incremental update whose xref has no entries; its /Prev is the original section, whose
    # /Prev (edited in place, offsets unchanged) points back at the update.
    base = pdf[:trailer_at] + pdf[trailer_at:].replace(b"<</Size", b"<</Prev 0000000000 /Size", 1)
    upd_at = len(base)
    update = b"xref\n0 0\ntrailer\n<</Size 25 /Root 23 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (xref_at, upd_at)
    looped = base.replace(b"/Prev 0000000000", b"/Prev %010d" % upd_at, 1) + update
    put("xref_two_section_loop.pdf", looped)

    # -- nesting and recursion --------------------------------------------------------------
    depth = 100_000
    nested = b"[" * depth + b"]" * depth
    put(
        "deep_nesting_array.pdf",
        one_page_pdf(text_content([b"Code provision 1.1"]), extra_objects=[nested], page_extra=b"/Deep 6 0 R "),
    )
    nested_dict = b"<</A " * 20_000 + b"1" + b">>" * 20_000
    put(
        "deep_nesting_dict.pdf",
        one_page_pdf(text_content([b"Code provision 1.1"]), extra_objects=[nested_dict], page_extra=b"/Deep 6 0 R "),
    )
    put(
        "deep_nesting_content.pdf",
        one_page_pdf(b"BT /F1 11 Tf 72 700 Td " + b"[" * 50_000 + b"(x)" + b"]" * 50_000 + b" TJ ET"),
    )
    # A form XObject that draws itself: unguarded, a reader recurses until the stack runs out
    # (an abort, which catch_unwind cannot contain).
    form = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> >>", b"/X1 Do")
    put(
        "xobject_self_cycle.pdf",
        one_page_pdf(text_content([b"Code provision 1.1"]) + b"\n/X1 Do", resources=b"/Font << /F1 5 0 R >> /XObject << /X1 6 0 R >>", extra_objects=[form]),
    )
    # Two forms drawing each other, without /Subtype /Form (readers that recurse into any stream).
    fa = stream(b"/Type /XObject /BBox [0 0 1 1] /Resources << /XObject << /B 7 0 R >> >>", b"/B Do")
    fb = stream(b"/Type /XObject /BBox [0 0 1 1] /Resources << /XObject << /A 6 0 R >> >>", b"/A Do")
    put(
        "xobject_mutual_cycle.pdf",
        one_page_pdf(text_content([b"Code provision 1.1"]) + b"\n/A Do", resources=b"/Font << /F1 5 0 R >> /XObject << /A 6 0 R >>", extra_objects=[fa, fb]),
    )
    # Page tree whose /Parent chain loops (inherited attributes walk up forever).
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        stream(b"", text_content([b"Code provision 1.1"])),
        FONT,
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
    ]
    put("parent_loop.pdf", build_pdf(objs))

    # -- decompression bombs ----------------------------------------------------------------
    # 1.25 GB of zeros, deflated twice: ~1.2 MB after the first layer, a few KB on disk.
    inner = zeros_deflated(1_250_000_000)
    outer = zlib.compress(inner, 9)
    bomb = stream(b"/Filter [/FlateDecode /FlateDecode]", outer)
    put(
        "flate_bomb.pdf",
        build_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [5 0 R 4 0 R] /Resources << /Font << /F1 6 0 R >> >> >>",
                bomb,
                stream(b"", text_content([b"Code provision 1.1"])),
                FONT,
            ]
        ),
    )
    # The same bomb as an object stream, which PDF readers inflate while loading the file.
    objstm = stream(b"/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]", outer)
    put(
        "flate_bomb_objstm.pdf",
        build_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                stream(b"", text_content([b"Code provision 1.1"])),
                FONT,
                objstm,
            ]
        ),
    )

    # -- not PDFs at all ----------------------------------------------------------------------
    put("png_renamed.pdf", png_bytes())
    put(
        "html_error_page.pdf",
        b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body>\n<h1>Not Found</h1>\n"
        b"<p>The requested URL /media/1234/complaints-self-assessment.pdf was not found on this server.</p>\n"
        b"<hr><address>Apache Server at www.example-council.gov.uk Port 443</address>\n</body></html>\n",
    )
    put("gzip_renamed.pdf", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + zlib.compress(b"not a pdf")[2:])

    # -- encryption -------------------------------------------------------------------------------
    for src, dst in [
        ("encrypted_aes256_empty_user_password.pdf", "encrypted_aes256_empty_password.pdf"),
        ("encrypted_rc4_empty_user_password.pdf", "encrypted_rc4_empty_password.pdf"),
        ("encrypted_aes256_user_password.pdf", "encrypted_user_password.pdf"),
    ]:
        with open(os.path.join(ENC_DIR, src), "rb") as f:
            put(dst, f.read())

    # -- PDFs that are valid but not forms ----------------------------------------------------
    img = stream(b"/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", zlib.compress(bytes(range(256)), 9))
    put(
        "image_only.pdf",
        one_page_pdf(b"q 400 0 0 400 100 300 cm /Im1 Do Q", resources=b"/XObject << /Im1 6 0 R >>", extra_objects=[img]),
    )
    letter = [
        b"Example District Council",
        b"Housing Services, Town Hall, Example Street",
        b"",
        b"Dear resident,",
        b"Thank you for your complaint about the repair to your kitchen. We are sorry",
        b"for the delay and have booked an appointment for next Tuesday.",
        b"",
        b"Yours sincerely,",
        b"Complaints Team",
    ]
    put("text_no_table.pdf", one_page_pdf(text_content(letter)))
    put("no_pages.pdf", build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))

    # -- text in other encodings ------------------------------------------------------------------
    with open(os.path.join(ROOT, "fixtures", "text", "northbridge_homes_2024_ticks.txt"), "rb") as f:
        ticks = f.read().decode("utf-8")
    put("utf16le_bom.txt", b"\xff\xfe" + ticks.encode("utf-16-le"))
    with open(os.path.join(ROOT, "fixtures", "text", "kestrel_district_2022_yn.txt"), "rb") as f:
        kestrel = f.read().decode("utf-8")
    put("utf16be_no_bom.txt", kestrel.encode("utf-16-be"))
    with open(os.path.join(ROOT, "fixtures", "text", "marlow_vale_2024_pipes.txt"), "rb") as f:
        marlow = f.read().decode("utf-8")
    marlow = marlow.replace("'", "\u2019").replace("complaint", "complaint\u00a0").replace("\n", "\r\n")
    put("windows1252.txt", marlow.encode("cp1252"))

    # -- a form without provision numbers ------------------------------------------------------
    rows = []
    for line in ticks.splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[0].strip() and cells[0].strip()[0].isdigit():
            cells[0] = ""
        rows.append("\t".join(cells))
    put("form_without_numbers.txt", ("\n".join(rows) + "\n").encode("utf-8"))

    total = sum(len(v) for v in files.values())
    if check_only:
        for name in sorted(files):
            print("%10d  %s" % (len(files[name]), name))
        print("%10d  total" % total)
        return
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(files.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote %d files, %d bytes, to %s" % (len(files), total, os.path.relpath(OUT, ROOT)))
    assert total < 2_000_000, "fixtures/bad must stay under 2 MB"


if __name__ == "__main__":
    main()
