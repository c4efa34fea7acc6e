"""Writes with effects for reports and documents."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from meetings.html import sanitise_html
from reports.models import Attachment, Document, Report, ReportSection
from reports.uploads import pdf_facts, validate_pdf_upload


@transaction.atomic
def document_upload(
    *,
    slug: str,
    title: str,
    file: UploadedFile,
    kind: str = Document.Kind.APPENDIX,
    document: Document | None = None,
) -> Document:
    """Store an uploaded PDF paper (new, or replacing a document's file) after checking it.

    A refused file raises ValidationError before anything is written, so the document as it
    was (and its earlier file) is kept.
    """
    validate_pdf_upload(file)
    file.seek(0)
    data = file.read()
    page_count, digest = pdf_facts(data)
    file.seek(0)
    document = document or Document(slug=slug, kind=kind)
    document.title = title
    document.file.save(file.name.rsplit("/", 1)[-1], file, save=False)
    document.page_count = page_count
    document.content_hash = digest
    document.html = sanitise_html(document.html)
    document.full_clean()
    document_text_queue(document)
    return document


def document_text_queue(document: Document) -> None:
    """Save the document as waiting for its words to be read, and have the worker read them
    once the upload is committed: extraction never slows the upload down."""
    from reports.tasks import enqueue_text_extraction

    document.text_status = Document.TextStatus.PENDING
    document.save()
    transaction.on_commit(lambda: enqueue_text_extraction(document.pk))


def document_text_extract(document: Document) -> int:
    """Read the uploaded PDF's words into one DocumentPage row per page. Returns the number
    of pages with words; none at all marks the document as a probable scan."""
    from reports.models import DocumentPage
    from reports.uploads import pdf_page_texts

    texts = pdf_page_texts(document.file.path) if document.file else []
    with transaction.atomic():
        document.pages.all().delete()
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=number, text=text)
            for number, text in enumerate(texts, start=1)
        )
        found = sum(1 for text in texts if text.strip())
        status = Document.TextStatus.INDEXED if found else Document.TextStatus.NO_TEXT
        Document.objects.filter(pk=document.pk).update(text_status=status)
    return found


def reports_publish(meeting) -> None:
    """With the agenda: the reports the clerk accepted go out (registered publish hook)."""
    Report.objects.filter(agenda_item__meeting=meeting, status=Report.Status.ACCEPTED).update(
        status=Report.Status.PUBLISHED
    )


REPORT_CONFLICT = (
    "Someone else saved this report after you opened it. Your text is still in the form: "
    "compare it with the report as saved, then save again."
)
NOT_YOURS = "Only the officer writing this report, or the body's clerks, can change it."
CANNOT_SUBMIT = "Only a draft or returned report can be submitted (this one is {status})."
CANNOT_REVIEW = "Only a submitted report can be returned or accepted (this one is {status})."
COMMENT_NEEDED = "Say what the officer should change."
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_PDF_OR_DOCX = "“{name}” is neither a PDF nor a Word (.docx) file."


def _can_write(report: Report, user) -> bool:
    from meetings import access

    body_id = report.agenda_item.meeting.body_id if report.agenda_item_id else None
    return report.assigned_to_id == user.pk or (body_id and access.can_manage(user, body_id))


def _record(report: Report, by, action: str, details: dict | None = None) -> None:
    from meetings.agenda import change_record

    meeting = report.agenda_item.meeting if report.agenda_item_id else None
    change_record(user=by, obj=report, action=action, meeting=meeting, details=details)


@transaction.atomic
def report_assign(*, item, officer, due_date, subject: str, template: str, by) -> Report:
    """The clerk asks an officer for the report of an agenda item, by a date."""
    from meetings.utils import unique_slug

    slug = unique_slug(Report, f"{item.meeting.slug}-{item.number}-{subject}")
    report = Report.objects.create(
        slug=slug,
        agenda_item=item,
        template=template,
        subject=subject,
        assigned_to=officer,
        due_date=due_date,
    )
    if not item.has_papers:
        item.has_papers = True
        item.save(update_fields=["has_papers"])
    _record(report, by, "assigned", {"officer": str(officer), "due": str(due_date or "")})
    return report


COVER_FIELDS = [
    "subject", "report_by", "report_from", "requested_by", "report_of", "wards_affected",
    "key_decision", "full_council_decision", "confidentiality", "signed_by",
]  # fmt: skip
# Structured lists of the cover sheet, edited as lines of "a | b | c".
COVER_LISTS = ["contacts", "background_documents"]


@transaction.atomic
def report_save(*, report: Report, by, version: int, fields: dict, sections: list[dict]) -> Report:
    """Save the cover fields and sections, unless someone saved since `version` was read."""
    if not _can_write(report, by):
        raise ValidationError(NOT_YOURS)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.version != version:
        raise ValidationError(REPORT_CONFLICT, code="conflict")
    changed = {}
    for key in COVER_FIELDS + COVER_LISTS:
        if key in fields and getattr(locked, key) != fields[key]:
            changed[key] = [str(getattr(locked, key)), str(fields[key])]
            setattr(locked, key, fields[key])
    locked.version += 1
    locked.full_clean()
    locked.save()
    old_sections = [(s.heading, s.kind, s.html) for s in locked.sections.all()]
    clean = [
        (s["heading"].strip(), s.get("kind") or ReportSection.Kind.OTHER, sanitise_html(s["html"]))
        for s in sections
        if s.get("heading", "").strip() or s.get("html", "").strip()
    ]
    if clean != old_sections:
        locked.sections.all().delete()
        ReportSection.objects.bulk_create(
            ReportSection(
                report=locked, order=n, heading=h or "Untitled section", kind=k, html=html
            )
            for n, (h, k, html) in enumerate(clean)
        )
        changed["sections"] = f"{len(old_sections)} → {len(clean)} sections"
        # bulk_create sends no signal; tell the packs the report changed.
        from meetings.rebuild import contents_changed

        if locked.agenda_item_id:
            contents_changed([locked.agenda_item.meeting_id])
    if changed:
        _record(locked, by, "edited", changed)
    return locked


@transaction.atomic
def report_submit(*, report: Report, by) -> Report:
    if not _can_write(report, by):
        raise ValidationError(NOT_YOURS)
    if report.status not in (Report.Status.DRAFT, Report.Status.RETURNED):
        raise ValidationError(CANNOT_SUBMIT.format(status=report.get_status_display().lower()))
    report.status = Report.Status.SUBMITTED
    report.save(update_fields=["status", "updated_at"])
    _record(report, by, "submitted to the clerk")
    return report


@transaction.atomic
def report_review(*, report: Report, by, accept: bool, comment: str = "") -> Report:
    """The clerk accepts a submitted report, or returns it with a comment."""
    from meetings import access

    if not access.can_manage(by, report.agenda_item.meeting.body_id):
        raise ValidationError(access.NOT_A_CLERK.format(body=report.agenda_item.meeting.body.name))
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(CANNOT_REVIEW.format(status=report.get_status_display().lower()))
    if accept:
        # After publication an accepted report goes straight out (as a supplement).
        published = report.agenda_item.meeting.agenda_is_public
        report.status = Report.Status.PUBLISHED if published else Report.Status.ACCEPTED
        report.review_comment = ""
    else:
        if not comment.strip():
            raise ValidationError({"comment": COMMENT_NEEDED})
        report.status = Report.Status.RETURNED
        report.review_comment = comment.strip()
    report.save(update_fields=["status", "review_comment", "updated_at"])
    _record(report, by, "accepted" if accept else "returned", {"comment": report.review_comment})
    return report


@transaction.atomic
def appendix_add(*, report: Report, file: UploadedFile, label: str, title: str, by) -> Attachment:
    """Attach a PDF as it is, or a Word document converted to clean HTML, as an appendix."""
    import mammoth

    from meetings.utils import unique_slug

    if not _can_write(report, by):
        raise ValidationError(NOT_YOURS)
    name = file.name.rsplit("/", 1)[-1]
    slug = unique_slug(Document, f"{report.slug}-{label or title}", fallback=report.slug)
    if name.lower().endswith(".docx"):
        try:
            result = mammoth.convert_to_html(file)
        except Exception as error:  # mammoth raises zipfile/KeyError on non-docx files
            raise ValidationError(NOT_PDF_OR_DOCX.format(name=name)) from error
        html = sanitise_html(result.value)
        document = Document(slug=slug, title=title, html=html, kind=Document.Kind.APPENDIX)
        document.content_hash = hashlib.sha256(html.encode()).hexdigest()
        document.full_clean()
        document.save()
    else:
        document = document_upload(slug=slug, title=title, file=file)
    order = report.appendices.count()
    attachment = Attachment.objects.create(
        agenda_item=report.agenda_item, report=report, document=document, label=label, order=order
    )
    _record(report, by, "appendix added", {"appendix": f"{label} {title}".strip()})
    return attachment


def report_preview_build(*, report: Report) -> Report:
    """Print the report and its appendices alone, as they will look in the pack."""
    from django.core.files.base import ContentFile

    from meetings.pack.single import build_item_preview
    from reports.papers import document_source, report_source

    appendices = list(report.appendices.select_related("document").order_by("order"))
    sources = [("html", report_source(report, appendices).html)]
    for attachment in appendices:
        if attachment.document is None:
            continue
        source = document_source(attachment.document, attachment.label)
        sources.append(("pdf", source.pdf_path) if source.pdf_path else ("html", source.html))
    number = report.agenda_item.display_number if report.agenda_item_id else "?"
    pdf, _ = build_item_preview(stamp_number=number, sources=sources, title=report.subject)
    old = report.preview.name if report.preview else ""
    report.preview.save(f"{report.slug}-preview.pdf", ContentFile(pdf), save=False)
    # update(): a preview is not an edit, so it must not queue pack rebuilds or bump versions.
    Report.objects.filter(pk=report.pk).update(
        preview=report.preview.name, preview_version=report.version
    )
    if old and old != report.preview.name:
        report.preview.storage.delete(old)
    return report


@transaction.atomic
def appendix_move(*, attachment: Attachment, direction: str, by) -> None:
    """Swap an appendix with its neighbour; the labels stay as the officer wrote them."""
    report = attachment.report
    if not _can_write(report, by):
        raise ValidationError(NOT_YOURS)
    siblings = list(report.appendices.order_by("order", "pk"))
    index = siblings.index(attachment)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.order != position:
            sibling.order = position
            sibling.save(update_fields=["order"])
    _record(report, by, f"appendix moved {direction}", {"appendix": str(attachment)})
