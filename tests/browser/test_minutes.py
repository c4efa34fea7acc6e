"""The clerk writes and publishes the minutes of a seed meeting in real Chromium."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from boardpapers.demo import DEMO_PASSWORD, create_demo_users, load_demo
from minutes.models import Minutes
from tests.browser.test_portal import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING = "2022-02-09-health-and-wellbeing-board"


def test_clerk_records_a_whole_meeting_and_the_next_meeting_approves_it(
    live_server, page: Page, empty_queue
):
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

    # Attendance: Sue Harriman sends apologies and is represented; Jo York is in the chair;
    # an officer and a guest speaker are recorded in the same form.
    page.get_by_label("Attendance of Sue Harriman").select_option("apologies")
    page.get_by_label("Sue Harriman represented by").select_option(label="Suzannah Rosenberg")
    page.get_by_label("Jo York in the Chair").check()
    page.get_by_label("Officers present").fill("Kelly Nash, Democratic Services")
    page.get_by_label("Also in attendance").fill("Councillor Hugh Mason, guest speaker")
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()

    # A declaration of interest on item 5.
    page.get_by_text("Record a declaration").click()
    page.get_by_label("Person").select_option(label="Jo York")
    page.get_by_label("On item").select_option(index=5)
    page.get_by_label("Kind of interest").select_option("personal")
    page.get_by_label("Details").fill("Her daughter attends a special school.")
    page.get_by_role("button", name="Record the declaration").click()
    expect(page.get_by_text("Declaration by Jo York recorded.")).to_be_visible()
    expect(page.locator("#declarations-heading + ul")).to_contain_text(
        "Jo York: Personal interest, item 5. Her daughter attends a special school."
    )

    # Ten minutes came from the ten agenda items; resolutions are edited in two of them.
    expect(page.locator("#entries-heading + ol > li")).to_have_count(10)
    page.get_by_role("link", name="Edit minute 5").click()
    assert_accessible(page)
    page.locator("#id_preamble").fill("RESOLVED that the Health and Wellbeing Board:")
    page.get_by_label("Outcome").select_option("agreed_as_amended")
    page.get_by_label("Parts of the resolution").fill(
        "1) | adopt the strategy\n2) | review it in 2023"
    )
    page.get_by_role("button", name="Save the minute").click()
    expect(page.get_by_text("Minute 5 saved.")).to_be_visible()
    page.get_by_role("link", name="Edit minute 7").click()
    page.locator("#id_preamble").fill("RESOLVED that the refresh come back in June.")
    page.get_by_label("Outcome").select_option("deferred")
    page.get_by_role("button", name="Save the minute").click()
    expect(page.get_by_text("Minute 7 saved.")).to_be_visible()
    expect(page.locator("#minute-7")).to_contain_text("(Deferred)")

    page.get_by_label("Add a minute not on the agenda").fill("Matters arising")
    page.get_by_role("button", name="Add the minute").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minute 11")
    page.get_by_role("link", name="Back to the minutes").click()

    page.get_by_label("The meeting concluded at").fill("11:53")
    page.get_by_role("button", name="Save the close of the meeting").click()
    expect(page.get_by_text("The close of the meeting saved.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Publish the draft minutes").click()
    expect(page.get_by_text("Draft minutes, subject to approval")).to_be_visible()
    expect(page.locator("#minute-5")).to_contain_text("adopt the strategy")
    expect(page.get_by_text("Suzannah Rosenberg").first).to_be_visible()
    expect(page.get_by_text("Councillor Hugh Mason, guest speaker")).to_be_visible()
    expect(page.get_by_text("Her daughter attends a special school.")).to_be_visible()
    expect(page.get_by_text("The meeting concluded at 11.53 am.")).to_be_visible()
    assert_accessible(page)
    minutes = Minutes.objects.get(meeting__slug=MEETING)
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.entries.count() == 11

    # The next meeting: its agenda gets the standing item approving these minutes, and
    # publishing its own minutes, with that resolution agreed, approves them.
    page.goto(f"{live_server.url}/bodies/health-and-wellbeing-board/")
    page.get_by_role("link", name="New meeting").click()
    next_date = datetime.date.today() + datetime.timedelta(days=60)
    next_slug = f"{next_date:%Y-%m-%d}-health-and-wellbeing-board"
    page.get_by_label("Date").fill(f"{next_date:%Y-%m-%d}")
    page.get_by_role("button", name="Create the meeting").click()
    expect(
        page.get_by_text("Minutes of the previous meeting held on 9 February 2022")
    ).to_be_visible()
    page.goto(f"{live_server.url}/meetings/{next_slug}/minutes/write/")
    page.get_by_role("button", name="Start the minutes from the agenda").click()
    approving = page.locator(".agenda-item", has_text="Minutes of the previous meeting")
    expect(approving).to_contain_text("RESOLVED that the minutes of the meeting held on 9 February")
    page.get_by_role("button", name="Publish the draft minutes").click()
    page.goto(f"{live_server.url}/meetings/{MEETING}/minutes/")
    expect(
        page.get_by_text(f"Approved as a correct record at the meeting on {next_date:%-d %B %Y}")
    ).to_be_visible()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_at.slug == next_slug
