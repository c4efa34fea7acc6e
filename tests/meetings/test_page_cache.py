"""The anonymous page cache: served from memory to the public, refreshed by any write the
database sees (plain queryset updates, no signals), never holding a signed-in reader's page."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from pytest_django.asserts import assertContains, assertNotContains

from meetings.cache import HEADER, content_version, public_page_cache
from meetings.models import AgendaItem, BodyRole, ExemptParagraph, Meeting
from reports.models import Report
from tests.conftest import make_user
from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

pytestmark = pytest.mark.django_db

OPEN_TITLE = "Refurbishment of the Guildhall steps"
SECRET = "Sale of the Northern Parade depot 4471"
REPORT = "Guildhall steps: options appraisal"


@pytest.fixture
def meeting():
    meeting = MeetingFactory(status=Meeting.Status.AGENDA_PUBLISHED)
    item = AgendaItemFactory(meeting=meeting, number=1, title=OPEN_TITLE, has_papers=True)
    ReportFactory(agenda_item=item, subject=REPORT, status=Report.Status.PUBLISHED)
    AgendaItemFactory(
        meeting=meeting,
        number=2,
        title=SECRET,
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    return meeting


def test_anonymous_visitors_get_the_cached_page(client, meeting, django_assert_num_queries):
    first = client.get(meeting.get_absolute_url())
    assert first[HEADER] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = client.get(meeting.get_absolute_url())
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    assertContains(second, OPEN_TITLE)
    assertNotContains(second, SECRET)


def test_head_and_get_share_the_cached_page(client, meeting):
    assert client.head(meeting.get_absolute_url())[HEADER] == "miss"
    response = client.get(meeting.get_absolute_url())
    assert response[HEADER] == "hit"
    assertContains(response, OPEN_TITLE)
    assert client.head(meeting.get_absolute_url())[HEADER] == "hit"


def test_marking_an_item_exempt_with_a_plain_update_changes_the_next_page(client, meeting):
    assertContains(client.get(meeting.get_absolute_url()), OPEN_TITLE)
    AgendaItem.objects.filter(meeting=meeting, number=1).update(
        exempt=True, exempt_paragraph=ExemptParagraph.LEGAL
    )
    response = client.get(meeting.get_absolute_url())
    assert response[HEADER] == "miss"
    assertNotContains(response, OPEN_TITLE)
    assertNotContains(response, REPORT)


def test_unpublishing_an_agenda_with_a_plain_update_changes_the_next_page(client, meeting):
    assertContains(client.get(meeting.get_absolute_url()), OPEN_TITLE)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.SCHEDULED)
    response = client.get(meeting.get_absolute_url())
    assertNotContains(response, OPEN_TITLE)
    assertContains(response, "The agenda has not been published yet")


def test_editing_a_report_title_with_a_plain_update_changes_the_next_pages(client, meeting):
    report = Report.objects.get(subject=REPORT)
    assertContains(client.get(meeting.get_absolute_url()), REPORT)
    assertContains(client.get(report.get_absolute_url()), REPORT)
    Report.objects.filter(pk=report.pk).update(subject="Guildhall steps: revised options")
    for url in (meeting.get_absolute_url(), report.get_absolute_url()):
        response = client.get(url)
        assertContains(response, "Guildhall steps: revised options")
        assertNotContains(response, REPORT)


def test_a_member_sees_their_exempt_paper_while_the_public_page_is_cached(client, meeting):
    assert client.get(meeting.get_absolute_url())[HEADER] == "miss"
    assert client.get(meeting.get_absolute_url())[HEADER] == "hit"
    member = make_user("member", member=[meeting.body])
    client.force_login(member)
    response = client.get(meeting.get_absolute_url())
    assert HEADER not in response
    assertContains(response, SECRET)
    assertContains(response, "Sign out (member)")
    # Signing out leaves the visitor anonymous again: the public page, without the paper.
    client.logout()
    response = client.get(meeting.get_absolute_url())
    assertNotContains(response, SECRET)
    assertNotContains(response, "Sign out")


def test_a_signed_in_page_is_never_stored_for_the_public(client, meeting):
    client.force_login(make_user("clerk", clerk=[meeting.body]))
    assertContains(client.get(meeting.get_absolute_url()), SECRET)
    client.logout()
    response = client.get(meeting.get_absolute_url())
    assert response[HEADER] == "miss"
    assertNotContains(response, SECRET)
    assertNotContains(response, "Build the agenda")


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_visitors_with_a_session_or_messages_get_a_fresh_page(client, meeting, cookie):
    client.get(meeting.get_absolute_url())
    client.cookies[cookie] = "anything"
    response = client.get(meeting.get_absolute_url())
    assert HEADER not in response
    assertContains(response, OPEN_TITLE)


def test_the_cache_can_be_switched_off(client, meeting, settings):
    settings.PAGE_CACHE = False
    client.get(meeting.get_absolute_url())
    response = client.get(meeting.get_absolute_url())
    assert HEADER not in response
    assert "Cookie" in response["Vary"]


def test_each_cached_page_type_is_served_from_the_cache(client, meeting):
    report = Report.objects.get(subject=REPORT)
    for url in ("/", meeting.body.get_absolute_url(), report.get_absolute_url()):
        assert client.get(url)[HEADER] == "miss", url
        assert client.get(url)[HEADER] == "hit", url


def test_missing_pages_are_not_cached(client):
    assert client.get("/meetings/no-such-meeting/").status_code == 404
    assert client.get("/meetings/no-such-meeting/").status_code == 404
    assert len(caches["pages"]._cache) == 0


# The decorator's own rules, on a stand-in view.


def anonymous_get(path: str = "/page/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def served_twice(view) -> list[str | None]:
    cached = public_page_cache(view)
    return [cached(anonymous_get()).get(HEADER) for _ in range(2)]


def test_responses_that_set_a_cookie_are_not_stored():
    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    assert served_twice(view) == [None, None]


def test_pages_that_use_a_csrf_token_are_not_stored():
    def view(request):
        return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")

    assert served_twice(view) == [None, None]


@pytest.mark.parametrize("status", [201, 301, 302, 403, 404, 500])
def test_only_ok_responses_are_stored(status):
    assert served_twice(lambda request: HttpResponse("x", status=status)) == [None, None]


def test_private_responses_are_not_stored():
    def view(request):
        response = HttpResponse("yours")
        response["Cache-Control"] = "private"
        return response

    assert served_twice(view) == [None, None]


def test_posts_are_never_cached():
    cached = public_page_cache(lambda request: HttpResponse("posted"))
    request = RequestFactory().post("/page/")
    request.user = AnonymousUser()
    assert HEADER not in cached(request)
    assert HEADER not in cached(request)


# The content version itself.


def test_giving_someone_a_role_changes_the_version(meeting):
    before = content_version()
    BodyRole.objects.create(user=make_user("newcomer"), body=meeting.body, role="member")
    assert content_version() != before


def test_every_table_public_pages_read_bumps_the_version():
    """A model added later must get the trigger (or be listed here as never public)."""
    from django.apps import apps

    never_public = {"meetings_change", "meetings_savedsearch", "meetings_contentversion"}
    tables = {
        model._meta.db_table
        for app in ("meetings", "reports", "minutes")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    } - never_public
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, t.tgtype FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE t.tgname = 'content_version_bump'
            """
        )
        triggers = dict(cursor.fetchall())
    assert tables <= set(triggers), sorted(tables - set(triggers))
    # AFTER, FOR EACH STATEMENT, on INSERT (4), DELETE (8), UPDATE (16) and TRUNCATE (32).
    assert set(triggers.values()) == {4 | 8 | 16 | 32}


@pytest.mark.django_db(transaction=True)
def test_readers_see_a_new_version_only_once_its_data_has_committed():
    meeting = MeetingFactory(status=Meeting.Status.AGENDA_PUBLISHED)
    before = content_version()
    assert before.startswith("v")  # committed: no transaction of ours has written
    written, release = threading.Event(), threading.Event()
    errors = []

    def writer():
        try:
            with transaction.atomic():
                Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.SCHEDULED)
                written.set()
                release.wait(10)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    assert content_version() == before
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.AGENDA_PUBLISHED
    release.set()
    thread.join(10)
    assert not errors
    after = content_version()
    assert after != before and after.startswith("v")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SCHEDULED


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_never_reuses_a_version(client):
    meeting = MeetingFactory(status=Meeting.Status.AGENDA_PUBLISHED)
    AgendaItemFactory(meeting=meeting, number=1, title=OPEN_TITLE)
    before = content_version()
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.SCHEDULED)
        inside = content_version()
        transaction.set_rollback(True)
    assert content_version() == before
    AgendaItem.objects.filter(meeting=meeting).update(title="Another title")
    assert content_version() not in (before, f"v{inside[1:]}")
    assert client.get(meeting.get_absolute_url())[HEADER] == "miss"
    assertContains(client.get(meeting.get_absolute_url()), "Another title")
