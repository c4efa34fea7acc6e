"""Reports and documents as agenda papers (registered with meetings.papers)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from django.template.loader import render_to_string
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.papers import PackSource, Paper
from reports.models import Attachment, Document, Report


def report_source(report: Report, appendices: list[Attachment]) -> PackSource:
    return PackSource(
        html=render_to_string(
            "reports/pdf/report.html",
            {"report": report, "sections": report.sections.all(), "appendices": appendices},
        )
    )


def document_source(document: Document, label: str = "") -> PackSource:
    if document.file:
        return PackSource(pdf_path=document.file.path, digest=document.content_hash)
    return PackSource(
        html=render_to_string("reports/pdf/document.html", {"document": document, "label": label})
    )


def _attachment_paper(attachment: Attachment) -> Paper:
    if attachment.to_follow or attachment.document is None:
        return Paper(
            kind="to_follow",
            label=attachment.label,
            title=attachment.display_title,
            order=(attachment.order,),
            key=f"to-follow:{attachment.agenda_item.number}:{attachment.label or attachment.title}",
        )
    return Paper(
        kind="appendix" if attachment.report_id else "document",
        label=attachment.label,
        title=attachment.display_title,
        url=attachment.document.get_absolute_url(),
        order=(attachment.order,),
        exempt=attachment.document.exempt,
        obj=attachment.document,
        key=f"document:{attachment.document.slug}",
        source=partial(document_source, attachment.document, attachment.label),
    )


def item_papers(items: list[AgendaItem], user) -> Iterator[tuple[int, Paper]]:
    item_ids = [item.pk for item in items]
    attachments = list(
        Attachment.objects.visible_to(user)
        .filter(agenda_item_id__in=item_ids)
        .select_related("document", "agenda_item")
        .order_by("order", "pk")
    )
    appendices: dict[int, list[Attachment]] = {}
    for attachment in attachments:
        if attachment.report_id:
            appendices.setdefault(attachment.report_id, []).append(attachment)
    reports = (
        Report.objects.visible_to(user)
        .filter(agenda_item_id__in=item_ids)
        .select_related("agenda_item__meeting__body")
        .prefetch_related("sections")
        .order_by("pk")
    )
    for position, report in enumerate(reports):
        report_appendices = appendices.get(report.pk, [])
        yield (
            report.agenda_item_id,
            Paper(
                kind="report",
                title=report.subject,
                url=reverse("reports:detail", kwargs={"slug": report.slug}),
                order=(0, position),
                exempt=report.exempt,
                children=tuple(_attachment_paper(a) for a in report_appendices),
                obj=report,
                key=f"report:{report.slug}",
                source=partial(report_source, report, report_appendices),
                ready=report.status in (Report.Status.ACCEPTED, Report.Status.PUBLISHED),
                status=report.get_status_display().lower(),
            ),
        )
    for attachment in attachments:
        if not attachment.report_id:
            paper = replace(_attachment_paper(attachment), order=(1, attachment.order))
            yield attachment.agenda_item_id, paper
