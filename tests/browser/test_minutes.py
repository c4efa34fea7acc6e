"""The clerk writes and publishes the minutes of a seed meeting in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from boardpapers.demo import DEMO_PASSWORD, create_demo_users, load_demo
from minutes.models import Minutes
from tests.browser.test_portal import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING = "2022-02-09-health-and-wellbeing-board"


def test_clerk_writes_and_publishes_the_minutes(live_server, page: Page, empty_queue):
    load_demo()
    create_demo_users()
    page.goto(f"{live_server.url}/accounts/login/?next=/meetings/{MEETING}/")
    page.get_by_label("Username").fill("clerk")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Write the minutes").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the minutes from the agenda").click()
    expect(page.get_by_text("Draft minutes started from the agenda.")).to_be_visible()
    expect(page.locator("#minute-3 h3")).to_have_text(
        "3. Minutes of previous held on 24 November 2021 (AI 3)"
    )
    assert_accessible(page)

    # Attendance: Sue Harriman sends apologies and is represented; Jo York is in the chair.
    page.get_by_label("Attendance of Sue Harriman").select_option("apologies")
    page.get_by_label("Sue Harriman represented by").select_option(label="Suzannah Rosenberg")
    page.get_by_label("Jo York in the Chair").check()
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()

    page.get_by_role("link", name="Edit minute 5").click()
    assert_accessible(page)
    page.locator("#id_preamble").fill("RESOLVED that the Health and Wellbeing Board:")
    page.get_by_label("Outcome").select_option("agreed_as_amended")
    page.get_by_label("Parts of the resolution").fill(
        "1) | adopt the strategy\n2) | review it in 2023"
    )
    page.get_by_role("button", name="Save the minute").click()
    expect(page.get_by_text("Minute 5 saved.")).to_be_visible()

    page.get_by_label("Add a minute not on the agenda").fill("Matters arising")
    page.get_by_role("button", name="Add the minute").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minute 11")
    page.get_by_role("link", name="Back to the minutes").click()

    page.get_by_label("The meeting concluded at").fill("11:53")
    page.get_by_label("Officers present").fill("Kelly Nash, Democratic Services")
    page.get_by_role("button", name="Save officers and the close").click()
    expect(page.get_by_text("Officers and the close of the meeting saved.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Publish the draft minutes").click()
    expect(page.get_by_text("Draft minutes, subject to approval")).to_be_visible()
    expect(page.locator("#minute-5")).to_contain_text("adopt the strategy")
    expect(page.get_by_text("Suzannah Rosenberg").first).to_be_visible()
    expect(page.get_by_text("The meeting concluded at 11.53 am.")).to_be_visible()
    assert_accessible(page)
    minutes = Minutes.objects.get(meeting__slug=MEETING)
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.entries.count() == 11
