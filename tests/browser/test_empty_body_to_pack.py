"""Issue 4's "done when": a clerk and an officer, starting from an empty body, produce and
publish a meeting's agenda and pack in the portal's own pages, without the admin."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from meetings.models import AgendaPack, Meeting, Publication
from tests.browser.test_clerk import sign_in
from tests.browser.test_portal import assert_accessible
from tests.conftest import make_user, run_worker_until_idle
from tests.factories import BodyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_and_officer_take_an_empty_body_to_a_published_pack(
    live_server, page: Page, empty_queue
):
    body = BodyFactory(name="Licensing Committee", default_start_time=datetime.time(14))
    make_user("clerk", clerk=[body])
    make_user("officer", officer=[body])
    base = live_server.url
    date = datetime.date.today() + datetime.timedelta(days=28)  # in good time

    # Clerk: a meeting, an item, and a report asked of the officer.
    sign_in(page, base, "clerk", f"/bodies/{body.slug}/")
    expect(page.get_by_text("No meetings are scheduled.")).to_be_visible()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Date").fill(date.isoformat())
    page.get_by_role("button", name="Create the meeting").click()
    page.get_by_label("Title on the agenda").fill("Review of the taxi licensing policy")
    page.get_by_label("This item has papers").check()
    page.get_by_role("button", name="Add the item").click()
    page.get_by_role("link", name="Ask for a report for item 3").click()
    assert_accessible(page)
    page.get_by_label("Officer").select_option(label="officer")
    page.get_by_role("button", name="Ask for the report").click()
    expect(page.get_by_text("has been asked for")).to_be_visible()
    page.get_by_role("button", name="Sign out (clerk)").click()

    # Officer: writes and submits.
    sign_in(page, base, "officer", "/reports/mine/")
    page.get_by_role("link", name="Review of the taxi licensing policy").click()
    page.get_by_label("Report by").fill("Sam Officer, Licensing Manager")
    page.get_by_label("Heading").first.fill("1. Purpose")
    page.locator(".ql-editor").first.click()
    page.keyboard.type("To review the taxi licensing policy.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("button", name="Submit to the clerk").click()
    expect(page.get_by_text("Submitted to the clerk.")).to_be_visible()
    page.get_by_role("button", name="Sign out (officer)").click()

    # Clerk: accepts the report, publishes on time.
    meeting = Meeting.objects.get(body=body)
    sign_in(page, base, "clerk", f"/meetings/{meeting.slug}/agenda/")
    page.get_by_role("link", name="Review Review of the taxi licensing policy").click()
    assert_accessible(page)
    page.get_by_role("button", name="Accept the report").click()
    page.get_by_role("link", name="Publish the agenda").click()
    expect(page.get_by_text("Every item with papers has them")).to_be_visible()
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_text("The agenda is published.")).to_be_visible()
    publication = Publication.objects.get(meeting=meeting)
    assert not publication.late and publication.clear_days >= 5

    # Leave the clerk's page first: its progress script reloads it when the packs are ready,
    # which would abort a navigation started at that moment.
    page.goto("about:blank")
    run_worker_until_idle()
    page.context.clear_cookies()
    page.goto(f"{base}/meetings/{meeting.slug}/")
    expect(page.get_by_role("link", name="Review of the taxi licensing policy")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Public pack \(PDF"))).to_be_visible()
    expect(page.get_by_role("region", name="Publication")).to_contain_text("Agenda published")
    assert_accessible(page)
    assert (
        AgendaPack.objects.filter(
            meeting=meeting, status="ready", published_at__isnull=False
        ).count()
        == 2
    )
