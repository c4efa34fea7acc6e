"""A visitor's journey through the portal in real Chromium (Debian's), checked with axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from boardpapers.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violation of WCAG 2.2 AA on the page."""
    results = Axe().run(page, options=WCAG_AA)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{page.url}: {serious}"


@pytest.fixture
def portal(live_server):
    load_demo()
    return live_server.url


def test_visitor_opens_home_then_a_meeting_and_its_papers(portal, page: Page):
    page.goto(portal + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings, agendas and decisions")
    assert_accessible(page)

    page.get_by_role("link", name="Wednesday 9 February 2022 – Health and Wellbeing Board").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wednesday 9 February 2022")
    agenda = page.locator("ol.agenda > li")
    expect(agenda).to_have_count(10)
    expect(page.locator("#item-5")).to_contain_text("(Pages 17 - 72)")
    expect(page.locator("#item-5")).to_contain_text("Integrated Impact Assessment (to follow)")
    assert_accessible(page)

    page.get_by_role("link", name="Minutes of the meeting held on 24 November 2021").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Minutes of the Health and Wellbeing Board, 24 November 2021"
    )
    expect(page.locator("#minute-31 h3")).to_have_text("31. Matters arising and verbal update")
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Health and Wellbeing Strategy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Health and Wellbeing Strategy")
    assert_accessible(page)


def test_keyboard_user_can_skip_to_the_content(portal, page: Page):
    page.goto(portal + "/meetings/2022-12-15-southampton-health-and-care-partnership-board/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert_accessible(page)


def test_visitor_subscribes_to_a_boards_calendar_and_papers(portal, page: Page):
    page.goto(portal + "/bodies/health-and-wellbeing-board/")
    calendar = page.get_by_role("link", name="calendar of meetings (iCal)")
    expect(calendar).to_have_attribute("href", "/bodies/health-and-wellbeing-board/meetings.ics")
    feed = page.get_by_role("link", name="new papers (Atom feed)")
    expect(feed).to_have_attribute("href", "/bodies/health-and-wellbeing-board/feed/")
    assert_accessible(page)

    response = page.request.get(portal + "/bodies/health-and-wellbeing-board/feed/")
    assert response.ok
    assert "Minutes approved: Health and Wellbeing Board" in response.text()


@pytest.mark.parametrize(
    "path",
    [
        "/bodies/health-and-wellbeing-board/",
        "/meetings/2019-06-19-health-and-wellbeing-board/",
        "/meetings/2020-11-25-health-and-wellbeing-board/minutes/",
        "/documents/send-strategy-2019-2022/",
        "/people/linda-collie/",
        "/decisions/",
        "/decisions/?outcome=noted&date_from=2019-01-01",
    ],
)
def test_other_page_types_are_accessible(portal, page: Page, path):
    page.goto(portal + path)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_the_accessibility_check_catches_a_violation(page: Page):
    """Guard: the axe-core helper really fails on an inaccessible page."""
    page.set_content(
        '<html lang="en"><title>t</title><body><main><img src="x.png"><a href="/"></a></main></body></html>'
    )
    with pytest.raises(AssertionError, match="image-alt|link-name"):
        assert_accessible(page)
