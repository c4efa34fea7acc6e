"""Load the demo data: the seed packs transcribed under fixtures/demo/ (see fixtures/FORMAT.md).

The loader is idempotent: each run puts the demo organisations, bodies, people, meetings,
papers and minutes back to what the files say, keyed by their slugs. The demo meetings are
reset whole (their items, reports and minutes are replaced) and so are the memberships of the
demo bodies; other bodies and meetings are never touched.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify

from meetings.html import sanitise_html
from meetings.models import AgendaItem, Body, Meeting, Membership, Organisation, Person
from minutes.models import (
    Apology,
    Attendance,
    Minutes,
    Resolution,
    ResolutionPart,
)
from minutes.services import minute_entry_create
from reports.models import Attachment, Document, Report, ReportSection

DEFAULT_ROOT = settings.BASE_DIR / "fixtures" / "demo"
# Template-specific cover fields kept as printed (label, value) rather than as columns.
OTHER_COVER_FIELDS = {
    "equality_impact_assessment": (
        "Do the implications/subject of the report require an Equality and Safety Impact "
        "Assessment (ESIA) to be carried out?"
    ),
    "privacy_impact_assessment": (
        "Do the implications/subject of the report require a Privacy Impact Assessment (PIA) "
        "to be carried out?"
    ),
    "members_rooms_documents": "Documents in Members' Rooms",
}
SECTION_RE = re.compile(
    r'<section data-kind="(?P<kind>[a-z_]+)">\s*<h2>(?P<heading>.*?)</h2>(?P<html>.*?)</section>',
    re.DOTALL,
)


class DemoDataError(Exception):
    """The demo files are inconsistent; the message names the file and the key."""


@dataclass
class LoadSummary:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def __str__(self) -> str:
        return ", ".join(f"{n} {name}" for name, n in self.counts.items())


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path}: {error}") from error


def _pages(printed: str) -> tuple[int | None, int | None]:
    if not printed:
        return None, None
    start, _, end = printed.partition("-")
    return int(start), int(end or start)


class Loader:
    def __init__(self, root: Path = DEFAULT_ROOT) -> None:
        self.root = Path(root)
        self.summary = LoadSummary()
        self.organisations: dict[str, Organisation] = {}
        self.bodies: dict[str, Body] = {}
        self.people: dict[str, Person] = {}
        self.meetings: dict[str, Meeting] = {}
        self.items: dict[tuple[str, int], AgendaItem] = {}
        self.documents: dict[str, Document] = {}

    # Lookups with errors that say where the broken reference is.
    def _get(self, table: dict, key, where: str, what: str):
        try:
            return table[key]
        except KeyError:
            raise DemoDataError(f"{where}: unknown {what} {key!r}") from None

    def person(self, key: str, where: str) -> Person | None:
        return self._get(self.people, key, where, "person") if key else None

    def organisation(self, key: str, where: str) -> Organisation | None:
        return self._get(self.organisations, key, where, "organisation") if key else None

    def save(self, obj, where: str) -> None:
        """Validate like a form would, so bad demo data fails with its location."""
        try:
            obj.full_clean()
        except ValidationError as error:
            raise DemoDataError(f"{where}: {'; '.join(error.messages)}") from error
        obj.save()

    def html_file(self, relative: str, where: str) -> str:
        path = self.root / relative
        if not path.is_file():
            raise DemoDataError(f"{where}: missing HTML file {relative}")
        return path.read_text(encoding="utf-8")

    @transaction.atomic
    def load(self) -> LoadSummary:
        self.load_organisations()
        self.load_people()
        meeting_files = sorted((self.root / "meetings").glob("*.toml"))
        data = {path: _read(path) for path in meeting_files}
        for path, meeting_data in data.items():
            self.load_meeting(path, meeting_data)
        self.load_memberships(data)
        for path, meeting_data in data.items():
            if "minutes" in meeting_data:
                self.load_minutes(path, meeting_data)
        for path in sorted((self.root / "papers").glob("*.toml")):
            self.load_papers(path, _read(path))
        return self.summary

    def load_organisations(self) -> None:
        path = self.root / "organisations.toml"
        data = _read(path)
        for row in data.get("organisation", []):
            organisation, _ = Organisation.objects.update_or_create(
                slug=row["key"],
                defaults={
                    "name": row["name"],
                    "short_name": row.get("short_name", ""),
                    "kind": row.get("kind", Organisation.Kind.OTHER),
                    "aliases": row.get("aliases", []),
                    "website": row.get("website", ""),
                    "email": row.get("email", ""),
                    "address": row.get("address", ""),
                },
            )
            self.organisations[row["key"]] = organisation
            self.summary.add("organisations")
        # Parents first, so a sub-body can point at its parent.
        rows = sorted(data.get("body", []), key=lambda row: bool(row.get("parent")))
        for row in rows:
            where = f"{path.name} body {row['key']}"
            body, _ = Body.objects.update_or_create(
                slug=row["key"],
                defaults={
                    "name": row["name"],
                    "organisation": self.organisation(row["organisation"], where),
                    "parent": self._get(self.bodies, row["parent"], where, "body")
                    if row.get("parent")
                    else None,
                    "abbreviations": row.get("abbreviations", []),
                    "description": row.get("description", ""),
                    "numbering_scope": row.get("numbering_scope", "calendar_year"),
                    "front_sheet_numbered": row.get("front_sheet_numbered", True),
                    "padding": row.get("padding", "document"),
                    "front_sheet": row.get("front_sheet", "notice"),
                    "default_start_time": row.get("default_start_time"),
                    "default_venue": row.get("default_venue", ""),
                    "members_heading": row.get("members_heading", ""),
                    "alternates_text": row.get("alternates_text", ""),
                    "access_text": row.get("access_text", ""),
                    "retain_text": row.get("retain_text", ""),
                    "website_text": row.get("website_text", ""),
                    "deputation_text": row.get("deputation_text", ""),
                },
            )
            self.bodies[row["key"]] = body
            self.summary.add("bodies")

    def load_people(self) -> None:
        for row in _read(self.root / "people.toml").get("person", []):
            person, _ = Person.objects.update_or_create(
                slug=row["key"],
                defaults={
                    "honorific": row.get("honorific", ""),
                    "name": row["name"],
                    "post_nominals": row.get("post_nominals", ""),
                    "aliases": row.get("aliases", []),
                    "email": row.get("email", ""),
                },
            )
            self.people[row["key"]] = person
            self.summary.add("people")

    def load_meeting(self, path: Path, data: dict) -> None:
        row = data["meeting"]
        where = f"{path.name} [meeting]"
        body = self._get(self.bodies, row["body"], where, "body")
        meeting, _ = Meeting.objects.update_or_create(
            slug=row["key"],
            defaults={
                "body": body,
                "date": row["date"],
                "start_time": row.get("start"),
                "end_time": row.get("end"),
                "kind": row.get("kind", Meeting.Kind.ORDINARY),
                "venue": row.get("venue", ""),
                "virtual": row.get("virtual", False),
                "status": row.get("status", Meeting.Status.SCHEDULED),
                "published_on": row.get("published_on"),
                "contact_name": row.get("contact_name", ""),
                "contact_phone": row.get("contact_phone", ""),
                "contact_email": row.get("contact_email", ""),
                "notes": row.get("notes", ""),
                "deputation_text": row.get("deputation_text", ""),
                "access_text": row.get("access_text", ""),
                "closing_text": row.get("closing_text", ""),
            },
        )
        self.meetings[row["key"]] = meeting
        self.summary.add("meetings")
        # Start the meeting's agenda and minutes afresh so a re-run matches the files.
        Report.objects.filter(agenda_item__meeting=meeting).delete()
        Minutes.objects.filter(meeting=meeting).delete()
        meeting.items.all().delete()
        for order, item in enumerate(data.get("item", [])):
            page_start, page_end = _pages(item.get("printed_pages", ""))
            agenda_item = AgendaItem(
                meeting=meeting,
                number=item["number"],
                order=order,
                title=item.get("title", ""),
                title_suffix=item.get("title_suffix", ""),
                kind=item.get("kind", AgendaItem.Kind.SUBSTANTIVE),
                purpose=item.get("purpose", ""),
                recommendation=item.get("recommendation", ""),
                presenter=item.get("presenter", ""),
                item_for=item.get("item_for", ""),
                information_only=item.get("information_only", False),
                has_papers=item.get("has_papers", False),
                to_follow_note=item.get("to_follow", ""),
                body_html=sanitise_html(item.get("body_html", "")),
                page_start=page_start,
                page_end=page_end,
                reconstructed=item.get("reconstructed", False),
            )
            self.save(agenda_item, f"{where} item {item['number']}")
            self.items[(row["key"], item["number"])] = agenda_item
            self.summary.add("agenda items")
        # Links to other meetings wait until every meeting exists.
        self._pending_approvals = getattr(self, "_pending_approvals", [])
        for item in data.get("item", []):
            for key in item.get("approves_minutes", []):
                self._pending_approvals.append((row["key"], item["number"], key, where))

    def load_memberships(self, data: dict[Path, dict]) -> None:
        for meeting_key, number, key, where in getattr(self, "_pending_approvals", []):
            self.items[(meeting_key, number)].approves_minutes.add(
                self._get(self.meetings, key, where, "meeting")
            )
        # Each printed front sheet gives the membership from its meeting until the next one.
        sheets: dict[str, list[tuple[datetime.date, list[dict], str]]] = {}
        for path, meeting_data in data.items():
            if meeting_data.get("member"):
                row = meeting_data["meeting"]
                sheets.setdefault(row["body"], []).append(
                    (row["date"], meeting_data["member"], path.name)
                )
        for body_key, body_sheets in sheets.items():
            body = self.bodies[body_key]
            body.memberships.all().delete()
            body_sheets.sort(key=lambda sheet: sheet[0])
            open_terms: dict[tuple, Membership] = {}
            for index, (date, members, filename) in enumerate(body_sheets):
                next_date = body_sheets[index + 1][0] if index + 1 < len(body_sheets) else None
                end = next_date - datetime.timedelta(days=1) if next_date else None
                still_open: dict[tuple, Membership] = {}
                for order, member in enumerate(members):
                    person = self.person(member["person"], f"{filename} [[member]]")
                    role = member.get("role", Membership.Role.MEMBER)
                    category = member.get("category", Membership.Category.COUNCILLOR)
                    key = (person.pk, role, category, order)
                    term = open_terms.get(key)
                    if term:
                        term.end = end
                        term.save(update_fields=["end"])
                    else:
                        term = Membership.objects.create(
                            person=person,
                            body=body,
                            role=role,
                            category=category,
                            start=date,
                            end=end,
                            order=order,
                        )
                        self.summary.add("memberships")
                    still_open[key] = term
                open_terms = still_open

    def load_minutes(self, path: Path, data: dict) -> None:
        meeting = self.meetings[data["meeting"]["key"]]
        row = data["minutes"]
        where = f"{path.name} [minutes]"
        minutes = Minutes.objects.create(
            meeting=meeting,
            status=row.get("status", Minutes.Status.DRAFT),
            approved_at=self._get(self.meetings, row["approved_at"], where, "meeting")
            if row.get("approved_at")
            else None,
            header=row.get("header", ""),
            show_body_line=row.get("show_body_line", True),
            concluded_at=row.get("concluded"),
            signed_by=row.get("signed_by", ""),
            signed_title=row.get("signed_title", ""),
            future_dates_text=row.get("future_dates_text", ""),
        )
        self.summary.add("minutes")
        for order, line in enumerate(row.get("attendance", [])):
            attendance = Attendance(
                minutes=minutes,
                person=self.person(line["person"], f"{where} attendance"),
                capacity=line.get("capacity", Attendance.Capacity.MEMBER),
                in_the_chair=line.get("in_the_chair", False),
                printed=line.get("printed", ""),
                organisation=self.organisation(line.get("organisation", ""), where),
                post=line.get("post", ""),
                substitute_for=self.person(line.get("substitute_for", ""), where),
                arrived_late=line.get("arrived_late", False),
                left_early=line.get("left_early", False),
                order=order,
            )
            self.save(attendance, f"{where} attendance {line['person']}")
            self.summary.add("attendance rows")
        for order, line in enumerate(row.get("apology", [])):
            apology = Apology(
                minutes=minutes,
                person=self.person(line["person"], f"{where} apology"),
                printed_organisation=line.get("printed_organisation", ""),
                substitute=self.person(line.get("substitute", ""), f"{where} apology"),
                substitute_printed=line.get("substitute_printed", ""),
                order=order,
            )
            self.save(apology, f"{where} apology {line['person']}")
            self.summary.add("apologies")
        for order, line in enumerate(row.get("entry", [])):
            entry_where = f"{where} minute {line.get('number')}"
            items = [
                self._get(self.items, (meeting.slug, number), entry_where, "agenda item")
                for number in line.get("items", [])
            ]
            try:
                entry = minute_entry_create(
                    minutes=minutes,
                    number=line["number"],
                    order=order,
                    title=line["title"],
                    html=line.get("html", ""),
                    items=items,
                    tag=line.get("tag", ""),
                    out_of_order_note=line.get("out_of_order_note", ""),
                    post_meeting_note=line.get("post_meeting_note", ""),
                    correction_note=line.get("correction_note", ""),
                )
            except ValidationError as error:
                raise DemoDataError(f"{entry_where}: {'; '.join(error.messages)}") from error
            self.summary.add("minute entries")
            for r_order, res in enumerate(line.get("resolution", [])):
                resolution = Resolution.objects.create(
                    entry=entry,
                    order=r_order,
                    preamble=res["preamble"],
                    outcome=res.get("outcome", Resolution.Outcome.AGREED),
                )
                self.summary.add("resolutions")
                ResolutionPart.objects.bulk_create(
                    ResolutionPart(
                        resolution=resolution,
                        order=p_order,
                        label=part.get("label", ""),
                        text=part["text"],
                    )  # fmt: skip
                    for p_order, part in enumerate(res.get("parts", []))
                )

    def _document(
        self, *, slug: str, title: str, html: str, kind: str, version: str = ""
    ) -> Document:
        clean = sanitise_html(html)
        document, _ = Document.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "version": version,
                "html": clean,
                "content_hash": hashlib.sha256(clean.encode()).hexdigest(),
            },
        )
        self.documents[slug] = document
        self.summary.add("documents")
        return document

    def load_papers(self, path: Path, data: dict) -> None:
        # Documents first: reports may attach a shared one as an appendix.
        standalone = []
        for row in data.get("document", []):
            where = f"{path.name} document {row['key']}"
            document = self._document(
                slug=row["key"],
                title=row["title"],
                html=self.html_file(row["html"], where),
                kind=row.get("kind", Document.Kind.OTHER),
                version=row.get("version", ""),
            )
            if row.get("meeting"):
                standalone.append((row, document, where))
        for row in data.get("report", []):
            self.load_report(path, row)
        for row, document, where in standalone:
            item = self._get(self.items, (row["meeting"], row["item"]), where, "agenda item")
            Attachment.objects.create(
                agenda_item=item,
                document=document,
                label=row.get("label", ""),
                order=100 + item.attachments.filter(report__isnull=True).count(),
            )
            self.summary.add("attachments")

    def load_report(self, path: Path, row: dict) -> None:
        where = f"{path.name} report {row['key']}"
        item = self._get(self.items, (row["meeting"], row["item"]), where, "agenda item")
        report = Report.objects.create(
            slug=row["key"],
            agenda_item=item,
            template=row["template"],
            status=Report.Status.PUBLISHED,
            subject=row["subject"],
            report_by=row.get("report_by", ""),
            report_from=row.get("report_from", ""),
            requested_by=row.get("requested_by", ""),
            report_of=row.get("report_of", ""),
            wards_affected=row.get("wards_affected", ""),
            key_decision=row.get("key_decision"),
            full_council_decision=row.get("full_council_decision", ""),
            confidentiality=row.get("confidentiality", ""),
            signed_by=row.get("signed_by", ""),
            contacts=row.get("contacts", []),
            background_documents=row.get("background_documents", []),
            other_fields=[
                {
                    "label": label,
                    "value": "; ".join(value) or "None" if isinstance(value, list) else value,
                }
                for key, label in OTHER_COVER_FIELDS.items()
                if (value := row.get(key)) is not None
            ],
        )
        self.summary.add("reports")
        html = self.html_file(row["html"], where)
        sections = list(SECTION_RE.finditer(html))
        leftover = SECTION_RE.sub("", html).strip()
        if leftover:
            raise DemoDataError(f"{where}: text outside <section>: {leftover[:80]!r}")
        ReportSection.objects.bulk_create(
            ReportSection(
                report=report,
                order=order,
                kind=match["kind"] if match["kind"] in ReportSection.Kind.values else "other",
                heading=unescape(strip_tags(match["heading"])).strip(),
                html=sanitise_html(match["html"].strip()),
            )
            for order, match in enumerate(sections)
        )
        for order, appendix in enumerate(row.get("appendix", [])):
            appendix_where = f"{where} appendix {appendix.get('label') or order}"
            document = None
            if appendix.get("document"):
                document = self._get(
                    self.documents, appendix["document"], appendix_where, "document"
                )
            elif not appendix.get("to_follow"):
                document = self._document(
                    slug=f"{row['key']}-{slugify(appendix.get('label') or str(order + 1))}",
                    title=appendix["title"],
                    html=self.html_file(appendix["html"], appendix_where),
                    kind=appendix.get("kind", Document.Kind.APPENDIX),
                )
            Attachment.objects.create(
                agenda_item=item,
                report=report,
                document=document,
                label=appendix.get("label", ""),
                title=appendix.get("title", "")
                if document is None or appendix.get("document")
                else "",
                order=order,
                to_follow=appendix.get("to_follow", False),
            )
            self.summary.add("attachments")


def load_demo(root: Path = DEFAULT_ROOT) -> LoadSummary:
    """Load (or reload) the demo data from `root`; returns what was written."""
    return Loader(root).load()


DEMO_PASSWORD = "boardpapers-demo"
DEMO_USERS = {
    # username: (role on every demo body, site administrator?)
    "clerk": ("clerk", False),
    "officer": ("officer", False),
    "member": ("member", False),
    "admin": (None, True),
}


def create_demo_users() -> list[str]:
    """Demo accounts for trying the portal locally; never for a real site."""
    from django.contrib.auth import get_user_model

    from meetings.models import BodyRole

    User = get_user_model()
    created = []
    for username, (role, admin) in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = admin
        user.save()
        if role:
            for body in Body.objects.all():
                BodyRole.objects.get_or_create(user=user, body=body, role=role)
        created.append(username)
    return created
