"""Exempt material never reaches the public: exempt papers carry unique marker words, and an
anonymous visitor fetches every public surface (every page type by following the portal's
own links, search, feeds, calendars, sitemap, packs, printed minutes, file URLs guessed from
ids and slugs). Any marker anywhere fails the test."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import tempfile
from collections import deque
from urllib.parse import parse_qs, unquote, urldefrag, urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from meetings.models import AgendaPack, Meeting
from meetings.services import agenda_pack_build
from minutes.models import MinuteEntry, Resolution, ResolutionPart
from minutes.services import minutes_print
from reports.models import Document, Report, ReportSection
from reports.services import document_text_extract, document_upload
from tests.conftest import make_user
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

MARKERS = {
    "item title": "Xyloquent",
    "item purpose": "Brontavine",
    "item recommendation": "Quillmarsh",
    "report subject": "Glimmerwort",
    "report section": "Tarnquill",
    "document title": "Plumbrisk",
    "document text": "Vexhollow",
    "pdf page": "Zorbalith",
    "minute title": "Wunderkell",
    "minute text": "Mirthgale",
    "resolution": "Fennimoor",
    "resolution part": "Oxblissen",
}
SKIP = ("/admin/", "/accounts/logout", "/static/")


def pdf_with(text: str) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    drawing.drawString(72, 700, text)
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(content)
            handle.flush()
            return subprocess.run(
                ["pdftotext", handle.name, "-"], capture_output=True, check=True, text=True
            ).stdout
    return content.decode("utf-8", "replace")


@pytest.fixture
def archive(pack_cache):
    """A published meeting with an open and an exempt item, both with papers, and minutes
    with an exempt minute and its decision."""
    body = BodyFactory(name="Cabinet", slug="cabinet")
    member = MembershipFactory(body=body, person__name="Ann Smith").person
    meeting = MeetingFactory(
        body=body, date=datetime.date(2026, 3, 11), slug="2026-03-11-cabinet", venue="Guildhall"
    )
    open_item = AgendaItemFactory(
        meeting=meeting, number=1, title="Library opening hours", has_papers=True
    )
    ReportFactory(agenda_item=open_item, subject="Library hours review", slug="library-hours")
    exempt = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title=f"Sale of land {MARKERS['item title']}",
        purpose=f"To agree the {MARKERS['item purpose']} price.",
        recommendation=f"RECOMMENDED that the {MARKERS['item recommendation']} offer be accepted.",
        exempt=True,
        exempt_paragraph=3,
        has_papers=True,
    )
    report = ReportFactory(
        agenda_item=exempt,
        slug="land-sale",
        subject=f"Disposal of {MARKERS['report subject']}",
        exempt=True,
        exempt_paragraph=3,
    )
    ReportSection.objects.create(
        report=report, heading="Detail", html=f"<p>The {MARKERS['report section']} bid.</p>"
    )
    AttachmentFactory(
        agenda_item=exempt,
        report=report,
        label="Appendix A",
        document=DocumentFactory(
            slug="valuation",
            title=f"Valuation {MARKERS['document title']}",
            html=f"<p>{MARKERS['document text']}</p>",
            exempt=True,
            exempt_paragraph=3,
        ),
    )
    scan = document_upload(
        slug="bids",
        title="Bids received",
        file=SimpleUploadedFile("bids.pdf", pdf_with(f"Highest bid {MARKERS['pdf page']}")),
    )
    Document.objects.filter(pk=scan.pk).update(exempt=True, exempt_paragraph=3)
    document_text_extract(scan)
    AttachmentFactory(agenda_item=exempt, report=report, label="Appendix B", document=scan)

    minutes = MinutesFactory(meeting=meeting)
    open_minute = MinuteEntry.objects.create(
        minutes=minutes, body=body, period="2026", number=7, title="Library opening hours"
    )
    open_minute.agenda_items.set([open_item])
    secret = MinuteEntry.objects.create(
        minutes=minutes,
        body=body,
        period="2026",
        number=8,
        title=f"Sale of land {MARKERS['minute title']}",
        html=f"<p>{MARKERS['minute text']}</p>",
        exempt=True,
    )
    secret.agenda_items.set([exempt])
    resolution = Resolution.objects.create(
        entry=secret, preamble=f"RESOLVED that the {MARKERS['resolution']} sale proceed"
    )
    ResolutionPart.objects.create(
        resolution=resolution, label="(i)", text=f"{MARKERS['resolution part']}"
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_PUBLISHED)
    meeting.refresh_from_db()
    agenda_pack_build(meeting=meeting, variant=AgendaPack.Variant.PUBLIC)
    agenda_pack_build(meeting=meeting, variant=AgendaPack.Variant.MEMBERS)
    minutes_print(minutes=minutes, force=True)
    return {"body": body, "meeting": meeting, "member": member}


def crawl(client, start: list[str], limit: int = 600) -> dict[str, str]:
    """Every same-site page reachable from `start` by following links, as this client."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        response = client.get(url)
        seen[url] = text_of(response) if response.status_code == 200 else ""
        if "html" not in response.get("Content-Type", ""):
            continue
        # Links in pages, and the sitemap index's and sections' <loc> entries.
        links = re.findall(r'href="([^"]+)"', seen[url])
        links += re.findall(r"<loc>http://testserver(/[^<]*)</loc>", seen[url])
        for href in links:
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if href.startswith("/") and not href.startswith("//") and href not in seen:
                queue.append(href)
    return seen


def test_no_exempt_marker_reaches_an_anonymous_visitor(client, archive, settings):
    meeting = archive["meeting"]
    words = " ".join(MARKERS.values())
    start = [
        "/",
        "/decisions/",
        "/search/",
        "/sitemap.xml",
        "/robots.txt",
        "/feed/",
        "/meetings.ics",
        f"/bodies/{archive['body'].slug}/",
        f"/bodies/{archive['body'].slug}/feed/",
        f"/bodies/{archive['body'].slug}/meetings.ics",
        f"/meetings/{meeting.slug}/",
        f"/meetings/{meeting.slug}/minutes/",
        f"/meetings/{meeting.slug}/minutes.pdf",
        f"/meetings/{meeting.slug}/packs/public.pdf",
        f"/people/{archive['member'].slug}/",
        "/bodies/",
        "/meetings/",
        "/meetings/calendar/2026/3/",
        "/people/",
        "/accessibility/",
    ]
    # Search for each marker, alone and all together, in every kind and order, with feeds.
    for word in [*MARKERS.values(), words, f'"{words}"']:
        for extra in ["", "&sort=newest", "&kind=document", "&kind=decision&outcome=agreed"]:
            start.append(f"/search/?q={word}{extra}")
            start.append(f"/search/feed/?q={word}{extra}")
    # File and page URLs guessed from every slug and id in the database.
    for report in Report.objects.all():
        start += [f"/reports/{report.slug}/", f"/reports/{report.slug}/preview.pdf"]
    for document in Document.objects.all():
        start += [f"/documents/{document.slug}/", f"/documents/{document.slug}/file.pdf"]
        if document.file:
            start.append(f"/media/{document.file.name}")
    for pack in AgendaPack.objects.all():
        start += [
            f"/meetings/{meeting.slug}/packs/{pack.variant}.pdf",
            f"/meetings/{meeting.slug}/packs/{pack.variant}/{pack.edition}.pdf",
            f"/media/{pack.file.name}",
        ]
    pages = crawl(client, start)

    fetched = [url for url, text in pages.items() if text]
    assert len(fetched) > 60, "the crawl should reach the portal's pages"
    # The public does read the open parts of the same meeting, pack and minutes.
    assert "Library opening hours" in pages[f"/meetings/{meeting.slug}/"]
    assert "Library opening hours" in pages[f"/meetings/{meeting.slug}/packs/public.pdf"]
    assert "Library opening hours" in pages[f"/meetings/{meeting.slug}/minutes.pdf"]
    assert "Exempt item – not for publication" in pages[f"/meetings/{meeting.slug}/"]
    leaks = []
    for url, text in pages.items():
        # A search page repeats the words searched for (box, heading, links): there, a
        # marker being searched for must find nothing, and every other marker is absent.
        # (So does a sign-in link carrying the search as its `next`.)
        if parse_qs(urlparse(url).query).get("q") and text:
            assert "<entry>" not in text and 'class="search-result"' not in text, url
        echoed = unquote(url).lower()
        leaks += [
            f"{what} ({marker}) at {url}"
            for what, marker in MARKERS.items()
            if marker.lower() in text.lower() and marker.lower() not in echoed
        ]
    assert not leaks, leaks
    assert not any(urlparse(url).path.startswith("/media/") for url in fetched)


def test_a_member_of_the_body_does_find_the_markers(client, archive):
    """The guard: the same crawl as a member reaches the exempt text, so the test above is
    looking in the right places."""
    client.force_login(make_user("member", member=[archive["body"]]))
    meeting = archive["meeting"]
    pages = crawl(
        client,
        [
            f"/meetings/{meeting.slug}/",
            f"/meetings/{meeting.slug}/packs/members.pdf",
            f"/search/?q={MARKERS['pdf page']}",
            f"/search/?q={MARKERS['resolution part']}",
        ],
        limit=60,
    )
    found = {what for url, text in pages.items() for what, m in MARKERS.items() if m in text}
    assert {"item title", "report subject", "document text", "pdf page"} <= found
    assert {"minute title", "resolution part"} <= found
