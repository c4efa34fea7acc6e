"""The seed packs, loaded as demo data, read back as a user would see them."""

from __future__ import annotations

import datetime
import re

import pytest

from boardpapers.demo import DemoDataError, Loader, load_demo
from meetings.models import AgendaItem, Meeting, Person
from minutes.models import Attendance, MinuteEntry, Minutes
from reports.models import Attachment, Document, Report

pytestmark = pytest.mark.django_db

HWB = "health-and-wellbeing-board"


def test_the_24_november_2021_minutes_are_numbered_28_to_38(demo):
    minutes = Minutes.objects.get(meeting__slug=f"2021-11-24-{HWB}")
    entries = list(minutes.entries.order_by("order"))
    assert [entry.number for entry in entries] == list(range(28, 39))
    by_number = {entry.number: entry for entry in entries}
    assert by_number[31].title == "Matters arising and verbal update"
    assert by_number[31].ai_reference == ""
    assert by_number[28].ai_reference == "(AI 1)"
    assert by_number[32].ai_reference == "(AI 4)"


def test_minute_numbers_follow_the_calendar_year(demo):
    def numbers(date):
        return list(
            MinuteEntry.objects.filter(minutes__meeting__slug=f"{date}-{HWB}")
            .order_by("number")
            .values_list("number", flat=True)
        )

    assert numbers("2019-02-13") == list(range(1, 9))
    assert numbers("2019-03-20") == list(range(9, 13))
    assert numbers("2020-11-25") == list(range(37, 46))


def test_the_9_february_2022_agenda_has_its_ten_items_with_printed_pages(demo):
    items = list(AgendaItem.objects.filter(meeting__slug=f"2022-02-09-{HWB}").order_by("number"))
    assert [item.number for item in items] == list(range(1, 11))
    assert items[2].pages == "Pages 5 - 12"
    assert items[4].title == "Health and Wellbeing Strategy"
    assert items[4].pages == "Pages 17 - 72"
    assert items[9].pages == "Pages 149 - 156"
    assert [item.number for item in items if not item.has_papers] == [1, 2]


def test_previous_minutes_are_the_papers_of_the_approving_item_and_are_approved(demo):
    item = AgendaItem.objects.get(meeting__slug=f"2022-02-09-{HWB}", number=3)
    earlier = Meeting.objects.get(slug=f"2021-11-24-{HWB}")
    assert list(item.approves_minutes.all()) == [earlier]
    assert earlier.minutes.status == Minutes.Status.APPROVED
    assert earlier.minutes.approved_at == item.meeting
    item_2019 = AgendaItem.objects.get(meeting__slug=f"2019-06-19-{HWB}", number=4)
    assert {m.date for m in item_2019.approves_minutes.all()} == {
        datetime.date(2019, 2, 13),
        datetime.date(2019, 3, 20),
    }


def test_substitutes_and_apologies_of_24_november_2021(demo):
    minutes = Minutes.objects.get(meeting__slug=f"2021-11-24-{HWB}")
    substitutes = {
        a.person.name: a.substitute.name for a in minutes.apologies.filter(substitute__isnull=False)
    }
    assert substitutes == {
        "Sarah Beattie": "Hayley Berington",
        "Sue Harriman": "Suzannah Rosenberg",
    }
    assert minutes.apologies.count() == 6
    chair = minutes.attendance.get(in_the_chair=True)
    assert chair.person.name == "Jason Fazackarley"
    # Every substitute present is recorded as standing in for the member who sent apologies.
    for apology in minutes.apologies.filter(substitute__isnull=False):
        assert minutes.attendance.filter(
            person=apology.substitute, capacity=Attendance.Capacity.SUBSTITUTE
        ).exists()


def test_the_send_strategy_is_one_document_shared_not_copied(demo):
    send = Document.objects.get(slug="send-strategy-2019-2022")
    attachments = Attachment.objects.filter(document=send)
    assert attachments.count() == 1
    assert attachments.get().agenda_item.meeting.slug == f"2021-02-03-{HWB}"
    assert "Special Educational Needs" in send.html
    assert Document.objects.filter(title=send.title).count() == 1


def test_appendix_c_of_the_strategy_is_to_follow(demo):
    item = AgendaItem.objects.get(meeting__slug=f"2022-02-09-{HWB}", number=5)
    to_follow = item.attachments.get(to_follow=True)
    assert to_follow.label == "Appendix C"
    assert to_follow.document is None
    assert item.to_follow_note == "Appendix C to follow"


def test_people_resolve_their_spelling_variants(demo):
    burridge = Person.objects.get(aliases__contains=["Steve Burrige"])
    assert burridge.name == "Steve Burridge"
    assert (
        Person.objects.filter(aliases__contains=["Dr Linda Collins"]).get().name == "Linda Collie"
    )


def test_front_sheet_membership_as_printed_in_2022(demo):
    meeting = Meeting.objects.get(slug=f"2022-02-09-{HWB}")
    members = list(meeting.members())
    councillors = [m for m in members if m.category == "councillor"]
    assert councillors[0].person.name == "Jason Fazackarley"
    assert councillors[0].role == "joint_chair"
    assert [m.person.name for m in councillors][1] == "Gerald Vernon-Jackson"
    assert str(councillors[1].person) == "Councillor Gerald Vernon-Jackson CBE"


def test_reports_keep_their_cover_sheets_and_sections(demo):
    community_safety = Report.objects.get(
        agenda_item__meeting__slug=f"2021-02-03-{HWB}", agenda_item__number=7
    )
    assert community_safety.key_decision is True
    assert community_safety.template == Report.Template.PORTSMOUTH_DECISION
    assert community_safety.sections.filter(kind="legal").exists()
    assert Report.objects.filter(key_decision=True).count() == 1
    for report in Report.objects.all():
        assert report.sections.exists(), report.slug


def test_no_extraction_artefacts_survive_in_the_papers(demo):
    texts = [d.html for d in Document.objects.all()] + [
        s.html for r in Report.objects.prefetch_related("sections") for s in r.sections.all()
    ]
    for html in texts:
        assert "intentionally left blank" not in html
        assert not re.search(r"\*\*\w[^*<]*\*\*", html), "markdown bold left in"
        assert "data-bbox" not in html
        assert "THIS ITEM IS FOR INFORMATION ONLY" not in html


def test_loading_twice_changes_nothing(demo):
    before = {
        model.__name__: model.objects.count()
        for model in (
            Meeting,
            AgendaItem,
            Report,
            Document,
            Attachment,
            Minutes,
            MinuteEntry,
            Person,
        )
    }
    load_demo()
    after = {
        name: model.objects.count()
        for name, model in zip(
            before,
            (Meeting, AgendaItem, Report, Document, Attachment, Minutes, MinuteEntry, Person),
            strict=True,
        )
    }
    assert after == before


def test_broken_demo_data_says_where_and_saves_nothing(db, tmp_path, settings):
    import shutil

    root = tmp_path / "demo"
    shutil.copytree(settings.BASE_DIR / "fixtures" / "demo", root)
    path = root / "meetings" / f"2021-11-24-{HWB}.toml"
    path.write_text(
        path.read_text().replace('person = "jason-fazackarley"', 'person = "nobody-at-all"', 1)
    )
    with pytest.raises(DemoDataError, match="unknown person 'nobody-at-all'"):
        Loader(root).load()
    assert not Meeting.objects.exists()
