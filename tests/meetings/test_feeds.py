"""The public subscriptions and crawler files: the meeting calendar (iCal), the new-papers
feeds (Atom), the sitemap and robots.txt. Each is what an anonymous reader may see, whoever
asks."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.urls.converters import IntConverter
from django.utils import timezone
from icalendar import Calendar
from pytest_django.asserts import assertContains

from meetings import agenda
from meetings.feeds import EntriesFeed, FeedEntry
from meetings.models import ExemptParagraph, Meeting, Publication
from tests.conftest import make_user, sitemap_urls
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SECRET = "Confidential land valuation 7431"
NEXT_YEAR = datetime.date.today().year + 1


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://papers.example.gov.uk"


@pytest.fixture
def board():
    return BodyFactory(name="Health and Wellbeing Board", slug="hwb")


@pytest.fixture
def summer(board):
    """A meeting in British Summer Time, with a public item and an exempt one."""
    meeting = MeetingFactory(
        body=board,
        slug="summer",
        date=datetime.date(NEXT_YEAR, 7, 1),
        start_time=datetime.time(18, 30),
        venue="Conference Room A, Civic Offices",
    )
    AgendaItemFactory(meeting=meeting, number=1, title="Tobacco harm reduction")
    AgendaItemFactory(
        meeting=meeting,
        number=2,
        title=SECRET,
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    return meeting


@pytest.fixture
def draft(board):
    meeting = MeetingFactory(
        body=board, slug="draft", date=datetime.date(NEXT_YEAR, 5, 6), status=Meeting.Status.DRAFT
    )
    AgendaItemFactory(meeting=meeting, number=1, title="Draft agenda item")
    return meeting


def events_of(response) -> dict[str, object]:
    """UID → VEVENT, parsed as a calendar app would."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@papers.example.gov.uk"


# iCalendar
# ------------------------------------------------------------------------------


def test_calendar_event_round_trips_at_london_time_in_summer_and_winter(client, board, summer):
    winter = MeetingFactory(
        body=board,
        slug="winter",
        date=datetime.date(NEXT_YEAR, 1, 15),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 45),
        virtual=True,
    )

    events = events_of(client.get("/bodies/hwb/meetings.ics"))

    event = events[uid(summer)]
    assert event.start == datetime.datetime(NEXT_YEAR, 7, 1, 18, 30, tzinfo=LONDON)
    assert event.start.utcoffset() == datetime.timedelta(hours=1)
    assert event.start.astimezone(datetime.UTC).hour == 17
    assert event.end - event.start == datetime.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Health and Wellbeing Board"
    assert str(event["LOCATION"]) == "Conference Room A, Civic Offices"
    assert str(event["URL"]) == "http://testserver/meetings/summer/"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "1. Tobacco harm reduction" in str(event["DESCRIPTION"])

    event = events[uid(winter)]
    assert event.start == datetime.datetime(NEXT_YEAR, 1, 15, 10, 0, tzinfo=LONDON)
    assert event.start.utcoffset() == datetime.timedelta(0)
    assert event.end == datetime.datetime(NEXT_YEAR, 1, 15, 11, 45, tzinfo=LONDON)
    assert str(event["LOCATION"]) == "Virtual meeting"


def test_calendar_carries_the_london_timezone_definition(client, summer):
    calendar = Calendar.from_ical(client.get("/meetings.ics").content)

    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()


def test_calendar_leaves_out_draft_meetings_and_exempt_titles_even_for_a_clerk(
    client, board, summer, draft
):
    client.force_login(make_user("clerk", clerk=[board]))

    for path in ("/meetings.ics", "/bodies/hwb/meetings.ics"):
        response = client.get(path)
        events = events_of(response)
        assert uid(summer) in events
        assert uid(draft) not in events
        assert SECRET not in response.content.decode()
        assert "Draft agenda item" not in response.content.decode()


def test_cancelled_and_moved_meetings_are_revisions_calendar_apps_pick_up(client, board):
    clerk = make_user("clerk", clerk=[board])
    cancelled = MeetingFactory(body=board, date=datetime.date(NEXT_YEAR, 3, 4))
    agenda.meeting_cancel(meeting=cancelled, reason="Not quorate.", by=clerk)
    moved = MeetingFactory(body=board, date=datetime.date(NEXT_YEAR, 3, 11))
    for day in (12, 13):
        agenda.meeting_move(
            meeting=moved,
            date=datetime.date(NEXT_YEAR, 3, day),
            start_time=None,
            reason="The chamber is being refurbished.",
            by=clerk,
        )
    steady = MeetingFactory(body=board, date=datetime.date(NEXT_YEAR, 3, 18))

    events = events_of(client.get("/bodies/hwb/meetings.ics"))

    event = events[uid(cancelled)]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Cancelled: Health and Wellbeing Board"
    assert event["SEQUENCE"] == 1
    assert "Not quorate." in str(event["DESCRIPTION"])
    event = events[uid(moved)]
    assert event["SEQUENCE"] == 2
    assert event.start.date() == datetime.date(NEXT_YEAR, 3, 13)
    assert "The chamber is being refurbished." in str(event["DESCRIPTION"])
    assert events[uid(steady)]["SEQUENCE"] == 0


def test_calendar_keeps_a_year_of_history_and_names_special_meetings(client, board):
    old = MeetingFactory(body=board, date=timezone.localdate() - datetime.timedelta(days=400))
    recent = MeetingFactory(
        body=board,
        date=timezone.localdate() - datetime.timedelta(days=30),
        start_time=None,
        kind=Meeting.Kind.SPECIAL,
    )

    events = events_of(client.get("/bodies/hwb/meetings.ics"))

    assert uid(old) not in events
    event = events[uid(recent)]
    assert str(event["SUMMARY"]) == "Health and Wellbeing Board (special meeting)"
    # No start time announced: an all-day event, not a made-up hour.
    assert event.start == recent.date


def test_body_calendar_has_only_that_bodys_meetings(client, summer):
    other = MeetingFactory(date=datetime.date(NEXT_YEAR, 7, 2))

    assert set(events_of(client.get("/bodies/hwb/meetings.ics"))) == {uid(summer)}
    assert set(events_of(client.get("/meetings.ics"))) == {uid(summer), uid(other)}
    assert client.get("/bodies/no-such-board/meetings.ics").status_code == 404


# Atom
# ------------------------------------------------------------------------------


def publish(meeting: Meeting, number: int, at: datetime.datetime) -> Publication:
    return Publication.objects.create(
        meeting=meeting,
        number=number,
        published_at=at,
        clear_days=5,
        # What the clerk published, exempt titles included: never for the public feed.
        contents=[{"number": 2, "title": SECRET}],
        content_hash="0" * 64,
    )


def entries_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href"),
            "updated": entry.findtext("atom:updated", namespaces=ATOM),
            "id": entry.findtext("atom:id", namespaces=ATOM),
            "summary": entry.findtext("atom:summary", namespaces=ATOM),
        }
        for entry in feed.findall("atom:entry", ATOM)
    ]


def test_body_feed_lists_the_agenda_and_supplements_newest_first(client, board, summer):
    agenda_at = datetime.datetime(NEXT_YEAR - 1, 6, 22, 9, 0, tzinfo=datetime.UTC)
    publish(summer, 1, agenda_at)
    publish(summer, 2, agenda_at + datetime.timedelta(days=3))

    response = client.get("/bodies/hwb/feed/")

    feed = ET.fromstring(response.content)
    assert feed.findtext("atom:title", namespaces=ATOM) == "New papers: Health and Wellbeing Board"
    day = f"{summer.date:%A} 1 July {NEXT_YEAR}"
    heading = f"Health and Wellbeing Board, {day}"
    entries = entries_of(response)
    assert [entry["title"] for entry in entries] == [
        f"Supplement 1 published: {heading}",
        f"Agenda published: {heading}",
    ]
    assert {entry["link"] for entry in entries} == {"http://testserver/meetings/summer/"}
    assert entries[1]["updated"] == agenda_at.isoformat()
    assert entries[1]["id"] == "https://papers.example.gov.uk/meetings/summer/#publication-1"
    assert entries[1]["summary"] == (
        f"The agenda and papers for the meeting on {day} at 6.30 pm, "
        "Conference Room A, Civic Offices."
    )


def test_feeds_leave_out_meetings_whose_agenda_is_not_public_even_for_a_clerk(
    client, board, summer, draft
):
    publish(summer, 1, timezone.now())
    # Publication rows of meetings the public may not see (as after a clerk's mistake).
    publish(draft, 1, timezone.now())
    scheduled = MeetingFactory(body=board, slug="scheduled", status=Meeting.Status.SCHEDULED)
    publish(scheduled, 1, timezone.now())
    client.force_login(make_user("clerk", clerk=[board]))

    for path in ("/feed/", "/bodies/hwb/feed/"):
        response = client.get(path)
        assert [entry["link"] for entry in entries_of(response)] == [
            "http://testserver/meetings/summer/"
        ]
        assert SECRET not in response.content.decode()


def test_site_feed_covers_every_body_and_body_feed_only_its_own(client, summer):
    publish(summer, 1, timezone.now())
    other = MeetingFactory(body=BodyFactory(name="Schools Forum"), slug="forum")
    publish(other, 1, timezone.now())

    assert {entry["link"] for entry in entries_of(client.get("/feed/"))} == {
        "http://testserver/meetings/summer/",
        "http://testserver/meetings/forum/",
    }
    assert {entry["link"] for entry in entries_of(client.get("/bodies/hwb/feed/"))} == {
        "http://testserver/meetings/summer/"
    }
    assert client.get("/bodies/no-such-board/feed/").status_code == 404


class ResultsFeed(EntriesFeed):
    """What a search-results feed would look like on the reusable base."""

    title = "Search results"
    link = "/"
    subtitle = "Papers matching a search."

    def entries(self, obj):
        return [
            FeedEntry(
                title="Older & wiser",
                link="/documents/older/",
                updated=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC),
                summary="Fish & <chips>",
            ),
            FeedEntry(
                title="Newer",
                link="https://elsewhere.example/newer/",
                updated=datetime.datetime(2025, 3, 4, tzinfo=datetime.UTC),
            ),
        ]


def test_entries_feed_base_serves_any_list_of_entries():
    response = ResultsFeed()(RequestFactory().get("/search/feed/"))

    entries = entries_of(response)
    assert [entry["title"] for entry in entries] == ["Newer", "Older & wiser"]
    assert entries[1]["link"] == "http://testserver/documents/older/"
    assert entries[0]["link"] == "https://elsewhere.example/newer/"
    # The summary is plain text, sent as HTML: a reader shows exactly what was written.
    assert entries[1]["summary"] == "Fish &amp; &lt;chips&gt;"
    assert entries[0]["summary"] is None
    assert entries[1]["id"].startswith("tag:testserver,2025-01-02:")


# Sitemap and robots.txt
# ------------------------------------------------------------------------------


def test_sitemap_lists_bodies_people_and_public_meetings_only(client, board, summer, draft):
    person = PersonFactory(slug="linda-collie")
    client.force_login(make_user("clerk", clerk=[board]))

    urls = sitemap_urls(client)

    lastmod = timezone.localtime(summer.updated_at).date().isoformat()
    assert urls["http://testserver/meetings/summer/"] == lastmod
    assert "http://testserver/meetings/draft/" not in urls
    assert "http://testserver/bodies/hwb/" in urls
    assert f"http://testserver{person.get_absolute_url()}" in urls


def robots_allows(robots: str, path: str) -> bool:
    """RFC 9309 matching: the longest matching rule wins, Allow on a tie; `*` matches any
    characters and a final `$` anchors the end."""
    best_length, allowed = -1, True
    for line in robots.splitlines():
        field, _, value = line.partition(":")
        field, value = field.strip().lower(), value.strip()
        if field not in {"allow", "disallow"} or not value:
            continue
        regex = "".join(".*" if c == "*" else re.escape(c) for c in value.removesuffix("$"))
        if not re.match(regex + ("$" if value.endswith("$") else ""), path):
            continue
        if len(value) > best_length or (len(value) == best_length and field == "allow"):
            best_length, allowed = len(value), field == "allow"
    return allowed


def staff_paths() -> list[str]:
    """A sample address for every page served by the clerks' and officers' views."""
    paths = [reverse("meetings:pack_build", kwargs={"slug": "m"})]
    for app, staff_module in (
        ("meetings", "meetings.clerk"),
        ("minutes", "minutes.clerk"),
        ("reports", "reports.officer"),
    ):
        for pattern in import_module(f"{app}.urls").urlpatterns:
            if pattern.callback.__module__ != staff_module:
                continue
            kwargs = {
                name: 1 if isinstance(converter, IntConverter) else "sample"
                for name, converter in pattern.pattern.converters.items()
            }
            paths.append(reverse(f"{app}:{pattern.name}", kwargs=kwargs))
    return paths


def test_robots_txt_keeps_crawlers_off_staff_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    robots = response.content.decode()
    assert "User-agent: *" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots.splitlines()
    staff = staff_paths()
    assert len(staff) > 20  # every clerk and officer page was found
    for path in [*staff, "/admin/", "/admin/meetings/meeting/", "/accounts/login/"]:
        assert not robots_allows(robots, path), path
    for path in [
        "/",
        "/bodies/hwb/",
        "/meetings/summer/",
        "/meetings/summer/minutes/",
        "/meetings/summer/minutes.pdf",
        "/meetings/summer/packs/public/1.pdf",
        "/reports/a-report/",
        "/documents/a-document/",
        "/documents/a-document/file.pdf",
        "/people/linda-collie/",
        "/decisions/",
        "/feed/",
        "/bodies/hwb/feed/",
        "/meetings.ics",
        "/bodies/hwb/meetings.ics",
        "/sitemap.xml",
    ]:
        assert robots_allows(robots, path), path


# The body page
# ------------------------------------------------------------------------------


def test_body_page_offers_its_calendar_and_feed(client, board):
    response = client.get("/bodies/hwb/")

    assertContains(
        response,
        '<link rel="alternate" type="application/atom+xml" href="/bodies/hwb/feed/" '
        'title="New papers: Health and Wellbeing Board">',
        html=True,
    )
    assertContains(
        response,
        '<link rel="alternate" type="text/calendar" href="/bodies/hwb/meetings.ics" '
        'title="Meetings: Health and Wellbeing Board">',
        html=True,
    )
    assertContains(
        response,
        '<a href="/bodies/hwb/meetings.ics" type="text/calendar">calendar of meetings (iCal)</a>',
        html=True,
    )
    assertContains(
        response,
        '<a href="/bodies/hwb/feed/" type="application/atom+xml">new papers (Atom feed)</a>',
        html=True,
    )
    # Every page points feed readers at the feed of all bodies.
    assertContains(client.get("/"), 'type="application/atom+xml" href="/feed/"')
