"""The page arithmetic of agenda packs, without rendering anything."""

from meetings.pack.layout import lay_out


def test_portsmouth_front_matter_is_padded_so_papers_start_at_page_5():
    layout = lay_out(
        front_pages=3,
        items=[("3", [(8, False)]), ("4", [(3, False)])],
        front_numbered=True,
        pad_each_document=True,
    )
    assert [slot.kind for slot in layout.slots[:4]] == ["front", "front", "front", "front_blank"]
    assert layout.item_ranges == {0: (5, 12), 1: (13, 16)}
    assert layout.slots[15].kind == "blank"  # page 16 completes item 4's three pages
    assert layout.slots[4].stamp == "Agenda Item 3"
    assert layout.slots[12].stamp == "Agenda Item 4"
    assert [slot.number for slot in layout.slots] == list(range(1, 17))


def test_southampton_papers_start_at_page_1_after_an_unnumbered_front_sheet():
    layout = lay_out(
        front_pages=2,
        items=[("3", [(3, False), (58, False)]), ("4", [(5, False), (1, False), (12, False)])],
        front_numbered=False,
        pad_each_document=True,
    )
    assert [slot.number for slot in layout.slots[:2]] == [None, None]
    assert layout.item_ranges[0] == (1, 62)
    assert layout.item_ranges[1] == (63, 82)
    assert layout.document_ranges[(0, 1)] == (5, 62)  # the slide deck follows a padded cover
    assert layout.document_ranges[(1, 1)] == (69, 70)  # a one-page appendix and its blank


def test_every_item_starts_odd_and_ends_even_whatever_the_lengths():
    for pad in (True, False):
        for lengths in ([1], [2, 3], [5, 1, 1], [7, 2]):
            layout = lay_out(
                front_pages=5,
                items=[("5", [(n, False) for n in lengths]), ("6", [(1, False)])],
                front_numbered=True,
                pad_each_document=pad,
            )
            for first, last in layout.item_ranges.values():
                assert first % 2 == 1 and last % 2 == 0, (pad, lengths, layout.item_ranges)


def test_per_item_padding_lets_documents_run_on():
    layout = lay_out(
        front_pages=4,
        items=[("5", [(3, False), (3, False)])],
        front_numbered=True,
        pad_each_document=False,
    )
    assert layout.document_ranges == {(0, 0): (5, 7), (0, 1): (8, 10)}
    assert layout.item_ranges == {0: (5, 10)}
    assert not any(slot.kind == "blank" for slot in layout.slots)


def test_exempt_pages_are_marked_including_their_blank():
    layout = lay_out(
        front_pages=2,
        items=[("7", [(1, True)])],
        front_numbered=True,
        pad_each_document=True,
    )
    assert [(slot.kind, slot.exempt) for slot in layout.slots[2:]] == [
        ("paper", True),
        ("blank", True),
    ]
