"""Officers write reports in the browser's forms; clerks assign, return and accept them."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from meetings import agenda
from meetings.models import Change, Meeting
from reports.models import Report
from tests.conftest import make_user
from tests.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def pdf_bytes(text: str) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    drawing.drawString(72, 700, text)
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal Word document, as Word would save it."""
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        docx.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        docx.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return out.getvalue()


@pytest.fixture
def world():
    body = BodyFactory(name="Cabinet")
    meeting = MeetingFactory(
        body=body, date=datetime.date(2027, 3, 3), status=Meeting.Status.SCHEDULED
    )
    clerk = make_user("clerk", clerk=[body])
    officer = make_user("officer", officer=[body])
    item = agenda.agenda_item_add(meeting=meeting, by=clerk, title="Parking strategy")
    return {"body": body, "meeting": meeting, "clerk": clerk, "officer": officer, "item": item}


def assign(client, world):
    client.force_login(world["clerk"])
    response = client.post(
        f"/reports/assign/{world['item'].pk}/",
        {
            "subject": "Parking strategy 2027",
            "officer": world["officer"].pk,
            "due_date": "2027-02-10",
            "template": "portsmouth_decision",
        },
    )
    assert response.status_code == 302
    return Report.objects.get(subject="Parking strategy 2027")


def edit_data(report, **overrides):
    data = {
        "subject": report.subject,
        "report_by": "Ann Officer, Head of Transport",
        "wards_affected": "All",
        "key_decision": "false",
        "version": report.version,
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-0-heading": "1. Purpose",
        "sections-0-kind": "purpose",
        "sections-0-html": '<p onclick="x()">To agree the strategy.</p><script>alert(1)</script>',
        "sections-1-heading": "2. Recommendations",
        "sections-1-kind": "recommendations",
        "sections-1-html": "<ul><li>Approve it</li></ul><table><tr><td>£1m</td></tr></table>",
    }
    data.update(overrides)
    return data


def test_officer_writes_uploads_and_submits_and_the_clerk_returns_then_accepts(world, client):
    report = assign(client, world)
    assert report.assigned_to == world["officer"] and report.status == Report.Status.DRAFT
    client.force_login(world["officer"])
    assert "Parking strategy 2027" in client.get("/reports/mine/").text

    assert client.post(f"/reports/{report.slug}/edit/", edit_data(report)).status_code == 302
    report.refresh_from_db()
    sections = list(report.sections.values_list("heading", "html"))
    assert sections[0] == ("1. Purpose", "<p>To agree the strategy.</p>")  # scripts stripped
    assert "<table>" in sections[1][1] and "<li>Approve it</li>" in sections[1][1]

    client.post(
        f"/reports/{report.slug}/appendices/",
        {"file": io.BytesIO(pdf_bytes("APPENDIX-A-PDF")), "label": "Appendix A", "title": "Costs"},
        format="multipart",
    )
    upload = io.BytesIO(docx_bytes(["Consultation results", "Most respondents agreed."]))
    upload.name = "consultation.docx"
    client.post(
        f"/reports/{report.slug}/appendices/",
        {"file": upload, "label": "Appendix B", "title": "Consultation"},
    )
    appendices = list(report.appendices.select_related("document").order_by("order"))
    assert [a.label for a in appendices] == ["Appendix A", "Appendix B"]
    pdf = appendices[0].document
    assert pdf.page_count == 1 and pdf.text_status == "pending"  # read for search later
    assert "<p>Most respondents agreed.</p>" in appendices[1].document.html

    preview = client.get(report.get_absolute_url())
    assert preview.status_code == 200 and "To agree the strategy." in preview.text

    client.post(f"/reports/{report.slug}/submit/")
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED

    client.force_login(world["clerk"])
    assert "Parking strategy 2027" in client.get("/reports/mine/").text  # to review
    response = client.post(f"/reports/{report.slug}/review/", {"decision": "return", "comment": ""})
    assert "Say what the officer should change." in response.text
    client.post(
        f"/reports/{report.slug}/review/",
        {"decision": "return", "comment": "Add the finance comments."},
    )
    client.force_login(world["officer"])
    assert "Add the finance comments." in client.get("/reports/mine/").text
    client.post(f"/reports/{report.slug}/submit/")
    client.force_login(world["clerk"])
    client.post(f"/reports/{report.slug}/review/", {"decision": "accept", "comment": ""})
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert agenda.publication_problems(world["meeting"]) == []
    actions = list(Change.objects.filter(object_type="report").values_list("action", flat=True))
    for action in (
        "assigned",
        "edited",
        "appendix added",
        "submitted to the clerk",
        "returned",
        "accepted",
    ):
        assert action in actions


def test_a_second_conflicting_save_is_refused_and_the_text_kept(world, client):
    report = assign(client, world)
    stale = edit_data(report)
    client.force_login(world["officer"])
    client.post(
        f"/reports/{report.slug}/edit/",
        edit_data(report, **{"sections-0-html": "<p>First save.</p>"}),
    )
    client.force_login(world["clerk"])
    response = client.post(
        f"/reports/{report.slug}/edit/", {**stale, "sections-0-html": "<p>Clerk's rewording.</p>"}
    )
    assert response.status_code == 200
    assert "Someone else saved this report after you opened it." in response.text
    assert "Clerk&#x27;s rewording." in response.text
    report.refresh_from_db()
    assert report.sections.get(order=0).html == "<p>First save.</p>"


def test_only_the_assigned_officer_and_clerks_can_edit(world, client):
    report = assign(client, world)
    client.force_login(make_user("other-officer", officer=[world["body"]]))
    assert client.get(f"/reports/{report.slug}/edit/").status_code == 404  # not even visible
    client.force_login(world["officer"])
    assert client.get(f"/reports/{report.slug}/review/").status_code == 403
    client.logout()
    assert client.get(f"/reports/{report.slug}/edit/").status_code == 302


def test_a_file_that_is_neither_pdf_nor_docx_is_refused_with_a_message(world, client):
    report = assign(client, world)
    client.force_login(world["officer"])
    upload = io.BytesIO(b"just text")
    upload.name = "notes.txt"
    response = client.post(
        f"/reports/{report.slug}/appendices/",
        {"file": upload, "label": "Appendix C", "title": "Notes"},
        follow=True,
    )
    assert "“notes.txt” is not a PDF file." in response.text
    assert not report.appendices.exists()


def test_appendices_reorder_and_the_pack_pages_preview_prints(world, client):
    from reports.services import report_preview_build
    from tests.meetings.pdfread import read_pack

    report = assign(client, world)
    client.force_login(world["officer"])
    client.post(f"/reports/{report.slug}/edit/", edit_data(report))
    for label, text in (("Appendix A", "FIRST"), ("Appendix B", "SECOND")):
        client.post(
            f"/reports/{report.slug}/appendices/",
            {"file": io.BytesIO(pdf_bytes(text)), "label": label, "title": text.title()},
        )
    second = report.appendices.get(label="Appendix B")
    client.post(f"/reports/{report.slug}/appendices/{second.pk}/move/", {"direction": "up"})
    assert list(report.appendices.order_by("order").values_list("label", flat=True)) == [
        "Appendix B",
        "Appendix A",
    ]

    report_preview_build(report=Report.objects.get(pk=report.pk))  # what the worker runs
    response = client.get(f"/reports/{report.slug}/preview.pdf")
    read = read_pack(b"".join(response.streaming_content))
    assert "Agenda Item 1" in read.pages[0]
    assert read.number(0) == 1
    order = [i for i, page in enumerate(read.pages) if "SECOND" in page or "FIRST" in page]
    assert "SECOND" in read.pages[order[0]] and "FIRST" in read.pages[order[1]]
    assert len(read.pages) % 2 == 0
    client.force_login(make_user("stranger"))
    assert client.get(f"/reports/{report.slug}/preview.pdf").status_code == 404


def test_contacts_and_background_documents_are_edited_as_lines(world, client):
    report = assign(client, world)
    client.force_login(world["officer"])
    data = edit_data(
        report,
        contacts_text="Author | Deputy Director | Donna Chapman | 07879 898227 | d.chapman1@nhs.net",
        background_text="Parking survey 2026 | Civic Offices\nCabinet report, May 2026 | Website",
    )
    assert client.post(f"/reports/{report.slug}/edit/", data).status_code == 302
    report.refresh_from_db()
    assert report.contacts == [
        {
            "role": "Author",
            "title": "Deputy Director",
            "name": "Donna Chapman",
            "phone": "07879 898227",
            "email": "d.chapman1@nhs.net",
        }
    ]
    assert report.background_documents[1] == {
        "title": "Cabinet report, May 2026",
        "location": "Website",
    }
    page = client.get(f"/reports/{report.slug}/edit/").text
    assert "Parking survey 2026 | Civic Offices" in page
    public = client.get(report.get_absolute_url()).text
    assert "Donna Chapman" in public and "Parking survey 2026" in public
