"""The printed minutes come out of the pack pipeline: rendered, numbered, downloadable."""

import re

import pytest

from minutes.models import Minutes
from minutes.services import minute_entry_create, minutes_print
from tests.conftest import make_user
from tests.factories import MinutesFactory
from tests.meetings.pdfread import read_pack

pytestmark = pytest.mark.django_db


def test_printed_minutes_of_24_november_2021_read_back(demo, client):
    minutes = Minutes.objects.get(meeting__slug="2021-11-24-health-and-wellbeing-board")
    minutes_print(minutes=minutes)
    response = client.get("/meetings/2021-11-24-health-and-wellbeing-board/minutes.pdf")
    assert response.status_code == 200
    read = read_pack(b"".join(response.streaming_content))
    text = re.sub(r"\s+", " ", "\n".join(read.pages))
    assert (
        "MINUTES OF THE MEETING of the Health and Wellbeing Board held virtually on Wednesday, 24 November 2021"
        in text
    )
    for number in range(28, 39):
        assert f"{number}. " in text
    assert "31. Matters arising and verbal update" in text
    assert "The meeting concluded at 11.53 am." in text
    assert [read.number(i) for i in range(len(read.pages))] == list(range(1, len(read.pages) + 1))
    assert minutes.printed_pages == len(read.pages)
    page = client.get("/meetings/2021-11-24-health-and-wellbeing-board/minutes/").text
    assert f"Download the printed minutes (PDF, {len(read.pages)} pages)" in page


def test_printed_minutes_leave_exempt_minutes_out_and_drafts_stay_private(db, client):
    minutes = MinutesFactory(status=Minutes.Status.DRAFT)
    minute_entry_create(minutes=minutes, title="Budget", html="<p>Open minute.</p>")
    minute_entry_create(minutes=minutes, title="Land sale", html="<p>TAPIR-5150</p>", exempt=True)
    minutes_print(minutes=minutes)
    url = f"/meetings/{minutes.meeting.slug}/minutes.pdf"
    assert client.get(url).status_code == 404  # draft: clerks only
    client.force_login(make_user("clerk", clerk=[minutes.meeting.body]))
    text = "\n".join(read_pack(b"".join(client.get(url).streaming_content)).pages)
    assert "Open minute." in text
    assert "TAPIR-5150" not in text
    assert "Draft minutes, subject to approval." in text


def test_unchanged_minutes_are_not_printed_again(db):
    minutes = MinutesFactory()
    minute_entry_create(minutes=minutes, title="Apologies")
    first = minutes_print(minutes=minutes).printed.name
    assert minutes_print(minutes=minutes).printed.name == first
    minute_entry_create(minutes=minutes, title="Declarations")
    minutes.refresh_from_db()
    assert minutes_print(minutes=minutes).printed.name != first
