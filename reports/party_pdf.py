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
    from PyPDF2.generic import DecodedStreamObject, NameObject
except ImportError:  # Odoo also runs on pypdf
    from pypdf.generic import DecodedStreamObject, NameObject

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


def finish_pdf(content, line, page_label):
    """``content`` with ``line`` at the top of each page, ``page_label(n, count)`` at
    its foot and the text layer fixed (one pass over the pages)."""
    source = PdfFileReader(io.BytesIO(content), strict=False)
    count = len(source.pages)
    packet = io.BytesIO()
    sheet = canvas.Canvas(packet)
    for number, page in enumerate(source.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        sheet.setPageSize((width, height))
        sheet.setFont(STAMP_FONT, 8)
        sheet.setFillGray(0.35)
        sheet.drawString(34, height - 26, line[0])
        sheet.drawRightString(width - 34, height - 26, line[1])
        sheet.setStrokeGray(0.6)
        sheet.line(34, height - 30, width - 34, height - 30)
        sheet.drawCentredString(width / 2, 20, page_label(number, count))
        sheet.showPage()
    sheet.save()
    stamps = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    fixed = {}
    for index, page in enumerate(source.pages):
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for font in (fonts.get_object() if fonts else {}).values():
            font = font.get_object()
            reference = font.raw_get("/ToUnicode") if "/ToUnicode" in font else None
            if reference is None:
                continue
            # Font dicts of several pages may share one ToUnicode stream.
            key = getattr(reference, "idnum", id(reference))
            if key not in fixed:
                data = reference.get_object().get_data()
                new_data = fix_to_unicode(data)
                fixed[key] = None
                if new_data != data:
                    new_stream = DecodedStreamObject()
                    new_stream.set_data(new_data)
                    fixed[key] = writer._add_object(new_stream)
            if fixed[key] is not None:
                font[NameObject("/ToUnicode")] = fixed[key]
        page.merge_page(stamps.pages[index])
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
