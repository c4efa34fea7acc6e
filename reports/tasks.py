"""Background jobs for reports: the pack-pages preview an officer asks for, and reading an
uploaded PDF's words for search."""

from __future__ import annotations

import contextlib

from procrastinate import exceptions
from procrastinate.contrib.django import app

from reports.models import Report


@app.task(queue="packs", name="preview_report")
def preview_report(report_id: int) -> None:
    report = Report.objects.select_related("agenda_item__meeting").filter(pk=report_id).first()
    if report is not None:
        from reports.services import report_preview_build

        report_preview_build(report=report)


def enqueue_preview(report_id: int) -> None:
    lock = f"preview-{report_id}"
    with contextlib.suppress(exceptions.AlreadyEnqueued):
        preview_report.configure(lock=lock, queueing_lock=lock).defer(report_id=report_id)


@app.task(queue="text", name="extract_document_text")
def extract_document_text(document_id: int) -> None:
    from reports.models import Document
    from reports.services import document_text_extract

    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        document_text_extract(document)


def enqueue_text_extraction(document_id: int) -> None:
    lock = f"text-{document_id}"
    with contextlib.suppress(exceptions.AlreadyEnqueued):
        extract_document_text.configure(lock=lock, queueing_lock=lock).defer(
            document_id=document_id
        )
