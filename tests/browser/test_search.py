"""Search and the meeting page with the keyboard alone, in real Chromium, axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from boardpapers.demo import DEMO_PASSWORD, create_demo_users, load_demo
from tests.browser.test_portal import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies a JS predicate on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def test_search_with_the_keyboard_only(live_server, page: Page):
    load_demo()
    page.goto(f"{live_server.url}/search/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    assert_accessible(page)
    tab_to(page, "el.id === 'id_q'")
    page.keyboard.type('"special educational needs"')
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("results for")
    expect(page.locator(".search-result mark").first).to_be_visible()
    assert_accessible(page)

    # Narrow to decisions-free kinds with the filters, still by keyboard.
    tab_to(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    tab_to(page, "el.id === 'id_kind_2'")  # Appendices and documents
    page.keyboard.press("Space")
    tab_to(page, "el.textContent.trim() === 'Apply the filters'")
    page.keyboard.press("Enter")
    expect(page.locator(".search-result").first).to_contain_text("SEND")
    assert "kind=document" in page.url
    assert_accessible(page)

    tab_to(page, "el.closest('.search-result h2') !== null")
    title = page.evaluate("document.activeElement.textContent")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/documents/" in page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text(title.strip()[:20])


def test_meeting_page_with_the_keyboard_only(live_server, page: Page):
    load_demo()
    page.goto(f"{live_server.url}/meetings/2022-02-09-health-and-wellbeing-board/")
    tab_to(page, "el.textContent.trim() === 'Health and Wellbeing Strategy'")
    # The focused link is visibly marked (WCAG 2.4.7).
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Health and Wellbeing Strategy")


def test_a_member_saves_a_search(live_server, page: Page):
    load_demo()
    create_demo_users()
    page.goto(f"{live_server.url}/accounts/login/?next=/search/%3Fq%3Dstrategy")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".result-count")).to_contain_text("for “strategy”")
    page.get_by_label("Name").fill("Strategies")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_text("Search “Strategies” saved.")).to_be_visible()
    page.goto(f"{live_server.url}/search/saved/")
    expect(page.get_by_role("row", name="Strategies")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete Strategies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete the saved search")
    assert_accessible(page)
    page.get_by_role("button", name="Delete the saved search").click()
    expect(page.get_by_text("You have no saved searches.")).to_be_visible()
