"""Five clear working days, counted as the law counts them."""

import datetime

import pytest

from meetings.clock import clear_working_days, is_late, publish_by

D = datetime.date


def test_southampton_seed_pack_was_published_with_exactly_five_clear_days():
    # Published Wednesday 7 December 2022 for Thursday 15 December 2022 (004:9, 004:32).
    assert clear_working_days(D(2022, 12, 7), D(2022, 12, 15)) == 5
    assert not is_late(D(2022, 12, 7), D(2022, 12, 15))
    assert is_late(D(2022, 12, 8), D(2022, 12, 15))
    assert publish_by(D(2022, 12, 15)) == D(2022, 12, 7)


def test_neither_the_day_of_publication_nor_the_meeting_counts():
    # Monday to the next Monday: Tuesday to Friday are the only clear working days.
    assert clear_working_days(D(2026, 3, 2), D(2026, 3, 9)) == 4


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days, so
        # a Thursday meeting's clear days are 31 March to 2 April, 7 and 8 April.
        (D(2026, 4, 9), D(2026, 3, 30)),
        # Christmas 2026: 25 December (Friday) and Boxing Day observed on Monday 28 December.
        (D(2026, 12, 31), D(2026, 12, 21)),
        # New Year's Day 2027 falls on a Friday.
        (D(2027, 1, 6), D(2026, 12, 28)),
        # An ordinary week: a Wednesday meeting needs publication by the Tuesday before last.
        (D(2026, 6, 17), D(2026, 6, 9)),
    ],
)
def test_publish_by_skips_weekends_and_bank_holidays(meeting, deadline):
    assert publish_by(meeting) == deadline
    assert clear_working_days(deadline, meeting) == 5
    assert is_late(deadline + datetime.timedelta(days=1), meeting)
