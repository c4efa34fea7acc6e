"""The clerk's pages: schedule meetings, build the agenda, publish it. Thin views: each checks
the clerk's permission, validates a form and calls one service in meetings.agenda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meetings import agenda, clock, papers
from meetings.access import BodyReader, require_clerk
from meetings.forms import (
    AgendaItemForm,
    CancelForm,
    MeetingForm,
    MoveForm,
    PublishForm,
    ScheduleForm,
)
from meetings.models import AgendaItem, Body, Meeting
from meetings.utils import form_errors_from


def _clerk_meeting(request: HttpRequest, slug: str) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), slug=slug)
    require_clerk(request.user, meeting.body)
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    require_clerk(request.user, body)
    form = MeetingForm(request.POST or None, initial={"start_time": body.default_start_time})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            meeting = agenda.meeting_create(
                body=body,
                date=data.pop("date"),
                start_time=data.pop("start_time"),
                kind=data.pop("kind"),
                by=request.user,
                **data,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Meeting created for {meeting.date:%A %-d %B %Y}.")
            return redirect("meetings:agenda", slug=meeting.slug)
    return render(request, "meetings/clerk/meeting_form.html", {"body": body, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meetings_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    require_clerk(request.user, body)
    form = ScheduleForm(request.POST or None, initial={"start_time": body.default_start_time})
    if request.method == "POST" and form.is_valid():
        try:
            created = agenda.meetings_schedule(
                body=body,
                dates=form.cleaned_data["date_list"],
                start_time=form.cleaned_data["start_time"],
                venue=form.cleaned_data["venue"],
                by=request.user,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"{len(created)} meetings scheduled.")
            return redirect(body)
    return render(request, "meetings/clerk/schedule_form.html", {"body": body, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "The meeting is cancelled; the reason shows on its page.")
            return redirect(meeting)
    return render(request, "meetings/clerk/meeting_cancel.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    form = MoveForm(request.POST or None, initial={"start_time": meeting.start_time})
    if request.method == "POST" and form.is_valid():
        try:
            agenda.meeting_move(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"The meeting is moved to {meeting.date:%A %-d %B %Y}.")
            return redirect(meeting)
    return render(request, "meetings/clerk/meeting_move.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def agenda_builder(request: HttpRequest, slug: str) -> HttpResponse:
    """The agenda as the clerk builds it, with what each item still needs, and a form to add
    an item."""
    meeting = _clerk_meeting(request, slug)
    form = AgendaItemForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            item = agenda.agenda_item_add(meeting=meeting, by=request.user, **data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Item {item.number} added.")
            return redirect(f"{request.path}#item-{item.number}")
    items = list(meeting.items.filter(parent__isnull=True).order_by("order", "number"))
    found = papers.papers_for_items(items, BodyReader(meeting.body_id, "clerk"))
    rows = []
    for item in items:
        listed = [p for paper in found.get(item.pk, ()) for p in paper.flattened()]
        rows.append({"item": item, "papers": listed})
    return render(
        request,
        "meetings/clerk/agenda_builder.html",
        {
            "meeting": meeting,
            "rows": rows,
            "form": form,
            "problems": agenda.publication_problems(meeting),
            "publish_by": clock.publish_by(meeting.date),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    item = get_object_or_404(AgendaItem, pk=pk, meeting=meeting)
    form = AgendaItemForm(request.POST or None, instance=item, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            agenda.agenda_item_update(
                item=item, by=request.user, version=form.cleaned_data["version"] or 0, **data
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Item {item.number} saved.")
            return redirect(f"{meeting.get_absolute_url()}agenda/#item-{item.number}")
    return render(
        request, "meetings/clerk/item_form.html", {"meeting": meeting, "item": item, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    item = get_object_or_404(AgendaItem, pk=pk, meeting=meeting)
    error = ""
    if request.method == "POST":
        try:
            agenda.agenda_item_delete(item=item, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request, f"Item “{item.display_title}” deleted; the others renumbered."
            )
            return redirect("meetings:agenda", slug=meeting.slug)
    return render(
        request,
        "meetings/clerk/item_confirm_delete.html",
        {"meeting": meeting, "item": item, "error": error},
    )


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    item = get_object_or_404(AgendaItem, pk=pk, meeting=meeting)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    agenda.agenda_item_move(item=item, direction=direction, by=request.user)
    item.refresh_from_db()
    messages.success(request, f"“{item.display_title}” is now item {item.number}.")
    # Return to the moved item's own buttons, so a keyboard user can keep moving it.
    return redirect(f"{meeting.get_absolute_url()}agenda/#move-{item.pk}-{direction}")


@login_required
@require_POST
def agenda_standing_items(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    added = agenda.agenda_standing_items_add(meeting=meeting, by=request.user)
    if added:
        messages.success(
            request, "Standing items added: " + "; ".join(i.title for i in added) + "."
        )
    else:
        messages.info(request, "The standing items are already on the agenda.")
    return redirect("meetings:agenda", slug=meeting.slug)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Checks, the statutory clock and, when late, the reason for urgency; then publish."""
    meeting = _clerk_meeting(request, slug)
    today = timezone.localdate()
    days = clock.clear_working_days(today, meeting.date)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda.agenda_publish(
                meeting=meeting, by=request.user, urgency_reason=form.cleaned_data["urgency_reason"]
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request,
                "The agenda is published. Members have been emailed; the packs are being built.",
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/clerk/publish.html",
        {
            "meeting": meeting,
            "form": form,
            "problems": [] if meeting.agenda_is_public else agenda.publication_problems(meeting),
            "clear_days": days,
            "late": days < clock.REQUIRED_CLEAR_DAYS,
            "publish_by": clock.publish_by(meeting.date),
        },
    )


@login_required
def meeting_changes(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _clerk_meeting(request, slug)
    return render(
        request,
        "meetings/clerk/changes.html",
        {
            "meeting": meeting,
            "changes": meeting.changes.select_related("user")[:500],
            "publications": meeting.publications.select_related("published_by"),
        },
    )
