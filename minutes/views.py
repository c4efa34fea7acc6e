"""The minutes page."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from minutes.models import Minutes
from minutes.papers import minutes_context


@require_GET
def minutes_detail(request: HttpRequest, slug: str) -> HttpResponse:
    minutes = get_object_or_404(
        Minutes.objects.visible_to(request.user).select_related(
            "meeting__body", "approved_at__body"
        ),
        meeting__slug=slug,
    )
    return render(request, "minutes/minutes_detail.html", minutes_context(minutes, request.user))


@require_GET
def minutes_printed(request: HttpRequest, slug: str) -> HttpResponse:
    """The printed minutes PDF, through the same visibility rule as the page."""
    minutes = get_object_or_404(Minutes.objects.visible_to(request.user), meeting__slug=slug)
    if not minutes.printed:
        raise Http404("The printed minutes have not been produced yet.")
    return FileResponse(
        minutes.printed.open("rb"), content_type="application/pdf", filename=f"{slug}-minutes.pdf"
    )
