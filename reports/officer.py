"""Officers write their reports; clerks assign and review them. Thin views over
reports.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from meetings import access
from meetings.models import AgendaItem
from meetings.utils import form_errors_from
from reports import services
from reports.forms import AppendixForm, AssignForm, ReportCoverForm, ReturnForm, SectionFormSet
from reports.models import Report


def _writable(request: HttpRequest, slug: str) -> Report:
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("agenda_item__meeting__body"),
        slug=slug,
    )
    if not services._can_write(report, request.user):
        raise PermissionDenied(services.NOT_YOURS)
    return report


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    """What the signed-in officer is writing, and what clerks have to review."""
    mine = Report.objects.filter(assigned_to=request.user).select_related(
        "agenda_item__meeting__body"
    )
    review = Report.objects.filter(
        Q(agenda_item__meeting__body_id__in=access.clerk_body_ids(request.user))
        & Q(status=Report.Status.SUBMITTED)
    ).select_related("agenda_item__meeting__body", "assigned_to")
    return render(
        request,
        "reports/my_reports.html",
        {"mine": mine.order_by("due_date", "pk"), "review": review.order_by("due_date", "pk")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, slug: str) -> HttpResponse:
    report = _writable(request, slug)
    initial_sections = [
        {"heading": s.heading, "kind": s.kind, "html": s.html} for s in report.sections.all()
    ]
    form = ReportCoverForm(
        request.POST or None, instance=report, initial={"version": report.version}
    )
    sections = SectionFormSet(request.POST or None, initial=initial_sections, prefix="sections")
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        kept = [s for s in sections.cleaned_data if s and not s.get("DELETE")]
        try:
            services.report_save(
                report=report,
                by=request.user,
                version=form.cleaned_data["version"],
                fields={
                    key: form.cleaned_data[key]
                    for key in services.COVER_FIELDS + services.COVER_LISTS
                },
                sections=kept,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "Report saved.")
            return redirect("reports:edit", slug=report.slug)
    return render(
        request,
        "reports/report_form.html",
        {
            "report": report,
            "form": form,
            "sections": sections,
            "appendix_form": AppendixForm(),
            "appendices": report.appendices.select_related("document").order_by("order"),
        },
    )


@login_required
@require_POST
def appendix_upload(request: HttpRequest, slug: str) -> HttpResponse:
    report = _writable(request, slug)
    form = AppendixForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.appendix_add(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{form.cleaned_data['label'] or 'Appendix'} added.")
    else:
        messages.error(request, "Choose a file and give the appendix a title.")
    return redirect("reports:edit", slug=report.slug)


@login_required
@require_POST
def report_submit(request: HttpRequest, slug: str) -> HttpResponse:
    report = _writable(request, slug)
    try:
        services.report_submit(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Submitted to the clerk. You will see here if it is returned.")
    return redirect("reports:mine")


@login_required
@require_http_methods(["GET", "POST"])
def report_review(request: HttpRequest, slug: str) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("agenda_item__meeting__body"),
        slug=slug,
    )
    access.require_clerk(request.user, report.agenda_item.meeting.body)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = request.POST.get("decision") == "accept"
        try:
            services.report_review(
                report=report, by=request.user, accept=accept, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request, "Report accepted." if accept else "Report returned to the officer."
            )
            return redirect("meetings:agenda", slug=report.agenda_item.meeting.slug)
    return render(request, "reports/report_review.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def report_assign(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=item_pk)
    access.require_clerk(request.user, item.meeting.body)
    form = AssignForm(request.POST or None, body=item.meeting.body, initial={"subject": item.title})
    if request.method == "POST" and form.is_valid():
        report = services.report_assign(item=item, by=request.user, **form.cleaned_data)
        messages.success(request, f"{report.assigned_to} has been asked for “{report.subject}”.")
        return redirect("meetings:agenda", slug=item.meeting.slug)
    return render(request, "reports/report_assign.html", {"item": item, "form": form})


@login_required
@require_POST
def report_preview_request(request: HttpRequest, slug: str) -> HttpResponse:
    report = _writable(request, slug)
    from django.db import transaction

    from reports.tasks import enqueue_preview

    transaction.on_commit(lambda: enqueue_preview(report.pk))
    messages.success(
        request, "The pack-pages preview is being printed; it appears here in a few seconds."
    )
    return redirect("reports:edit", slug=report.slug)


@login_required
def report_preview_file(request: HttpRequest, slug: str) -> HttpResponse:
    """The preview PDF, to whoever may write or review the report (never a MEDIA URL)."""
    from django.http import FileResponse, Http404

    report = _writable(request, slug)
    if not report.preview:
        raise Http404("No preview has been printed yet.")
    return FileResponse(
        report.preview.open("rb"), content_type="application/pdf", filename=f"{slug}-preview.pdf"
    )


@login_required
@require_POST
def appendix_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    report = _writable(request, slug)
    attachment = get_object_or_404(report.appendices, pk=pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.appendix_move(attachment=attachment, direction=direction, by=request.user)
    return redirect(f"{report.get_absolute_url()}edit/#appendix-{pk}-{direction}")
