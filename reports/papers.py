"""Reports and documents as agenda papers (registered with meetings.papers)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from django.urls import reverse

from meetings.models import AgendaItem
from meetings.papers import Paper
from reports.models import Attachment, Report


def _attachment_paper(attachment: Attachment) -> Paper:
    if attachment.to_follow or attachment.document is None:
        return Paper(
            kind="to_follow",
            label=attachment.label,
            title=attachment.display_title,
            order=(attachment.order,),
        )
    return Paper(
        kind="appendix" if attachment.report_id else "document",
        label=attachment.label,
        title=attachment.display_title,
        url=attachment.document.get_absolute_url(),
        order=(attachment.order,),
        exempt=attachment.document.exempt,
        obj=attachment.document,
    )


def item_papers(items: list[AgendaItem], user) -> Iterator[tuple[int, Paper]]:
    item_ids = [item.pk for item in items]
    attachments = list(
        Attachment.objects.visible_to(user)
        .filter(agenda_item_id__in=item_ids)
        .select_related("document")
        .order_by("order", "pk")
    )
    appendices: dict[int, list[Paper]] = {}
    for attachment in attachments:
        if attachment.report_id:
            appendices.setdefault(attachment.report_id, []).append(_attachment_paper(attachment))
    reports = Report.objects.visible_to(user).filter(agenda_item_id__in=item_ids).order_by("pk")
    for position, report in enumerate(reports):
        yield (
            report.agenda_item_id,
            Paper(
                kind="report",
                title=report.subject,
                url=reverse("reports:detail", kwargs={"slug": report.slug}),
                order=(0, position),
                exempt=report.exempt,
                children=tuple(appendices.get(report.pk, ())),
                obj=report,
            ),
        )
    for attachment in attachments:
        if not attachment.report_id:
            paper = replace(_attachment_paper(attachment), order=(1, attachment.order))
            yield attachment.agenda_item_id, paper
