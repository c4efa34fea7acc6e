"""Stages 6-7, merge and outline: front matter, papers and blank pages → one PDF with pikepdf.

Uploaded PDFs are placed as they are (vector, text kept), scaled into an A4 page's content
box so the stamps never cover them. The stamp layer is overlaid page by page, bookmarks are
added per item and per document, and the agenda's page ranges become internal links.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from meetings.pack.front import LINK_PREFIX
from meetings.pack.layout import Layout
from meetings.pack.stamp import MM, cached_stamp_layer, stamp_layer

A4 = (595.276, 841.89)
# Where an uploaded page goes on its A4 page: clear of the stamp (top) and number (bottom).
UPLOAD_MARGINS = {"left": 12 * MM, "right": 12 * MM, "top": 20 * MM, "bottom": 16 * MM}


@dataclass(frozen=True)
class SourcePdf:
    path: Path
    uploaded: bool  # True: fit into A4 margins; False: our own render, already A4


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _place_upload(pdf: pikepdf.Pdf, source: pikepdf.Page) -> None:
    box = source.mediabox
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    if int(source.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    size = (A4[1], A4[0]) if width > height else A4
    page = pdf.add_blank_page(page_size=size)
    page.add_overlay(
        source,
        pikepdf.Rectangle(
            UPLOAD_MARGINS["left"],
            UPLOAD_MARGINS["bottom"],
            size[0] - UPLOAD_MARGINS["right"],
            size[1] - UPLOAD_MARGINS["top"],
        ),
    )


def assemble(
    *,
    front: bytes,
    layout: Layout,
    sources: list[list[SourcePdf]],
    outline: list[tuple[str, list[str]]],
    link_targets: dict[int, int],
    exempt_text: str,
    title: str,
    stamp_cache: Path | None = None,
    number_prefix: str = "",
) -> bytes:
    """Merge everything in layout order. `outline` gives per laid-out item its title and its
    documents'; `link_targets` maps the agenda's link numbers to physical page indexes."""
    pdf = pikepdf.new()
    front_pdf = pikepdf.open(io.BytesIO(front)) if front else pikepdf.new()
    opened: dict[Path, pikepdf.Pdf] = {}
    try:
        for slot in layout.slots:
            if slot.kind == "front":
                pdf.pages.append(front_pdf.pages[len(pdf.pages)])
            elif slot.kind == "paper":
                source = sources[slot.item][slot.document]
                if source.path not in opened:
                    opened[source.path] = pikepdf.open(source.path)
                page = opened[source.path].pages[slot.page]
                if source.uploaded:
                    _place_upload(pdf, page)
                else:
                    pdf.pages.append(page)
            else:
                pdf.add_blank_page(page_size=A4)

        sizes = [
            (float(page.mediabox[2] - page.mediabox[0]), float(page.mediabox[3] - page.mediabox[1]))
            for page in pdf.pages
        ]
        if stamp_cache is None:
            layer = stamp_layer(layout, sizes, exempt_text=exempt_text, prefix=number_prefix)
        else:
            layer = cached_stamp_layer(
                layout,
                sizes,
                exempt_text=exempt_text,
                directory=stamp_cache,
                prefix=number_prefix,
            )
        stamps = pikepdf.open(io.BytesIO(layer))
        for page, stamp in zip(pdf.pages, stamps.pages, strict=True):
            page.add_overlay(stamp)

        _add_outline(pdf, layout, outline)
        _link_agenda(pdf, layout.front_count, link_targets)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
        pdf.Root.Lang = pikepdf.String("en-GB")
        out = io.BytesIO()
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
    finally:
        front_pdf.close()
        for source in opened.values():
            source.close()


def _add_outline(pdf: pikepdf.Pdf, layout: Layout, outline: list[tuple[str, list[str]]]) -> None:
    with pdf.open_outline() as tree:
        if layout.front_count:
            tree.root.append(pikepdf.OutlineItem("Notice of meeting and agenda", 0))
        for index, (item_title, document_titles) in enumerate(outline):
            if index not in layout.item_starts:
                continue
            entry = pikepdf.OutlineItem(item_title, layout.item_starts[index])
            for doc_index, doc_title in enumerate(document_titles):
                start = layout.document_starts.get((index, doc_index))
                if start is not None:
                    entry.children.append(pikepdf.OutlineItem(doc_title, start))
            tree.root.append(entry)


def _link_agenda(pdf: pikepdf.Pdf, front_count: int, targets: dict[int, int]) -> None:
    """Turn the agenda's placeholder URI links into jumps to each item's first page."""
    for page in pdf.pages[:front_count]:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(LINK_PREFIX):
                continue
            index = int(uri.removeprefix(LINK_PREFIX))
            del annot["/A"]
            if index in targets:
                annot.Dest = pikepdf.Array([pdf.pages[targets[index]].obj, pikepdf.Name.Fit])
