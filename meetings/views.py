"""Public pages for bodies, meetings and people. Every read goes through `visible_to`."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from meetings import access, alerts, papers, portal, registry, search, services
from meetings.cache import public_page_cache
from meetings.filters import MeetingFilter
from meetings.models import (
    AgendaItem,
    AgendaPack,
    Body,
    Meeting,
    Membership,
    Person,
    Publication,
    SavedSearch,
)

HOME_LIST_SIZE = 10
RECENTLY_PUBLISHED = 5
PAST_MEETINGS_PER_PAGE = 20
MEETINGS_PER_PAGE = 20
PEOPLE_PER_PAGE = 50


@require_safe  # HEAD too: link checkers and crawlers, served from the cache
@public_page_cache
def home(request: HttpRequest) -> HttpResponse:
    """Bodies, and what is coming up and was recently held."""
    today = datetime.date.today()
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    bodies = (
        Body.objects.filter(parent__isnull=True)
        .select_related("organisation")
        .prefetch_related("children")
    )
    publications = (
        Publication.objects.visible_to(request.user)
        .select_related("meeting__body")
        .order_by("-published_at", "-pk")
    )
    return render(
        request,
        "meetings/home.html",
        {
            "bodies": bodies,
            "upcoming": meetings.upcoming(today)[:HOME_LIST_SIZE],
            "recent": meetings.past(today)[:HOME_LIST_SIZE],
            "publications": publications[:RECENTLY_PUBLISHED],
            "sections": registry.home_sections(request.user),
        },
    )


@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/body_list.html", {"groups": portal.body_tree()})


@require_safe
@public_page_cache
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(
        Body.objects.select_related("organisation", "parent").prefetch_related("children"),
        slug=slug,
    )
    today = datetime.date.today()
    meetings = Meeting.objects.visible_to(request.user).filter(body=body)
    members = list(
        body.memberships.current(today)
        .select_related("person", "organisation")
        .order_by("order", "person__name")
    )
    if not members:
        # Between terms, show the membership as it was printed most recently.
        latest = meetings.filter(date__lte=today).select_related("body").first()
        members = list(latest.members()) if latest else []
    past = Paginator(meetings.past(today), PAST_MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "can_manage": access.can_manage(request.user, body.pk),
            "member_groups": portal.members_by_role(members),
            "upcoming": meetings.upcoming(today),
            "past": past,
        },
    )


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Every meeting the visitor may see, the coming ones first, by body and month."""
    today = datetime.date.today()
    meetings = (
        Meeting.objects.visible_to(request.user).select_related("body").upcoming_then_past(today)
    )
    filters = MeetingFilter(request.GET, queryset=meetings)
    page = Paginator(filters.qs, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"filter": filters, "page": page})


@require_GET
def calendar_today(request: HttpRequest) -> HttpResponse:
    today = datetime.date.today()
    return redirect("meetings:calendar", year=today.year, month=today.month)


@require_GET
def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if year not in portal.CALENDAR_YEARS or not 1 <= month <= 12:
        raise Http404("There is no calendar for that month.")
    meetings = Meeting.objects.visible_to(request.user).select_related("body").in_month(year, month)
    return render(
        request,
        "meetings/calendar_month.html",
        {"month": portal.month_calendar(year, month, meetings, datetime.date.today())},
    )


@require_safe
@public_page_cache
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The agenda with each item's papers, and the minutes when they exist."""
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("body__organisation"), slug=slug
    )
    items = list(
        meeting.items.for_agenda(request.user)
        .filter(parent__isnull=True)
        .prefetch_related(
            Prefetch(
                "sub_items",
                queryset=AgendaItem.objects.for_agenda(request.user),
                to_attr="visible_sub_items",
            )
        )
        .order_by("order", "number")
    )
    packs = _packs_for(meeting, request.user)
    # Page numbers as printed in the pack this visitor can download (members' when entitled).
    shown = packs["latest"].get(AgendaPack.Variant.MEMBERS) or packs["latest"].get(
        AgendaPack.Variant.PUBLIC
    )
    layout = shown.layout if shown else {}
    for item in items:
        pages = layout.get("items", {}).get(item.display_number)
        if pages:
            item.page_start, item.page_end = pages
        elif shown:
            item.page_start = item.page_end = None
    item_papers = papers.papers_for_items(items, request.user)
    decisions = registry.decisions_for_items(items, request.user)
    for item in items:
        # As in the pack: the "to follow" note stands until the papers are published.
        printed = [p for paper in item_papers.get(item.pk, ()) for p in paper.flattened()]
        item.to_follow_open = bool(item.to_follow_note) and (
            any(p.kind == "to_follow" for p in printed) or (item.has_papers and not printed)
        )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "papers": item_papers,
            "decisions": decisions,
            "paper_pages": layout.get("papers", {}),
            "pack_url": _pack_url(shown),
            "pack_offset": shown.sheet(0) if shown else 0,
            "links": papers.links_for_meeting(meeting, request.user),
            "members": meeting.members(),
            "packs": packs,
            "publications": meeting.publications.all(),
            "can_manage": _can_manage(request.user, meeting),
        },
    )


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Seats held now, every seat over time, and what other apps add (attendance)."""
    person = get_object_or_404(Person, slug=slug)
    memberships = list(
        person.memberships.select_related("body", "organisation").order_by(
            F("start").desc(nulls_last=True), F("end").desc(nulls_first=True), "body__name"
        )
    )
    today = datetime.date.today()
    return render(
        request,
        "meetings/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "current": [membership for membership in memberships if membership.held_on(today)],
            "sections": registry.person_sections(person, request.user),
        },
    )


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    """The people sitting on a body today, A to Z by surname, with their seats."""
    seats = Membership.objects.current().select_related("body").order_by("body__name", "order")
    people = (
        Person.objects.current_members()
        .alphabetical()
        .prefetch_related(Prefetch("memberships", queryset=seats, to_attr="current_seats"))
    )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/person_list.html", {"page": page})


def _pack_url(pack: AgendaPack | None) -> str:
    if pack is None:
        return ""
    return reverse(
        "meetings:pack",
        kwargs={"slug": pack.meeting.slug, "variant": pack.variant, "edition": pack.edition},
    )


def _can_manage(user, meeting: Meeting) -> bool:
    return access.is_site_admin(user) or meeting.body_id in access.clerk_body_ids(user)


def _packs_for(meeting: Meeting, user) -> dict:
    """The packs a user may download, newest edition first, and what is being built."""
    packs = list(
        AgendaPack.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("meeting__body")
        .order_by("variant", "-edition")
    )
    ready = [pack for pack in packs if pack.status == AgendaPack.Status.READY]
    full = [pack for pack in ready if pack.kind == AgendaPack.Kind.FULL]
    latest = {}
    for pack in full:
        latest.setdefault(pack.variant, pack)
    return {
        "latest": latest,
        "history": [pack for pack in full if latest.get(pack.variant) != pack],
        "supplements": sorted(
            (pack for pack in ready if pack.kind == AgendaPack.Kind.SUPPLEMENT),
            key=lambda pack: (pack.edition, pack.variant),
        ),
        "building": [
            pack
            for pack in packs
            if pack.status in (AgendaPack.Status.QUEUED, AgendaPack.Status.BUILDING)
        ],
        "failed": [pack for pack in packs if pack.status == AgendaPack.Status.FAILED][:1],
    }


@require_GET
def pack_download(
    request: HttpRequest,
    slug: str,
    variant: str,
    edition: int | None = None,
    kind: str = AgendaPack.Kind.FULL,
) -> HttpResponse:
    """A built pack as a file, through the visibility rule (never a MEDIA URL)."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), slug=slug)
    packs = AgendaPack.objects.visible_to(request.user).filter(
        meeting=meeting, variant=variant, kind=kind, status=AgendaPack.Status.READY
    )
    pack = get_object_or_404(packs, edition=edition) if edition else packs.latest_ready()
    if pack is None:
        raise Http404("No pack has been built yet.")
    return FileResponse(
        pack.file.open("rb"), content_type="application/pdf", filename=pack.filename
    )


@require_POST
def pack_build(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), slug=slug)
    if not _can_manage(request.user, meeting):
        raise PermissionDenied("Only the body's clerks can build its agenda packs.")
    services.agenda_packs_request(meeting=meeting)
    messages.success(request, "The agenda packs are being built. This page shows their progress.")
    return redirect(f"{meeting.get_absolute_url()}#packs")


@require_GET
def pack_status(request: HttpRequest, slug: str) -> JsonResponse:
    """Progress of the packs being built, for the meeting page's progress bars."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), slug=slug)
    packs = _packs_for(meeting, request.user)
    return JsonResponse(
        {
            "building": [
                {
                    "variant": p.variant,
                    "status": p.status,
                    "progress": p.progress,
                    "message": p.message,
                }
                for p in packs["building"]
            ],
            "ready": {v: p.get_absolute_url() for v, p in packs["latest"].items()},
        }
    )


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """One search box over every paper the visitor may read, with filters and facets."""
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        page = 1
    filterset, results = alerts.run_search(request.user, request.GET, page=page)
    query = request.GET.copy()
    query.pop("page", None)
    facet_query = query.copy()
    facet_query.pop("kind", None)
    saved = None
    if results is not None and request.user.is_authenticated:
        saved = SavedSearch.objects.filter(user=request.user, query=query.urlencode()).first()
    return render(
        request,
        "meetings/search.html",
        {
            "filter": filterset,
            "results": results,
            "sources": search.sources(),
            "query": query.urlencode(),
            "facet_query": facet_query.urlencode(),
            "saved": saved,
            "candidates": search.CANDIDATES,
        },
    )


@login_required
@require_POST
def search_save(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        saved = alerts.saved_search_create(
            user=request.user,
            query=query,
            name=request.POST.get("name", ""),
            alerts=bool(request.POST.get("alerts")),
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('meetings:search')}?{query}")
    note = " We will email you when it finds new papers." if saved.alerts else ""
    if saved.alerts and not request.user.email:
        note = " Add an email address to your account to get alerts."
    messages.success(request, f"Search “{saved.name}” saved.{note}")
    return redirect(saved)


@login_required
@require_http_methods(["GET", "POST"])
def saved_searches(request: HttpRequest) -> HttpResponse:
    """The visitor's saved searches: open, switch alerts on or off, delete (after asking)."""
    mine = SavedSearch.objects.filter(user=request.user)
    if request.method == "POST":
        saved = get_object_or_404(mine, pk=request.POST.get("pk"))
        action = request.POST.get("action")
        if action == "delete" and request.POST.get("confirmed"):
            saved.delete()
            messages.success(request, f"Saved search “{saved.name}” deleted.")
        elif action == "delete":
            return render(request, "meetings/saved_search_delete.html", {"saved": saved})
        elif action == "alerts":
            saved.alerts = not saved.alerts
            saved.save(update_fields=["alerts"])
            state = "on" if saved.alerts else "off"
            messages.success(request, f"Email alerts for “{saved.name}” switched {state}.")
        return redirect("meetings:saved_searches")
    return render(request, "meetings/saved_searches.html", {"searches": mine})
