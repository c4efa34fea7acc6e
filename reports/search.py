"""Reports and documents in the portal's search (see meetings/search.py).

A report is found by its cover sheet or any section; a document by its title, its web text,
or any page of its uploaded PDF. Either way it is one result, ranked by its best match, with
the snippet from the section or page that matched best.
"""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from meetings.models import AgendaItem, AgendaPack
from meetings.search import Hit, headline, on_meeting, rank, ranks_with_parts, snippet_html
from reports.models import Attachment, Document, DocumentPage, Report, ReportSection

# Reports ---------------------------------------------------------------------------------


def reports_matching(user, query: SearchQuery, meeting: dict) -> list[QuerySet]:
    # Reports not yet on an agenda have no meeting to order by and are not searched.
    visible = (
        Report.objects.visible_to(user)
        .filter(**on_meeting("agenda_item__meeting", meeting))
        .annotate(sort_date=F("agenda_item__meeting__date"))
    )
    return [visible.filter(search=query), visible.filter(sections__search=query)]


def report_ranks(ids: list[int], query: SearchQuery) -> dict[int, float]:
    return ranks_with_parts(Report, ReportSection, "report", ids, query)


def report_hits(ids: list[int], query: SearchQuery, user) -> dict[int, Hit]:
    reports = Report.objects.filter(pk__in=ids).select_related("agenda_item__meeting__body")
    sections = {
        s.report_id: s
        for s in ReportSection.objects.filter(report__in=ids, search=query)
        .annotate(r=rank(query), snippet=headline("html", query))
        .order_by("report_id", "-r")
        .distinct("report_id")
    }
    hits = {}
    for report in reports.annotate(snippet=headline("subject", query)):
        section = sections.get(report.pk)
        meeting = report.agenda_item.meeting if report.agenda_item else None
        context = "Report"
        if section:
            context = f"Report, section “{section.heading}”"
        if meeting:
            context += f", {meeting.body.name}, {meeting.date:%-d %B %Y}"
        hits[report.pk] = Hit(
            kind="report",
            title=report.subject,
            url=report.get_absolute_url(),
            snippet=snippet_html(section.snippet if section else report.snippet),
            context=context,
            date=meeting.date if meeting else None,
            exempt=report.exempt,
        )
    return hits


# Documents -------------------------------------------------------------------------------


def documents_matching(user, query: SearchQuery, meeting: dict) -> list[QuerySet]:
    # Matches newest first, narrowed by a cheap join that every visible document passes (an
    # attachment on an agenda item the user may see, or on the officer's own report);
    # `visible_documents` then applies the Document.visible_to rule itself to them, a window
    # at a time. A document at several meetings comes once per meeting.
    listed = AgendaItem.objects.visibility(user, prefix="attachments__agenda_item__")
    if user.is_authenticated and user.pk:
        listed |= Q(attachments__report__assigned_to_id=user.pk)
    # One filter() call, so the visibility join, the meeting lookups and sort_date share one
    # attachment: the one that places the document at that meeting.
    attached = Document.objects.filter(
        listed,
        attachments__isnull=False,
        **on_meeting("attachments__agenda_item__meeting", meeting),
    ).annotate(sort_date=F("attachments__agenda_item__meeting__date"))
    return [attached.filter(search=query), attached.filter(pages__search=query)]


def visible_documents(ids: list[int], user) -> set[int]:
    if not ids:
        return set()
    visible = Document.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    with transaction.atomic(), connection.cursor() as cursor:
        # For a few hundred ids PostgreSQL would rather hash every visible attachment (~100 ms
        # on 60,000 documents) than probe each id's attachments (~5 ms). It only hashes what
        # fits in work_mem, so this one query gets a small one.
        cursor.execute("SET LOCAL work_mem = '64kB'")
        found = set(visible)
        cursor.execute("SET LOCAL work_mem TO DEFAULT")
    return found


def document_ranks(ids: list[int], query: SearchQuery) -> dict[int, float]:
    return ranks_with_parts(Document, DocumentPage, "document", ids, query)


def document_hits(ids: list[int], query: SearchQuery, user) -> dict[int, Hit]:
    documents = Document.objects.filter(pk__in=ids).annotate(
        snippet=headline("html", query), title_snippet=headline("title", query)
    )
    best_pages = {
        page.document_id: page
        for page in DocumentPage.objects.filter(document__in=ids, search=query)
        .annotate(r=rank(query), snippet=headline("text", query))
        .order_by("document_id", "-r")
        .distinct("document_id")
        .only("document_id", "number")
    }
    page_numbers = dict(
        DocumentPage.objects.filter(document__in=ids, search=query)
        .values("document_id")
        .annotate(numbers=ArrayAgg("number", ordering="number"))
        .values_list("document_id", "numbers")
    )
    where = {}
    for attachment in (
        Attachment.objects.filter(document__in=ids)
        .select_related("agenda_item__meeting__body", "report")
        .order_by("-agenda_item__meeting__date")
    ):
        where.setdefault(attachment.document_id, attachment)
    packs = _latest_packs({a.agenda_item.meeting_id for a in where.values()}, user)
    hits = {}
    for document in documents:
        page = best_pages.get(document.pk)
        attachment = where.get(document.pk)
        context = document.get_kind_display()
        if attachment:
            if attachment.label:
                context = attachment.label
            if attachment.report:
                context += f" to “{attachment.report.subject}”"
            meeting = attachment.agenda_item.meeting
            context += f", {meeting.body.name}, {meeting.date:%-d %B %Y}"
        file_url = reverse("reports:document_file", kwargs={"slug": document.slug})
        numbers = page_numbers.get(document.pk, [])
        if page:
            snippet = snippet_html(page.snippet)
        elif document.html:
            snippet = snippet_html(document.snippet)
        else:
            snippet = snippet_html(document.title_snippet)
        pack_pages = []
        pack = packs.get(attachment.agenda_item.meeting_id) if attachment else None
        printed = pack.layout.get("papers", {}).get(f"document:{document.slug}") if pack else None
        if printed:
            pack_url = reverse(
                "meetings:pack",
                kwargs={
                    "slug": pack.meeting.slug,
                    "variant": pack.variant,
                    "edition": pack.edition,
                },
            )
            pack_pages = [
                (n, printed[0] + n - 1, f"{pack_url}#page={pack.sheet(printed[0] + n - 1)}")
                for n in numbers[:12]
                if printed[0] + n - 1 <= printed[1]
            ]
        hits[document.pk] = Hit(
            kind="document",
            title=document.title,
            url=f"{file_url}#page={page.number}" if page else document.get_absolute_url(),
            snippet=snippet,
            context=context,
            date=attachment.agenda_item.meeting.date if attachment else None,
            exempt=document.exempt,
            pages=[(n, f"{file_url}#page={n}") for n in numbers[:12]],
            pack_pages=pack_pages,
        )
    return hits


def _latest_packs(meeting_ids: set[int], user) -> dict[int, AgendaPack]:
    """The newest full pack of each meeting the user may download, members' before public,
    so a hit can say on which printed page of the pack its words are."""
    packs = (
        AgendaPack.objects.visible_to(user)
        .filter(
            meeting__in=meeting_ids,
            status=AgendaPack.Status.READY,
            kind=AgendaPack.Kind.FULL,
            withdrawn=False,
        )
        .select_related("meeting__body")
        .order_by("meeting_id", "variant", "-edition")
    )
    latest: dict[int, AgendaPack] = {}
    for pack in packs:  # "members" sorts before "public"
        latest.setdefault(pack.meeting_id, pack)
    return latest
