"""A stand-alone printed paper through the same pipeline (render, number, stamp, merge):
the printed minutes of a meeting, for instance."""

from __future__ import annotations

from meetings.pack.assemble import SourcePdf, assemble, page_count
from meetings.pack.layout import Layout, Slot
from meetings.pack.render import cache_dir, render_all


def build_numbered_pdf(html: str, *, title: str, outline_title: str) -> tuple[bytes, int]:
    """Render `html` with the print styles and number every page "Page N"; returns the PDF
    and its page count."""
    (path,) = render_all([html])
    count = page_count(path)
    layout = Layout(
        slots=[
            Slot(kind="paper", number=page + 1, item=0, document=0, page=page)
            for page in range(count)
        ],
        item_starts={0: 0},
        document_starts={(0, 0): 0},
    )
    pdf = assemble(
        front=b"",
        layout=layout,
        sources=[[SourcePdf(path, uploaded=False)]],
        outline=[(outline_title, [])],
        link_targets={},
        exempt_text="",
        title=title,
        stamp_cache=cache_dir(),
    )
    return pdf, count


def build_item_preview(
    *, stamp_number: str, sources: list[tuple[str, str]], title: str
) -> tuple[bytes, int]:
    """One item's papers as they will print in the pack (stamp, padding, "Page N" from 1):
    `sources` are (kind, value) pairs, "html" with printable HTML or "pdf" with a file path."""
    from pathlib import Path

    from meetings.pack.layout import lay_out

    htmls = [value for kind, value in sources if kind == "html"]
    rendered = iter(render_all(htmls))
    pdfs = [
        SourcePdf(next(rendered), uploaded=False)
        if kind == "html"
        else SourcePdf(Path(value), uploaded=True)
        for kind, value in sources
    ]
    layout = lay_out(
        front_pages=0,
        items=[(stamp_number, [(page_count(pdf.path), False) for pdf in pdfs])],
        front_numbered=False,
        pad_each_document=True,
    )
    pdf = assemble(
        front=b"",
        layout=layout,
        sources=[pdfs],
        outline=[(title, [])],
        link_targets={},
        exempt_text="",
        title=title,
        stamp_cache=cache_dir(),
    )
    return pdf, layout.page_count
