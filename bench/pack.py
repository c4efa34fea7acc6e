"""Agenda pack benchmark: a synthetic ~300-page pack (10 items, about half the pages uploaded
PDFs), built cold, after editing one 10-page report, and with nothing changed.

    make bench-pack            (or: .venv/bin/python bench/pack.py --runs 3)

Each measurement runs in a fresh process so its peak memory (the process and its render
workers) is its own; medians of --runs runs are printed. Uses the development database
(embedded PostgreSQL or DATABASE_URL) and removes what it creates.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boardpapers.settings")
os.environ.setdefault("BOARDPAPERS_DEV", "true")

SLUG = "bench-pack-meeting"
ITEMS = 10
WORDS = [
    "council",
    "board",
    "health",
    "care",
    "strategy",
    "partnership",
    "budget",
    "service",
    "residents",
    "community",
    "safeguarding",
    "housing",
    "children",
    "adults",
    "outcomes",
    "priority",
    "delivery",
    "review",
    "report",
    "plan",
    "funding",
    "workforce",
    "quality",
    "performance",
    "integrated",
    "commissioning",
    "prevention",
    "wellbeing",
]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def report_html(rng: random.Random, sections: int, edit: int = 0) -> list[tuple[str, str]]:
    out = []
    for number in range(1, sections + 1):
        parts = [f"<p>{number}.{p} {words(rng, 90)}</p>" for p in range(1, 6)]
        parts.append("<ul>" + "".join(f"<li>{words(rng, 14)}</li>" for _ in range(4)) + "</ul>")
        if number % 3 == 0:
            rows = "".join(
                "<tr>"
                + "".join(f"<td>{rng.randint(100, 99999):,}</td>" for _ in range(5))
                + "</tr>"
                for _ in range(10)
            )
            parts.append(
                f"<table><tr><th>Line</th><th>2024</th><th>2025</th><th>2026</th><th>Change</th></tr>{rows}</table>"
            )
        if edit and number == 1:
            parts.insert(0, f"<p>Edited paragraph {edit}: {words(rng, 40)}</p>")
        out.append((f"{number}. {words(rng, 4)[:-1]}", "".join(parts)))
    return out


def upload_pdf(rng: random.Random, pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    for page in range(pages):
        size = landscape(A4) if page % 5 == 4 else A4
        drawing.setPageSize(size)
        y = size[1] - 60
        while y > 60:
            drawing.drawString(50, y, words(rng, 12)[:95])
            y -= 14
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def setup_django(media: str) -> None:
    import django

    os.environ["DJANGO_MEDIA_ROOT"] = media
    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = media
    settings.PACK_CACHE_DIR = os.environ.get("BENCH_PACK_CACHE", "")


def create(media: str) -> None:
    setup_django(media)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from meetings.models import AgendaItem, Body, Meeting, Organisation
    from reports.models import Attachment, Report, ReportSection
    from reports.services import document_upload

    rng = random.Random(2026)
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(
            slug="bench-council", defaults={"name": "Bench Council"}
        )
        body, _ = Body.objects.get_or_create(
            slug="bench-board", defaults={"name": "Bench Board", "organisation": organisation}
        )
        meeting = Meeting.objects.create(
            slug=SLUG, body=body, date="2026-12-02", status="scheduled"
        )
        for number in range(1, ITEMS + 1):
            item = AgendaItem.objects.create(
                meeting=meeting,
                number=number,
                order=number,
                title=f"Item {number}: {words(rng, 5)}",
                has_papers=True,
            )
            report = Report.objects.create(
                slug=f"bench-report-{number}",
                agenda_item=item,
                template="portsmouth_decision",
                status="published",
                subject=item.title,
                report_by="Bench Officer",
                wards_affected="All",
            )
            ReportSection.objects.bulk_create(
                ReportSection(report=report, order=i, heading=h, html=html)
                for i, (h, html) in enumerate(
                    # Report 1 is the one edited: about ten pages with its cover sheet.
                    report_html(rng, 7 if number == 1 else rng.randint(9, 17))
                )
            )
            data = upload_pdf(rng, rng.randint(12, 18))
            document = document_upload(
                slug=f"bench-upload-{number}",
                title=f"Appendix {number}",
                file=SimpleUploadedFile(f"a{number}.pdf", data),
            )
            Attachment.objects.create(
                agenda_item=item, report=report, document=document, label="Appendix 1"
            )
        # Published without save signals, so a running `make run` worker does not start
        # building this meeting's packs alongside the benchmark.
        Meeting.objects.filter(pk=meeting.pk).update(status="agenda_published")


def remove(media: str) -> None:
    setup_django(media)
    from meetings.models import Body, Meeting, Organisation
    from reports.models import Document, Report

    Report.objects.filter(slug__startswith="bench-report-").delete()
    Meeting.objects.filter(slug=SLUG).delete()
    Document.objects.filter(slug__startswith="bench-upload-").delete()
    Body.objects.filter(slug="bench-board").delete()
    Organisation.objects.filter(slug="bench-council").delete()


def measure(media: str, scenario: str, run: int) -> dict:
    setup_django(media)
    from meetings.models import Meeting
    from meetings.services import agenda_pack_build
    from reports.models import ReportSection

    meeting = Meeting.objects.select_related("body").get(slug=SLUG)
    # The pack builder is a long-running worker: its fonts and templates are loaded once,
    # not per build. Warm them up outside the timing.
    from django.template.loader import get_template

    from meetings.pack.render import html_to_pdf_bytes

    html_to_pdf_bytes(
        get_template("reports/pdf/document.html").render({"document": {"html": "<p>Warm</p>"}})
    )
    if scenario == "edit":
        rng = random.Random(run)
        section = (
            ReportSection.objects.filter(report__slug="bench-report-1").order_by("order").first()
        )
        # update(), not save(): the edit must not also queue a background build.
        ReportSection.objects.filter(pk=section.pk).update(
            html=report_html(rng, 1, edit=run + 1)[0][1]
        )
    peak = {"total": 0}
    done = threading.Event()

    def sample() -> None:
        # Peak of the whole tree (this process plus its render workers), sampled every 20 ms.
        import psutil

        me = psutil.Process()
        while not done.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            peak["total"] = max(peak["total"], total)
            done.wait(0.02)

    # Sampling costs CPU on 2 cores, so only the cold build (the memory peak) is sampled; the
    # others report the largest single process from the kernel's own accounting.
    sampler = threading.Thread(target=sample, daemon=True)
    if scenario == "cold":
        sampler.start()
    started = time.perf_counter()
    if os.environ.get("BENCH_PROFILE") == scenario:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        pack = profiler.runcall(
            agenda_pack_build, meeting=meeting, variant="public", force=scenario == "cold"
        )
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
    else:
        pack = agenda_pack_build(meeting=meeting, variant="public", force=scenario == "cold")
    seconds = time.perf_counter() - started
    done.set()
    if sampler.is_alive():
        sampler.join()
    largest = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {
        "seconds": seconds,
        "rss_mb": max(peak["total"], largest * 1024) / 2**20,
        "pages": pack.page_count,
        "edition": pack.edition,
        "edited_report_pages": _report_pages(pack, "bench-report-1"),
    }


def _report_pages(pack, slug: str) -> int:
    first, last = pack.layout["papers"][f"report:{slug}"]
    return last - first + 1


def child(media: str, scenario: str, run: int) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", scenario, "--run", str(run), "--media", media],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--run", type=int, default=0)
    parser.add_argument("--media")
    args = parser.parse_args()
    if args.child in ("create", "remove"):
        if args.child == "create":
            remove(args.media)
            create(args.media)
        else:
            remove(args.media)
        return
    if args.child:
        print(json.dumps(measure(args.media, args.child, args.run)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-pack-") as media:
        cache = Path(media) / "cache"
        os.environ["BENCH_PACK_CACHE"] = str(cache)
        step = [sys.executable, __file__, "--media", media, "--child"]
        subprocess.run([*step, "create"], check=True, env=os.environ)
        results: dict[str, list[dict]] = {"cold": [], "edit": [], "unchanged": []}
        try:
            for run in range(args.runs):
                for path in cache.glob("*.pdf"):
                    path.unlink()
                results["cold"].append(child(media, "cold", run))
            for run in range(args.runs):
                results["edit"].append(child(media, "edit", run))
            for run in range(args.runs):
                results["unchanged"].append(child(media, "unchanged", run))
        finally:
            subprocess.run([*step, "remove"], check=True, env=os.environ)

    pages = results["cold"][0]["pages"]
    print(
        f"Agenda pack benchmark: {pages} pages, {ITEMS} items, about half uploaded PDFs; "
        f"median of {args.runs} runs; the edited report takes "
        f"{results['edit'][0]['edited_report_pages']} pack pages"
    )
    targets = {"cold": 12.0, "edit": 1.5, "unchanged": 0.5}
    labels = {
        "cold": "cold build (empty render cache)",
        "edit": "rebuild after editing one 10-page report",
        "unchanged": "rebuild with nothing changed",
    }
    peak = 0.0
    for scenario, rows in results.items():
        median = statistics.median(row["seconds"] for row in rows)
        peak = max(peak, max(row["rss_mb"] for row in rows))
        runs = ", ".join(f"{row['seconds']:.2f}" for row in rows)
        verdict = "meets" if median <= targets[scenario] else "MISSES"
        print(
            f"  {labels[scenario]:<45} median {median:6.2f} s  (runs: {runs}; target {targets[scenario]} s: {verdict})"
        )
    print(
        f"  peak RSS, builder and render workers together {peak:6.0f} MB  (target 600 MB: {'meets' if peak <= 600 else 'MISSES'})"
    )


if __name__ == "__main__":
    main()
