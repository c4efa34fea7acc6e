"""Minutes in the public new-papers feed and the sitemap: once published, never in draft."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from meetings.models import Meeting, Publication
from minutes.models import Minutes
from minutes.services import minutes_approve
from tests.conftest import make_user, sitemap_urls
from tests.factories import BodyFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://papers.example.gov.uk"


@pytest.fixture
def board():
    return BodyFactory(name="Health and Wellbeing Board", slug="hwb")


def entries_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    return [
        {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href"),
            "id": entry.findtext("atom:id", namespaces=ATOM),
            "summary": entry.findtext("atom:summary", namespaces=ATOM),
        }
        for entry in ET.fromstring(response.content).findall("atom:entry", ATOM)
    ]


def test_published_and_approved_minutes_are_feed_entries_linking_to_the_minutes(client, board):
    published = MinutesFactory(
        meeting__body=board, meeting__slug="march", meeting__date=datetime.date(2026, 3, 11)
    )
    approved = MinutesFactory(
        meeting__body=board, meeting__slug="january", meeting__date=datetime.date(2026, 1, 14)
    )
    minutes_approve(minutes=approved, at_meeting=published.meeting)

    entries = entries_of(client.get("/bodies/hwb/feed/"))

    assert entries == [
        {
            "title": "Minutes approved: Health and Wellbeing Board, Wednesday 14 January 2026",
            "link": "http://testserver/meetings/january/minutes/",
            "id": "https://papers.example.gov.uk/meetings/january/minutes/#approved",
            "summary": "Approved as a correct record at the meeting on 11 March 2026.",
        },
        {
            "title": "Minutes published: Health and Wellbeing Board, Wednesday 11 March 2026",
            "link": "http://testserver/meetings/march/minutes/",
            "id": "https://papers.example.gov.uk/meetings/march/minutes/#published",
            "summary": "Draft minutes, subject to approval at the next meeting.",
        },
    ]


def test_minutes_and_agendas_share_one_feed_newest_first(client, board):
    minutes = MinutesFactory(meeting__body=board, meeting__slug="march")
    later = MeetingFactory(body=board, slug="april", date=datetime.date(2026, 4, 8))
    Publication.objects.create(
        meeting=later,
        number=1,
        published_at=minutes.updated_at + datetime.timedelta(hours=1),
        clear_days=5,
        content_hash="0" * 64,
    )

    links = [entry["link"] for entry in entries_of(client.get("/feed/"))]

    assert links == [
        "http://testserver/meetings/april/",
        "http://testserver/meetings/march/minutes/",
    ]


def test_draft_minutes_stay_out_of_the_feed_and_sitemap_even_for_a_clerk(client, board):
    MinutesFactory(meeting__body=board, meeting__slug="published")
    MinutesFactory(
        meeting__body=board,
        meeting__slug="drafting",
        meeting__status=Meeting.Status.MINUTES_DRAFT,
        status=Minutes.Status.DRAFT,
    )
    client.force_login(make_user("clerk", clerk=[board]))

    for path in ("/feed/", "/bodies/hwb/feed/"):
        assert [entry["link"] for entry in entries_of(client.get(path))] == [
            "http://testserver/meetings/published/minutes/"
        ]
    locs = set(sitemap_urls(client))
    assert "http://testserver/meetings/published/minutes/" in locs
    assert "http://testserver/meetings/drafting/minutes/" not in locs
    # The meeting itself is public while its minutes are written.
    assert "http://testserver/meetings/drafting/" in locs


def test_feed_updated_time_is_when_the_minutes_were_published(client, board):
    before = timezone.now()
    MinutesFactory(meeting__body=board)

    feed = ET.fromstring(client.get("/bodies/hwb/feed/").content)
    updated = datetime.datetime.fromisoformat(
        feed.find("atom:entry", ATOM).findtext("atom:updated", namespaces=ATOM)
    )

    assert before <= updated <= timezone.now()
