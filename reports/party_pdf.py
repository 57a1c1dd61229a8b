"""Finishing party_quant's PDFs after wkhtmltopdf: a running line and page numbers
drawn on each page, and a text layer that reads as the Chinese it shows."""

import functools
import glob
import io
import logging
import re
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

try:
    from PyPDF2.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
except ImportError:  # Odoo also runs on pypdf
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

_logger = logging.getLogger(__name__)

# Drawn onto every page: a CID font the PDF reader supplies, so Chinese needs no
# font file (the body's text is in Noto CJK, embedded by wkhtmltopdf).
STAMP_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(STAMP_FONT))
# Qt writes a glyph's text as the first code point the font maps to it; Noto CJK maps
# many ideographs' glyphs from a radical too (⽀ U+2F40 for 支), so copied or searched
# text would hold radicals. These are fixed in the fonts' ToUnicode maps.
RADICALS = (0x2E80, 0x2FDF)
RADICAL_TOKEN = re.compile(rb"<(2[EF][0-9A-Fa-f]{2})>")
CMAP_RANGE_HEAD = re.compile(rb"^\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*")
CMAP_CHAR_HEAD = re.compile(rb"^\s*<[0-9A-Fa-f]+>\s*")


@functools.cache
def radical_map():
    """{radical code point: the ideograph it stands for}: Unicode's compatibility
    mapping for the Kangxi radicals, and for the others the ideograph sharing the
    radical's glyph in Noto Sans CJK SC (when fontTools and the font are there)."""
    mapping = {}
    for code in range(*RADICALS):
        ideograph = unicodedata.normalize("NFKC", chr(code))
        if ideograph != chr(code):
            mapping[code] = ord(ideograph)
    try:
        from fontTools.ttLib import TTCollection

        path = glob.glob("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", recursive=True)[0]
        font = next(
            f
            for f in TTCollection(path, lazy=True).fonts
            if f["name"].getDebugName(1) == "Noto Sans CJK SC"
        )
        glyphs = {}
        cmap = font.getBestCmap()
        for code, glyph in cmap.items():
            if 0x4E00 <= code <= 0x9FFF:
                glyphs.setdefault(glyph, code)
        for code, glyph in cmap.items():
            if RADICALS[0] <= code <= RADICALS[1] and glyph in glyphs:
                mapping[code] = glyphs[glyph]
    except (ImportError, IndexError, StopIteration, OSError):
        _logger.info("No fontTools or Noto Sans CJK: only Kangxi radicals are mapped.")
    return mapping


def _fix_values(text):
    mapping = radical_map()
    return RADICAL_TOKEN.sub(
        lambda m: b"<%04X>" % mapping.get(int(m.group(1), 16), int(m.group(1), 16)), text
    )


def fix_to_unicode(cmap):
    """The ToUnicode CMap ``cmap`` (bytes) with radical targets replaced; the source
    codes (glyph ids) are left as they are."""
    lines, block = [], None
    for line in cmap.split(b"\n"):
        if line.endswith(b"beginbfrange"):
            block = CMAP_RANGE_HEAD
        elif line.endswith(b"beginbfchar"):
            block = CMAP_CHAR_HEAD
        elif line.startswith(b"endbf"):
            block = None
        elif block:
            head = block.match(line)
            cut = head.end() if head else 0
            line = line[:cut] + _fix_values(line[cut:])
        lines.append(line)
    return b"\n".join(lines)


@functools.cache
def _stamp_font():
    """The stamp font's PDF dictionary, as reportlab writes it (read once)."""
    packet = io.BytesIO()
    sheet = canvas.Canvas(packet)
    sheet.setFont(STAMP_FONT, 8)
    sheet.drawString(0, 0, "党")
    sheet.save()
    fonts = PdfFileReader(io.BytesIO(packet.getvalue()), strict=False).pages[0]["/Resources"][
        "/Font"
    ]
    return next(
        font.get_object()
        for font in fonts.values()
        if STAMP_FONT in str(font.get_object().get("/BaseFont"))
    )


def _text(x, y, text, size=8):
    """Content operators showing ``text`` at (x, y) in the stamp font (UCS-2)."""
    return b"BT /PQStamp %d Tf %.2f %.2f Td <%s> Tj ET\n" % (
        size,
        x,
        y,
        text.encode("utf-16-be").hex().encode(),
    )


def _stamp(width, height, line, page_text):
    """The operators of one page's running line, rule and page number."""
    width_of = functools.partial(pdfmetrics.stringWidth, fontName=STAMP_FONT, fontSize=8)
    return b"".join(
        [
            b"q 0.35 g 0.6 G 0.5 w\n",
            _text(34, height - 26, line[0]),
            _text(width - 34 - width_of(line[1]), height - 26, line[1]),
            b"34 %.2f m %.2f %.2f l S\n" % (height - 30, width - 34, height - 30),
            _text((width - width_of(page_text)) / 2, 20, page_text),
            b"Q\n",
        ]
    )


def _stream(writer, data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def finish_pdf(content, line, page_label):
    """``content`` with ``line`` (left and right text) at the top of each page,
    ``page_label(n, count)`` at its foot and the text layer fixed. The stamp is one
    more content stream per page, after the page's own (wrapped in q/Q): the pages'
    content is not parsed or rewritten, which keeps a 100-page file fast and small."""
    source = PdfFileReader(io.BytesIO(content), strict=False)
    count = len(source.pages)
    writer = PdfFileWriter()
    font = writer._add_object(_stamp_font())
    save, restore = _stream(writer, b"q\n"), _stream(writer, b"\nQ\n")
    fixed = {}
    for number, page in enumerate(source.pages, start=1):
        resources = page["/Resources"].get_object()
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        fonts = resources["/Font"].get_object()
        for name in list(fonts):
            _fix_font(writer, fonts[name].get_object(), fixed)
        fonts[NameObject("/PQStamp")] = font
        contents = page.raw_get("/Contents")
        contents = (
            list(contents.get_object()) if isinstance(contents.get_object(), list) else [contents]
        )
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        stamp = _stamp(width, height, line, page_label(number, count))
        page[NameObject("/Contents")] = ArrayObject(
            [save, *contents, restore, _stream(writer, stamp)]
        )
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _fix_font(writer, font, fixed):
    """Point ``font`` at a corrected ToUnicode map; fonts of several pages may share
    one map, which is corrected once (``fixed``: map id → new reference or None)."""
    reference = font.raw_get("/ToUnicode") if "/ToUnicode" in font else None
    if reference is None:
        return
    key = getattr(reference, "idnum", id(reference))
    if key not in fixed:
        data = reference.get_object().get_data()
        new_data = fix_to_unicode(data)
        fixed[key] = _stream(writer, new_data) if new_data != data else None
    if fixed[key] is not None:
        font[NameObject("/ToUnicode")] = fixed[key]
