import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from meetings.models import EXEMPT_NEEDS_PARAGRAPH, AgendaItem, Body, Meeting
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_exempt_item_without_paragraph_is_refused_with_a_clear_message():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), exempt=True)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert EXEMPT_NEEDS_PARAGRAPH in error.value.messages


def test_database_refuses_exempt_item_without_paragraph():
    with pytest.raises(IntegrityError):
        AgendaItemFactory(exempt=True, exempt_paragraph=None)


def test_item_numbers_are_unique_within_a_meeting():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number=3)
    with pytest.raises(IntegrityError):
        AgendaItemFactory(meeting=meeting, number=3)


def test_same_item_number_is_fine_at_another_meeting():
    AgendaItemFactory(number=3)
    AgendaItemFactory(number=3)
    assert AgendaItem.objects.filter(number=3).count() == 2


def test_cancelled_meeting_needs_a_reason():
    with pytest.raises(IntegrityError):
        MeetingFactory(cancelled=True, cancellation_reason="")


def test_meeting_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        MeetingFactory(start_time=datetime.time(10), end_time=datetime.time(9, 30))


def test_body_numbering_periods():
    body = BodyFactory.build(numbering_scope=Body.NumberingScope.CALENDAR_YEAR)
    assert body.numbering_period(datetime.date(2019, 2, 13)) == "2019"
    body.numbering_scope = Body.NumberingScope.MUNICIPAL_YEAR
    assert body.numbering_period(datetime.date(2019, 4, 30)) == "2018/19"
    assert body.numbering_period(datetime.date(2019, 5, 1)) == "2019/20"
    body.numbering_scope = Body.NumberingScope.CONTINUOUS
    assert body.numbering_period(datetime.date(2019, 5, 1)) == "all"


def test_meeting_members_are_those_current_on_the_day_in_front_sheet_order():
    meeting = MeetingFactory(date=datetime.date(2022, 2, 9))
    second = MembershipFactory(body=meeting.body, order=2, start=datetime.date(2021, 5, 1))
    first = MembershipFactory(body=meeting.body, order=1, start=datetime.date(2021, 5, 1))
    MembershipFactory(
        body=meeting.body, start=datetime.date(2019, 1, 1), end=datetime.date(2021, 4, 30)
    )
    MembershipFactory(body=meeting.body, start=datetime.date(2022, 3, 1))
    assert list(meeting.members()) == [first, second]


def test_membership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        MembershipFactory(start=datetime.date(2022, 1, 1), end=datetime.date(2021, 1, 1))


def test_meeting_display_strings():
    meeting = MeetingFactory(
        body__name="Health and Wellbeing Board", date=datetime.date(2022, 2, 9)
    )
    assert str(meeting) == "Health and Wellbeing Board – 9 February 2022"
    item = AgendaItemFactory(meeting=meeting, number=4, title="", page_start=13, page_end=16)
    assert item.display_title == "Agenda Item 4"
    assert item.pages == "Pages 13 - 16"
    assert Meeting.objects.get(pk=meeting.pk).agenda_is_public
