"""Stage 3, lay out: page counts → every physical page of the pack, its number and stamp.

Pure arithmetic, no I/O. The rules come from the councils' packs (DOMAIN.md §1.6):
- the front matter (notice and agenda) is padded to an even length;
- every item's papers start on an odd page and end on an even one, a page reading "This page
  is intentionally left blank" completing an odd count, inside the item's range;
- with per-document padding, each document of an item also starts on an odd page;
- the front matter is numbered (Portsmouth: papers from page 5) or not (Southampton: from 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLANK_TEXT = "This page is intentionally left blank"


@dataclass(frozen=True)
class Slot:
    """One physical page of the pack."""

    kind: str  # "front", "front_blank", "paper" or "blank"
    number: int | None  # printed "Page N", None when unnumbered
    item: int | None = None  # index into the items
    document: int | None = None  # index into the item's documents
    page: int | None = None  # page index within the document's own PDF
    stamp: str = ""  # "Agenda Item N" on the first page of an item's papers
    exempt: bool = False


@dataclass
class Layout:
    slots: list[Slot] = field(default_factory=list)
    item_ranges: dict[int, tuple[int, int]] = field(default_factory=dict)
    document_ranges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # Physical page index (0-based) where each item's and document's papers start.
    item_starts: dict[int, int] = field(default_factory=dict)
    document_starts: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.slots)

    @property
    def front_count(self) -> int:
        return sum(1 for slot in self.slots if slot.kind.startswith("front"))


def lay_out(
    *,
    front_pages: int,
    items: list[tuple[str, list[tuple[int, bool]]]],
    front_numbered: bool,
    pad_each_document: bool,
    front_exempt: bool = False,
) -> Layout:
    """Place the pages.

    `items` lists, per agenda item with papers, its stamp number and its documents as
    (page count, exempt) pairs, in pack order. `front_exempt` marks the front matter too (a
    members' agenda that names exempt items).
    """
    layout = Layout()
    front_total = front_pages + front_pages % 2
    offset = 0 if front_numbered else front_total  # physical index → printed number offset

    def number(index: int) -> int | None:
        printed = index + 1 - offset
        return printed if printed >= 1 else None

    for index in range(front_total):
        kind = "front" if index < front_pages else "front_blank"
        layout.slots.append(Slot(kind=kind, number=number(index), exempt=front_exempt))

    for item_index, (stamp_number, documents) in enumerate(items):
        start = len(layout.slots)
        layout.item_starts[item_index] = start
        item_exempt = False
        for doc_index, (page_count, exempt) in enumerate(documents):
            item_exempt = item_exempt or exempt
            doc_start = len(layout.slots)
            layout.document_starts[(item_index, doc_index)] = doc_start
            for page in range(page_count):
                index = len(layout.slots)
                layout.slots.append(
                    Slot(
                        kind="paper",
                        number=number(index),
                        item=item_index,
                        document=doc_index,
                        page=page,
                        stamp=f"Agenda Item {stamp_number}" if index == start else "",
                        exempt=exempt,
                    )
                )
            if page_count % 2 and pad_each_document:
                index = len(layout.slots)
                layout.slots.append(
                    Slot(kind="blank", number=number(index), item=item_index, exempt=exempt)
                )
            layout.document_ranges[(item_index, doc_index)] = (
                number(doc_start),
                number(len(layout.slots) - 1),
            )
        if (len(layout.slots) - start) % 2:
            index = len(layout.slots)
            layout.slots.append(
                Slot(kind="blank", number=number(index), item=item_index, exempt=item_exempt)
            )
            if documents:  # the closing blank belongs to the item's last document
                last = (item_index, len(documents) - 1)
                layout.document_ranges[last] = (layout.document_ranges[last][0], number(index))
        layout.item_ranges[item_index] = (number(start), number(len(layout.slots) - 1))
    return layout
