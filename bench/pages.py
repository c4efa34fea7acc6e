"""Every public page type on the synthetic archive: does it answer, and how fast.

    make archive       (once)
    make bench-pages   (or: BOARDPAPERS_DB_NAME=boardpapers_archive .venv/bin/python bench/pages.py)

Picks real examples from the archive (the busiest body, a typical published meeting with
papers, its report, document, minutes, a person) and fetches each page type as the public,
and the meeting page as a member too, through Django's test client (so in-process: the
server's own time, no network). Prints the status, size, queries and the median time of
--runs fetches per page. Exits non-zero if any page does not answer 200, so it doubles as
a crawl of the archive.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boardpapers.settings")
os.environ.setdefault("BOARDPAPERS_DEV", "true")
os.environ.setdefault("BOARDPAPERS_DB_NAME", "boardpapers_archive")
# Each page as rendered: with the anonymous page cache every public fetch after the first
# would be a hit (bench/meeting_page.py measures the page under load, cached and not).
os.environ.setdefault("BOARDPAPERS_PAGE_CACHE", "false")

from bench.archive_setup import bench_member, setup_archive  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    setup_archive()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from meetings.models import Body, Meeting, Person
    from minutes.models import Minutes
    from reports.models import Document, Report

    body = Body.objects.annotate(n=Count("meetings")).order_by("-n").first()
    meeting = meeting_with_papers(body)
    report = Report.objects.filter(agenda_item__meeting=meeting, exempt=False).first()
    document = Document.objects.filter(
        attachments__agenda_item__meeting=meeting, exempt=False
    ).first()
    minutes = Minutes.objects.filter(status__in=Minutes.PUBLIC_STATUSES).order_by("-pk").first()
    person = Person.objects.annotate(n=Count("memberships")).order_by("-n").first()
    member = bench_member([body])

    day = meeting.date
    pages = [
        ("home", "/"),
        ("bodies", "/bodies/"),
        ("body", f"/bodies/{body.slug}/"),
        ("body, page 5", f"/bodies/{body.slug}/?page=5"),
        ("meetings list", "/meetings/"),
        ("meetings list, body", f"/meetings/?body={body.slug}"),
        ("calendar month", f"/meetings/calendar/{day.year}/{day.month}/"),
        ("meeting", meeting.get_absolute_url()),
        ("report", report.get_absolute_url()),
        ("document", document.get_absolute_url()),
        ("minutes", minutes.get_absolute_url()),
        ("people", "/people/"),
        ("person", person.get_absolute_url()),
        ("decisions", "/decisions/"),
        ("decisions, deferred", "/decisions/?outcome=deferred"),
        ("search", "/search/?q=dementia"),
        ("search feed", "/search/feed/?q=dementia"),
        ("feed", "/feed/"),
        ("body feed", f"/bodies/{body.slug}/feed/"),
        ("calendar (iCal)", "/meetings.ics"),
        ("body calendar (iCal)", f"/bodies/{body.slug}/meetings.ics"),
        ("sitemap.xml (index)", "/sitemap.xml"),
        ("sitemap, documents", "/sitemap-documents.xml"),
        ("robots.txt", "/robots.txt"),
        ("accessibility", "/accessibility/"),
    ]
    public = Client()
    signed_in = Client()
    signed_in.force_login(member)
    visits = [("public", public, name, url) for name, url in pages]
    visits.append(("member", signed_in, "meeting", meeting.get_absolute_url()))

    print(f"Archive in {connection.settings_dict['NAME']}: {Meeting.objects.count():,} meetings.")
    print(f"Meeting page: {meeting.get_absolute_url()} ({meeting.items.count()} items)\n")
    print(f"{'who':<7} {'page':<22} {'status':>6} {'KB':>6} {'queries':>7} {'median ms':>10}")
    failures = []
    for who, client, name, url in visits:
        client.get(url)  # warm
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        size = len(response.content) / 1024
        print(
            f"{who:<7} {name:<22} {response.status_code:>6} {size:>6.0f} "
            f"{len(queries):>7} {statistics.median(times):>10.1f}"
        )
        if response.status_code != 200:
            failures.append(f"{who} {url} answered {response.status_code}")
    if failures:
        sys.exit("\n".join(failures))
    print(f"\nAll {len(visits)} pages answered 200.")


def meeting_with_papers(body):
    """A published meeting of the body about a year back, with reports and documents."""
    from django.db.models import Count

    from meetings.models import Meeting

    return (
        Meeting.objects.filter(body=body, status=Meeting.Status.MINUTES_APPROVED)
        .annotate(papers=Count("items__reports"))
        .filter(papers__gte=3)
        .order_by("-date")[12]
    )


if __name__ == "__main__":
    main()
