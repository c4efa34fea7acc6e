"""Stage 5, stamp: one ReportLab page per pack page carrying its furniture, overlaid later.

Drawing the "Page N" numbers, the "Agenda Item N" stamps, the blank-page sentence and the
exempt marking with ReportLab takes ~0.1 s for 300 pages, against seconds for WeasyPrint
margin boxes (STACK.md §2a); it also stamps uploaded PDFs exactly like rendered papers.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from meetings.pack.layout import BLANK_TEXT, Layout

MM = 72 / 25.4
# Bump when the drawing below changes, so cached stamp layers are not reused.
STAMP_VERSION = 1


@cache
def _fonts() -> tuple[str, str, str]:
    for name, file in (
        ("PackSans", "LiberationSans-Regular.ttf"),
        ("PackSans-Bold", "LiberationSans-Bold.ttf"),
        ("PackSans-Italic", "LiberationSans-Italic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, finders.find(f"fonts/{file}")))
    return "PackSans", "PackSans-Bold", "PackSans-Italic"


def cached_stamp_layer(
    layout: Layout,
    sizes: list[tuple[float, float]],
    *,
    exempt_text: str,
    directory: Path,
    prefix: str = "",
) -> bytes:
    """The stamp layer, reused when the pages, their sizes and numbers are as last time (a
    rebuild after an edit that kept every paper's length)."""
    key = hashlib.sha256(
        repr((layout.slots, sizes, exempt_text, prefix, STAMP_VERSION)).encode()
    ).hexdigest()
    path = directory / f"stamps-{key}.pdf"
    if path.exists():
        return path.read_bytes()
    data = stamp_layer(layout, sizes, exempt_text=exempt_text, prefix=prefix)
    # A unique temporary name: two builds may write the same layer at once.
    handle, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    return data


def stamp_layer(
    layout: Layout, sizes: list[tuple[float, float]], *, exempt_text: str = "", prefix: str = ""
) -> bytes:
    """A PDF with one page per pack page (same sizes) holding only that page's furniture."""
    regular, bold, italic = _fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pageCompression=1)
    for slot, (width, height) in zip(layout.slots, sizes, strict=True):
        pdf.setPageSize((width, height))
        if slot.number is not None:
            pdf.setFont(regular, 9)
            pdf.drawCentredString(width / 2, 10 * MM, f"Page {prefix}{slot.number}")
        if slot.stamp:
            pdf.setFont(bold, 14)
            pdf.drawRightString(width - 15 * MM, height - 14 * MM, slot.stamp)
        if slot.kind in ("blank", "front_blank"):
            pdf.setFont(italic, 12)
            pdf.drawCentredString(width / 2, height / 2, BLANK_TEXT)
        if slot.exempt and exempt_text:
            pdf.setFont(bold, 9)
            pdf.setFillColorRGB(0.6, 0, 0)
            pdf.drawString(15 * MM, height - 9 * MM, exempt_text)
            pdf.setFillColorRGB(0, 0, 0)
        pdf.showPage()
    pdf.save()
    return out.getvalue()
