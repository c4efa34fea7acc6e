"""The clerk writes the minutes: start them from the agenda, record attendance, edit each
minute and its resolution, publish the draft. Thin views over minutes.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from meetings.access import require_clerk
from meetings.models import Meeting
from minutes import services
from minutes.forms import (
    AttendanceFormSet,
    ClosingForm,
    DeclarationForm,
    EntryForm,
    NamedAttendanceForm,
)
from minutes.models import MinuteEntry, Minutes


def _meeting(request: HttpRequest, slug: str) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), slug=slug)
    require_clerk(request.user, meeting.body)
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def minutes_write(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        if request.method == "POST":
            services.minutes_start(meeting=meeting, by=request.user)
            messages.success(request, "Draft minutes started from the agenda.")
            return redirect("minutes:write", slug=slug)
        return render(request, "minutes/clerk/start.html", {"meeting": meeting})

    present = {a.person_id: a for a in minutes.attendance.all()}
    apologies = {a.person_id: a for a in minutes.apologies.all()}
    members = list(meeting.members())
    initial = []
    for membership in members:
        person = membership.person
        row = {"person": person.pk, "status": "absent"}
        if person.pk in present:
            a = present[person.pk]
            row.update(
                status="present",
                in_the_chair=a.in_the_chair,
                arrived_late=a.arrived_late,
                left_early=a.left_early,
            )
        elif person.pk in apologies:
            row.update(status="apologies", substitute=apologies[person.pk].substitute_id)
        elif not present and not apologies:
            row["status"] = "present"
        initial.append(row)
    formset = AttendanceFormSet(request.POST or None, initial=initial, prefix="attendance")
    named = NamedAttendanceForm(
        request.POST or None,
        initial={
            f"{capacity}s_text": "\n".join(
                ", ".join(filter(None, [a.printed or a.person.name, a.post]))
                for a in minutes.attendance.filter(capacity=capacity).select_related("person")
            )
            for capacity in ("officer", "other")
        },
    )
    if request.method == "POST" and formset.is_valid() and named.is_valid():
        rows = [form.cleaned_data for form in formset if form.cleaned_data]
        try:
            services.attendance_record(
                minutes=minutes,
                rows=rows,
                by=request.user,
                officers=named.lines(named.cleaned_data["officers_text"]),
                others=named.lines(named.cleaned_data["others_text"]),
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, "Attendance saved.")
            return redirect("minutes:write", slug=slug)
    seats = {m.person_id: m for m in members}
    rows = [(form, seats.get(form.initial.get("person") or 0)) for form in formset]
    return render(
        request,
        "minutes/clerk/write.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "formset": formset,
            "named_form": named,
            "rows": rows,
            "entries": minutes.entries.prefetch_related("agenda_items", "resolutions"),
            "declarations": minutes.declarations.select_related("person", "agenda_item"),
            "declaration_form": DeclarationForm(minutes=minutes),
            "closing_form": ClosingForm(
                instance=minutes,
                initial={
                    "future_dates_text": minutes.future_dates_text
                    or services.future_dates_text(meeting),
                    "signed_title": minutes.signed_title or "Chair",
                },
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minute_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(request, slug)
    entry = get_object_or_404(MinuteEntry, pk=pk, minutes__meeting=meeting)
    resolution = entry.resolutions.first()
    initial = {}
    if resolution:
        initial = {
            "preamble": resolution.preamble,
            "outcome": resolution.outcome,
            "parts_text": "\n".join(f"{p.label} | {p.text}" for p in resolution.parts.all()),
        }
    form = EntryForm(request.POST or None, instance=entry, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {key: form.cleaned_data[key] for key in EntryForm.Meta.fields}
        try:
            services.minute_entry_save(
                entry=entry,
                by=request.user,
                fields=fields,
                preamble=form.cleaned_data["preamble"],
                parts=form.parts(),
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Minute {entry.number} saved.")
            return redirect(
                f"{reverse('minutes:write', kwargs={'slug': slug})}#minute-{entry.number}"
            )
    return render(
        request, "minutes/clerk/entry_form.html", {"meeting": meeting, "entry": entry, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def minute_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Asks first: deleting renumbers the minutes after it."""
    meeting = _meeting(request, slug)
    entry = get_object_or_404(MinuteEntry, pk=pk, minutes__meeting=meeting)
    error = None
    if request.method == "POST":
        number = entry.number
        try:
            services.minute_entry_delete(entry=entry, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"Minute {number} deleted; the minutes after it renumbered.")
            return redirect(f"{reverse('minutes:write', kwargs={'slug': slug})}#entries-heading")
    later = entry.minutes.entries.filter(number__gt=entry.number).count()
    return render(
        request,
        "minutes/clerk/entry_delete.html",
        {"meeting": meeting, "entry": entry, "later": later, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_POST
def minute_add(request: HttpRequest, slug: str) -> HttpResponse:
    """A minute that is not on the agenda ("Matters arising"), numbered next."""
    meeting = _meeting(request, slug)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    title = request.POST.get("title", "").strip() or "Matters arising"
    entry = services.minute_entry_create(minutes=minutes, title=title)
    messages.success(request, f"Minute {entry.number} added.")
    return redirect("minutes:minute_edit", slug=slug, pk=entry.pk)


@login_required
@require_POST
def minutes_publish(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    services.minutes_publish_draft(minutes=minutes, by=request.user)
    messages.success(request, "Draft minutes published, marked subject to approval.")
    return redirect(minutes)


@login_required
@require_POST
def minutes_closing(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    form = ClosingForm(request.POST, instance=minutes)
    if form.is_valid():
        fields = {key: form.cleaned_data[key] for key in ClosingForm.Meta.fields}
        services.minutes_close(minutes=minutes, by=request.user, fields=fields)
        messages.success(request, "The close of the meeting saved.")
    else:
        messages.error(request, "Check the time the meeting concluded, e.g. 11:48.")
    return redirect(f"{reverse('minutes:write', kwargs={'slug': slug})}#closing-heading")


@login_required
@require_POST
def declaration_add(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    form = DeclarationForm(request.POST, minutes=minutes)
    if form.is_valid():
        declaration = form.save(commit=False)
        declaration.minutes = minutes
        declaration.save()
        messages.success(request, f"Declaration by {declaration.person.full_name} recorded.")
    else:
        messages.error(request, "Choose who declared the interest and its kind.")
    return redirect(f"{reverse('minutes:write', kwargs={'slug': slug})}#declarations-heading")
