"""Writing the minutes: drafted from the agenda, attendance rules, publication and approval
at the next meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Meeting
from minutes.models import Minutes, Resolution
from minutes.services import (
    attendance_record,
    minutes_publish_draft,
    minutes_start,
    resolution_from_recommendation,
)
from tests.conftest import make_user
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_recommendations_become_resolutions_with_their_labels():
    preamble, parts = resolution_from_recommendation(
        "RECOMMENDED that the Health & Wellbeing Board:\n(i) note the arrangements;\n"
        "(ii) agree the priorities\nfor 2019/20."
    )
    assert preamble == "RESOLVED that the Health & Wellbeing Board:"
    assert parts == [
        ("(i)", "note the arrangements;"),
        ("(ii)", "agree the priorities for 2019/20."),
    ]
    assert resolution_from_recommendation(
        "RECOMMENDED that the minutes of the previous meeting held on 24 November 2021 be approved as a correct record."
    ) == (
        "RESOLVED that the minutes of the previous meeting held on 24 November 2021 be approved as a correct record.",
        [],
    )


def test_draft_minutes_come_from_the_agenda_numbered_on_from_the_year(demo):
    meeting = Meeting.objects.get(slug="2022-02-09-health-and-wellbeing-board")
    clerk = make_user("clerk", clerk=[meeting.body])
    Meeting.objects.filter(pk=meeting.pk).update(
        urgency_reason="The strategy must be agreed before March."
    )
    meeting.refresh_from_db()
    minutes = minutes_start(meeting=meeting, by=clerk)
    entries = list(minutes.entries.order_by("order"))
    # 9 February 2022 is the year's first meeting: numbering starts at 1.
    assert [e.number for e in entries] == list(range(1, 11))
    assert entries[2].ai_reference == "(AI 3)"
    assert (
        entries[2]
        .resolutions.get()
        .preamble.startswith(
            "RESOLVED that the minutes of the previous meeting held on 24 November 2021"
        )
    )
    info = entries[3]  # Local Outbreak Engagement Board update, information only
    assert (
        info.resolutions.get().preamble
        == "RESOLVED that the Health and Wellbeing Board note the report."
    )
    assert info.resolutions.get().outcome == Resolution.Outcome.NOTED
    assert "There were no declarations of interest." in entries[1].html
    assert "matter of urgency because The strategy must be agreed before March." in entries[0].html
    assert minutes.header == (
        "MINUTES OF THE MEETING of the Health and Wellbeing Board held virtually on "
        "Wednesday, 9 February 2022 at 10.00 am."
    )
    with pytest.raises(ValidationError):
        minutes_start(meeting=meeting, by=clerk)


def test_a_substitute_must_replace_an_apologising_member(db):
    minutes = Minutes.objects.create(meeting=MeetingFactory())
    member, deputy, other = PersonFactory(), PersonFactory(), PersonFactory()
    clerk = make_user("clerk")
    with pytest.raises(ValidationError, match="can only be recorded as a substitute"):
        attendance_record(
            minutes=minutes,
            rows=[{"person": member, "status": "present", "substitute": deputy}],
            by=clerk,
        )
    attendance_record(
        minutes=minutes,
        rows=[
            {"person": member, "status": "apologies", "substitute": deputy},
            {"person": other, "status": "present", "in_the_chair": True},
        ],
        by=clerk,
    )
    substitute = minutes.attendance.get(person=deputy)
    assert substitute.capacity == "substitute" and substitute.substitute_for == member
    assert minutes.apologies.get().substitute == deputy
    assert minutes.attendance.get(person=other).in_the_chair


def test_publishing_the_next_meetings_draft_minutes_approves_the_earlier_ones(db):
    body = BodyFactory()
    clerk = make_user("clerk", clerk=[body])
    first = MeetingFactory(body=body, date=datetime.date(2026, 9, 23))
    AgendaItemFactory(meeting=first, number=1, title="Budget")
    earlier = minutes_start(meeting=first, by=clerk)
    minutes_publish_draft(minutes=earlier, by=clerk)
    earlier.refresh_from_db()
    assert earlier.status == Minutes.Status.PUBLISHED

    second = MeetingFactory(body=body, date=datetime.date(2026, 11, 25))
    approving = AgendaItemFactory(
        meeting=second,
        number=1,
        title="Minutes of the previous meeting",
        recommendation="RECOMMENDED that the minutes of the meeting held on 23 September 2026 be approved as a correct record.",
    )
    approving.approves_minutes.add(first)
    later = minutes_start(meeting=second, by=clerk)
    assert later.entries.get().number == 2  # the calendar year's sequence runs on
    minutes_publish_draft(minutes=later, by=clerk)
    earlier.refresh_from_db()
    assert earlier.status == Minutes.Status.APPROVED
    assert earlier.approved_at == second


def test_the_minute_form_keeps_parts_only_with_a_resolution_and_clerks_only(db, client):
    body = BodyFactory()
    clerk = make_user("clerk", clerk=[body])
    meeting = MeetingFactory(body=body)
    AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    minutes = minutes_start(meeting=meeting, by=clerk)
    entry = minutes.entries.get()
    url = f"/meetings/{meeting.slug}/minutes/write/{entry.pk}/"
    client.force_login(make_user("member", member=[body]))
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    response = client.post(
        url,
        {
            "title": "Budget",
            "html": "<p>Discussed.</p>",
            "outcome": "agreed",
            "parts_text": "1) | approve",
        },
    )
    assert "Write the resolution&#x27;s opening words before its parts." in response.text
    client.post(
        url,
        {
            "title": "Budget",
            "html": "<p>Discussed.</p>",
            "outcome": "agreed",
            "preamble": "RESOLVED that the Board:",
            "parts_text": "1) | approve the budget\n2) | review it in March",
        },
    )
    resolution = entry.resolutions.get()
    assert [(p.label, p.text) for p in resolution.parts.all()] == [
        ("1)", "approve the budget"),
        ("2)", "review it in March"),
    ]


def test_declarations_officers_and_the_close_are_recorded_and_shown(db, client):
    body = BodyFactory(name="Cabinet")
    clerk = make_user("clerk", clerk=[body])
    meeting = MeetingFactory(
        body=body, date=datetime.date(2027, 2, 3), start_time=datetime.time(10)
    )
    MeetingFactory(body=body, date=datetime.date(2027, 6, 16), start_time=datetime.time(10))
    MeetingFactory(body=body, date=datetime.date(2027, 9, 22), start_time=datetime.time(10))
    item = AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    from tests.factories import MembershipFactory

    councillor = MembershipFactory(
        body=body, person__name="Ann Smith", person__honorific="Councillor"
    ).person
    minutes = minutes_start(meeting=meeting, by=clerk)
    client.force_login(clerk)
    page = client.get(f"/meetings/{meeting.slug}/minutes/write/").text
    assert (
        "Dates of future meetings: Wednesday 16 June 2027 and Wednesday 22 September 2027 "
        "(all at 10.00 am)." in page
    )
    client.post(
        f"/meetings/{meeting.slug}/minutes/write/declarations/",
        {
            "person": councillor.pk,
            "agenda_item": item.pk,
            "kind": "personal",
            "text": "Her husband runs a bus company.",
        },
    )
    client.post(
        f"/meetings/{meeting.slug}/minutes/write/closing/",
        {
            "concluded_at": "11:48",
            "signed_by": "Councillor Ann Smith",
            "signed_title": "Chair",
            "future_dates_text": "Dates of future meetings: 16 June and 22 September.",
        },
    )
    client.post(
        f"/meetings/{meeting.slug}/minutes/write/",
        {
            "attendance-TOTAL_FORMS": 1,
            "attendance-INITIAL_FORMS": 1,
            "attendance-0-person": councillor.pk,
            "attendance-0-status": "present",
            "officers_text": "Kelly Nash, Democratic Services\nSam Graves",
        },
    )
    minutes_publish_draft(minutes=minutes, by=clerk)
    public = client.get(f"/meetings/{meeting.slug}/minutes/").text
    assert (
        "Councillor Ann Smith: Personal interest (item 1). Her husband runs a bus company."
        in public
    )
    assert "Kelly Nash" in public and "Sam Graves" in public
    assert "The meeting concluded at 11.48 am." in public
    assert "Dates of future meetings: 16 June and 22 September." in public
    minutes.refresh_from_db()
    assert minutes.attendance.filter(capacity="officer").count() == 2


def test_attendance_form_records_non_voting_members_officers_and_others(db, client):
    from tests.factories import MembershipFactory

    body = BodyFactory(name="Health and Wellbeing Board")
    clerk = make_user("clerk", clerk=[body])
    meeting = MeetingFactory(body=body, date=datetime.date(2027, 2, 3))
    voting = MembershipFactory(body=body, person__name="Ann Smith", order=1).person
    adviser = MembershipFactory(
        body=body, person__name="Dr Linda Collie", role="non_voting", order=2
    ).person
    minutes = minutes_start(meeting=meeting, by=clerk)
    client.force_login(clerk)
    form = {
        "attendance-TOTAL_FORMS": 2,
        "attendance-INITIAL_FORMS": 2,
        "attendance-0-person": voting.pk,
        "attendance-0-status": "present",
        "attendance-1-person": adviser.pk,
        "attendance-1-status": "present",
        "officers_text": "Kelly Nash, Democratic Services",
        "others_text": "Councillor Matthew Winnington, Cabinet Member for Health\n\nJo Bloggs",
    }
    page = client.get(f"/meetings/{meeting.slug}/minutes/write/").text
    assert 'Dr Linda Collie <span class="muted">(non-voting)</span>' in page
    response = client.post(f"/meetings/{meeting.slug}/minutes/write/", form, follow=True)
    assert "Attendance saved." in response.text
    capacities = dict(minutes.attendance.values_list("person__name", "capacity"))
    assert capacities == {
        "Ann Smith": "member",
        "Dr Linda Collie": "non_voting",
        "Kelly Nash": "officer",
        "Councillor Matthew Winnington": "other",
        "Jo Bloggs": "other",
    }
    # Saving the attendance again keeps the officers and others as written, once each.
    client.post(f"/meetings/{meeting.slug}/minutes/write/", form)
    assert minutes.attendance.count() == 5
    page = client.get(f"/meetings/{meeting.slug}/minutes/write/").text
    assert "Kelly Nash, Democratic Services</textarea>" in page
    minutes_publish_draft(minutes=minutes, by=clerk)
    public = client.get(f"/meetings/{meeting.slug}/minutes/").text
    assert 'Dr Linda Collie <span class="muted">– non-voting</span>' in public
    assert (
        "Also in attendance</h3>\n  <p>Councillor Matthew Winnington, Cabinet Member for "
        "Health; Jo Bloggs</p>" in public
    )


def test_one_minute_covers_two_items_and_the_spare_minute_is_deleted(db, client):
    body = BodyFactory()
    clerk = make_user("clerk", clerk=[body])
    meeting = MeetingFactory(body=body, date=datetime.date(2027, 3, 10))
    first = AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    second = AgendaItemFactory(meeting=meeting, number=2, title="Capital programme")
    AgendaItemFactory(meeting=meeting, number=3, title="Any other business")
    minutes = minutes_start(meeting=meeting, by=clerk)
    entry, spare, last = minutes.entries.order_by("number")
    client.force_login(clerk)
    response = client.post(
        f"/meetings/{meeting.slug}/minutes/write/{entry.pk}/",
        {
            "title": "Budget and capital programme",
            "agenda_items": [first.pk, second.pk],
            "html": "<p>Taken together.</p>",
            "outcome": "agreed",
        },
        follow=True,
    )
    assert f"{entry.number}. Budget and capital programme (AI 1, 2)" in response.text
    page = client.get(f"/meetings/{meeting.slug}/minutes/write/{spare.pk}/delete/").text
    assert f"Delete minute {spare.number}?" in page
    assert f"will be renumbered from {spare.number}" in page
    response = client.post(
        f"/meetings/{meeting.slug}/minutes/write/{spare.pk}/delete/", follow=True
    )
    assert f"Minute {spare.number} deleted" in response.text
    assert list(minutes.entries.values_list("number", flat=True)) == [
        entry.number,
        entry.number + 1,
    ]
    last.refresh_from_db()
    assert last.number == spare.number and last.title == "Any other business"

    # Published minutes keep their numbers: the clerk is told, and nothing is deleted.
    minutes_publish_draft(minutes=minutes, by=clerk)
    response = client.post(f"/meetings/{meeting.slug}/minutes/write/{last.pk}/delete/")
    assert response.status_code == 400
    assert "their numbers are fixed" in response.text
    assert minutes.entries.count() == 2


def test_a_minute_cannot_cover_another_meetings_item(db, client):
    body = BodyFactory()
    clerk = make_user("clerk", clerk=[body])
    meeting = MeetingFactory(body=body, date=datetime.date(2027, 3, 10))
    AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    elsewhere = AgendaItemFactory(number=1, title="Someone else's item")
    minutes = minutes_start(meeting=meeting, by=clerk)
    entry = minutes.entries.get()
    client.force_login(clerk)
    response = client.post(
        f"/meetings/{meeting.slug}/minutes/write/{entry.pk}/",
        {"title": "Changed", "agenda_items": [elsewhere.pk], "outcome": "agreed"},
    )
    assert "Select a valid choice" in response.text
    entry.refresh_from_db()
    assert entry.title != "Changed"
