"""The clerk's work: scheduling, the agenda builder, publication under the statutory clock."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from meetings import agenda
from meetings.models import AgendaItem, Change, ExemptParagraph, Meeting, Publication
from minutes.models import Minutes
from reports.models import Report
from tests.conftest import make_user
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, ReportFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)  # a Monday


@pytest.fixture
def body():
    return BodyFactory(
        name="Health and Wellbeing Board",
        default_start_time=datetime.time(10),
        default_venue="Guildhall",
        contact_name="Anna Martyn",
    )


@pytest.fixture
def clerk(body):
    return make_user("clerk", clerk=[body])


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def test_a_new_meeting_takes_the_bodys_defaults(body, clerk):
    meeting = agenda.meeting_create(
        body=body, date=datetime.date(2027, 1, 13), by=clerk, today=TODAY
    )
    assert meeting.start_time == datetime.time(10)
    assert meeting.venue == "Guildhall"
    assert meeting.contact_name == "Anna Martyn"
    assert meeting.slug == f"2027-01-13-{body.slug}"
    assert meeting.status == Meeting.Status.SCHEDULED
    assert Change.objects.filter(meeting=meeting, action="created").exists()
    # The standing items are there from the start.
    assert list(meeting.items.order_by("number").values_list("title", flat=True)) == [
        "Apologies for absence",
        "Declarations of interest",
    ]


def test_a_second_ordinary_meeting_on_the_same_day_or_a_past_date_is_refused(body, clerk):
    agenda.meeting_create(body=body, date=datetime.date(2027, 1, 13), by=clerk, today=TODAY)
    with pytest.raises(ValidationError) as error:
        agenda.meeting_create(body=body, date=datetime.date(2027, 1, 13), by=clerk, today=TODAY)
    assert "already has a meeting on 13 January 2027" in str(error.value)
    with pytest.raises(ValidationError, match="has passed"):
        agenda.meeting_create(body=body, date=datetime.date(2026, 1, 1), by=clerk, today=TODAY)


def test_scheduling_a_year_checks_every_date_and_saves_nothing_on_error(body, clerk_client):
    url = f"/bodies/{body.slug}/meetings/schedule/"
    response = clerk_client.post(
        url,
        {
            "weekday": "2",
            "start_time": "10:00",
            "dates": "2027-02-03\n16/06/2027\n2027-09-23\nsoon",
        },
    )
    assert response.status_code == 200
    assert "“soon” is not a date." in response.text
    assert "23 September 2027 is a Thursday, not a Wednesday." in response.text
    assert "2027-02-03" in response.text  # what was typed is kept
    assert not Meeting.objects.filter(body=body).exists()

    response = clerk_client.post(
        url, {"weekday": "2", "start_time": "10:00", "dates": "2027-02-03\n16/06/2027\n2027-09-22"}
    )
    assert response.status_code == 302
    assert sorted(Meeting.objects.filter(body=body).values_list("date", flat=True)) == [
        datetime.date(2027, 2, 3),
        datetime.date(2027, 6, 16),
        datetime.date(2027, 9, 22),
    ]


def test_cancelling_needs_a_reason_which_then_shows_publicly(body, clerk_client, client):
    meeting = MeetingFactory(body=body, date=datetime.date(2027, 3, 3))
    response = clerk_client.post(f"/meetings/{meeting.slug}/cancel/", {"reason": ""})
    assert "This field is required." in response.text
    meeting.refresh_from_db()
    assert not meeting.cancelled
    clerk_client.post(f"/meetings/{meeting.slug}/cancel/", {"reason": "No business to transact."})
    client.logout()
    page = client.get(meeting.get_absolute_url()).text
    assert "This meeting has been cancelled." in page and "No business to transact." in page


def test_moving_keeps_the_address_and_tells_the_public(body, clerk_client, client):
    meeting = MeetingFactory(body=body, date=datetime.date(2027, 3, 3))
    clerk_client.post(
        f"/meetings/{meeting.slug}/move/",
        {"date": "2027-03-10", "start_time": "14:00", "reason": "The Guildhall is closed."},
    )
    client.logout()
    page = client.get(f"/meetings/{meeting.slug}/").text
    assert "This meeting has moved" in page and "Wednesday 3 March 2027" in page
    assert "The Guildhall is closed." in page
    assert "Wednesday 10 March 2027" in page


def test_items_are_added_reordered_and_deleted_with_numbers_following(body, clerk):
    meeting = MeetingFactory(body=body, status=Meeting.Status.SCHEDULED)
    first = agenda.agenda_item_add(meeting=meeting, by=clerk, title="Budget")
    second = agenda.agenda_item_add(meeting=meeting, by=clerk, title="Housing")
    third = agenda.agenda_item_add(meeting=meeting, by=clerk, title="Parks")
    agenda.agenda_item_move(item=third, direction="up", by=clerk)

    def titles():
        return list(meeting.items.order_by("number").values_list("number", "title"))

    assert titles() == [(1, "Budget"), (2, "Parks"), (3, "Housing")]
    agenda.agenda_item_move(item=first, direction="up", by=clerk)  # already first: no change
    assert titles()[0] == (1, "Budget")
    agenda.agenda_item_delete(item=first, by=clerk)
    assert titles() == [(1, "Parks"), (2, "Housing")]
    assert second.pk in meeting.items.values_list("pk", flat=True)


def test_published_agenda_items_cannot_be_deleted(body, clerk):
    item = AgendaItemFactory(meeting__body=body)  # factory meetings are published
    with pytest.raises(ValidationError) as error:
        agenda.agenda_item_delete(item=item, by=clerk)
    assert error.value.messages == [agenda.PUBLISHED_ITEM_DELETE]
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_standing_items_go_first_and_link_the_previous_minutes(body, clerk):
    previous = MeetingFactory(body=body, date=datetime.date(2026, 9, 23))
    Minutes.objects.create(meeting=previous, status=Minutes.Status.PUBLISHED)
    meeting = MeetingFactory(
        body=body, date=datetime.date(2027, 2, 3), status=Meeting.Status.SCHEDULED
    )
    agenda.agenda_item_add(meeting=meeting, by=clerk, title="Strategy")
    agenda.agenda_standing_items_add(meeting=meeting, by=clerk)
    items = list(meeting.items.order_by("number"))
    assert [(i.number, i.title) for i in items] == [
        (1, "Apologies for absence"),
        (2, "Declarations of interest"),
        (3, "Minutes of the previous meeting held on 23 September 2026"),
        (4, "Strategy"),
    ]
    assert list(items[2].approves_minutes.all()) == [previous]
    assert items[2].recommendation.startswith(
        "RECOMMENDED that the minutes of the meeting held on 23 September 2026"
    )
    assert agenda.agenda_standing_items_add(meeting=meeting, by=clerk) == []  # not twice


def test_two_clerks_editing_one_item_the_second_save_is_refused_and_kept(body, clerk, client):
    meeting = MeetingFactory(body=body, status=Meeting.Status.SCHEDULED)
    item = agenda.agenda_item_add(meeting=meeting, by=clerk, title="Budget", purpose="Original")
    other = make_user("other-clerk", clerk=[body])
    url = f"/meetings/{meeting.slug}/agenda/{item.pk}/edit/"
    form = {"title": "Budget", "kind": "substantive", "version": item.version}
    client.force_login(other)
    assert client.post(url, {**form, "purpose": "First clerk's purpose"}).status_code == 302
    client.force_login(clerk)
    response = client.post(url, {**form, "purpose": "Second clerk's careful wording"})
    assert response.status_code == 200
    assert agenda.EDIT_CONFLICT.split(":")[0] in response.text
    assert "Second clerk&#x27;s careful wording" in response.text
    item.refresh_from_db()
    assert item.purpose == "First clerk's purpose"


def test_publication_checks_name_what_is_missing(body, clerk):
    meeting = MeetingFactory(body=body, status=Meeting.Status.SCHEDULED)
    assert agenda.publication_problems(meeting) == [agenda.AGENDA_EMPTY]
    agenda.agenda_item_add(meeting=meeting, by=clerk, title="Strategy", has_papers=True)
    exempt = agenda.agenda_item_add(
        meeting=meeting,
        by=clerk,
        title="Land",
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    draft = ReportFactory(agenda_item=exempt, subject="Land valuation", status=Report.Status.DRAFT)
    problems = agenda.publication_problems(meeting)
    assert "Item 1 (Strategy) expects papers but has none and is not marked to follow." in problems
    assert "Item 2 is exempt but has no public reason for exclusion." in problems
    assert (
        "Item 2: the report “Land valuation” is draft; accept it or mark it to follow." in problems
    )
    with pytest.raises(ValidationError):
        agenda.agenda_publish(meeting=meeting, by=clerk, today=TODAY)
    assert not Publication.objects.exists()
    draft.status = Report.Status.ACCEPTED
    draft.save()
    meeting.items.filter(number=1).update(to_follow_note="Report to follow")
    meeting.items.filter(number=2).update(exempt_reason="Commercially sensitive.")
    assert agenda.publication_problems(meeting) == []


def ready_meeting(body, date):
    meeting = MeetingFactory(body=body, date=date, status=Meeting.Status.SCHEDULED)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Strategy", has_papers=True)
    ReportFactory(agenda_item=item, subject="Strategy report", status=Report.Status.ACCEPTED)
    return meeting


def test_late_publication_asks_for_the_reason_for_urgency(
    body, clerk, clerk_client, django_capture_on_commit_callbacks
):
    meeting = ready_meeting(body, datetime.date.today() + datetime.timedelta(days=3))
    page = clerk_client.get(f"/meetings/{meeting.slug}/publish/").text
    assert "This agenda is late." in page
    response = clerk_client.post(f"/meetings/{meeting.slug}/publish/", {"urgency_reason": ""})
    assert "Give the reason for urgency." in response.text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    member = make_user("member", member=[body])
    member.email = "member@example.org"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(
            f"/meetings/{meeting.slug}/publish/",
            {"urgency_reason": "The funding deadline falls before the next meeting."},
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_PUBLISHED
    assert meeting.urgency_reason == "The funding deadline falls before the next meeting."
    publication = meeting.publications.get()
    assert publication.late and publication.number == 1
    assert publication.contents[0]["papers"][0]["title"] == "Strategy report"
    assert len(publication.content_hash) == 64
    assert Report.objects.get(subject="Strategy report").status == Report.Status.PUBLISHED
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert meeting.get_absolute_url() in mail.outbox[0].body
    clerk_client.logout()
    assert "Strategy report" in clerk_client.get(meeting.get_absolute_url()).text
    clerk_client.force_login(clerk)
    log = clerk_client.get(f"/meetings/{meeting.slug}/changes/").text
    assert "published the agenda late" in log and "The funding deadline" in log


def test_publishing_on_time_needs_no_reason(body, clerk):
    meeting = ready_meeting(body, datetime.date(2026, 12, 15))
    publication = agenda.agenda_publish(meeting=meeting, by=clerk, today=datetime.date(2026, 12, 7))
    assert publication.clear_days == 5 and not publication.late
    with pytest.raises(ValidationError, match="already published"):
        agenda.agenda_publish(meeting=meeting, by=clerk, today=datetime.date(2026, 12, 7))


@pytest.mark.parametrize(
    "path",
    [
        "/bodies/{body}/meetings/new/",
        "/bodies/{body}/meetings/schedule/",
        "/meetings/{meeting}/agenda/",
        "/meetings/{meeting}/publish/",
        "/meetings/{meeting}/cancel/",
        "/meetings/{meeting}/changes/",
    ],
)
def test_only_the_bodys_clerks_reach_the_clerk_pages(body, client, path):
    meeting = MeetingFactory(body=body)
    url = path.format(body=body.slug, meeting=meeting.slug)
    assert client.get(url).status_code == 302  # anonymous: sign in first
    client.force_login(make_user("member", member=[body]))
    response = client.get(url)
    assert response.status_code == 403
    assert "Only the clerks of Health and Wellbeing Board can do this." in response.text
    client.force_login(make_user("clerk-elsewhere", clerk=[BodyFactory()]))
    assert client.get(url).status_code == 403
