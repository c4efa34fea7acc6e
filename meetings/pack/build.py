"""The pack build: runs the stages in order (see the package docstring)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from meetings.models import Body, Meeting
from meetings.pack.assemble import SourcePdf, assemble, page_count
from meetings.pack.contents import PackContents, Variant, collect, only_papers
from meetings.pack.front import front_html
from meetings.pack.layout import Layout, lay_out
from meetings.pack.render import cache_dir, cache_key, render_all

Progress = Callable[[int, str], None]


@dataclass
class BuiltPack:
    pdf: bytes
    fingerprint: str
    page_count: int
    front_pages: int
    # For the meeting page: item number → (first, last) and paper key → (first, last) printed
    # pages. Keys are numbers and slugs, not database ids, so they survive a reload.
    item_ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    paper_ranges: dict[str, tuple[int, int]] = field(default_factory=dict)

    def layout_json(self) -> dict:
        return {
            "front_pages": self.front_pages,
            "items": {str(k): list(v) for k, v in self.item_ranges.items()},
            "papers": {k: list(v) for k, v in self.paper_ranges.items()},
        }


def _sources(contents: PackContents) -> tuple[list[str | Path], list[str]]:
    """Each printed document's source (HTML to render, or an uploaded PDF) and its identity."""
    sources, identities = [], []
    for _, document in contents.documents:
        source = document.paper.source()
        if source.pdf_path:
            path = Path(source.pdf_path)
            sources.append(path)
            digest = source.digest or hashlib.sha256(path.read_bytes()).hexdigest()
            identities.append("pdf:" + digest)
        else:
            sources.append(source.html)
            identities.append("html:" + cache_key(source.html))
    return sources, identities


def pack_fingerprint(contents: PackContents, identities: list[str]) -> str:
    """Changes whenever anything printed in the pack would change."""
    body: Body = contents.meeting.body
    digest = hashlib.sha256()
    for part in (
        str(contents.variant),
        body.padding,
        str(body.front_sheet_numbered),
        front_html(contents, None),
        *identities,
        # What the stamps and the stored layout depend on besides the rendered content.
        *(
            f"{item.number}|{doc.key}|{doc.exempt}|{doc.label}|{doc.title}"
            for item, doc in contents.documents
        ),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def build_pack(
    meeting: Meeting,
    variant: Variant | str,
    *,
    previous_fingerprint: str = "",
    front_pages_hint: int = 2,
    progress: Progress | None = None,
    published_keys: set[str] | None = None,
    only_keys: set[str] | None = None,
) -> BuiltPack | None:
    """Build the pack of `meeting`; None when `previous_fingerprint` shows nothing changed.

    `published_keys`: the papers readers already have (from published editions); an updated
    pack names what it adds. `only_keys`: build a supplementary pack of just these papers,
    numbered S1, S2… after an unnumbered front sheet.
    """
    report = progress or (lambda percent, message: None)
    variant = Variant(variant)
    report(2, "Collecting the agenda and papers")
    contents = collect(meeting, variant)
    prefix = ""
    if only_keys is not None:
        contents = only_papers(contents, only_keys)
        prefix = "S"
    elif published_keys:
        added = [
            document.outline_title
            for _, document in contents.documents
            if document.key not in published_keys
        ]
        if added:
            contents = replace(
                contents,
                note="Updated agenda pack. Papers added since the agenda was published: "
                + "; ".join(added)
                + ".",
            )
    sources, identities = _sources(contents)
    fingerprint = pack_fingerprint(contents, identities + [prefix])
    if previous_fingerprint and fingerprint == previous_fingerprint:
        return None

    html_indexes = [i for i, source in enumerate(sources) if isinstance(source, str)]

    def render_progress(done: int, total: int) -> None:
        if total:
            report(5 + int(75 * done / total), f"Rendering papers ({done} of {total})")

    rendered = render_all([sources[i] for i in html_indexes], progress=render_progress)
    paths: list[SourcePdf] = []
    rendered_by_index = dict(zip(html_indexes, rendered, strict=True))
    for i, source in enumerate(sources):
        if i in rendered_by_index:
            paths.append(SourcePdf(rendered_by_index[i], uploaded=False))
        else:
            paths.append(SourcePdf(source, uploaded=True))

    report(82, "Laying out pages")
    # Group the flat list of documents back under their items.
    per_item: list[list[SourcePdf]] = []
    counts: list[tuple[str, list[tuple[int, bool]]]] = []
    item_indexes: list[int] = []
    cursor = 0
    for index, item in enumerate(contents.items):
        if not item.documents:
            continue
        item_sources = paths[cursor : cursor + len(item.documents)]
        cursor += len(item.documents)
        per_item.append(item_sources)
        counts.append(
            (
                item.number,
                [
                    (page_count(source.path), document.exempt)
                    for source, document in zip(item_sources, item.documents, strict=True)
                ],
            )
        )
        item_indexes.append(index)

    body = meeting.body
    front_numbered = body.front_sheet_numbered and not contents.supplement
    front_pages = max(front_pages_hint, 1)
    front_exempt = variant == Variant.MEMBERS and any(item.exempt for item in contents.items)
    for _ in range(4):
        layout = _lay_out(body, front_pages, counts, front_exempt, front_numbered)
        ranges = {item_indexes[i]: r for i, r in layout.item_ranges.items()}
        # Cached like a paper: after most edits the agenda reads exactly as before.
        (front_path,) = render_all([front_html(contents, ranges, prefix)])
        front = front_path.read_bytes()
        actual = page_count(front_path)
        if actual == front_pages:
            break
        # The ranges changed the agenda's length (or the hint was wrong): lay out again.
        front_pages = actual

    report(90, "Merging, numbering and stamping pages")
    outline = [
        (
            f"Agenda Item {item.number}" + (f": {item.title}" if item.title else ""),
            [document.outline_title for document in item.documents],
        )
        for item in contents.items
        if item.documents
    ]
    pdf = assemble(
        front=front,
        layout=layout,
        sources=per_item,
        outline=outline,
        link_targets={item_indexes[i]: start for i, start in layout.item_starts.items()},
        stamp_cache=cache_dir(),
        number_prefix=prefix,
        exempt_text="EXEMPT – NOT FOR PUBLICATION (Schedule 12A, Local Government Act 1972)",
        title=f"{body.name} – {meeting.date:%-d %B %Y} – "
        + ("supplementary pack" if contents.supplement else "agenda pack")
        + (" (members' pack, includes exempt papers)" if variant == Variant.MEMBERS else ""),
    )
    paper_ranges = {}
    for i, item_index in enumerate(item_indexes):
        for d, document in enumerate(contents.items[item_index].documents):
            paper_ranges[document.key] = layout.document_ranges[(i, d)]
    report(100, "Done")
    return BuiltPack(
        pdf=pdf,
        fingerprint=fingerprint,
        page_count=layout.page_count,
        front_pages=front_pages,
        item_ranges={
            contents.items[item_indexes[i]].number: r for i, r in layout.item_ranges.items()
        },
        paper_ranges=paper_ranges,
    )


def _lay_out(
    body: Body, front_pages: int, counts, front_exempt: bool, front_numbered: bool
) -> Layout:
    return lay_out(
        front_pages=front_pages,
        items=counts,
        front_numbered=front_numbered,
        pad_each_document=body.padding == Body.Padding.DOCUMENT,
        front_exempt=front_exempt,
    )
