"""The portal's listing pages in real Chromium (Debian's): every page type is axe-clean, in
its full, empty, paginated and error states, and the calendar works from the keyboard."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from boardpapers.demo import load_demo
from meetings.models import ExemptParagraph
from tests.browser.test_portal import assert_accessible
from tests.conftest import make_user
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date.today()


@pytest.fixture
def portal(live_server):
    """The demo meetings, plus a busy body (paginated past meetings, one cancelled) and an
    exempt item on a meeting of its own."""
    load_demo()
    busy = BodyFactory(name="Planning Committee", slug="planning-committee")
    for week in range(1, 26):
        MeetingFactory(body=busy, date=TODAY - datetime.timedelta(weeks=week))
    MeetingFactory(
        body=busy,
        date=datetime.date(2022, 2, 16),
        slug="2022-02-16-planning-committee",
        cancelled=True,
        cancellation_reason="No applications to decide.",
    )
    exempt_meeting = MeetingFactory(
        body=busy, date=datetime.date(2022, 2, 23), slug="2022-02-23-planning-committee"
    )
    AgendaItemFactory(meeting=exempt_meeting, number=1, title="Planning applications")
    ReportFactory(
        agenda_item=AgendaItemFactory(
            meeting=exempt_meeting,
            number=2,
            title="Land valuation at the depot",
            exempt=True,
            exempt_paragraph=ExemptParagraph.FINANCIAL,
            exempt_reason="Negotiations are continuing.",
        ),
        subject="Depot valuation",
    )
    make_user("planning-member", member=[busy])
    return live_server.url


@pytest.mark.parametrize(
    "path",
    [
        "/bodies/",
        "/bodies/planning-committee/",
        "/bodies/planning-committee/?page=2",
        "/meetings/",
        "/meetings/?body=health-and-wellbeing-board&month=2022-02",
        "/meetings/?month=not-a-month",
        "/meetings/?body=planning-committee&month=1999-01",
        "/meetings/calendar/2022/2/",
        "/meetings/calendar/2031/8/",
        "/meetings/2022-02-23-planning-committee/",
        "/meetings/2021-11-24-health-and-wellbeing-board/",
        "/people/",
        "/people/jason-fazackarley/",
        "/accessibility/",
        "/search/?q=nothingmatchesthis",
        "/search/?q=strategy&start=not-a-date",
        "/search/?q=strategy&kind=report&sort=newest&page=2",
    ],
)
def test_new_page_types_are_accessible(portal, page: Page, path):
    page.goto(portal + path)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_calendar_shows_a_cancelled_meeting_in_words_not_just_colour(portal, page: Page):
    page.goto(portal + "/meetings/calendar/2022/2/")
    cancelled = page.locator("table.calendar li.cancelled a")
    expect(cancelled).to_contain_text("Planning Committee")
    expect(cancelled).to_contain_text("Cancelled")
    line = cancelled.locator("s").evaluate("s => getComputedStyle(s).textDecorationLine")
    assert "line-through" in line


def test_keyboard_user_tabs_to_the_next_month_and_opens_it(portal, page: Page):
    page.goto(portal + "/meetings/calendar/2022/2/")
    next_month = page.get_by_role("link", name=re.compile(r"^Next month\W+March 2022$"))
    for _ in range(30):
        page.keyboard.press("Tab")
        if next_month.evaluate("link => link === document.activeElement"):
            break
    expect(next_month).to_be_focused()
    # The focus is visible: the site's yellow focus style, not the browser's default alone.
    background = next_month.evaluate("link => getComputedStyle(link).backgroundColor")
    assert background == "rgb(255, 221, 0)"
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal + "/meetings/calendar/2022/3/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings in March 2022")
    assert_accessible(page)


def test_member_sees_the_exempt_item_marked_and_the_page_stays_accessible(portal, page: Page):
    page.goto(portal + "/accounts/login/?next=/meetings/2022-02-23-planning-committee/")
    page.get_by_label("Username").fill("planning-member")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    item = page.locator("#item-2")
    expect(item).to_contain_text("Land valuation at the depot")
    expect(item).to_contain_text("EXEMPT – not for publication.")
    expect(item.locator(".papers")).to_contain_text("EXEMPT")
    assert_accessible(page)


def test_public_sees_the_exempt_item_without_its_title(portal, page: Page):
    page.goto(portal + "/meetings/2022-02-23-planning-committee/")
    item = page.locator("#item-2")
    expect(item).to_contain_text("Exempt item – not for publication")
    expect(item).to_contain_text("paragraph 3 of Part 1 of Schedule 12A")
    expect(item).not_to_contain_text("Land valuation")
    expect(page.locator("main")).not_to_contain_text("Depot valuation")
