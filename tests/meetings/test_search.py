"""Search: one box over items, reports, PDF pages, minutes and decisions, ranked and
highlighted, filtered with django-filter, permission-aware inside the query."""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from meetings import alerts, search
from meetings.alerts import search_alerts_send
from meetings.models import Meeting, SavedSearch
from minutes.models import MinuteEntry, Resolution, ResolutionPart
from reports.models import Document, ReportSection
from reports.services import document_upload
from tests.conftest import make_user, run_worker_until_idle
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MinutesFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def pdf_pages(*pages: str) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    for text in pages:
        drawing.drawString(72, 700, text)
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def results(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.text


def count_line(page: str) -> str:
    start = page.index('class="result-count">') + len('class="result-count">')
    return page[start : page.index("<", start)]


@pytest.fixture
def board():
    body = BodyFactory(name="Health and Wellbeing Board", slug="health-and-wellbeing-board")
    meeting = MeetingFactory(body=body, date=datetime.date(2026, 2, 11), slug="2026-02-11-hwb")
    return body, meeting


def test_finds_every_kind_of_paper_with_stemming_and_highlights(client, board):
    body, meeting = board
    item = AgendaItemFactory(
        meeting=meeting, number=5, title="Playground refurbishment", purpose="Swings."
    )
    report = ReportFactory(agenda_item=item, subject="Parks capital programme")
    ReportSection.objects.create(
        report=report, heading="Background", html="<p>The playgrounds need resurfacing.</p>"
    )
    AttachmentFactory(
        agenda_item=item,
        report=report,
        label="Appendix A",
        document=DocumentFactory(
            title="Site plans", html="<p>Plans of each playground &amp; its gates.</p>"
        ),
    )
    minutes = MinutesFactory(meeting=meeting)
    entry = MinuteEntry.objects.create(
        minutes=minutes,
        body=body,
        period="2026",
        number=12,
        title="Playground refurbishment",
        html="<p>Members welcomed the new playgrounds.</p>",
    )
    resolution = Resolution.objects.create(entry=entry, preamble="RESOLVED that the Board:")
    ResolutionPart.objects.create(resolution=resolution, label="(i)", text="fund the playgrounds")

    page = results(client, q="playground")
    assert count_line(page) == "5 results for “playground”."
    assert 'Agenda items <span class="count">(1)</span>' in page
    assert 'Decisions <span class="count">(1)</span>' in page
    # Stemming: "playground" finds "playgrounds", and the words found are marked.
    assert "need resurfacing" in page and "<mark>playgrounds</mark>" in page
    assert "Report, section “Background”, Health and Wellbeing Board, 11 February 2026" in page
    assert "Appendix A to “Parks capital programme”" in page
    assert "Plans of each <mark>playground</mark> &amp; its gates" in page
    assert "Minute 12, Health and Wellbeing Board, 11 February 2026" in page
    assert "(i) fund the <mark>playgrounds</mark>" in page
    assert f'href="/meetings/{meeting.slug}/#item-5"' in page
    assert f'href="/meetings/{meeting.slug}/minutes/#minute-12"' in page


def test_websearch_syntax_phrases_exclusions_and_or(client, board):
    _, meeting = board
    AgendaItemFactory(meeting=meeting, title="Residents parking permits")
    AgendaItemFactory(meeting=meeting, title="Parking enforcement")
    AgendaItemFactory(meeting=meeting, title="Library opening hours")
    assert count_line(results(client, q="parking")) == "2 results for “parking”."
    assert count_line(results(client, q="parking -permits")).startswith("1 result ")
    assert count_line(results(client, q='"parking permits"')).startswith("1 result ")
    assert count_line(results(client, q="library or enforcement")).startswith("2 results ")
    # Odd input never breaks the page.
    for text in ['"', "-", "&|!():*", "or", "'; drop table"]:
        assert client.get("/search/", {"q": text}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_uploaded_pdf_pages_are_read_in_the_background_and_found_by_page(
    client, board, empty_queue
):
    _, meeting = board
    item = AgendaItemFactory(meeting=meeting, number=3, has_papers=True)
    # The upload commits at once and queues the reading of its pages for the worker.
    document = document_upload(
        slug="traffic-survey",
        title="Traffic survey",
        file=SimpleUploadedFile(
            "survey.pdf",
            pdf_pages("Counts at the junction.", "Cyclists counted: 412.", "Summary."),
        ),
    )
    AttachmentFactory(agenda_item=item, document=document, label="Appendix 2")
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.PENDING
    assert "0 results" in count_line(results(client, q="cyclists"))

    run_worker_until_idle()
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.INDEXED
    assert document.pages.count() == 3
    page = results(client, q="cyclists")
    assert count_line(page) == "1 result for “cyclists”."
    assert "<mark>Cyclists</mark> counted" in page
    assert 'Found on page <a href="/documents/traffic-survey/file.pdf#page=2"' in page


def test_a_scanned_pdf_is_marked_as_having_no_text(board, empty_queue):
    from reports.services import document_text_extract

    blank = io.BytesIO()
    drawing = canvas.Canvas(blank, pagesize=A4)
    drawing.rect(100, 100, 200, 200, fill=1)  # an image-like page: no words at all
    drawing.showPage()
    drawing.save()
    document = document_upload(
        slug="scan", title="Scan", file=SimpleUploadedFile("scan.pdf", blank.getvalue())
    )
    assert document_text_extract(document) == 0
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.NO_TEXT


def _exempt_papers(body, meeting, marker: str):
    exempt = AgendaItemFactory(
        meeting=meeting,
        number=9,
        title=f"Sale of land {marker}",
        exempt=True,
        exempt_paragraph=3,
    )
    report = ReportFactory(
        agenda_item=exempt, subject=f"Disposal {marker}", exempt=True, exempt_paragraph=3
    )
    AttachmentFactory(
        agenda_item=exempt,
        report=report,
        document=DocumentFactory(
            title=f"Valuation {marker}", exempt=True, exempt_paragraph=3, html=f"<p>{marker}</p>"
        ),
    )
    minutes = MinutesFactory(meeting=meeting)
    MinuteEntry.objects.create(
        minutes=minutes,
        body=body,
        period="2026",
        number=40,
        title=f"Sale of land {marker}",
        html=f"<p>{marker}</p>",
        exempt=True,
    )
    return exempt


def test_exempt_text_is_found_only_by_members_of_the_body(client, board):
    body, meeting = board
    marker = "zanzibarquartz"
    _exempt_papers(body, meeting, marker)
    AgendaItemFactory(meeting=meeting, title=f"Open item mentioning {marker}")

    page = results(client, q=marker)
    assert count_line(page) == f"1 result for “{marker}”."
    assert "Sale of land" not in page and "Disposal" not in page and "Valuation" not in page

    outsider = make_user("outsider", member=[BodyFactory()])
    client.force_login(outsider)
    assert count_line(results(client, q=marker)).startswith("1 result ")

    client.force_login(make_user("member", member=[body]))
    page = results(client, q=marker)
    assert count_line(page) == f"5 results for “{marker}”."
    assert page.count("Exempt – members only") == 4


def test_draft_agendas_and_draft_minutes_are_not_searchable_by_the_public(client, board):
    body, _ = board
    draft = MeetingFactory(body=body, status=Meeting.Status.DRAFT, date=datetime.date(2026, 5, 1))
    AgendaItemFactory(meeting=draft, title="Unannounced quokka scheme")
    minutes = MinutesFactory(meeting=draft, status="draft")
    MinuteEntry.objects.create(
        minutes=minutes, body=body, period="2026", number=1, title="Quokka", html=""
    )
    assert "0 results" in count_line(results(client, q="quokka"))
    client.force_login(make_user("clerk", clerk=[body]))
    assert count_line(results(client, q="quokka")).startswith("2 results")


def test_filters_body_dates_kind_and_outcome(client, board):
    body, meeting = board
    other = MeetingFactory(date=datetime.date(2025, 6, 1))
    AgendaItemFactory(meeting=meeting, title="Air quality action plan")
    AgendaItemFactory(meeting=other, title="Air quality monitoring")
    minutes = MinutesFactory(meeting=meeting)
    for number, outcome in [(1, "agreed"), (2, "deferred")]:
        entry = MinuteEntry.objects.create(
            minutes=minutes, body=body, period="2026", number=number, title=f"Air {number}"
        )
        Resolution.objects.create(
            entry=entry, preamble=f"RESOLVED that air plan {number} proceed", outcome=outcome
        )
    assert count_line(results(client, q="air")).startswith("6 results")
    assert count_line(results(client, q="air", body=body.pk)).startswith("5 results")
    assert count_line(results(client, q="air", start="2026-01-01")).startswith("5 results")
    assert count_line(results(client, q="air", end="2025-12-31")).startswith("1 result ")
    assert count_line(results(client, q="air", kind="item")).startswith("2 results")
    page = results(client, q="air", kind=["item", "decision"])
    assert count_line(page).startswith("4 results")
    page = results(client, q="air", outcome="deferred")
    assert count_line(page).startswith("1 result ")
    assert "Outcome: Deferred" in page
    page = results(client, q="air", start="not a date")
    assert "Enter a valid date." in page


def test_results_are_paginated_and_newest_first_on_request(client, board):
    body, _ = board
    for n in range(25):
        meeting = MeetingFactory(body=body, date=datetime.date(2024, 1, 1) + datetime.timedelta(n))
        AgendaItemFactory(meeting=meeting, title=f"Budget monitoring month {n}")
    first = results(client, q="budget")
    assert count_line(first) == "25 results for “budget”, page 1 of 2."
    assert first.count('class="search-result"') == 20
    second = results(client, q="budget", page=2)
    assert second.count('class="search-result"') == 5
    assert '<ol class="search-results" start="21">' in second
    newest = results(client, q="budget", sort="newest")
    assert newest.index("month 24</a>") < newest.index("month 23</a>") < newest.index("month 5</a>")
    assert "month 4</a>" not in newest


def test_many_matches_are_ranked_among_the_newest_and_the_page_says_so(client, board, monkeypatch):
    body, _ = board
    monkeypatch.setattr(search, "CANDIDATES", 3)
    for n in range(5):
        meeting = MeetingFactory(body=body, date=datetime.date(2024, 1, 1 + n))
        title = "Budget: budget setting, budget gap" if n == 0 else f"Budget monitoring {n}"
        AgendaItemFactory(meeting=meeting, title=title)
    page = results(client, q="budget", kind="item")
    assert count_line(page) == "More than 3 results for “budget”."
    assert 'Agenda items <span class="count">(3+)</span>' in page
    assert "picked from the newest 3 of each kind" in page
    # The oldest item matches best, but only the newest three are ranked...
    assert "budget gap" not in page
    assert page.count('class="search-result"') == 3
    # ...and narrowing the dates reaches it, ranked first among its neighbours.
    older = results(client, q="budget", end="2024-01-03")
    assert count_line(older) == "3 results for “budget”."
    assert older.index("budget gap") < older.index("Budget monitoring 2")
    assert "picked from the newest" not in older


def test_newest_matches_the_visitor_may_not_read_do_not_hide_older_ones(client, board, monkeypatch):
    body, meeting = board
    monkeypatch.setattr(search, "CANDIDATES", 2)
    # Newer than the papers the public may read: a draft agenda's papers, and exempt papers
    # on a published agenda (these pass the cheap join and are dropped by Document's rule).
    draft = MeetingFactory(body=body, date=datetime.date(2026, 6, 1), status=Meeting.Status.DRAFT)
    newer = MeetingFactory(body=body, date=datetime.date(2026, 5, 1))
    for n in range(5):
        AttachmentFactory(
            agenda_item=AgendaItemFactory(meeting=draft, title="Next year"),
            document=DocumentFactory(title=f"Draft lighthouse plan {n}"),
        )
    open_item = AgendaItemFactory(meeting=newer, title="Sale of land")
    for n in range(40):
        AttachmentFactory(
            agenda_item=open_item,
            document=DocumentFactory(
                title=f"Exempt lighthouse valuation {n}", exempt=True, exempt_paragraph=3
            ),
        )
    shown = AgendaItemFactory(meeting=meeting, title="Coast")
    for n in range(2):
        AttachmentFactory(
            agenda_item=shown, document=DocumentFactory(title=f"Published lighthouse survey {n}")
        )
    page = results(client, q="lighthouse")
    assert count_line(page) == "2 results for “lighthouse”."
    assert "Published lighthouse survey 0" in page and "Published lighthouse survey 1" in page
    assert "Draft lighthouse" not in page and "Exempt lighthouse" not in page


def test_a_search_that_runs_too_long_is_stopped_with_advice(client, board, monkeypatch):
    _, meeting = board
    AgendaItemFactory(meeting=meeting, title="Harbour dredging")

    def slow_search(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr(alerts, "SEARCH_TIMEOUT_MS", 100)
    monkeypatch.setattr(alerts, "search", slow_search)
    page = results(client, q="harbour")
    assert "This search took too long" in page and "choose a body or set dates" in page
    assert 'class="search-result"' not in page
    monkeypatch.undo()
    # The connection is usable again and the limit does not outlive the search.
    assert count_line(results(client, q="harbour")) == "1 result for “harbour”."
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_query_count_does_not_grow_with_the_results(client, board, django_assert_max_num_queries):
    _, meeting = board
    item = AgendaItemFactory(meeting=meeting, title="Harbour dredging")
    AttachmentFactory(agenda_item=item, document=DocumentFactory(title="Harbour chart"))
    with django_assert_max_num_queries(25) as small:
        client.get("/search/", {"q": "harbour"})
    for n in range(30):
        item = AgendaItemFactory(meeting=meeting, title=f"Harbour works {n}")
        AttachmentFactory(agenda_item=item, document=DocumentFactory(title=f"Harbour plan {n}"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/search/", {"q": "harbour"})


def test_saved_search_emails_only_new_results_the_reader_may_see(client, board):
    body, meeting = board
    AgendaItemFactory(meeting=meeting, title="Cycle lanes on the seafront")
    reader = make_user("reader")
    reader.email = "reader@example.org"
    reader.save()

    response = client.post("/search/save/", {"query": "q=cycle+lanes", "alerts": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(reader)
    response = client.post(
        "/search/save/", {"query": "q=cycle+lanes", "name": "Cycling", "alerts": "1"}, follow=True
    )
    assert "Search “Cycling” saved. We will email you when it finds new papers." in response.text
    assert search_alerts_send() == 0  # what was there when saved is not news

    later = MeetingFactory(body=body, date=datetime.date(2026, 6, 10))
    AgendaItemFactory(meeting=later, title="Cycle lanes: consultation results")
    secret = MeetingFactory(body=body, date=datetime.date(2026, 7, 1))
    AgendaItemFactory(
        meeting=secret, title="Cycle lanes land deal", exempt=True, exempt_paragraph=3
    )
    assert search_alerts_send() == 1
    email = mail.outbox[-1]
    assert email.to == ["reader@example.org"]
    assert email.subject == "New results for your search “Cycling”"
    assert "Cycle lanes: consultation results" in email.body
    assert "land deal" not in email.body
    assert search_alerts_send() == 0  # nothing new the second time

    page = client.get("/search/saved/").text
    assert "Cycling" in page
    client.post("/search/saved/", {"pk": SavedSearch.objects.get().pk, "action": "delete"})
    assert SavedSearch.objects.count() == 1  # asked first
    client.post(
        "/search/saved/",
        {"pk": SavedSearch.objects.get().pk, "action": "delete", "confirmed": "1"},
    )
    assert SavedSearch.objects.count() == 0


def test_saving_an_empty_search_explains_why_not(client):
    client.force_login(make_user("reader"))
    response = client.post("/search/save/", {"query": "q=", "alerts": "1"}, follow=True)
    assert "Type some words to search for before saving the search." in response.text
    assert SavedSearch.objects.count() == 0


def test_search_feed_is_atom_of_public_results(client, board):
    body, meeting = board
    AgendaItemFactory(meeting=meeting, title="Seafront lighting")
    AgendaItemFactory(
        meeting=meeting, title="Seafront lighting contract", exempt=True, exempt_paragraph=3
    )
    response = client.get("/search/feed/", {"q": "seafront"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["Seafront lighting"]


def test_empty_search_shows_how_to_search(client):
    page = client.get("/search/").text
    assert "Put a phrase in “quotes”" in page
    assert 'class="result-count"' not in page


@pytest.mark.parametrize("numbered_front", [True, False])
def test_pdf_hits_name_the_agenda_pack_page_the_words_are_printed_on(
    client, pack_cache, numbered_front
):
    """Read back from the built pack: the page the result names carries the words."""
    from meetings.services import agenda_pack_build
    from reports.services import document_text_extract
    from tests.meetings.pdfread import read_pack

    body = BodyFactory(front_sheet_numbered=numbered_front)
    meeting = MeetingFactory(body=body, date=datetime.date(2026, 4, 1))
    item = AgendaItemFactory(meeting=meeting, number=4, title="Transport plan", has_papers=True)
    report = ReportFactory(agenda_item=item, subject="Transport plan")
    ReportSection.objects.create(report=report, heading="Purpose", html="<p>Cover.</p>")
    document = document_upload(
        slug="counts",
        title="Traffic counts",
        file=SimpleUploadedFile("counts.pdf", pdf_pages("Cars.", "Vans.", "Tandems counted.")),
    )
    document_text_extract(document)
    AttachmentFactory(agenda_item=item, report=report, document=document, label="Appendix 1")
    pack = agenda_pack_build(meeting=meeting, variant="public")

    page = results(client, q="tandems")
    first, _ = pack.layout["papers"]["document:counts"]
    printed = first + 2
    assert f'aria-label="agenda pack page {printed}">{printed}</a>' in page
    sheet = int(re.search(r'/packs/public/1\.pdf#page=(\d+)"', page)[1])
    with pack.file.open("rb") as handle:
        read = read_pack(handle.read())
    assert "Tandems counted." in read.pages[sheet - 1]
    assert read.number(sheet - 1) == printed
