"""The clerk's agenda journey in real Chromium: build an agenda from an empty meeting,
reorder it with the keyboard, try to publish late, give the reason, publish; the public page
and the pack follow."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from meetings.models import AgendaPack, Meeting
from reports.models import Report
from tests.browser.test_portal import assert_accessible
from tests.conftest import make_user, run_worker_until_idle
from tests.factories import BodyFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()


def test_clerk_builds_reorders_and_publishes_an_agenda(live_server, page: Page, empty_queue):
    body = BodyFactory(name="Audit Committee", default_start_time=datetime.time(18))
    make_user("clerk", clerk=[body])
    base = live_server.url
    meeting_date = datetime.date.today() + datetime.timedelta(days=4)  # too late to be on time

    sign_in(page, base, "clerk", f"/bodies/{body.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="New meeting").click()
    assert_accessible(page)
    page.get_by_label("Date").fill(meeting_date.isoformat())
    page.get_by_role("button", name="Create the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda of Audit Committee")
    assert_accessible(page)

    page.get_by_role("button", name="Add the standing items").click()
    expect(page.get_by_text("The standing items are already on the agenda.")).to_be_visible()
    for title in ("Internal audit plan", "Treasury management"):
        page.get_by_label("Title on the agenda").fill(title)
        page.get_by_label("This item has papers").check()
        page.get_by_role("button", name="Add the item").click()
    items = page.locator("ol.builder > li h3")
    expect(items).to_have_text(
        [
            "1 Apologies for absence",
            "2 Declarations of interest",
            "3 Internal audit plan",
            "4 Treasury management",
        ]
    )

    # Keyboard only: focus "Move up" of item 4 and press Enter twice.
    move_up = page.get_by_role("button", name="Move up item 4")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(items.nth(2)).to_have_text("3 Treasury management")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Move up")  # focus came back to the moved item's button
    page.keyboard.press("Enter")
    expect(items).to_have_text(
        [
            "1 Apologies for absence",
            "2 Treasury management",
            "3 Declarations of interest",
            "4 Internal audit plan",
        ]
    )
    expect(page.get_by_text("Item 2 (Treasury management) expects papers")).to_be_visible()
    assert_accessible(page)

    # The officer's reports arrive and the clerk accepts them (the report pages come later).
    meeting = Meeting.objects.get(body=body)
    for item in meeting.items.filter(has_papers=True):
        ReportFactory(
            agenda_item=item, subject=f"{item.title} report", status=Report.Status.ACCEPTED
        )

    page.get_by_role("link", name="Publish the agenda").click()
    expect(page.get_by_text("This agenda is late.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_text("Give the reason for urgency.")).to_be_visible()
    page.get_by_label("Reason for urgency").fill(
        "The auditors' deadline falls before the next meeting."
    )
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_text("The agenda is published.")).to_be_visible()

    # Leave the page first: its progress script reloads it when the packs are ready, which
    # would abort a navigation started at that moment.
    page.goto("about:blank")
    run_worker_until_idle()
    page.context.clear_cookies()
    page.goto(f"{base}/meetings/{meeting.slug}/")
    expect(page.locator("ol.agenda > li h3").nth(1)).to_contain_text("Treasury management")
    expect(page.get_by_role("link", name="Treasury management report")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Public pack \(PDF"))).to_be_visible()
    assert AgendaPack.objects.filter(meeting=meeting, status="ready").count() == 2
    assert_accessible(page)
