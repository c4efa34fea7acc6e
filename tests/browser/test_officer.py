"""The officer's journey in real Chromium: draft a report in the rich-text editor, attach a
PDF appendix, submit it to the clerk; axe-core on every page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from meetings import agenda
from meetings.models import Meeting
from reports.models import Report
from reports.services import report_assign
from tests.browser.test_clerk import sign_in
from tests.browser.test_portal import assert_accessible
from tests.conftest import make_user
from tests.factories import BodyFactory, MeetingFactory
from tests.reports.test_officer import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_drafts_a_report_with_a_pdf_appendix_and_submits_it(
    live_server, page: Page, tmp_path
):
    body = BodyFactory(name="Cabinet")
    meeting = MeetingFactory(
        body=body, date=datetime.date(2027, 3, 3), status=Meeting.Status.SCHEDULED
    )
    clerk = make_user("clerk", clerk=[body])
    make_user("officer", officer=[body])
    item = agenda.agenda_item_add(meeting=meeting, by=clerk, title="Parking strategy")
    from django.contrib.auth import get_user_model

    report = report_assign(
        item=item,
        officer=get_user_model().objects.get(username="officer"),
        due_date=datetime.date(2027, 2, 10),
        subject="Parking strategy 2027",
        template=Report.Template.PORTSMOUTH_DECISION,
        by=clerk,
    )

    sign_in(page, live_server.url, "officer", "/reports/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My reports")
    assert_accessible(page)
    page.get_by_role("link", name="Parking strategy 2027").click()

    page.get_by_label("Report by").fill("Ann Officer, Head of Transport")
    page.get_by_label("Wards affected").fill("All")
    page.get_by_label("Heading").first.fill("1. Purpose")
    editor = page.locator(".ql-editor").first
    expect(editor).to_be_visible()  # the editor replaced the plain text box
    editor.click()
    page.keyboard.type("To agree the parking strategy for 2027.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Bulleted list").first.click()
    page.keyboard.type("Approve the strategy")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.get_by_role("button", name="Insert a table").first.click()
    page.keyboard.type("£1.2m")
    assert_accessible(page)
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_text("Report saved.")).to_be_visible()

    html = Report.objects.get(pk=report.pk).sections.get().html
    assert "To agree the parking strategy for 2027." in html
    assert "<li>Approve the strategy</li>" in html or "Approve the strategy</li>" in html
    assert "<table>" in html and "£1.2m" in html

    appendix = tmp_path / "costs.pdf"
    appendix.write_bytes(pdf_bytes("COSTS-APPENDIX"))
    page.get_by_label("File").set_input_files(str(appendix))
    page.get_by_label("Label").fill("Appendix A")
    page.get_by_label("Title").fill("Costs")
    page.get_by_role("button", name="Add the appendix").click()
    expect(page.get_by_text("Appendix A – Costs (1 pages, PDF)")).to_be_visible()

    page.get_by_role("link", name="Preview as a web page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parking strategy 2027")
    expect(page.get_by_text("To agree the parking strategy for 2027.")).to_be_visible()
    assert_accessible(page)
    page.go_back()

    page.get_by_role("button", name="Submit to the clerk").click()
    expect(page.get_by_text("Submitted to the clerk.")).to_be_visible()
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
