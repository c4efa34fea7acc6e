"""The decisions register: every resolution a visitor may read, filterable, paginated."""

import pytest

from minutes.models import Minutes, Resolution
from minutes.services import minute_entry_create
from reports.models import Report
from tests.factories import AgendaItemFactory, MinutesFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_the_register_lists_the_seed_decisions_newest_first(demo, client):
    response = client.get("/decisions/")
    assert response.status_code == 200
    assert f"{Resolution.objects.count()} decisions" in response.text
    text = response.text
    assert text.index("24 Nov 2021") < text.index("13 Feb 2019")
    assert (
        "RESOLVED that the minutes of the Health and Wellbeing Board held on 22 September 2021"
        in text
    )


def test_filters_by_body_dates_and_outcome(demo, client):
    from meetings.models import Body

    body = Body.objects.get(slug="health-and-wellbeing-board")
    response = client.get(
        "/decisions/",
        {"body": body.pk, "date_from": "2019-01-01", "date_to": "2019-12-31", "outcome": "noted"},
    )
    expected = Resolution.objects.filter(
        outcome="noted", entry__minutes__meeting__date__year=2019
    ).count()
    assert expected > 0
    assert f"{expected} decision" in response.text
    assert "24 Nov 2021" not in response.text


def test_key_decisions_and_links_to_their_report(db, client):
    minutes = MinutesFactory()
    item = AgendaItemFactory(meeting=minutes.meeting, number=7, title="Community Safety Plan")
    ReportFactory(agenda_item=item, subject="Community Safety Plan 2021-22", key_decision=True)
    other = AgendaItemFactory(meeting=minutes.meeting, number=8, title="Noting item")
    key = minute_entry_create(minutes=minutes, title="Community Safety Plan", items=[item])
    Resolution.objects.create(entry=key, preamble="RESOLVED that the plan be approved.")
    plain = minute_entry_create(minutes=minutes, title="Noting item", items=[other])
    Resolution.objects.create(
        entry=plain, preamble="RESOLVED that the report be noted.", outcome="noted"
    )
    response = client.get("/decisions/", {"key_decision": "on"})
    assert "1 decision." in response.text
    assert "RESOLVED that the plan be approved." in response.text
    assert "Community Safety Plan 2021-22</a>" in response.text


def test_draft_and_exempt_decisions_stay_out_of_the_public_register(db, client):
    draft = MinutesFactory(status=Minutes.Status.DRAFT)
    entry = minute_entry_create(minutes=draft, title="Draft")
    Resolution.objects.create(entry=entry, preamble="DRAFT-DECISION-1")
    published = MinutesFactory()
    secret = minute_entry_create(minutes=published, title="Land", exempt=True)
    Resolution.objects.create(entry=secret, preamble="EXEMPT-DECISION-2")
    text = client.get("/decisions/").text
    assert "DRAFT-DECISION-1" not in text and "EXEMPT-DECISION-2" not in text
    assert "No decisions match these filters." in text


def test_register_queries_do_not_grow_with_the_page(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/decisions/")


def test_an_exempt_report_is_not_linked_from_the_register(db, client):
    minutes = MinutesFactory()
    item = AgendaItemFactory(meeting=minutes.meeting, number=2, exempt=True, exempt_paragraph=3)
    ReportFactory(
        agenda_item=item,
        subject="SECRET-REPORT-TITLE",
        exempt=True,
        exempt_paragraph=3,
        status=Report.Status.PUBLISHED,
    )
    entry = minute_entry_create(minutes=minutes, title="Exempt business", items=[item])
    Resolution.objects.create(entry=entry, preamble="RESOLVED that the recommendations be agreed.")
    text = client.get("/decisions/").text
    assert "SECRET-REPORT-TITLE" not in text
    assert "RESOLVED that the recommendations be agreed." in text
