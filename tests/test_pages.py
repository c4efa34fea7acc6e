"""The pages of the portal, as an anonymous visitor reads them."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Meeting
from reports.models import Report

pytestmark = pytest.mark.django_db

HWB = "health-and-wellbeing-board"


def test_urls_read_like_the_thing():
    assert reverse("meetings:body", kwargs={"slug": HWB}) == f"/bodies/{HWB}/"
    meeting_url = f"/meetings/2022-02-09-{HWB}/"
    assert reverse("meetings:detail", kwargs={"slug": f"2022-02-09-{HWB}"}) == meeting_url
    assert resolve(meeting_url).view_name == "meetings:detail"
    assert resolve(f"{meeting_url}minutes/").view_name == "minutes:detail"
    assert resolve("/reports/x/").view_name == "reports:detail"
    assert resolve("/documents/x/").view_name == "reports:document"


def test_home_without_any_data_explains_it_is_empty(client):
    response = client.get("/")
    assertContains(response, "No boards or committees have been set up yet.")
    assertContains(response, "No meetings are scheduled.")


def test_home_lists_bodies_and_recent_meetings(demo, client):
    response = client.get("/")
    assertContains(response, "Health and Wellbeing Board")
    assertContains(response, "Southampton Health and Care Partnership Board")
    assertContains(response, "Local Outbreak Engagement Board")
    assertContains(response, "Thursday 15 December 2022")


def test_body_page_lists_meetings_and_members(demo, client):
    response = client.get(f"/bodies/{HWB}/")
    assertContains(response, "<h1>Health and Wellbeing Board</h1>", html=True)
    assertContains(response, "Wednesday 9 February 2022")
    assertContains(response, "Councillor Jason Fazackarley")
    assertContains(response, "Joint Chair")


def test_meeting_page_shows_the_agenda_with_papers_and_page_ranges(demo, client):
    response = client.get(f"/meetings/2022-02-09-{HWB}/")
    assertContains(response, "Health and Wellbeing Strategy")
    assertContains(response, "(Pages 17 - 72)")
    assertContains(response, "Appendix C to follow")
    assertContains(response, "Minutes of the meeting held on 24 November 2021")
    assertContains(response, "RECOMMENDED that the minutes of the previous meeting")
    assertContains(response, "Lucy Rylatt, Safeguarding Partnerships Manager")
    assertContains(response, "anna.martyn@portsmouthcc.gov.uk")
    assert response.content.count(b'class="agenda-item"') == 10


def test_meeting_page_links_its_minutes(demo, client):
    response = client.get(f"/meetings/2021-11-24-{HWB}/")
    assertContains(response, f'href="/meetings/2021-11-24-{HWB}/minutes/"')
    assertContains(response, "Approved at the meeting on 9 February 2022")


def test_meeting_page_query_count_does_not_grow_with_the_agenda(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        client.get(f"/meetings/2022-02-09-{HWB}/")
    with django_assert_max_num_queries(14):
        client.get(f"/meetings/2021-02-03-{HWB}/")


def test_southampton_agenda_shows_lead_and_publication(demo, client):
    response = client.get("/meetings/2022-12-15-southampton-health-and-care-partnership-board/")
    assertContains(response, "HEALTH AND CARE STRATEGY ANNUAL UPDATE")
    assertContains(response, "(Pages 1 - 62)")
    assertContains(response, "Lead: Donna Chapman")
    assertContains(response, "PLEASE NOTE TIME OF MEETING")
    assertContains(response, "Agenda published on Wednesday 7 December 2022")


def test_report_page_shows_cover_sheet_sections_and_appendices(demo, client):
    report = Report.objects.get(
        agenda_item__meeting__slug=f"2021-02-03-{HWB}", agenda_item__number=7
    )
    response = client.get(report.get_absolute_url())
    assertContains(response, "Community Safety Plan 2021-22")
    assertContains(response, "<dt>Key decision</dt><dd>Yes</dd>", html=True)
    assertContains(response, "Legal implications")
    assertContains(response, "Appendix 1")


def test_information_only_report_says_so(demo, client):
    report = Report.objects.get(
        agenda_item__meeting__slug=f"2022-02-09-{HWB}", agenda_item__number=4
    )
    response = client.get(report.get_absolute_url())
    assertContains(response, "This item is for information only.")


def test_minutes_page_shows_attendance_numbered_minutes_and_resolutions(demo, client):
    response = client.get(f"/meetings/2021-11-24-{HWB}/minutes/")
    assertContains(response, "Approved as a correct record")
    assertContains(response, "28. Chair&#x27;s introduction and apologies for absence (AI 1)")
    assertContains(response, "31. Matters arising and verbal update</h3>")
    assertContains(
        response,
        "RESOLVED that the minutes of the Health and Wellbeing Board held on 22 September 2021",
    )
    assertContains(response, "Officers present")
    assertContains(response, "The meeting concluded at 11.53 am.")


def test_document_page_names_the_meeting_it_was_presented_to(demo, client):
    response = client.get("/documents/send-strategy-2019-2022/")
    assertContains(response, "Health and Wellbeing Board, 3 February 2021, item 6")


def test_unknown_and_draft_meetings_are_not_found(demo, client):
    assert client.get("/meetings/no-such-meeting/").status_code == 404
    Meeting.objects.filter(slug=f"2022-02-09-{HWB}").update(status=Meeting.Status.DRAFT)
    assert client.get(f"/meetings/2022-02-09-{HWB}/").status_code == 404
    assertNotContains(client.get("/"), "Wednesday 9 February 2022")


def test_agenda_not_yet_published_is_explained(demo, client):
    Meeting.objects.filter(slug=f"2022-02-09-{HWB}").update(status=Meeting.Status.SCHEDULED)
    response = client.get(f"/meetings/2022-02-09-{HWB}/")
    assertContains(response, "The agenda has not been published yet.")
    assertNotContains(response, "Health and Wellbeing Strategy")
