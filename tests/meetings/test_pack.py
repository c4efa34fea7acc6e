"""Agenda packs built for real and read back page by page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen import canvas

from meetings.models import AgendaPack, ExemptParagraph, Meeting
from meetings.pack.layout import BLANK_TEXT
from meetings.pack.render import cache_dir
from meetings.services import agenda_pack_build
from reports.models import Attachment, Document, ReportSection
from reports.services import document_text_extract, document_upload
from reports.uploads import DAMAGED_PDF, ENCRYPTED_PDF, NOT_A_PDF
from tests.conftest import make_user
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    ReportFactory,
)
from tests.meetings.pdfread import read_pack

pytestmark = pytest.mark.django_db

SEED_MEETINGS = [
    "2019-06-19-health-and-wellbeing-board",
    "2021-02-03-health-and-wellbeing-board",
    "2022-02-09-health-and-wellbeing-board",
    "2022-12-15-southampton-health-and-care-partnership-board",
]


def pack_bytes(pack: AgendaPack) -> bytes:
    with pack.file.open("rb") as handle:
        return handle.read()


def assert_pack_is_faithful(pack: AgendaPack) -> None:
    """Everything a clerk checks in a printed pack, read back from the PDF itself."""
    read = read_pack(pack_bytes(pack))
    meeting = pack.meeting
    front_numbered = meeting.body.front_sheet_numbered
    assert len(read.pages) == pack.page_count
    assert len(read.pages) % 2 == 0

    front_text = "\n".join(read.pages[: pack.layout["front_pages"]])
    assert "AGENDA" in front_text

    # Every numbered page carries its number, in sequence; the front sheet only if numbered.
    numbers = [read.number(i) for i in range(len(read.pages))]
    printed = [n for n in numbers if n is not None]
    assert printed == list(range(printed[0], printed[0] + len(printed)))
    assert printed[0] == (1 if front_numbered else 1)
    if not front_numbered:
        assert numbers[0] is None
        assert numbers.index(1) == len(read.pages) - len(printed)

    items = {item.display_number: item for item in meeting.items.all()}
    starts = []
    for number, (first, last) in pack.layout["items"].items():
        item = items[number]
        assert first % 2 == 1 and last % 2 == 0, (item, first, last)
        # The agenda prints the range the papers really occupy.
        assert f"(Pages {first} - {last})" in re.sub(r"\s+", " ", front_text)
        start = read.index_of(first)
        starts.append(start)
        assert f"Agenda Item {item.display_number}" in read.pages[start]
        # No other page of the item carries a stamp, and the next page starts another item.
        end = read.index_of(last)
        for index in range(start + 1, end + 1):
            assert (
                "Agenda Item" not in read.pages[index].split("\n", 3)[0] + read.pages[index][:200]
            )
        if end + 1 < len(read.pages):
            assert "Agenda Item" in read.pages[end + 1]

    # Padding pages say exactly the sentence, and nothing else but their number.
    for index in range(len(read.pages)):
        if BLANK_TEXT in read.pages[index]:
            assert read.body(index) == BLANK_TEXT

    # Bookmarks: one per item with papers, at the stamped page; the agenda links there too.
    outline = read.outline()
    item_marks = [
        page for depth, title, page in outline if depth == 0 and title.startswith("Agenda Item")
    ]
    assert item_marks == starts
    link_targets = [t for i in range(pack.layout["front_pages"]) for t in read.link_targets(i)]
    assert sorted(link_targets) == sorted(starts)


@pytest.mark.parametrize("slug", SEED_MEETINGS)
def test_seed_meeting_packs_follow_the_councils_conventions(demo, slug):
    meeting = Meeting.objects.get(slug=slug)
    for variant in ("public", "members"):
        pack = agenda_pack_build(meeting=meeting, variant=variant)
        assert pack.status == AgendaPack.Status.READY
        assert_pack_is_faithful(pack)


def test_portsmouth_papers_start_after_a_numbered_front_sheet(demo):
    meeting = Meeting.objects.get(slug="2022-02-09-health-and-wellbeing-board")
    pack = agenda_pack_build(meeting=meeting, variant="public")
    read = read_pack(pack_bytes(pack))
    assert read.number(0) == 1
    assert "NOTICE OF MEETING" in read.pages[0]
    assert "Councillors Jason Fazackarley (Joint Chair), Gerald Vernon-Jackson CBE" in re.sub(
        r"\s+", " ", read.pages[0]
    )
    first_paper = pack.layout["items"]["3"][0]
    assert first_paper == pack.layout["front_pages"] + pack.layout["front_pages"] % 2 + 1
    agenda = re.sub(r"\s+", " ", "\n".join(read.pages[:4]))
    assert "(Appendix C to follow)" in agenda
    # The to-follow appendix takes no pages: the strategy item holds the cover and A and B only.
    titles = [title for depth, title, page in read.outline() if depth == 1]
    assert not any("Integrated Impact Assessment" in title for title in titles)


def test_southampton_front_sheet_is_unnumbered_and_papers_start_at_page_1(demo):
    meeting = Meeting.objects.get(slug="2022-12-15-southampton-health-and-care-partnership-board")
    pack = agenda_pack_build(meeting=meeting, variant="public")
    read = read_pack(pack_bytes(pack))
    assert read.number(0) is None
    item_3 = pack.layout["items"]["3"]
    assert item_3[0] == 1
    assert "PLEASE NOTE TIME OF MEETING" in read.pages[0]
    assert "Wednesday 7 December, 2022" in "\n".join(read.pages[:2])


def exempt_world():
    body = BodyFactory(name="Cabinet")
    meeting = MeetingFactory(body=body)
    open_item = AgendaItemFactory(
        meeting=meeting, number=1, title="Budget monitoring", has_papers=True
    )
    report = ReportFactory(agenda_item=open_item, subject="Budget monitoring report")
    ReportSection.objects.create(report=report, heading="1. Purpose", html="<p>Open text.</p>")
    AttachmentFactory(
        agenda_item=open_item,
        report=report,
        label="Appendix 1",
        document__title="Individual cases",
        document__html="<p>OKAPI-1234 confidential case notes.</p>",
        document__exempt=True,
        document__exempt_paragraph=ExemptParagraph.INDIVIDUAL,
    )
    exempt_item = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Sale of ZEBRA-7431 depot",
        has_papers=True,
        exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
        exempt_reason="The public interest in withholding outweighs disclosure.",
    )
    secret = ReportFactory(
        agenda_item=exempt_item, subject="ZEBRA-7431 valuation", exempt=True, exempt_paragraph=3
    )
    ReportSection.objects.create(
        report=secret, heading="1. Valuation", html="<p>ZEBRA-7431 is worth a lot.</p>"
    )
    return meeting


def test_public_pack_leaves_exempt_papers_out_and_lists_the_item(db):
    meeting = exempt_world()
    pack = agenda_pack_build(meeting=meeting, variant="public")
    read = read_pack(pack_bytes(pack))
    text = "\n".join(read.pages)
    assert "ZEBRA-7431" not in text
    assert "OKAPI-1234" not in text
    flat = re.sub(r"\s+", " ", text)
    assert "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A" in flat
    assert "EXEMPT – NOT FOR PUBLICATION" not in text
    assert_pack_is_faithful(pack)


def test_members_pack_includes_exempt_papers_marked_on_every_page(db):
    meeting = exempt_world()
    pack = agenda_pack_build(meeting=meeting, variant="members")
    read = read_pack(pack_bytes(pack))
    text = "\n".join(read.pages)
    assert "ZEBRA-7431" in text and "OKAPI-1234" in text
    for index, page in enumerate(read.pages):
        if "ZEBRA-7431" in page or "OKAPI-1234" in page:
            assert "EXEMPT – NOT FOR PUBLICATION" in page, index
    # The exempt item's pages, blank included, are all marked.
    first, last = pack.layout["items"]["2"]
    for index in range(read.index_of(first), read.index_of(last) + 1):
        assert "EXEMPT – NOT FOR PUBLICATION" in read.pages[index]
    assert_pack_is_faithful(pack)


def make_pdf(pages: list[tuple[float, float]], text: str) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out)
    for number, size in enumerate(pages, 1):
        drawing.setPageSize(size)
        drawing.drawString(72, size[1] / 2, f"{text} page {number}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_uploaded_pdf_appendix_is_merged_as_it_is_stamped_and_numbered(db):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, number=4, title="Spending plans", has_papers=True)
    report = ReportFactory(agenda_item=item, subject="Spending plans")
    ReportSection.objects.create(report=report, heading="1. Purpose", html="<p>Cover.</p>")
    data = make_pdf([letter, landscape(A4), A4], "UPLOADED-SPREADSHEET")
    document = document_upload(
        slug="spending", title="Spending tables", file=upload("tables.pdf", data)
    )
    assert document.page_count == 3
    document_text_extract(document)  # what the worker does after the upload commits
    assert "UPLOADED-SPREADSHEET page 2" in document.pages.get(number=2).text
    Attachment.objects.create(
        agenda_item=item, report=report, document=document, label="Appendix 1"
    )

    pack = agenda_pack_build(meeting=meeting, variant="public")
    read = read_pack(pack_bytes(pack))
    pages_with_upload = [i for i, page in enumerate(read.pages) if "UPLOADED-SPREADSHEET" in page]
    assert len(pages_with_upload) == 3  # kept as text (vector), not rasterised
    for index in pages_with_upload:
        assert read.number(index) is not None
    first, last = pack.layout["papers"][f"document:{document.slug}"]
    assert first % 2 == 1 and last == first + 3  # three pages, then a blank
    with pikepdf.open(io.BytesIO(pack_bytes(pack))) as pdf:
        landscape_page = pdf.pages[pages_with_upload[1]]
        assert float(landscape_page.mediabox[2]) > float(landscape_page.mediabox[3])
    assert_pack_is_faithful(pack)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("minutes.docx", b"PK\x03\x04 not a pdf", NOT_A_PDF),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", DAMAGED_PDF),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message_and_nothing_is_lost(db, name, data, message):
    good = document_upload(
        slug="plan", title="Plan", file=upload("plan.pdf", make_pdf([A4], "GOOD"))
    )
    with pytest.raises(ValidationError) as error:
        document_upload(slug="plan", title="Plan v2", file=upload(name, data), document=good)
    assert error.value.messages == [message.format(name=name)]
    digest = good.content_hash
    good.refresh_from_db()
    assert good.title == "Plan" and good.content_hash == digest
    assert good.file.open("rb").read().startswith(b"%PDF")


def test_password_protected_upload_is_refused(db):
    source = pikepdf.open(io.BytesIO(make_pdf([A4], "SECRET")))
    out = io.BytesIO()
    source.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(ValidationError) as error:
        document_upload(slug="locked", title="Locked", file=upload("locked.pdf", out.getvalue()))
    assert error.value.messages == [ENCRYPTED_PDF.format(name="locked.pdf")]
    assert not Document.objects.filter(slug="locked").exists()


def test_rebuild_renders_only_what_changed(db):
    meeting = exempt_world()
    first = agenda_pack_build(meeting=meeting, variant="public")
    assert agenda_pack_build(meeting=meeting, variant="public") == first  # nothing changed
    before = set(Path(cache_dir()).glob("*.pdf"))
    section = ReportSection.objects.get(report__subject="Budget monitoring report")
    section.html = "<p>Edited text.</p>"
    section.save()
    second = agenda_pack_build(meeting=meeting, variant="public")
    assert second.edition == first.edition + 1
    assert len(set(Path(cache_dir()).glob("*.pdf")) - before) == 1
    assert "Edited text." in "\n".join(read_pack(pack_bytes(second)).pages)
    # The earlier edition stays downloadable.
    assert pack_bytes(AgendaPack.objects.get(pk=first.pk)).startswith(b"%PDF")


def test_build_pack_command_lists_meetings_and_writes_the_file(demo, tmp_path, capsys):
    call_command("build_pack", "--list")
    listed = capsys.readouterr().out.split()
    assert set(SEED_MEETINGS) <= set(listed)
    target = tmp_path / "pack.pdf"
    call_command("build_pack", SEED_MEETINGS[3], "--variant", "members", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert "members edition 1" in capsys.readouterr().out
    call_command("build_pack", "--stale")
    out = capsys.readouterr().out
    assert SEED_MEETINGS[3] + " public" in out and SEED_MEETINGS[3] + " members" not in out


def test_build_pack_command_names_an_unknown_meeting(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No meeting 'nope'"):
        call_command("build_pack", "nope")


def test_pack_downloads_go_through_the_visibility_rule(db, client):
    meeting = exempt_world()
    public = agenda_pack_build(meeting=meeting, variant="public")
    members = agenda_pack_build(meeting=meeting, variant="members")
    response = client.get(public.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client.get(members.get_absolute_url()).status_code == 404
    client.force_login(make_user("other", member=[BodyFactory()]))
    assert client.get(members.get_absolute_url()).status_code == 404
    client.force_login(make_user("member", member=[meeting.body]))
    assert b"".join(client.get(members.get_absolute_url()).streaming_content).startswith(b"%PDF")


def test_meeting_page_shows_the_pack_pages_of_each_paper(demo, client):
    meeting = Meeting.objects.get(slug="2022-02-09-health-and-wellbeing-board")
    pack = agenda_pack_build(meeting=meeting, variant="public")
    page = client.get(meeting.get_absolute_url()).text
    strategy = meeting.items.get(number=5)
    first, last = pack.layout["items"]["5"]
    assert f"(Pages {first} - {last})" in page
    report_key = f"report:{strategy.reports.get().slug}"
    report_first, report_last = pack.layout["papers"][report_key]
    # The range links to the pack at the sheet where the paper starts, read back from the PDF.
    link = re.search(
        r'Health and Wellbeing Strategy</a> <span class="pages">\(<a href="([^"#]+)#page=(\d+)"'
        rf"[^>]*>Pages {report_first} - {report_last}</a>\)",
        page,
    )
    assert link and link[1] == f"/meetings/{meeting.slug}/packs/public/{pack.edition}.pdf"
    read = read_pack(pack_bytes(pack))
    assert read.number(int(link[2]) - 1) == report_first
    assert "Agenda Item 5" in read.pages[int(link[2]) - 1]
    assert "Public pack (PDF" in page


def test_only_clerks_can_start_a_build(db, client):
    meeting = exempt_world()
    url = f"/meetings/{meeting.slug}/packs/build/"
    client.force_login(make_user("member", member=[meeting.body]))
    assert client.post(url).status_code == 403
    client.force_login(make_user("clerk", clerk=[meeting.body]))
    response = client.post(url, follow=True)
    assert "The agenda packs are being built." in response.text
    assert sorted(meeting.packs.values_list("variant", "status")) == [
        ("members", "queued"),
        ("public", "queued"),
    ]
    assert 'role="status"' in response.text and "<progress" in response.text


def test_document_files_are_served_only_through_the_visibility_rule(db, client):
    meeting = exempt_world()
    item = meeting.items.get(number=2)
    document = document_upload(
        slug="valuation-annex", title="Annex", file=upload("annex.pdf", make_pdf([A4], "ANNEX"))
    )
    document.exempt, document.exempt_paragraph = True, 3
    document.save()
    Attachment.objects.create(agenda_item=item, document=document)
    assert client.get("/documents/valuation-annex/file.pdf").status_code == 404
    client.force_login(make_user("member", member=[meeting.body]))
    assert client.get("/documents/valuation-annex/file.pdf").status_code == 200
    open_doc = DocumentFactory(slug="open-doc")
    assert client.get(f"/documents/{open_doc.slug}/file.pdf").status_code == 404  # on no agenda


def test_a_paper_published_after_the_pack_goes_out_as_a_supplement(demo, client):
    meeting = Meeting.objects.get(slug="2022-02-09-health-and-wellbeing-board")
    first = agenda_pack_build(meeting=meeting, variant="public")
    assert first.published_at is not None

    # Appendix C, "to follow" on the agenda, is published.
    appendix_c = Attachment.objects.get(agenda_item__meeting=meeting, to_follow=True)
    appendix_c.document = DocumentFactory(
        slug="hws-iia", title="Integrated Impact Assessment", html="<p>IIA-CONTENT-2022</p>"
    )
    appendix_c.to_follow = False
    appendix_c.save()

    updated = agenda_pack_build(meeting=meeting, variant="public")
    assert updated.edition == first.edition + 1
    updated_text = re.sub(r"\s+", " ", "\n".join(read_pack(pack_bytes(updated)).pages))
    assert (
        "Papers added since the agenda was published: Appendix C – Integrated Impact Assessment"
        in updated_text
    )
    assert "IIA-CONTENT-2022" in updated_text
    assert "(Appendix C to follow)" not in updated_text
    assert_pack_is_faithful(updated)

    supplement = meeting.packs.get(kind=AgendaPack.Kind.SUPPLEMENT, variant="public")
    read = read_pack(pack_bytes(supplement))
    assert "SUPPLEMENTARY AGENDA PACK" in read.pages[0]
    assert read.number(0) is None
    paper = next(i for i, page in enumerate(read.pages) if "IIA-CONTENT-2022" in page)
    assert "Agenda Item 5" in read.pages[paper]
    assert "Page S1" in read.pages[paper]
    assert "(Pages S1 - S2)" in re.sub(r"\s+", " ", read.pages[0])
    assert "Local Outbreak Engagement Board" not in "\n".join(read.pages)  # only the new paper

    # Every version stays downloadable, and the meeting page lists the supplement.
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(supplement.get_absolute_url()).status_code == 200
    page = client.get(meeting.get_absolute_url()).text
    assert "Supplement 1 (PDF, " in page
    assert "Earlier editions" in page

    # The supplement is in the publication log, after the agenda.
    assert [p.number for p in meeting.publications.all()] == [2]  # seed agendas have no record 1
    assert "Supplement 1 published" in page

    # Nothing new since: a rebuild adds neither an edition nor a supplement.
    assert agenda_pack_build(meeting=meeting, variant="public") == updated
    assert meeting.packs.filter(kind=AgendaPack.Kind.SUPPLEMENT, variant="public").count() == 1


def test_rotated_uploaded_page_keeps_its_orientation(db):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, number=3, title="Maps", has_papers=True)
    source = pikepdf.open(io.BytesIO(make_pdf([A4], "ROTATED-MAP")))
    source.pages[0].obj.Rotate = 90
    rotated = io.BytesIO()
    source.save(rotated)
    document = document_upload(slug="map", title="Map", file=upload("map.pdf", rotated.getvalue()))
    Attachment.objects.create(agenda_item=item, document=document)
    pack = agenda_pack_build(meeting=meeting, variant="public")
    data = pack_bytes(pack)
    read = read_pack(data)
    index = next(i for i, page in enumerate(read.pages) if "ROTATED-MAP" in page)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[index]
        assert float(page.mediabox[2]) > float(page.mediabox[3])  # shown landscape, as uploaded
        assert int(page.obj.get("/Rotate", 0)) == 0
    assert read.number(index) is not None


def test_reloading_the_demo_does_not_make_every_paper_look_new(demo):
    meeting = Meeting.objects.get(slug="2022-02-09-health-and-wellbeing-board")
    first = agenda_pack_build(meeting=meeting, variant="public")
    from boardpapers.demo import load_demo

    load_demo()  # items, reports and attachments are recreated with new ids
    meeting = Meeting.objects.get(slug=meeting.slug)
    assert agenda_pack_build(meeting=meeting, variant="public") == first
    assert not meeting.packs.filter(kind=AgendaPack.Kind.SUPPLEMENT).exists()


def test_making_a_paper_exempt_rebuilds_both_packs_and_withdraws_old_public_editions(db, client):
    meeting = exempt_world()
    appendix = Document.objects.create(
        slug="open-annex", title="Open annex", html="<p>GIRAFFE-88</p>"
    )
    item = meeting.items.get(number=1)
    Attachment.objects.create(agenda_item=item, document=appendix, label="Appendix 2")
    public = agenda_pack_build(meeting=meeting, variant="public")
    members = agenda_pack_build(meeting=meeting, variant="members")
    assert "GIRAFFE-88" in "\n".join(read_pack(pack_bytes(public)).pages)

    appendix.exempt, appendix.exempt_paragraph = True, ExemptParagraph.INDIVIDUAL
    appendix.save()
    new_members = agenda_pack_build(meeting=meeting, variant="members")
    assert new_members.edition == members.edition + 1
    read = read_pack(pack_bytes(new_members))
    page = next(p for p in read.pages if "GIRAFFE-88" in p)
    assert "EXEMPT – NOT FOR PUBLICATION" in page

    new_public = agenda_pack_build(meeting=meeting, variant="public")
    assert "GIRAFFE-88" not in "\n".join(read_pack(pack_bytes(new_public)).pages)
    public.refresh_from_db()
    assert public.withdrawn
    assert client.get(public.get_absolute_url()).status_code == 404
    assert client.get(new_public.get_absolute_url()).status_code == 200
    client.force_login(make_user("clerk", clerk=[meeting.body]))
    assert client.get(public.get_absolute_url()).status_code == 200


def test_meeting_page_queries_do_not_grow_with_pack_editions(
    demo, client, django_assert_max_num_queries
):
    meeting = Meeting.objects.get(slug="2022-12-15-southampton-health-and-care-partnership-board")
    agenda_pack_build(meeting=meeting, variant="public")
    with django_assert_max_num_queries(16) as first:
        client.get(meeting.get_absolute_url())
    for _ in range(3):
        agenda_pack_build(meeting=meeting, variant="public", force=True)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(meeting.get_absolute_url())
