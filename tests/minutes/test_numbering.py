import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Body, Meeting
from minutes.services import (
    APPROVING_MEETING_NOT_LATER,
    ITEM_FROM_OTHER_MEETING,
    minute_entry_create,
    minutes_approve,
)
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def minutes_on(body, date, kind=Meeting.Kind.ORDINARY):
    return MinutesFactory(meeting__body=body, meeting__date=date, meeting__kind=kind)


def numbers(minutes):
    return list(minutes.entries.values_list("number", flat=True))


def add(minutes, count):
    for n in range(count):
        minute_entry_create(minutes=minutes, title=f"Minute {n}")


def test_numbers_run_on_across_a_calendar_year_including_a_special_meeting():
    body = BodyFactory()
    february = minutes_on(body, datetime.date(2019, 2, 13))
    special = minutes_on(body, datetime.date(2019, 3, 20), Meeting.Kind.SPECIAL)
    add(february, 8)
    add(special, 4)
    assert numbers(february) == list(range(1, 9))
    assert numbers(special) == [9, 10, 11, 12]


def test_numbering_restarts_in_january():
    body = BodyFactory()
    november = minutes_on(body, datetime.date(2018, 11, 28))
    minute_entry_create(minutes=november, title="Matters arising", number=63)
    february = minutes_on(body, datetime.date(2019, 2, 13))
    add(february, 2)
    assert numbers(february) == [1, 2]


def test_each_body_has_its_own_sequence():
    board, committee = BodyFactory(), BodyFactory()
    add(minutes_on(board, datetime.date(2021, 2, 3)), 3)
    other = minutes_on(committee, datetime.date(2021, 2, 4))
    add(other, 1)
    assert numbers(other) == [1]


def test_municipal_year_scope_restarts_in_may():
    body = BodyFactory(numbering_scope=Body.NumberingScope.MUNICIPAL_YEAR)
    add(minutes_on(body, datetime.date(2021, 11, 24)), 5)
    february = minutes_on(body, datetime.date(2022, 2, 9))
    add(february, 1)
    june = minutes_on(body, datetime.date(2022, 6, 22))
    add(june, 1)
    assert numbers(february) == [6]
    assert numbers(june) == [1]


def test_a_number_already_used_in_the_period_is_refused_and_nothing_is_saved():
    body = BodyFactory()
    first = minutes_on(body, datetime.date(2021, 11, 24))
    minute_entry_create(minutes=first, title="Apologies", number=28)
    second = minutes_on(body, datetime.date(2021, 12, 1))
    with pytest.raises(ValidationError):
        minute_entry_create(minutes=second, title="Clash", number=28)
    assert second.entries.count() == 0
    assert first.entries.get().title == "Apologies"


def test_a_minute_covers_only_its_own_meetings_items():
    minutes = MinutesFactory()
    foreign = AgendaItemFactory()
    with pytest.raises(ValidationError) as error:
        minute_entry_create(minutes=minutes, title="Wrong", items=[foreign])
    assert ITEM_FROM_OTHER_MEETING in error.value.messages


def test_one_minute_can_cover_several_items_and_shows_their_ai_reference():
    minutes = MinutesFactory()
    one = AgendaItemFactory(meeting=minutes.meeting, number=1)
    two = AgendaItemFactory(meeting=minutes.meeting, number=2)
    entry = minute_entry_create(
        minutes=minutes, title="Apologies and declarations", items=[one, two]
    )
    assert entry.ai_reference == "(AI 1, 2)"
    unlinked = minute_entry_create(minutes=minutes, title="Matters arising")
    assert unlinked.ai_reference == ""


def test_minute_text_is_sanitised():
    minutes = MinutesFactory()
    entry = minute_entry_create(
        minutes=minutes, title="X", html='<p onclick="steal()">Noted<script>alert(1)</script></p>'
    )
    assert entry.html == "<p>Noted</p>"


def test_minutes_are_approved_at_a_later_meeting_of_the_same_body():
    minutes = MinutesFactory(meeting__date=datetime.date(2021, 11, 24))
    later = MeetingFactory(body=minutes.meeting.body, date=datetime.date(2022, 2, 9))
    minutes_approve(minutes=minutes, at_meeting=later)
    minutes.refresh_from_db()
    assert minutes.status == minutes.Status.APPROVED
    assert minutes.approved_at == later
    assert minutes.meeting.status == Meeting.Status.MINUTES_APPROVED


def test_minutes_cannot_be_approved_at_an_earlier_or_other_bodys_meeting():
    minutes = MinutesFactory(meeting__date=datetime.date(2021, 11, 24))
    earlier = MeetingFactory(body=minutes.meeting.body, date=datetime.date(2021, 9, 22))
    elsewhere = MeetingFactory(date=datetime.date(2022, 2, 9))
    for meeting in (earlier, elsewhere):
        with pytest.raises(ValidationError) as error:
            minutes_approve(minutes=minutes, at_meeting=meeting)
        assert APPROVING_MEETING_NOT_LATER in error.value.messages
    minutes.refresh_from_db()
    assert minutes.status == minutes.Status.PUBLISHED
