"""Writes with effects for reports and documents."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from meetings.html import sanitise_html
from reports.models import Document, Report
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
    page_count, text, digest = pdf_facts(data)
    file.seek(0)
    document = document or Document(slug=slug, kind=kind)
    document.title = title
    document.file.save(file.name.rsplit("/", 1)[-1], file, save=False)
    document.page_count = page_count
    document.text = text
    document.content_hash = digest
    document.html = sanitise_html(document.html)
    document.full_clean()
    document.save()
    return document


def reports_publish(meeting) -> None:
    """With the agenda: the reports the clerk accepted go out (registered publish hook)."""
    Report.objects.filter(agenda_item__meeting=meeting, status=Report.Status.ACCEPTED).update(
        status=Report.Status.PUBLISHED
    )
