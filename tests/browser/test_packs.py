"""The clerk's pack journey in real Chromium: sign in, build the packs from the meeting page,
watch their progress, download both PDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from boardpapers.demo import DEMO_PASSWORD, create_demo_users, load_demo
from meetings.models import AgendaPack
from tests.browser.test_portal import assert_accessible
from tests.conftest import run_worker_until_idle
from tests.meetings.pdfread import read_pack

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING = "/meetings/2022-12-15-southampton-health-and-care-partnership-board/"


def test_clerk_builds_watches_and_downloads_the_packs(live_server, page: Page, empty_queue):
    load_demo()
    create_demo_users()
    # Loading the demo queued every published meeting's packs; start this journey from none.
    AgendaPack.objects.all().delete()
    empty_queue()

    page.goto(f"{live_server.url}/accounts/login/?next={MEETING}")
    assert_accessible(page)
    page.get_by_label("Username").fill("clerk")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("15 December 2022")
    expect(page.get_by_text("No agenda pack has been built for this meeting yet.")).to_be_visible()

    page.get_by_role("button", name="Build the agenda packs now").click()
    expect(page.get_by_text("The agenda packs are being built.")).to_be_visible()
    progress = page.locator("#packs progress")
    expect(progress).to_have_count(2)
    expect(page.get_by_label(re.compile("Public pack"))).to_be_visible()
    assert_accessible(page)

    run_worker_until_idle()  # the background worker, as `make run` runs it
    # The page's script sees the builds finish and shows the downloads.
    public_link = page.get_by_role("link", name=re.compile(r"Public pack \(PDF, \d+ pages"))
    expect(public_link).to_be_visible(timeout=15_000)
    expect(progress).to_have_count(0)

    downloads = {}
    for name in ("Public pack", "Members' pack"):
        with page.expect_download() as info:
            page.get_by_role("link", name=re.compile(re.escape(name) + r" .*\(PDF")).click()
        downloads[name] = read_pack(Path(info.value.path()).read_bytes())
    public = downloads["Public pack"]
    assert "HEALTH AND CARE STRATEGY ANNUAL UPDATE" in public.pages[0]
    assert "Agenda Item 3" in "\n".join(public.pages)
    assert len(downloads["Members' pack"].pages) == len(public.pages)  # nothing exempt here

    # The agenda on the page now shows the built pack's own page ranges.
    ranges = re.findall(r"\(Pages (\d+) - (\d+)\)", public.pages[0])
    for first, last in ranges:
        expect(page.locator("ol.agenda")).to_contain_text(f"(Pages {first} - {last})")
