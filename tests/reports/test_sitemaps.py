"""Reports and documents in the sitemap: published and open ones only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from meetings.models import ExemptParagraph, Meeting
from reports.models import Report
from tests.conftest import make_user, sitemap_urls
from tests.factories import AgendaItemFactory, AttachmentFactory, MeetingFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_reports_and_documents_but_nothing_exempt_or_draft(client):
    meeting = MeetingFactory()
    open_item = AgendaItemFactory(meeting=meeting, number=1)
    exempt_item = AgendaItemFactory(
        meeting=meeting, number=2, exempt=True, exempt_paragraph=ExemptParagraph.FINANCIAL
    )
    report = ReportFactory(agenda_item=open_item, slug="budget")
    draft_report = ReportFactory(
        agenda_item=open_item, slug="budget-draft", status=Report.Status.DRAFT
    )
    exempt_report = ReportFactory(
        agenda_item=exempt_item,
        slug="land-sale",
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    appendix = AttachmentFactory(agenda_item=open_item, report=report, document__slug="appendix")
    exempt_appendix = AttachmentFactory(
        agenda_item=exempt_item, report=exempt_report, document__slug="valuation"
    )
    marked = AttachmentFactory(
        agenda_item=open_item,
        document__slug="personal-details",
        document__exempt=True,
        document__exempt_paragraph=ExemptParagraph.INDIVIDUAL,
    )
    draft_meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    draft_paper = AttachmentFactory(
        agenda_item__meeting=draft_meeting, document__slug="draft-paper"
    )
    client.force_login(make_user("clerk", clerk=[meeting.body, draft_meeting.body]))

    urls = sitemap_urls(client)

    assert urls["http://testserver/reports/budget/"] == (
        timezone.localtime(report.updated_at).date().isoformat()
    )
    assert f"http://testserver{appendix.document.get_absolute_url()}" in urls
    for hidden in (draft_report, exempt_report):
        assert f"http://testserver{hidden.get_absolute_url()}" not in urls
    for hidden in (exempt_appendix, marked, draft_paper):
        assert f"http://testserver{hidden.document.get_absolute_url()}" not in urls
