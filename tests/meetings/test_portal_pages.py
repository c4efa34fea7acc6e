"""The public pages: bodies, the meetings list and calendar, people, the home page and the
meeting page, as visitors see them; what exempt material must never show; and query counts
that stay the same however much there is to list."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import Body, ExemptParagraph, Meeting, Membership, Publication
from minutes.models import Apology, Attendance, Minutes, Resolution, ResolutionPart
from minutes.portal import attendance_by_body
from minutes.services import minute_entry_create
from tests.conftest import make_user
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    OrganisationFactory,
    PersonFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
LAST_YEAR = TODAY - datetime.timedelta(days=365)
# A month safely in the future, for calendars whose meetings are all still to come.
CALENDAR_MONTH = datetime.date(TODAY.year + 3, 5, 1)
SECRET = "Disposal of the Acacia Avenue depot 8817"
Role = Membership.Role


def past(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def later(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def resolve_with(minutes: Minutes, item, title: str, preamble: str, *, exempt=False):
    entry = minute_entry_create(minutes=minutes, title=title, items=[item], exempt=exempt)
    return Resolution.objects.create(entry=entry, preamble=preamble)


def test_new_pages_have_readable_urls():
    assert reverse("meetings:bodies") == "/bodies/"
    assert reverse("meetings:list") == "/meetings/"
    assert reverse("meetings:calendar_today") == "/meetings/calendar/"
    assert reverse("meetings:calendar", args=[2026, 3]) == "/meetings/calendar/2026/3/"
    assert reverse("meetings:people") == "/people/"
    assert reverse("meetings:accessibility") == "/accessibility/"
    assert resolve("/meetings/calendar/").view_name == "meetings:calendar_today"
    assert resolve("/meetings/2022-02-09-health-and-wellbeing-board/").view_name == (
        "meetings:detail"
    )


# Bodies -------------------------------------------------------------------------------------


def test_bodies_index_groups_by_organisation_and_nests_sub_bodies(client):
    portsmouth = OrganisationFactory(name="Portsmouth City Council", slug="portsmouth")
    nhs = OrganisationFactory(name="NHS Portsmouth", slug="nhs-portsmouth")
    board = BodyFactory(name="Health and Wellbeing Board", organisation=portsmouth)
    outbreak = BodyFactory(name="Local Outbreak Board", organisation=portsmouth, parent=board)
    BodyFactory(name="Outbreak Data Group", organisation=nhs, parent=outbreak)
    BodyFactory(name="Clinical Executive", organisation=nhs)

    response = client.get("/bodies/")

    html = response.text
    nhs_at = html.index('<h2 id="organisation-nhs-portsmouth">NHS Portsmouth</h2>')
    portsmouth_at = html.index('<h2 id="organisation-portsmouth">Portsmouth City Council</h2>')
    nhs_section, portsmouth_section = html[nhs_at:portsmouth_at], html[portsmouth_at:]
    assert "Clinical Executive" in nhs_section
    # The sub-body sits inside its parent's list item and the grandchild inside that, under
    # the parent's organisation, named with its own because it differs from its parent's.
    assert "Outbreak Data Group" not in nhs_section
    nested = portsmouth_section.split("Health and Wellbeing Board</a>", 1)[1]
    assert nested.index("<ul") < nested.index("Local Outbreak Board")
    nested = nested.split("Local Outbreak Board</a>", 1)[1]
    assert nested.index("<ul") < nested.index("Outbreak Data Group")
    assertContains(response, 'Outbreak Data Group</a> <span class="muted">(NHS Portsmouth)')
    assertNotContains(response, "Local Outbreak Board</a> <span")


def test_bodies_index_without_bodies_says_so(client):
    assertContains(client.get("/bodies/"), "No boards or committees have been set up yet.")


def test_body_page_groups_members_by_role_with_their_organisations(client):
    parent = BodyFactory(name="Health and Wellbeing Board")
    body = BodyFactory(name="Outbreak Board", parent=parent)
    BodyFactory(name="Testing Sub-group", parent=body)
    nhs = OrganisationFactory(name="Portsmouth CCG")
    MembershipFactory(body=body, role=Role.CHAIR, person__name="Ann Chair", order=1)
    MembershipFactory(body=body, role=Role.VICE_CHAIR, person__name="Vic Deputy", order=2)
    MembershipFactory(body=body, person__name="Mo Member", order=3, organisation=nhs)
    MembershipFactory(body=body, person__name="Nia Member", order=4)
    MembershipFactory(
        body=body, role=Role.NON_VOTING, person__name="Nora Observer", post="Healthwatch"
    )
    MembershipFactory(body=body, person__name="Old Member", end=past(30), start=past(900))

    response = client.get(body.get_absolute_url())

    html = response.text
    headings = ["<h3>Chair</h3>", "<h3>Vice-Chair</h3>", "<h3>Members</h3>"]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assertContains(response, "<h3>Non-voting member</h3>", html=True)
    assert html.index("Ann Chair") < html.index("Vic Deputy") < html.index("Mo Member")
    assertContains(response, 'Mo Member</a><span class="muted"> – Councillor, Portsmouth CCG')
    assertContains(response, "Healthwatch")
    assertNotContains(response, "Old Member")
    assertContains(response, f'Sub-committee of <a href="{parent.get_absolute_url()}">')
    assertContains(response, "Testing Sub-group")


def test_body_page_pages_through_past_meetings_twenty_at_a_time(client):
    body = BodyFactory()
    for week in range(1, 26):
        MeetingFactory(body=body, date=past(7 * week), slug=f"past-{week}")
    MeetingFactory(body=body, date=later(10), slug="next-one")

    first = client.get(body.get_absolute_url())
    assert first.text.count('href="/meetings/past-') == 20
    assertContains(first, 'href="/meetings/next-one/"')
    assertContains(first, '<nav class="pagination" aria-label="Pages of past meetings">')
    assertContains(first, "Page 1 of 2")
    assertContains(first, 'aria-current="page"><span class="visually-hidden">Page </span>1</a>')
    assertContains(first, '<a href="?page=2#past-heading" rel="next">Next')
    assertContains(first, 'href="/meetings/past-1/"')  # newest first
    assertNotContains(first, 'href="/meetings/past-21/"')

    second = client.get(body.get_absolute_url(), {"page": 2})
    assert second.text.count('href="/meetings/past-') == 5
    assertContains(second, 'href="/meetings/past-25/"')
    assertContains(second, 'rel="prev">Previous')
    assertContains(client.get(body.get_absolute_url(), {"page": 99}), "Page 2 of 2")


def test_body_page_with_no_meetings_or_members_says_so(client):
    response = client.get(BodyFactory().get_absolute_url())
    assertContains(response, "No meetings are scheduled.")
    assertContains(response, "No meetings have been held yet.")
    assertContains(response, "No membership is recorded.")
    assertNotContains(response, 'class="pagination"')


# Meetings list and calendar --------------------------------------------------------------


def test_meetings_list_shows_the_coming_ones_first_then_the_past(client):
    body = BodyFactory(name="Audit Committee")
    MeetingFactory(body=body, date=past(30), slug="last-month")
    MeetingFactory(body=body, date=past(2), slug="this-week")
    MeetingFactory(body=body, date=later(40), slug="far-ahead")
    MeetingFactory(body=body, date=later(3), slug="soon")
    MeetingFactory(body=body, date=later(5), slug="never", status=Meeting.Status.DRAFT)

    html = client.get("/meetings/").text

    order = [html.index(f"/meetings/{slug}/") for slug in ("soon", "far-ahead")]
    order += [html.index(f"/meetings/{slug}/") for slug in ("this-week", "last-month")]
    assert order == sorted(order)
    assert html.index("Coming up") < html.index("soon") < html.index("Past meetings")
    assert "/meetings/never/" not in html


def test_meetings_list_filters_by_body_and_month(client):
    audit = BodyFactory(name="Audit Committee", slug="audit")
    planning = BodyFactory(name="Planning Committee", slug="planning")
    MeetingFactory(body=audit, date=datetime.date(2025, 3, 12), slug="audit-march")
    MeetingFactory(body=audit, date=datetime.date(2025, 4, 9), slug="audit-april")
    MeetingFactory(body=planning, date=datetime.date(2025, 3, 19), slug="planning-march")

    response = client.get("/meetings/", {"body": "audit", "month": "2025-03"})

    assertContains(response, "/meetings/audit-march/")
    assertNotContains(response, "/meetings/audit-april/")
    assertNotContains(response, "/meetings/planning-march/")
    assertContains(response, "1 meeting in March 2025.")
    assertContains(response, '<option value="audit" selected>Audit Committee</option>', html=True)
    assertContains(response, 'href="/meetings/calendar/2025/3/"')


def test_meetings_list_explains_a_month_it_cannot_read(client):
    MeetingFactory(slug="any-meeting")
    response = client.get("/meetings/", {"month": "March"})
    assertContains(response, "Enter a month as year and month, for example 2026-03.")
    assertContains(response, "/meetings/any-meeting/")


def test_meetings_list_is_paginated_and_keeps_the_filters(client):
    body = BodyFactory(slug="busy")
    for day in range(1, 26):
        MeetingFactory(body=body, date=datetime.date(2025, 1, day), slug=f"jan-{day}")

    first = client.get("/meetings/", {"body": "busy"})
    assertContains(first, "25 meetings, page 1 of 2.")
    assertContains(first, 'href="?body=busy&amp;page=2"')
    second = client.get("/meetings/", {"body": "busy", "page": 2})
    assert second.text.count('href="/meetings/jan-') == 5


def test_meetings_list_with_no_match_says_so(client):
    assertContains(client.get("/meetings/"), "No meetings match these filters.")


def test_cancelled_meeting_is_struck_through_and_named_cancelled(client):
    MeetingFactory(
        date=datetime.date(2025, 6, 4),
        slug="called-off",
        cancelled=True,
        cancellation_reason="No business to transact.",
    )
    for url in ("/meetings/", "/meetings/calendar/2025/6/"):
        response = client.get(url)
        assertContains(response, '<li class="cancelled">')
        assertContains(response, '</s> <span class="tag tag-warning">Cancelled</span></a>')


def test_calendar_without_a_month_opens_the_current_one(client):
    assertRedirects(
        client.get("/meetings/calendar/"), f"/meetings/calendar/{TODAY.year}/{TODAY.month}/"
    )


def test_calendar_month_is_a_table_with_meetings_on_their_days(client):
    body = BodyFactory(name="Audit Committee")
    MeetingFactory(body=body, date=datetime.date(2025, 3, 12), slug="audit-march", start_time=None)
    MeetingFactory(body=body, date=datetime.date(2025, 4, 9), slug="audit-april")
    MeetingFactory(
        body=body, date=datetime.date(2025, 3, 20), slug="hidden", status=Meeting.Status.DRAFT
    )

    response = client.get("/meetings/calendar/2025/3/")

    assertContains(response, '<caption id="calendar-caption">March 2025</caption>', html=True)
    assertContains(response, '<th scope="col"><abbr title="Monday">Mon</abbr></th>', html=True)
    html = response.text
    day_12 = html.index('<time datetime="2025-03-12">12</time>')
    link = html.index('href="/meetings/audit-march/"')
    assert day_12 < link < html.index('<time datetime="2025-03-13">13</time>')
    assertContains(response, "Wednesday 12 March, </span>Audit Committee</a>")
    assertNotContains(response, "/meetings/audit-april/")
    assertNotContains(response, "/meetings/hidden/")
    assertContains(response, 'href="/meetings/calendar/2025/2/" rel="prev">Previous month')
    assertContains(response, 'href="/meetings/calendar/2025/4/" rel="next">Next month')
    assertContains(response, "1 meeting in March 2025.")
    # March 2025 starts on a Saturday: five blank days of February lead the first week.
    first_week = html[html.index("<tbody>") : html.index("</tr>", html.index("<tbody>"))]
    assert first_week.count('<td class="outside"></td>') == 5


def test_calendar_month_without_meetings_says_so(client):
    response = client.get("/meetings/calendar/2025/8/")
    assertContains(response, "No meetings are listed in August 2025.")
    assertContains(response, 'href="/meetings/calendar/2025/9/" rel="next"')


def test_calendar_year_end_links_cross_into_the_next_year(client):
    response = client.get("/meetings/calendar/2025/12/")
    assertContains(response, 'href="/meetings/calendar/2026/1/" rel="next"')
    assertContains(response, 'href="/meetings/calendar/2025/11/" rel="prev"')


@pytest.mark.parametrize("path", ["/meetings/calendar/2025/13/", "/meetings/calendar/1066/10/"])
def test_calendar_of_an_impossible_month_is_not_found(client, path):
    assert client.get(path).status_code == 404


# People -------------------------------------------------------------------------------------


def test_people_index_lists_current_members_by_surname(client):
    board = BodyFactory(name="Health and Wellbeing Board")
    MembershipFactory(body=board, person__name="Zoe Adams", person__honorific="Councillor")
    MembershipFactory(body=board, person__name="Aaron Young", role=Role.CHAIR)
    MembershipFactory(body=board, person__name="Former Member", end=past(1), start=past(500))
    PersonFactory(name="Officer Only")

    response = client.get("/people/")

    html = response.text
    assert html.index("Councillor Zoe Adams") < html.index("Aaron Young")
    assertContains(response, "Chair, Health and Wellbeing Board")
    assertNotContains(response, "Former Member")
    assertNotContains(response, "Officer Only")


def test_people_index_is_paginated(client):
    board = BodyFactory()
    for n in range(55):
        MembershipFactory(body=board, person__name=f"Person Surname{n:02d}")
    first = client.get("/people/")
    assert first.text.count('href="/people/person-') == 50
    assertContains(first, "Page 1 of 2")
    second = client.get("/people/", {"page": 2})
    assert second.text.count('href="/people/person-') == 5


def test_people_index_without_members_says_so(client):
    assertContains(client.get("/people/"), "No one sits on a board or committee at the moment.")


@pytest.fixture
def attendee():
    """Someone on a board who attended two of three meetings with published minutes."""
    board = BodyFactory(name="Health and Wellbeing Board", slug="hwb")
    person = PersonFactory(name="Sam Seat", slug="sam-seat")
    MembershipFactory(person=person, body=board, role=Role.VICE_CHAIR, start=past(800))
    MembershipFactory(
        person=person, body=BodyFactory(name="Old Panel"), start=past(900), end=past(400)
    )
    minutes = [
        MinutesFactory(meeting__body=board, meeting__date=past(days)) for days in (300, 200, 100)
    ]
    Attendance.objects.create(minutes=minutes[0], person=person)
    Attendance.objects.create(
        minutes=minutes[1],
        person=person,
        capacity=Attendance.Capacity.SUBSTITUTE,
        substitute_for=PersonFactory(),
    )
    Apology.objects.create(minutes=minutes[2], person=person)
    # Not counted: a draft, and an appearance as an officer.
    draft = MinutesFactory(meeting__body=board, status=Minutes.Status.DRAFT)
    Attendance.objects.create(minutes=draft, person=person)
    elsewhere = MinutesFactory(meeting__body=BodyFactory(name="Scrutiny Panel"))
    Attendance.objects.create(
        minutes=elsewhere, person=person, capacity=Attendance.Capacity.OFFICER
    )
    return person


def test_person_page_shows_roles_memberships_and_attendance(client, attendee):
    response = client.get("/people/sam-seat/")

    assertContains(response, "<h1>Sam Seat</h1>", html=True)
    assertContains(response, 'Vice-Chair, <a href="/bodies/hwb/">Health and Wellbeing Board</a>')
    html = response.text
    memberships = html[html.index("memberships-heading") : html.index("attendance-heading")]
    assert memberships.index("Health and Wellbeing Board") < memberships.index("Old Panel")
    assert "Present" in memberships
    attendance = html[html.index("attendance-heading") :]
    assertContains(
        response,
        '<tr><th scope="row"><a href="/bodies/hwb/">Health and Wellbeing Board</a></th>'
        "<td>2</td><td>3</td><td>67%</td></tr>",
        html=True,
    )
    assert "Scrutiny Panel" not in attendance


def test_a_body_can_hide_attendance_percentages_but_not_the_counts(client, attendee):
    Body.objects.filter(slug="hwb").update(show_attendance_percentages=False)
    response = client.get("/people/sam-seat/")
    assertContains(
        response,
        '<tr><th scope="row"><a href="/bodies/hwb/">Health and Wellbeing Board</a></th>'
        '<td>2</td><td>3</td><td><span class="muted">Not published for this body</span></td>'
        "</tr>",
        html=True,
    )
    assertNotContains(response, "67%")


def test_attendance_counts_only_minutes_the_reader_may_see_as_published(attendee):
    clerk = make_user("clerk", clerk=[attendee.memberships.get(role=Role.VICE_CHAIR).body])
    for reader in (AnonymousUser(), clerk):
        [record] = attendance_by_body(attendee, reader)
        assert (record.attended, record.expected, record.percentage) == (2, 3, 67)


def test_person_without_seats_or_attendance_says_so(client):
    person = PersonFactory(name="New Face")
    response = client.get(person.get_absolute_url())
    assertContains(response, "New Face does not sit on any board or committee at the moment.")
    assertContains(response, "No memberships are recorded.")
    assertContains(response, "No attendance is recorded in published minutes.")


# Home ---------------------------------------------------------------------------------------


def test_home_shows_what_is_coming_decided_and_published(client):
    board = BodyFactory(name="Health and Wellbeing Board")
    coming = MeetingFactory(body=board, date=later(6), slug="next-board")
    held = MeetingFactory(body=board, date=past(20), status=Meeting.Status.MINUTES_PUBLISHED)
    item = AgendaItemFactory(meeting=held, number=4, title="Pharmacy needs")
    minutes = MinutesFactory(meeting=held)
    resolve_with(minutes, item, "Pharmacy needs", "RESOLVED that the assessment be approved.")
    draft = MinutesFactory(meeting__body=board, status=Minutes.Status.DRAFT)
    draft_item = AgendaItemFactory(meeting=draft.meeting)
    resolve_with(draft, draft_item, "Draft minute", "RESOLVED that this is still a draft.")
    Publication.objects.create(
        meeting=coming,
        number=1,
        published_at=timezone.now(),
        clear_days=5,
        content_hash="x",
        contents=[{"title": SECRET}],
    )

    response = client.get("/")

    assertContains(response, 'href="/meetings/next-board/"')
    assertContains(response, "RESOLVED that the assessment be approved.")
    assertNotContains(response, "still a draft")
    assertContains(response, f"Agenda: Health and Wellbeing Board, {coming.date:%-d %B %Y}")
    assertNotContains(response, SECRET)
    for url in ("/bodies/", "/meetings/calendar/", "/people/", "/decisions/"):
        assertContains(response, f'href="{url}"')


def test_home_without_anything_published_says_so(client):
    response = client.get("/")
    assertContains(response, "No decisions have been published yet.")
    assertContains(response, "No agendas have been published here yet.")


def test_every_page_links_the_accessibility_statement_and_the_new_sections(client):
    response = client.get("/accessibility/")
    assertContains(response, "<h1>Accessibility statement for Boardpapers</h1>", html=True)
    assertContains(response, "partially compliant with the")
    assertContains(response, "Equality Advisory and Support Service")
    assertContains(response, "Equality Commission for Northern Ireland")
    assertContains(response, '<time datetime="2026-11-23">23 November 2026</time>', html=True)
    for label, url in (("Bodies", "/bodies/"), ("Calendar", "/meetings/"), ("People", "/people/")):
        assertContains(response, f'<li><a href="{url}">{label}</a></li>', html=True)
    assertContains(response, '<a href="/accessibility/">Accessibility statement</a>', html=True)


# The meeting page ---------------------------------------------------------------------------


@pytest.fixture
def exempt_world():
    """A held meeting with an open item and an exempt one, both decided in published
    minutes, and a member of the body."""
    board = BodyFactory(name="Cabinet", slug="cabinet")
    meeting = MeetingFactory(
        body=board, date=past(10), slug="cabinet-meeting", status=Meeting.Status.MINUTES_PUBLISHED
    )
    MeetingFactory(body=board, date=CALENDAR_MONTH, slug="cabinet-later")
    open_item = AgendaItemFactory(meeting=meeting, number=1, title="Budget monitoring")
    exempt_item = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title=SECRET,
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
        exempt_reason="The public interest favours confidentiality while bids are open.",
    )
    ReportFactory(agenda_item=open_item, subject="Quarter 2 budget")
    ReportFactory(agenda_item=exempt_item, subject=f"Report on the {SECRET}")
    AttachmentFactory(agenda_item=exempt_item, document__title=f"Valuation: {SECRET}")
    minutes = MinutesFactory(meeting=meeting)
    decision = resolve_with(minutes, open_item, "Budget monitoring", "RESOLVED that the Cabinet:")
    ResolutionPart.objects.create(resolution=decision, label="(i)", text="notes the forecast")
    resolve_with(minutes, exempt_item, SECRET, f"RESOLVED that the {SECRET} proceed.", exempt=True)
    person = PersonFactory(slug="councillor")
    MembershipFactory(person=person, body=board)
    Attendance.objects.create(minutes=minutes, person=person)
    return {"board": board, "meeting": meeting, "member": make_user("member", member=[board])}


def test_meeting_page_shows_each_items_decision(client, exempt_world):
    response = client.get("/meetings/cabinet-meeting/")
    html = response.text
    item_1 = html[html.index('id="item-1"') : html.index('id="item-2"')]
    assert "<h4>Decision</h4>" in item_1
    assert "RESOLVED that the Cabinet:" in item_1
    assert '<span class="label">(i)</span> notes the forecast' in item_1
    assert "Minute 1</a>, draft minutes, subject to approval." in item_1
    assert 'href="/meetings/cabinet-meeting/minutes/#minute-1"' in item_1


def test_public_sees_an_exempt_item_only_by_number_and_legal_reason(client, exempt_world):
    response = client.get("/meetings/cabinet-meeting/")
    html = response.text
    item_2 = html[html.index('id="item-2"') : html.index("</li>", html.index('id="item-2"'))]
    assert "Exempt item – not for publication" in item_2
    assert (
        "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local "
        "Government Act 1972: Information relating to the financial or business affairs"
    ) in item_2
    assert "The public interest favours confidentiality while bids are open." in item_2
    assert "Decision" not in item_2
    assert 'class="papers"' not in item_2
    assert SECRET not in html


def test_member_sees_the_exempt_item_and_its_papers_marked_exempt(client, exempt_world):
    client.force_login(exempt_world["member"])
    html = client.get("/meetings/cabinet-meeting/").text
    item_2 = html[html.index('id="item-2"') :]
    assert SECRET in item_2
    assert "<strong>EXEMPT – not for publication.</strong>" in item_2
    assert f'Report on the {SECRET}</a> <strong class="tag tag-warning">EXEMPT</strong>' in item_2
    assert f'Valuation: {SECRET}</a> <strong class="tag tag-warning">EXEMPT</strong>' in item_2
    assert f'RESOLVED that the {SECRET} proceed.</strong> <strong class="tag' in item_2


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/bodies/",
        "/bodies/cabinet/",
        "/meetings/",
        f"/meetings/?body=cabinet&month={past(10):%Y-%m}",
        f"/meetings/calendar/{past(10).year}/{past(10).month}/",
        "/people/",
        "/people/councillor/",
        "/meetings/cabinet-meeting/",
        "/accessibility/",
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "member_of_another_body"])
def test_exempt_item_never_leaks_to_the_public_pages(client, exempt_world, path, who):
    if who != "anonymous":
        client.force_login(make_user("other", member=[BodyFactory()]))
    response = client.get(path)
    assert response.status_code == 200
    assert SECRET not in response.text


def test_members_see_exempt_decisions_marked_on_the_home_page(client, exempt_world):
    client.force_login(exempt_world["member"])
    response = client.get("/")
    assertContains(response, f'{SECRET}</a> <strong class="tag tag-warning">EXEMPT</strong>')


# Query counts -------------------------------------------------------------------------------


def populate(n: int, tag: str) -> dict[str, str]:
    """A world with n of everything a page lists: sub-bodies, members, past meetings, coming
    meetings (all in CALENDAR_MONTH), agenda items with papers and decisions, a person's
    seats and attendances on n bodies, resolutions and publications. Returns each page's URL."""
    organisation = OrganisationFactory()
    parent = BodyFactory(organisation=organisation)
    body = BodyFactory(organisation=organisation, parent=parent, slug=f"body-{tag}")
    roles = list(Role)
    for i in range(n):
        BodyFactory(organisation=OrganisationFactory(), parent=body)
        MembershipFactory(
            body=body, role=roles[i % len(roles)], organisation=OrganisationFactory(), order=i
        )
        MeetingFactory(body=body, date=past(7 * (i + 1)))
        coming = MeetingFactory(
            body=body,
            date=CALENDAR_MONTH.replace(day=i % 28 + 1),
            cancelled=i % 5 == 0,
            cancellation_reason="Moved" if i % 5 == 0 else "",
        )
        Publication.objects.create(
            meeting=coming, number=1, published_at=timezone.now(), clear_days=5, content_hash="x"
        )

    meeting = MeetingFactory(
        body=body, date=past(3), slug=f"meeting-{tag}", status=Meeting.Status.MINUTES_PUBLISHED
    )
    minutes = MinutesFactory(meeting=meeting)
    for number in range(1, n + 1):
        item = AgendaItemFactory(
            meeting=meeting,
            number=number,
            exempt=number % 4 == 0,
            exempt_paragraph=ExemptParagraph.LEGAL if number % 4 == 0 else None,
        )
        report = ReportFactory(agenda_item=item)
        AttachmentFactory(agenda_item=item, report=report, label="Appendix A")
        AttachmentFactory(agenda_item=item)
        resolution = resolve_with(minutes, item, item.title, "RESOLVED that it be noted.")
        ResolutionPart.objects.create(resolution=resolution, label="(i)", text="noted")

    person = PersonFactory(slug=f"person-{tag}")
    for i in range(n):
        seat = MembershipFactory(person=person, start=past(900 + i), role=roles[i % len(roles)])
        for days in (100, 200):
            held = MinutesFactory(meeting__body=seat.body, meeting__date=past(days + i))
            if days == 100:
                Attendance.objects.create(minutes=held, person=person)
            else:
                Apology.objects.create(minutes=held, person=person)
    return {
        "home": "/",
        "bodies index": "/bodies/",
        "body page": body.get_absolute_url(),
        "calendar month": f"/meetings/calendar/{CALENDAR_MONTH.year}/{CALENDAR_MONTH.month}/",
        "meetings list": "/meetings/",
        "people index": "/people/",
        "person page": person.get_absolute_url(),
        "meeting page": meeting.get_absolute_url(),
    }


# The most queries each page may make, whatever the size of what it lists. Pages in the
# anonymous page cache (meetings/cache.py) read the content version first: one more.
QUERY_BUDGET = {
    "home": 6 + 1,
    "bodies index": 1,
    "body page": 6 + 1,
    "calendar month": 1,
    "meetings list": 3,
    "people index": 3,
    "person page": 4,
    "meeting page": 14 + 1,
}


@pytest.mark.parametrize("page", list(QUERY_BUDGET))
def test_query_count_stays_the_same_for_a_much_larger_world(
    client, page, django_assert_num_queries, django_assert_max_num_queries
):
    small = populate(2, "small")
    with (
        django_assert_max_num_queries(QUERY_BUDGET[page]),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(small[page]).status_code == 200
    large = populate(30, "large")
    with django_assert_num_queries(len(queries)):
        response = client.get(large[page])
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["meeting page", "person page", "home"])
def test_query_count_stays_the_same_for_a_member(client, page, django_assert_num_queries):
    small = populate(2, "small")
    large = populate(30, "large")
    client.force_login(make_user("member", member=list(Body.objects.all())))
    with CaptureQueriesContext(connection) as queries:
        client.get(small[page])
    with django_assert_num_queries(len(queries)):
        client.get(large[page])
