"""Stage 4, front matter: the notice of meeting and the agenda, with the computed page ranges.

Rendered last among the WeasyPrint stages because the agenda prints each item's "(Pages A - B)",
which depends on every paper's length. Each range is a link to a placeholder URL that the
assemble stage turns into a jump to the item's first page.
"""

from __future__ import annotations

from dataclasses import fields

from django.template.loader import render_to_string

from meetings.pack.contents import PackContents

LINK_PREFIX = "https://pack.invalid/item/"


def front_html(
    contents: PackContents, ranges: dict[int, tuple[int, int]] | None, prefix: str = ""
) -> str:
    """The front matter as HTML; `ranges` maps item index → (first, last) printed page, and
    `prefix` marks a supplement's own page sequence ("S1")."""
    items = []
    for index, item in enumerate(contents.items):
        # Shallow: the documents carry model instances that must not be copied.
        row = {field.name: getattr(item, field.name) for field in fields(item)}
        row["has_pages"] = item.has_pages
        pages = (ranges or {}).get(index)
        row["range"] = f"Pages {prefix}{pages[0]} - {prefix}{pages[1]}" if pages else ""
        row["link"] = f"{LINK_PREFIX}{index}"
        items.append(row)
    return render_to_string(
        "meetings/pack/front.html",
        {
            "meeting": contents.meeting,
            "variant": str(contents.variant),
            "items": items,
            "members": contents.members,
            "supplement": contents.supplement,
            "note": contents.note,
        },
    )
