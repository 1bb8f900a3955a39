#!/usr/bin/env python3
"""Render selected corpus/*.txt agreements as small, valid PDF files.

Standard library only (no reportlab, no poppler).  For each selected text file
this writes corpus/pdf/<stem>.pdf:

  * PDF 1.4, US Letter pages, one standard Type1 font (Helvetica) with
    /WinAnsiEncoding, so no font embedding is needed;
  * text wrapped at about 90 characters (and never wider than the text
    column, using the Helvetica glyph widths), 50 lines per page;
  * one content stream per page, FlateDecode-compressed with zlib unless the
    file is listed as uncompressed below;
  * a classic cross-reference table with exact byte offsets and a trailer.

Characters that WinAnsi (cp1252) cannot represent are transliterated
(e.g. "->" for an arrow, ">=" for the greater-or-equal sign, accents
stripped via NFKD); anything left over becomes "?".  Soft hyphens (U+00AD)
are invisible and are dropped; no-break spaces are kept (WinAnsi 0xA0).

It also writes two damaged files:

  * corpus/pdf/broken-truncated.pdf: a copy of one generated PDF cut off in
    the middle of a page content stream, so it has no xref table and no
    trailer (lopdf refuses it; a recovering engine reads the first pages);
  * corpus/pdf/scanned-no-text.pdf: the pages of one agreement drawn as grey
    bars where the lines are, with no text operators, as a scan without an
    OCR layer looks to a text extractor.

Output is deterministic: there are no timestamps other than a fixed
CreationDate, and the document /ID is derived from the file body, so running
the script again reproduces identical bytes.

Usage:
    python3 scripts/make_corpus_pdfs.py            # (re)generate the PDFs
    python3 scripts/make_corpus_pdfs.py --check    # also self-check the xref
"""

import argparse
import hashlib
import re
import sys
import unicodedata
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
OUT_DIR = CORPUS / "pdf"

# (text file stem, compress content streams?)
SOURCES = [
    ("01-patent-licence", True),             # long: more than 5 pages
    ("02-software-licence-saas", True),      # no-break spaces, soft hyphens
    ("03-trademark-licence", True),
    ("04-content-licence-vod", True),
    ("09-distribution-agreement", True),     # CJK and arrows -> transliterated
    ("10-know-how-licence", True),
    ("15-services-agreement", False),        # non-licence; uncompressed streams
]
BROKEN_FROM = "03-trademark-licence"
BROKEN_NAME = "broken-truncated.pdf"
SCAN_FROM = "04-content-licence-vod"
SCAN_NAME = "scanned-no-text.pdf"

# Page geometry (points).
PAGE_W, PAGE_H = 612, 792
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 54, 54, 60
FONT_SIZE = 9.5
LEADING = 13.5
LINES_PER_PAGE = 50
WRAP_CHARS = 90
COLUMN_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT

FIXED_DATE = "D:20240101000000Z"
PRODUCER = "licscan scripts/make_corpus_pdfs.py"

# Helvetica advance widths (1/1000 em) for printable ASCII, from the standard
# Adobe Helvetica AFM.  Other WinAnsi glyphs fall back to DEFAULT_WIDTH.
_ASCII_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # '0'..'?'
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # '@'..'O'
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # 'P'..'_'
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # '`'..'o'
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,       # 'p'..'~'
]
WIDTHS = {32 + i: w for i, w in enumerate(_ASCII_WIDTHS)}
DEFAULT_WIDTH = 556

# Transliterations for characters outside WinAnsi (cp1252).
TRANSLIT = {
    "\u00ad": "",      # soft hyphen: invisible unless a line breaks there
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2043": "-", "\u2212": "-",
    "\u2015": "\u2014",
    "\u2190": "<-", "\u2192": "->", "\u2194": "<->", "\u21d2": "=>",
    "\u2264": "<=", "\u2265": ">=", "\u2260": "!=", "\u2248": "~",
    "\u2032": "'", "\u2033": '"', "\u2044": "/",
    "\u2002": " ", "\u2003": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ",
    "\u202f": "\u00a0", "\u200b": "", "\ufeff": "",
    "\u2116": "No.", "\u2122": "(TM)",
    "\u3000": " ", "\u3001": ",", "\u3002": ".",
}


def to_winansi(text):
    """Return cp1252 bytes for text, transliterating what cp1252 lacks."""
    out = bytearray()
    for ch in text:
        if ch == "\t":
            ch = "    "
        elif ch in TRANSLIT:
            ch = TRANSLIT[ch]
        try:
            out += ch.encode("cp1252")
            continue
        except UnicodeEncodeError:
            pass
        # Full-width forms (U+FF01..U+FF5E) and other compatibility characters.
        decomposed = unicodedata.normalize("NFKD", ch)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        try:
            out += stripped.encode("cp1252") if stripped else b"?"
        except UnicodeEncodeError:
            out += b"?" * len(ch)
    return bytes(out)


def text_width(data):
    """Width in points of WinAnsi bytes set in Helvetica at FONT_SIZE."""
    return sum(WIDTHS.get(b, DEFAULT_WIDTH) for b in data) * FONT_SIZE / 1000.0


def wrap_line(line):
    """Wrap one source line (a paragraph) into a list of WinAnsi byte lines.

    Breaks only at ordinary spaces (U+0020), so no-break spaces hold their
    neighbours together; a single over-long word is split hard.
    """
    data = to_winansi(line.rstrip())
    if not data:
        return [b""]
    indent = len(data) - len(data.lstrip(b" "))
    words = data[indent:].split(b" ")
    lines, cur = [], b" " * indent

    def fits(candidate):
        return len(candidate) <= WRAP_CHARS and text_width(candidate) <= COLUMN_W

    for word in words:
        candidate = cur + (b" " if cur.strip() else b"") + word
        if fits(candidate):
            cur = candidate
            continue
        if cur.strip():
            lines.append(cur)
            cur = b""
        while not fits(word):  # hard split an over-long token
            cut = len(word)
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        cur = word
    lines.append(cur)
    return lines


def layout(text):
    """Split text into pages (lists of WinAnsi byte lines)."""
    lines = []
    for src in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(wrap_line(src))
    while lines and not lines[-1]:
        lines.pop()
    return [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]


def pdf_string(data):
    """Encode bytes as a PDF literal string, octal-escaping non-ASCII bytes."""
    out = bytearray(b"(")
    for b in data:
        if b in (0x28, 0x29, 0x5C):  # ( ) backslash
            out += b"\\" + bytes([b])
        elif 32 <= b < 127:
            out.append(b)
        else:
            out += b"\\%03o" % b
    out += b")"
    return bytes(out)


def page_content(lines):
    y = PAGE_H - MARGIN_TOP
    parts = [b"BT", b"/F1 %s Tf" % _num(FONT_SIZE), b"%s TL" % _num(LEADING),
             b"%d %s Td" % (MARGIN_LEFT, _num(y))]
    for i, line in enumerate(lines):
        if i:
            parts.append(b"T*")
        if line:
            parts.append(pdf_string(line) + b" Tj")
    parts.append(b"ET")
    return b"\n".join(parts) + b"\n"


def scan_content(lines):
    """A page as a scanner without OCR leaves it: marks, but no text."""
    y = PAGE_H - MARGIN_TOP
    parts = [b"0.35 g"]
    for i, line in enumerate(lines):
        if line:
            width = min(text_width(line), COLUMN_W)
            parts.append(b"%d %s %s %s re f" % (MARGIN_LEFT, _num(y - i * LEADING - 2),
                                                 _num(width), _num(FONT_SIZE * 0.7)))
    return b"\n".join(parts) + b"\n"


def _num(x):
    s = ("%.3f" % x).rstrip("0").rstrip(".")
    return s.encode("ascii")


def pdf_text_string(s):
    return pdf_string(to_winansi(s))


def build_pdf(text, title, compress=True, content=page_content):
    """Return the bytes of a complete PDF rendering text."""
    pages = layout(text)
    n_pages = len(pages)
    # Object numbers: 1 Catalog, 2 Pages, 3 Font, 4 Info, then for page i:
    # page object 5+2i and its content stream 6+2i.
    page_ids = [5 + 2 * i for i in range(n_pages)]
    objects = {}
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages
    objects[3] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                  b" /Encoding /WinAnsiEncoding >>")
    objects[4] = (b"<< /Title " + pdf_text_string(title)
                  + b" /Producer " + pdf_text_string(PRODUCER)
                  + b" /CreationDate (" + FIXED_DATE.encode() + b") >>")
    for i, lines in enumerate(pages):
        pid, cid = page_ids[i], page_ids[i] + 1
        objects[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]"
                        b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                        % (PAGE_W, PAGE_H, cid))
        raw = content(lines)
        if compress:
            body = zlib.compress(raw, 9)
            head = b"<< /Length %d /Filter /FlateDecode >>" % len(body)
        else:
            body = raw
            head = b"<< /Length %d >>" % len(body)
        objects[cid] = head + b"\nstream\n" + body + b"\nendstream"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref_pos = len(out)
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    doc_id = hashlib.md5(bytes(out)).hexdigest().encode("ascii")
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R /ID [<%s> <%s>] >>\n"
            % (size, doc_id, doc_id))
    out += b"startxref\n%d\n%%%%EOF\n" % xref_pos
    return bytes(out), n_pages


def truncate_in_stream(pdf):
    """Cut pdf in the middle of the content stream of its middle page."""
    starts = [m.end() for m in re.finditer(rb"\nstream\n", pdf)]
    if not starts:
        raise ValueError("no content stream to cut")
    start = starts[len(starts) // 2]
    end = pdf.index(b"\nendstream", start)
    return pdf[: start + (end - start) // 2]


def check_pdf(data):
    """Minimal structural self-check: startxref, xref offsets, object headers."""
    problems = []
    m = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    if not m:
        return ["missing startxref/%%EOF"]
    xref = int(m.group(1))
    if data[xref:xref + 5] != b"xref\n":
        return ["startxref does not point at xref"]
    head = re.match(rb"xref\n0 (\d+)\n", data[xref:])
    count = int(head.group(1))
    table = data[xref + head.end(): xref + head.end() + 20 * count]
    for num in range(count):
        entry = table[20 * num: 20 * num + 20]
        if len(entry) != 20 or not entry.endswith(b" \n"):
            problems.append("bad xref entry %d" % num)
            continue
        if num == 0:
            continue
        off = int(entry[:10])
        if not data[off:].startswith(b"%d 0 obj\n" % num):
            problems.append("object %d not at offset %d" % (num, off))
    for m in re.finditer(rb"<< /Length (\d+)( /Filter /FlateDecode)? >>\nstream\n", data):
        length, start = int(m.group(1)), m.end()
        if data[start + length: start + length + 10] != b"\nendstream":
            problems.append("bad /Length at offset %d" % m.start())
        elif m.group(2):
            try:
                zlib.decompress(data[start:start + length])
            except zlib.error as exc:
                problems.append("bad Flate stream at %d: %s" % (m.start(), exc))
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="verify xref offsets and stream lengths after writing")
    args = ap.parse_args(argv)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    generated = {}
    failed = False
    for stem, compress in SOURCES:
        text = (CORPUS / (stem + ".txt")).read_text(encoding="utf-8")
        title = text.strip().split("\n", 1)[0].strip() or stem
        data, n_pages = build_pdf(text, title, compress=compress)
        path = OUT_DIR / (stem + ".pdf")
        path.write_bytes(data)
        generated[stem] = data
        print("%-40s %3d pages %7d bytes%s" % (path.relative_to(ROOT), n_pages, len(data),
                                              "" if compress else "  (uncompressed)"))
        if args.check:
            problems = check_pdf(data)
            for p in problems:
                print("  PROBLEM: " + p, file=sys.stderr)
            failed |= bool(problems)

    broken = truncate_in_stream(generated[BROKEN_FROM])
    path = OUT_DIR / BROKEN_NAME
    path.write_bytes(broken)
    print("%-40s           %7d bytes  (truncated copy of %s.pdf)"
          % (path.relative_to(ROOT), len(broken), BROKEN_FROM))
    scan_text = (CORPUS / (SCAN_FROM + ".txt")).read_text(encoding="utf-8")
    scan, n_pages = build_pdf(scan_text, "Scanned copy", content=scan_content)
    path = OUT_DIR / SCAN_NAME
    path.write_bytes(scan)
    print("%-40s %3d pages %7d bytes  (no text layer, from %s.txt)"
          % (path.relative_to(ROOT), n_pages, len(scan), SCAN_FROM))
    if args.check:
        for p in check_pdf(scan):
            print("  PROBLEM: " + p, file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
