"""The benchmarks' synthetic archive: a tiny one is consistent, and searching it as the public
never finds exempt papers."""

from __future__ import annotations

import datetime
import os
from random import Random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection

from boardpapers.archive import Corpus, build_archive
from meetings.models import AgendaItem, Body, Meeting
from meetings.search import search
from minutes.models import MinuteEntry, Minutes, Resolution
from reports.models import Attachment, Document, DocumentPage, Report
from tests.conftest import make_user
from tests.factories import MeetingFactory

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def archive(db):
    # A high exempt share, so a tiny archive certainly has exempt papers to keep private.
    return build_archive(meetings=5, seed=7, today=TODAY, exempt_share=0.3)


def test_a_tiny_archive_is_consistent(archive):
    assert Meeting.objects.count() == archive["meetings"] == 5
    assert archive["agenda items"] == AgendaItem.objects.count()
    for meeting in Meeting.objects.filter(cancelled=False):
        assert 6 <= meeting.items.count() <= 14
    # Papers in proportion: a report on most substantive items, documents on the reports.
    substantive = AgendaItem.objects.filter(kind="substantive", has_papers=True)
    assert Report.objects.count() == substantive.count() > 0
    assert Document.objects.count() >= Report.objects.count()
    assert not Document.objects.filter(attachments__isnull=True).exclude(kind="terms_of_reference")
    for document in Document.objects.filter(text_status="indexed"):
        pages = list(document.pages.all())
        assert document.page_count == len(pages) and 1 <= len(pages) <= 8
        assert all(250 <= len(page.text.split()) <= 480 for page in pages)
        assert not document.html and not document.file
    assert Document.objects.exclude(html="").exists()
    assert DocumentPage.objects.exists()
    # Every past meeting that was held is minuted, one minute per item, numbered per body.
    past = Meeting.objects.filter(date__lt=TODAY, cancelled=False)
    assert Minutes.objects.count() == past.exclude(status="held").count() > 0
    for minutes in Minutes.objects.all():
        assert minutes.entries.count() == minutes.meeting.items.count()
        if minutes.status == "approved":
            assert minutes.approved_at.date > minutes.meeting.date
    assert set(Resolution.objects.values_list("outcome", flat=True)) <= {
        "agreed",
        "agreed_as_amended",
        "noted",
        "deferred",
        "rejected",
    }
    # Exempt rows name their Schedule 12A paragraph; exempt items carry exempt papers.
    exempt_items = AgendaItem.objects.filter(exempt=True)
    assert exempt_items.exists()
    assert not exempt_items.filter(exempt_paragraph__isnull=True).exists()
    assert not Report.objects.filter(exempt=True, exempt_paragraph__isnull=True).exists()
    assert not Document.objects.filter(exempt=True, exempt_paragraph__isnull=True).exists()
    assert not Report.objects.filter(agenda_item__exempt=True, exempt=False).exists()
    assert not MinuteEntry.objects.filter(agenda_items__exempt=True, exempt=False).exists()
    assert not Attachment.objects.filter(agenda_item__exempt=True, document__exempt=False)


def test_the_same_seed_writes_the_same_text():
    def sample(seed: int) -> list[str]:
        corpus = Corpus.load(Random(seed))
        return [corpus.title(3), corpus.html(5, 300), corpus.minute_text(1), corpus.word()]

    assert sample(7) == sample(7) != sample(8)


def test_searching_the_archive_never_shows_the_public_exempt_papers(archive):
    exempt_words = {
        word
        for title in AgendaItem.objects.filter(exempt=True).values_list("title", flat=True)
        for word in title.split()
        if len(word) > 5 and word.isalpha()
    }
    member = make_user("member", member=Body.objects.all())
    public = AnonymousUser()
    found_exempt = False
    for text in ["health", "council", "report", *sorted(exempt_words)[:8]]:
        results = search(public, text)
        assert not [hit for hit in results.hits if hit.exempt], text
        public_items = (
            AgendaItem.objects.filter(
                exempt=False, meeting__status__in=Meeting.AGENDA_PUBLIC_STATUSES
            )
            .filter(search=_query(text))
            .count()
        )
        assert results.counts["item"] == public_items
        found_exempt |= any(hit.exempt for hit in search(member, text).hits)
    assert found_exempt  # members do find them


def _query(text):
    from meetings.search import search_query

    return search_query(text)


@pytest.mark.django_db(transaction=True)
def test_make_archive_refuses_a_database_that_has_meetings():
    MeetingFactory()
    name = connection.settings_dict["NAME"]
    with pytest.raises(CommandError, match="already has 1 meeting. Run again with --reset"):
        call_command("make_archive", meetings=1, database_name=name)
    assert Meeting.objects.count() == 1
    if not os.environ.get("DATABASE_URL"):
        with pytest.raises(CommandError, match="the demo's database"):
            call_command("make_archive", meetings=1, database_name="postgres")
