"""Report and document pages: the paper as accessible HTML."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_safe

from meetings.cache import public_page_cache
from reports.models import Attachment, Document, Report


@require_safe  # HEAD too: link checkers and crawlers, served from the cache
@public_page_cache
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("agenda_item__meeting__body"),
        slug=slug,
    )
    appendices = (
        Attachment.objects.visible_to(request.user)
        .filter(report=report)
        .select_related("document")
        .order_by("order")
    )
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "sections": report.sections.all(), "appendices": appendices},
    )


@require_safe
@public_page_cache
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), slug=slug)
    attachments = (
        Attachment.objects.visible_to(request.user)
        .filter(document=document)
        .select_related("agenda_item__meeting__body", "report")
        .order_by("-agenda_item__meeting__date")
    )
    return render(
        request,
        "reports/document_detail.html",
        {"document": document, "attachments": attachments},
    )


@require_GET
def document_file(request: HttpRequest, slug: str) -> HttpResponse:
    """An uploaded paper, served only through the visibility rule (MEDIA has no URL)."""
    document = get_object_or_404(Document.objects.visible_to(request.user), slug=slug)
    if not document.file:
        raise Http404("This document has no uploaded file.")
    return FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"{document.slug}.pdf"
    )
