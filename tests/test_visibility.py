"""The one visibility rule, seen by four people: an anonymous visitor, a member of the body,
a member of another body and the body's clerk."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import AgendaItem, ExemptParagraph, Meeting
from minutes.models import MinuteEntry, Minutes
from minutes.services import minute_entry_create
from reports.models import Attachment, Document, Report
from tests.conftest import make_user
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    MeetingFactory,
    MinutesFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Confidential land valuation 7431"


@pytest.fixture
def world():
    body = BodyFactory()
    published = MeetingFactory(body=body)
    draft = MeetingFactory(body=body, status=Meeting.Status.SCHEDULED)
    open_item = AgendaItemFactory(meeting=published, number=1, title="Budget monitoring")
    exempt_item = AgendaItemFactory(
        meeting=published,
        number=2,
        title=SECRET,
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
    )
    draft_item = AgendaItemFactory(meeting=draft, number=1, title="Draft agenda item")
    open_report = ReportFactory(agenda_item=open_item)
    exempt_report = ReportFactory(agenda_item=exempt_item, subject=SECRET)
    draft_report = ReportFactory(agenda_item=open_item, status=Report.Status.DRAFT)
    open_doc = AttachmentFactory(agenda_item=open_item, report=open_report).document
    exempt_doc = AttachmentFactory(agenda_item=exempt_item, report=exempt_report).document
    marked_doc = AttachmentFactory(
        agenda_item=open_item,
        document__exempt=True,
        document__exempt_paragraph=ExemptParagraph.INDIVIDUAL,
    ).document
    return {
        "body": body,
        "open": {open_item, open_report, open_doc},
        "exempt": {exempt_item, exempt_report, exempt_doc, marked_doc},
        "draft": {draft_item, draft_report},
        "people": {
            "anonymous": AnonymousUser(),
            "member": make_user("member", member=[body]),
            "other_member": make_user("other", member=[BodyFactory()]),
            "clerk": make_user("clerk", clerk=[body]),
        },
    }


def visible(user):
    return (
        set(AgendaItem.objects.visible_to(user))
        | set(Report.objects.visible_to(user))
        | set(Document.objects.visible_to(user))
    )


@pytest.mark.parametrize(
    ("who", "sees_exempt", "sees_draft"),
    [
        ("anonymous", False, False),
        ("other_member", False, False),
        ("member", True, False),
        ("clerk", True, True),
    ],
)
def test_who_sees_what(world, who, sees_exempt, sees_draft):
    seen = visible(world["people"][who])
    assert world["open"] <= seen
    for group, allowed in (("exempt", sees_exempt), ("draft", sees_draft)):
        if allowed:
            assert world[group] <= seen
        else:
            assert not world[group] & seen


def test_site_administrator_sees_everything(world):
    admin = make_user("admin")
    admin.is_superuser = True
    admin.save()
    seen = visible(admin)
    assert world["open"] | world["exempt"] | world["draft"] <= seen


def test_public_agenda_lists_exempt_items_as_restricted(world):
    anonymous = world["people"]["anonymous"]
    items = {item.number: item for item in AgendaItem.objects.for_agenda(anonymous)}
    assert items[1].restricted is False
    assert items[2].restricted is True
    member = world["people"]["member"]
    assert not any(item.restricted for item in AgendaItem.objects.for_agenda(member))


def test_draft_agenda_is_not_listed_to_the_public(world):
    anonymous = world["people"]["anonymous"]
    titles = {item.title for item in AgendaItem.objects.for_agenda(anonymous)}
    assert "Draft agenda item" not in titles


def test_shared_document_is_visible_if_any_of_its_attachments_is(world):
    anonymous = world["people"]["anonymous"]
    shared = next(obj for obj in world["open"] if isinstance(obj, Document))
    AttachmentFactory(
        document=shared,
        agenda_item__meeting__status=Meeting.Status.SCHEDULED,
    )
    assert shared in Document.objects.visible_to(anonymous)
    unattached = Document.objects.create(slug="loose", title="Not on any agenda")
    assert unattached not in Document.objects.visible_to(anonymous)


def test_to_follow_notes_are_listed_without_a_document(world):
    anonymous = world["people"]["anonymous"]
    item = next(obj for obj in world["open"] if isinstance(obj, AgendaItem))
    Attachment.objects.create(agenda_item=item, label="Appendix C", title="IIA", to_follow=True)
    assert Attachment.objects.visible_to(anonymous).filter(to_follow=True).count() == 1


def test_draft_minutes_are_seen_only_by_the_clerk(world):
    minutes = MinutesFactory(meeting__body=world["body"], status=Minutes.Status.DRAFT)
    minute_entry_create(minutes=minutes, title="Apologies")
    people = world["people"]
    assert minutes not in Minutes.objects.visible_to(people["anonymous"])
    assert minutes not in Minutes.objects.visible_to(people["member"])
    assert minutes in Minutes.objects.visible_to(people["clerk"])
    assert not MinuteEntry.objects.visible_to(people["anonymous"]).exists()


def test_exempt_minute_is_seen_by_members_only(world):
    minutes = MinutesFactory(meeting__body=world["body"])
    minute_entry_create(minutes=minutes, title=SECRET, exempt=True)
    people = world["people"]
    assert not MinuteEntry.objects.visible_to(people["anonymous"]).filter(title=SECRET).exists()
    assert not MinuteEntry.objects.visible_to(people["other_member"]).filter(title=SECRET).exists()
    assert MinuteEntry.objects.visible_to(people["member"]).filter(title=SECRET).exists()


@pytest.mark.parametrize("who", ["anonymous", "other_member"])
def test_exempt_text_never_reaches_the_public_pages(world, client, who):
    user = world["people"][who]
    if user.is_authenticated:
        client.force_login(user)
    exempt_item = next(obj for obj in world["exempt"] if isinstance(obj, AgendaItem))
    meeting_page = client.get(exempt_item.meeting.get_absolute_url())
    assert meeting_page.status_code == 200
    assert SECRET not in meeting_page.text
    assert "Exempt item – not for publication" in meeting_page.text
    for obj in world["exempt"] - {exempt_item}:
        assert client.get(obj.get_absolute_url()).status_code == 404


def test_member_sees_exempt_papers_marked(world, client):
    client.force_login(world["people"]["member"])
    exempt_item = next(obj for obj in world["exempt"] if isinstance(obj, AgendaItem))
    page = client.get(exempt_item.meeting.get_absolute_url())
    assert SECRET in page.text
    assert "EXEMPT – not for publication." in page.text
    exempt_report = next(obj for obj in world["exempt"] if isinstance(obj, Report))
    assert client.get(exempt_report.get_absolute_url()).status_code == 200
