"""The minutes page."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_safe

from meetings.cache import public_page_cache
from minutes.models import Minutes
from minutes.papers import minutes_context


@require_safe  # HEAD too: link checkers and crawlers, served from the cache
@public_page_cache
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


DECISIONS_PER_PAGE = 50


@require_GET
def decisions(request: HttpRequest) -> HttpResponse:
    """Every resolution the visitor may read, across bodies, filterable and paginated."""
    from django.core.paginator import Paginator
    from django.db.models import Prefetch

    from meetings import papers
    from meetings.models import AgendaItem
    from minutes.filters import DecisionFilter
    from minutes.models import Resolution

    queryset = (
        Resolution.objects.visible_to(request.user)
        .select_related("entry__minutes__meeting__body")
        .prefetch_related(
            "parts",
            Prefetch("entry__agenda_items", queryset=AgendaItem.objects.order_by("number")),
        )
        .order_by("-entry__minutes__meeting__date", "entry__order", "order")
    )
    register = DecisionFilter(request.GET or None, queryset=queryset)
    page = Paginator(register.qs, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    items = [item for resolution in page for item in resolution.entry.agenda_items.all()]
    found = papers.papers_for_items(items, request.user)
    rows = []
    for resolution in page:
        reports = [
            paper
            for item in resolution.entry.agenda_items.all()
            for paper in found.get(item.pk, ())
            if paper.kind == "report"
        ]
        rows.append({"resolution": resolution, "reports": reports})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "minutes/decision_list.html",
        {"filter": register, "page": page, "rows": rows, "query": query.urlencode()},
    )
