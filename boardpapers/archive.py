"""A synthetic archive for benchmarks: about 15 years of meetings of some 25 bodies, with
agendas, reports, appendices (web pages and "uploaded PDFs" as per-page text), minutes and
decisions, written with sentences recombined from the real council papers in fixtures/demo/.

Everything is drawn from one seeded random generator, so the same --seed and --today give the
same archive. Rows go in with bulk_create, a batch of meetings at a time, in date order (minute
numbers run per body and period, so meetings must come in the order they were held).

`python manage.py make_archive` runs it; bench/search.py and bench/meeting_page.sh read it.
"""

from __future__ import annotations

import datetime
import hashlib
import html as htmlmod
import re
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from django.conf import settings
from django.db import connection, transaction

from meetings.models import (
    AgendaItem,
    Body,
    Meeting,
    Membership,
    Organisation,
    Person,
)
from minutes.models import MinuteEntry, Minutes, Resolution, ResolutionPart
from reports.models import Attachment, Document, DocumentPage, Report, ReportSection

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
MEETINGS = 3000
YEARS = 15
BATCH_MEETINGS = 100
BULK = 1000

# Share of rows that are exempt (Schedule 12A): items, and with them their papers and minutes.
EXEMPT_SHARE = 0.03  # of substantive items (about 70% of all items): ~2% of items, ~3% of papers
PDF_SHARE = 0.4  # of documents: uploaded PDFs, stored as DocumentPage text
OUTCOMES = [
    (Resolution.Outcome.AGREED, 50),
    (Resolution.Outcome.NOTED, 30),
    (Resolution.Outcome.AGREED_AS_AMENDED, 7),
    (Resolution.Outcome.DEFERRED, 8),
    (Resolution.Outcome.REJECTED, 5),
]
PART_LABELS = [["1)", "2)", "3)", "4)", "5)"], ["(i)", "(ii)", "(iii)", "(iv)", "(v)"],
               ["a)", "b)", "c)", "d)", "e)"], ["i.", "ii.", "iii.", "iv.", "v."],
               ["•"] * 5]  # fmt: skip
SECTION_HEADINGS = [
    ("purpose", "Purpose of report"),
    ("recommendations", "Recommendations"),
    ("background", "Background"),
    ("detail", "Detail (including consultation carried out)"),
    ("reasons", "Reasons for recommendations"),
    ("alternatives", "Alternative options considered and rejected"),
    ("equality", "Integrated impact assessment"),
    ("legal", "Legal implications"),
    ("finance", "Director of Finance's comments"),
    ("resources", "Resource implications"),
    ("risk", "Risk management implications"),
    ("policy", "Policy framework implications"),
]
EXEMPT_REASONS = [
    "The public interest in maintaining the exemption outweighs the public interest in "
    "disclosing the information, as disclosure could prejudice the Council's commercial position.",
    "The report contains information about named individuals which it would be unfair to disclose.",
    "The information relates to negotiations with a third party that are still under way.",
    "Disclosure would reveal legal advice to the Council on which proceedings may depend.",
]
# Words too common to be worth swapping into a sentence.
STOPWORDS = {
    "about", "above", "after", "again", "against", "also", "although", "among", "another",
    "because", "been", "before", "being", "below", "between", "both", "could", "does", "doing",
    "down", "during", "each", "either", "every", "from", "further", "have", "having", "here",
    "into", "itself", "just", "more", "most", "much", "must", "need", "needs", "only", "onto",
    "other", "ours", "over", "same", "shall", "should", "some", "such", "than", "that", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "under", "until",
    "upon", "very", "were", "what", "when", "where", "which", "while", "whom", "will", "with",
    "within", "without", "would", "your",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][a-z]{3,}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|\(?[a-z]\)|\(?[ivx]+\)|•)\s+")


# The text corpus -------------------------------------------------------------------------


def _text(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@dataclass
class Corpus:
    """Real sentences, headings and words from the demo papers, grouped by the file (topic)
    they came from, and the generators that recombine them into new papers."""

    rng: Random
    topics: list[list[str]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    minute_sentences: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, rng: Random, root: Path = FIXTURES) -> Corpus:
        corpus = cls(rng=rng)
        words: Counter[str] = Counter()
        for path in sorted((root / "html").rglob("*.html")):
            source = path.read_text(encoding="utf-8")
            topic = []
            for _, fragment in re.findall(r"<(p|li|td)[^>]*>(.*?)</\1>", source, re.S):
                for sentence in SENTENCE_END.split(NUMBERING.sub("", _text(fragment))):
                    if 6 <= len(sentence.split()) <= 60:
                        topic.append(sentence)
                        words.update(w.lower() for w in WORD.findall(sentence))
            for _, heading in re.findall(r"<(h2|h3)[^>]*>(.*?)</\1>", source, re.S):
                heading = NUMBERING.sub("", _text(heading)).strip(" :")
                # Section headings in capitals ("LEGAL IMPLICATIONS") make poor item titles.
                if 2 <= len(heading.split()) <= 12 and not heading.isupper():
                    corpus.headings.append(heading[0].upper() + heading[1:])
            if topic:
                corpus.topics.append(topic)
                corpus.sentences.extend(topic)
        # Item titles, minutes and decisions as the seed meetings recorded them.
        for path in sorted((root / "meetings").glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for item in data.get("item", []):
                if item.get("kind", "substantive") == "substantive" and item.get("title"):
                    corpus.titles.append(item["title"])
            for entry in data.get("minutes", {}).get("entry", []):
                for _, fragment in re.findall(
                    r"<(p|li)[^>]*>(.*?)</\1>", entry.get("html", ""), re.S
                ):
                    corpus.minute_sentences.extend(
                        s for s in SENTENCE_END.split(_text(fragment)) if len(s.split()) >= 6
                    )
                for resolution in entry.get("resolution", []):
                    corpus.decisions.extend(part["text"] for part in resolution.get("parts", []))
        for path in sorted((root / "papers").glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            corpus.titles.extend(report["subject"] for report in data.get("report", []))
        corpus.titles = sorted(set(corpus.titles))
        corpus.headings = sorted(set(corpus.headings))
        # Content words by frequency: substitutions draw from them with a Zipf-like skew, so
        # a few words are everywhere ("council", "health") and most are rare.
        corpus.vocabulary = [
            w
            for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
            if w not in STOPWORDS
        ]
        return corpus

    def word(self) -> str:
        """A content word, rank drawn log-uniformly: frequent words often, rare ones seldom."""
        return self.vocabulary[int(len(self.vocabulary) ** self.rng.random()) - 1]

    def sentence(self, topic: int) -> str:
        rng = self.rng
        pool = self.topics[topic] if rng.random() < 0.65 else self.sentences
        sentence = rng.choice(pool)
        roll = rng.random()
        if roll < 0.25:
            # Splice: the start of one sentence, the end of another, at a clause boundary.
            other = rng.choice(self.sentences)
            head, _, _ = sentence.partition(", ")
            _, sep, tail = other.partition(", ")
            if sep and head != sentence:
                sentence = f"{head}, {tail}"
        elif roll < 0.55:
            # Swap one or two content words for others from the papers' vocabulary.
            words = sentence.split(" ")
            for _ in range(rng.randint(1, 2)):
                i = rng.randrange(len(words))
                if WORD.fullmatch(words[i]) and words[i].islower():
                    words[i] = self.word()
            sentence = " ".join(words)
        return sentence

    def paragraph(self, topic: int, sentences: int) -> str:
        return " ".join(self.sentence(topic) for _ in range(sentences))

    def words(self, topic: int, count: int) -> str:
        """Prose of about `count` words."""
        out: list[str] = []
        total = 0
        while total < count:
            sentence = self.sentence(topic)
            out.append(sentence)
            total += sentence.count(" ") + 1
        return " ".join(out)

    def html(self, topic: int, count: int, numbered: str = "") -> str:
        """HTML paragraphs (and now and then a list) of about `count` words."""
        rng = self.rng
        parts: list[str] = []
        total = n = 0
        while total < count:
            n += 1
            if rng.random() < 0.12:
                items = [self.sentence(topic) for _ in range(rng.randint(2, 5))]
                parts.append(
                    "<ul>"
                    + "".join(f"<li>{htmlmod.escape(i, quote=False)}</li>" for i in items)
                    + "</ul>"
                )
                total += sum(i.count(" ") + 1 for i in items)
                continue
            text = self.paragraph(topic, rng.randint(1, 4))
            prefix = f"{numbered}.{n} " if numbered else ""
            parts.append(f"<p>{prefix}{htmlmod.escape(text, quote=False)}</p>")
            total += text.count(" ") + 1
        return "\n".join(parts)

    def minute_text(self, topic: int) -> str:
        rng = self.rng
        paragraphs = []
        for _ in range(rng.randint(1, 4)):
            sentences = [
                rng.choice(self.minute_sentences) if rng.random() < 0.5 else self.sentence(topic)
                for _ in range(rng.randint(2, 5))
            ]
            paragraphs.append(f"<p>{htmlmod.escape(' '.join(sentences), quote=False)}</p>")
        return "\n".join(paragraphs)

    def title(self, topic: int) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return rng.choice(self.titles)
        if roll < 0.8:
            return rng.choice(self.headings)
        base = rng.choice(self.titles + self.headings)
        return f"{base}: {self.word()} {rng.choice(['update', 'review', 'proposals', 'report', 'plan'])}"


# The bodies ----------------------------------------------------------------------------------

ORGANISATIONS = [
    ("portsmouth-city-council", "Portsmouth City Council", "council"),
    ("southampton-city-council", "Southampton City Council", "council"),
    ("hiow-icb", "Hampshire and Isle of Wight Integrated Care Board", "nhs"),
    ("safer-portsmouth", "Safer Portsmouth Partnership", "partnership"),
]
# (slug, name, organisation, parent slug, meetings a year, numbering scope)
BODIES = [
    ("pcc-cabinet", "Cabinet", "portsmouth-city-council", "", 10, "municipal_year"),
    ("pcc-council", "Full Council", "portsmouth-city-council", "", 7, "municipal_year"),
    ("health-and-wellbeing-board", "Health and Wellbeing Board", "portsmouth-city-council", "", 5, "calendar_year"),
    ("pcc-planning", "Planning Committee", "portsmouth-city-council", "", 14, "municipal_year"),
    ("pcc-licensing", "Licensing Committee", "portsmouth-city-council", "", 4, "municipal_year"),
    ("pcc-licensing-sub", "Licensing Sub-Committee", "portsmouth-city-council", "pcc-licensing", 12, "municipal_year"),
    ("pcc-governance-audit", "Governance and Audit and Standards Committee", "portsmouth-city-council", "", 5, "municipal_year"),
    ("pcc-scrutiny", "Scrutiny Management Panel", "portsmouth-city-council", "", 6, "municipal_year"),
    ("pcc-scrutiny-children", "Education, Children and Young People Scrutiny Panel", "portsmouth-city-council", "pcc-scrutiny", 5, "municipal_year"),
    ("pcc-scrutiny-health", "Health and Adult Social Care Scrutiny Panel", "portsmouth-city-council", "pcc-scrutiny", 6, "municipal_year"),
    ("pcc-employment", "Employment Committee", "portsmouth-city-council", "", 3, "municipal_year"),
    ("pcc-pensions", "Pension Fund Committee", "portsmouth-city-council", "", 4, "municipal_year"),
    ("pcc-pensions-board", "Local Pension Board", "portsmouth-city-council", "pcc-pensions", 3, "municipal_year"),
    ("scc-cabinet", "Cabinet", "southampton-city-council", "", 11, "municipal_year"),
    ("scc-council", "Council", "southampton-city-council", "", 7, "municipal_year"),
    ("southampton-health-and-care-partnership-board", "Health and Care Partnership Board", "southampton-city-council", "", 5, "calendar_year"),
    ("scc-planning", "Planning and Rights of Way Panel", "southampton-city-council", "", 16, "municipal_year"),
    ("scc-licensing", "Licensing Committee", "southampton-city-council", "", 3, "municipal_year"),
    ("scc-licensing-sub", "Licensing (Licensing and Gambling) Sub-Committee", "southampton-city-council", "scc-licensing", 10, "municipal_year"),
    ("scc-osmc", "Overview and Scrutiny Management Committee", "southampton-city-council", "", 9, "municipal_year"),
    ("scc-health-scrutiny", "Health Overview and Scrutiny Panel", "southampton-city-council", "scc-osmc", 6, "municipal_year"),
    ("scc-governance", "Governance Committee", "southampton-city-council", "", 5, "municipal_year"),
    ("icb-board", "Integrated Care Board", "hiow-icb", "", 6, "continuous"),
    ("icb-partnership", "Integrated Care Partnership", "hiow-icb", "icb-board", 4, "continuous"),
    ("safer-portsmouth-board", "Safer Portsmouth Partnership Board", "safer-portsmouth", "", 4, "calendar_year"),
]  # fmt: skip
PROCEDURAL = [
    (AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interest"),
    (AgendaItem.Kind.MINUTES, "Minutes of the previous meeting"),
]
DOCUMENT_KINDS = [
    (Document.Kind.APPENDIX, 70),
    (Document.Kind.PLAN, 6),
    (Document.Kind.STRATEGY, 5),
    (Document.Kind.LETTER, 5),
    (Document.Kind.ANNUAL_REPORT, 4),
    (Document.Kind.SLIDE_DECK, 5),
    (Document.Kind.ACTION_PLAN, 5),
]


@dataclass
class Planned:
    """A meeting before it is written: enough to number minutes and approve the previous."""

    body: Body
    date: datetime.date
    slug: str
    index: int
    cancelled: bool = False
    meeting: Meeting | None = None
    previous: Planned | None = None
    next: Planned | None = None

    @property
    def next_held(self) -> Planned | None:
        """The body's next meeting that was not cancelled: where these minutes are approved."""
        following = self.next
        while following and following.cancelled:
            following = following.next
        return following

    @property
    def previous_held(self) -> Planned | None:
        before = self.previous
        while before and before.cancelled:
            before = before.previous
        return before


@dataclass
class Counts:
    counts: Counter = field(default_factory=Counter)

    def add(self, name: str, n: int) -> None:
        self.counts[name] += n


def _weighted(rng: Random, choices: list[tuple]) -> object:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


class ArchiveBuilder:
    """Writes the archive. `report` is called with a progress line now and then."""

    def __init__(
        self,
        *,
        meetings: int = MEETINGS,
        seed: int = 1,
        today: datetime.date | None = None,
        tag: str = "",
        exempt_share: float = EXEMPT_SHARE,
        report: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.rng = Random(seed)
        self.exempt_share = exempt_share
        self.total = meetings
        self.today = today or datetime.date.today()
        self.tag = tag  # prefix for slugs when appending to an archive that has data
        self.report = report
        self.corpus = Corpus.load(self.rng)
        self.counts = Counts()
        self.minute_numbers: dict[tuple[int, str], int] = defaultdict(int)
        self.people: list[Person] = []
        self.southampton: set[int] = set()
        self.terms: dict[int, Document] = {}
        self.started = time.monotonic()

    # Set-up: organisations, bodies, people -------------------------------------------------

    def build(self) -> Counter:
        bodies, rates = self._bodies()
        plan = self._plan(bodies, rates)
        self._meetings(plan)
        for start in range(0, len(plan), BATCH_MEETINGS):
            batch = plan[start : start + BATCH_MEETINGS]
            with transaction.atomic():
                self._batch(batch)
            self.report(self._progress(start + len(batch), len(plan)))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.report(f"ANALYZE done, {time.monotonic() - self.started:.0f} s")
        return self.counts.counts

    def _progress(self, done: int, total: int) -> str:
        c = self.counts.counts
        return (
            f"  {done:>5}/{total} meetings  {c['agenda items']:>7,} items  {c['reports']:>6,} reports  "
            f"{c['documents']:>7,} documents  {c['document pages']:>7,} pages  "
            f"{c['minute entries']:>6,} minutes  {time.monotonic() - self.started:6.0f} s"
        )

    def _bodies(self) -> tuple[list[Body], dict[int, int]]:
        organisations = {}
        for slug, name, kind in ORGANISATIONS:
            organisations[slug], _ = Organisation.objects.get_or_create(
                slug=f"{self.tag}{slug}", defaults={"name": name, "kind": kind}
            )
        bodies: dict[str, Body] = {}
        rates = {}
        for slug, name, organisation, parent, rate, scope in BODIES:
            body, _ = Body.objects.get_or_create(
                slug=f"{self.tag}{slug}",
                defaults={
                    "name": name,
                    "organisation": organisations[organisation],
                    "parent": bodies[parent] if parent else None,
                    "numbering_scope": scope,
                    "default_start_time": datetime.time(self.rng.choice([10, 14, 18]), 0),
                    "default_venue": self.rng.choice(
                        [
                            "Council Chamber, The Guildhall",
                            "Conference Room A, Civic Offices",
                            "Council Chamber, Civic Centre",
                            "Virtual meeting",
                        ]  # fmt: skip
                    ),
                    "contact_name": "Democratic Services",
                    "contact_email": "democratic.services@example.gov.uk",
                    "access_text": self.corpus.sentence(0),
                },
            )
            bodies[slug] = body
            rates[body.pk] = rate
            if organisation == "southampton-city-council":
                self.southampton.add(body.pk)
            # Terms of reference: one document, attached at a meeting or two a year.
            self.terms[body.pk] = Document(
                slug=f"{body.slug}-terms-of-reference",
                title=f"{name}: terms of reference",
                kind=Document.Kind.TERMS_OF_REFERENCE,
                html=self.corpus.html(0, 600),
            )
        Document.objects.bulk_create(self.terms.values())
        self.counts.add("documents", len(self.terms))
        self._people(list(bodies.values()))
        return list(bodies.values()), rates

    def _people(self, bodies: list[Body]) -> None:
        names = []
        for line in (FIXTURES / "people.toml").read_text(encoding="utf-8").splitlines():
            if line.startswith("name = "):
                names.append(line.split('"')[1])
        first = sorted({n.split()[0] for n in names})
        last = sorted({n.split()[-1] for n in names})
        people = []
        for n in range(12 * len(bodies)):
            name = f"{self.rng.choice(first)} {self.rng.choice(last)}"
            honorific = "Councillor" if self.rng.random() < 0.6 else ""
            people.append(
                Person(slug=f"{self.tag}archive-person-{n}", name=name, honorific=honorific)
            )
        self.people = Person.objects.bulk_create(people, batch_size=BULK)
        memberships = []
        for body in bodies:
            seated = self.rng.sample(self.people, self.rng.randint(8, 14))
            for order, person in enumerate(seated):
                role = Membership.Role.CHAIR if order == 0 else Membership.Role.MEMBER
                if order == 1:
                    role = Membership.Role.VICE_CHAIR
                memberships.append(Membership(person=person, body=body, role=role, order=order))
        Membership.objects.bulk_create(memberships, batch_size=BULK)
        self.counts.add("people", len(self.people))
        self.counts.add("memberships", len(memberships))

    def _plan(self, bodies: list[Body], rates: dict[int, int]) -> list[Planned]:
        """Dates for every meeting: each body's share of the total, spread over the years
        (with a few months still to come), on weekdays."""
        end = self.today + datetime.timedelta(days=120)
        start = end - datetime.timedelta(days=round(365.25 * YEARS))
        span = (end - start).days
        weight = sum(rates.values())
        # Each body's share of the meetings by its rate, largest remainders rounded up, so the
        # total is exactly what was asked for (a tiny archive leaves the quietest bodies out).
        quotas = {body.pk: self.total * rates[body.pk] / weight for body in bodies}
        shares = {pk: int(quota) for pk, quota in quotas.items()}
        short = self.total - sum(shares.values())
        for pk in sorted(quotas, key=lambda pk: (shares[pk] - quotas[pk], pk))[:short]:
            shares[pk] += 1
        plan: list[Planned] = []
        for body in bodies:
            n = shares[body.pk]
            if not n:
                continue
            step = span / n
            previous = None
            for k in range(n):
                offset = int(k * step + self.rng.uniform(0, step * 0.6))
                day = _weekday(start + datetime.timedelta(days=offset))
                if previous and day <= previous.date:
                    day = _weekday(previous.date + datetime.timedelta(days=1))
                slug = f"{self.tag}{day:%Y-%m-%d}-{body.slug.removeprefix(self.tag)}"
                planned = Planned(body=body, date=day, slug=slug, index=0, previous=previous)
                planned.cancelled = self.rng.random() < 0.01
                if previous:
                    previous.next = planned
                previous = planned
                plan.append(planned)
        plan.sort(key=lambda p: (p.date, p.slug))
        for index, planned in enumerate(plan):
            planned.index = index
        return plan

    def _status(self, planned: Planned) -> str:
        """Past meetings have their minutes; the next fortnight has published agendas."""
        S = Meeting.Status
        if planned.cancelled:
            return S.SCHEDULED
        days = (planned.date - self.today).days
        if days > 14:
            return S.DRAFT if self.rng.random() < 0.15 else S.SCHEDULED
        if days >= 0:
            return S.AGENDA_PUBLISHED
        held_next = planned.next_held and planned.next_held.date < self.today
        if held_next:
            return S.MINUTES_APPROVED
        if days > -10:
            return self.rng.choice([S.HELD, S.MINUTES_DRAFT])
        return S.MINUTES_PUBLISHED

    def _meetings(self, plan: list[Planned]) -> None:
        rows = []
        for planned in plan:
            body = planned.body
            status = self._status(planned)
            rows.append(
                Meeting(
                    slug=planned.slug,
                    body=body,
                    date=planned.date,
                    start_time=body.default_start_time,
                    venue=body.default_venue,
                    virtual=body.default_venue == "Virtual meeting",
                    kind=Meeting.Kind.SPECIAL
                    if self.rng.random() < 0.04
                    else Meeting.Kind.ORDINARY,
                    status=status,
                    published_on=planned.date - datetime.timedelta(days=7)
                    if status in Meeting.AGENDA_PUBLIC_STATUSES
                    else None,
                    contact_name=body.contact_name,
                    contact_email=body.contact_email,
                    cancelled=planned.cancelled,
                    cancellation_reason="The meeting was cancelled as there was no business."
                    if planned.cancelled
                    else "",
                )
            )
        for planned, meeting in zip(
            plan, Meeting.objects.bulk_create(rows, batch_size=BULK), strict=True
        ):
            planned.meeting = meeting
        self.counts.add("meetings", len(rows))

    # One batch of meetings with everything on them --------------------------------------------

    def _batch(self, batch: list[Planned]) -> None:
        rng, corpus = self.rng, self.corpus
        items: list[AgendaItem] = []
        item_topic: dict[int, int] = {}  # id(item) -> topic
        approvals: list[tuple[AgendaItem, Meeting]] = []
        for planned in batch:
            if planned.cancelled:
                continue
            meeting = planned.meeting
            n_items = rng.randint(6, 14)
            number = 0
            previous = planned.previous_held
            for kind, title in PROCEDURAL:
                if kind == AgendaItem.Kind.MINUTES and not previous:
                    continue
                number += 1
                if kind == AgendaItem.Kind.MINUTES:
                    title = f"{title} - {previous.date:%-d %B %Y}"
                item = AgendaItem(
                    meeting=meeting, number=number, order=number, title=title, kind=kind,
                    has_papers=kind == AgendaItem.Kind.MINUTES,
                )  # fmt: skip
                items.append(item)
                if kind == AgendaItem.Kind.MINUTES:
                    approvals.append((item, previous.meeting))
            while number < n_items:
                number += 1
                topic = rng.randrange(len(corpus.topics))
                exempt = rng.random() < self.exempt_share
                item = AgendaItem(
                    meeting=meeting,
                    number=number,
                    order=number,
                    title=corpus.title(topic),
                    kind=AgendaItem.Kind.SUBSTANTIVE,
                    purpose=corpus.paragraph(topic, rng.randint(1, 2))
                    if rng.random() < 0.5
                    else "",
                    recommendation=f"RECOMMENDED that {_lower_first(corpus.sentence(topic))}"
                    if rng.random() < 0.4
                    else "",
                    presenter=rng.choice(self.people).full_name if rng.random() < 0.6 else "",
                    item_for=rng.choice(["", "discussion", "decision", "information"]),
                    information_only=rng.random() < 0.15,
                    has_papers=rng.random() < 0.85,
                    exempt=exempt,
                    exempt_paragraph=rng.choice([1, 2, 3, 3, 3, 4, 5]) if exempt else None,
                    exempt_reason=rng.choice(EXEMPT_REASONS) if exempt else "",
                )
                items.append(item)
                item_topic[id(item)] = topic
        AgendaItem.objects.bulk_create(items, batch_size=BULK)
        AgendaItem.approves_minutes.through.objects.bulk_create(
            [
                AgendaItem.approves_minutes.through(agendaitem_id=item.pk, meeting_id=m.pk)
                for item, m in approvals
            ],
            batch_size=BULK,
        )
        self.counts.add("agenda items", len(items))
        self._papers(items, item_topic)
        self._minutes(batch, items, item_topic)

    def _papers(self, items: list[AgendaItem], item_topic: dict[int, int]) -> None:
        rng, corpus = self.rng, self.corpus
        reports: list[Report] = []
        report_item: list[AgendaItem] = []
        for item in items:
            if item.kind != AgendaItem.Kind.SUBSTANTIVE or not item.has_papers:
                continue
            meeting = item.meeting
            public = meeting.status in Meeting.AGENDA_PUBLIC_STATUSES
            template = (
                "southampton"
                if meeting.body_id in self.southampton
                else rng.choice(["portsmouth_decision", "portsmouth_information"])
            )
            reports.append(
                Report(
                    slug=f"{meeting.slug}-item-{item.number}",
                    agenda_item=item,
                    template=template,
                    status=Report.Status.PUBLISHED
                    if public
                    else rng.choice(["draft", "submitted", "accepted"]),
                    subject=item.title,
                    report_by=rng.choice(self.people).name,
                    report_of=rng.choice(
                        [
                            "Director of Public Health",
                            "Director of Finance",
                            "Director of Children's Services",
                            "Chief Executive",
                            "Director of Regeneration",
                            "Head of Planning",
                        ]
                    ),  # fmt: skip
                    wards_affected=rng.choice(["All", "All wards", "Central", "Harbour", "North"]),
                    key_decision=rng.random() < 0.3,
                    exempt=item.exempt,
                    exempt_paragraph=item.exempt_paragraph,
                )
            )
            report_item.append(item)
        Report.objects.bulk_create(reports, batch_size=BULK)
        self.counts.add("reports", len(reports))

        sections = []
        for report, item in zip(reports, report_item, strict=True):
            topic = item_topic[id(item)]
            chosen = SECTION_HEADINGS[:2] + rng.sample(SECTION_HEADINGS[2:], rng.randint(2, 7))
            chosen.sort(key=SECTION_HEADINGS.index)
            for order, (kind, heading) in enumerate(chosen, start=1):
                words = (
                    rng.randint(60, 220)
                    if kind not in ("background", "detail")
                    else rng.randint(250, 700)
                )
                sections.append(
                    ReportSection(
                        report=report,
                        order=order,
                        kind=kind,
                        heading=f"{order}. {heading}",
                        html=corpus.html(topic, words, numbered=str(order)),
                    )
                )
        ReportSection.objects.bulk_create(sections, batch_size=BULK)
        self.counts.add("report sections", len(sections))

        # Appendices of reports, and papers of their own on some items.
        documents: list[Document] = []
        placements: list[tuple[Document, AgendaItem, Report | None, str, int]] = []
        pages: list[tuple[Document, list[str]]] = []
        for report, item in zip(reports, report_item, strict=True):
            for k in range(
                _weighted(rng, [(0, 7), (1, 16), (2, 22), (3, 21), (4, 15), (5, 11), (6, 8)])
            ):
                label = (
                    f"Appendix {k + 1}"
                    if report.template != "southampton"
                    else f"Appendix {'ABCDEF'[k]}"
                )
                document = self._document(
                    item, item_topic[id(item)], f"{report.slug}-appendix-{k + 1}", pages
                )
                documents.append(document)
                placements.append((document, item, report, label, k))
        for item in items:
            if item.kind == AgendaItem.Kind.SUBSTANTIVE and item.has_papers and rng.random() < 0.55:
                slug = f"{item.meeting.slug}-item-{item.number}-paper"
                document = self._document(item, item_topic[id(item)], slug, pages)
                documents.append(document)
                placements.append((document, item, None, "", 100))
        first_items = {}
        for item in items:
            if item.kind == AgendaItem.Kind.SUBSTANTIVE:
                first_items.setdefault(item.meeting_id, item)
        for item in first_items.values():
            if rng.random() < 0.1:
                placements.append((self.terms[item.meeting.body_id], item, None, "", 101))
        Document.objects.bulk_create(documents, batch_size=BULK)
        self.counts.add("documents", len(documents))
        page_rows = [
            DocumentPage(document=document, number=n, text=text)
            for document, texts in pages
            for n, text in enumerate(texts, start=1)
        ]
        DocumentPage.objects.bulk_create(page_rows, batch_size=BULK)
        self.counts.add("document pages", len(page_rows))
        attachments = [
            Attachment(agenda_item=item, report=report, document=document, label=label, order=order)
            for document, item, report, label, order in placements
        ]
        Attachment.objects.bulk_create(attachments, batch_size=BULK)
        self.counts.add("attachments", len(attachments))

    def _document(self, item: AgendaItem, topic: int, slug: str, pages: list) -> Document:
        rng, corpus = self.rng, self.corpus
        kind = _weighted(rng, DOCUMENT_KINDS)
        exempt = item.exempt or rng.random() < 0.003
        title = corpus.title(topic) if rng.random() < 0.7 else f"{item.title} – {kind.label}"
        document = Document(
            slug=slug,
            title=title[:500],
            kind=kind,
            exempt=exempt,
            exempt_paragraph=(item.exempt_paragraph or 3) if exempt else None,
        )
        if rng.random() < PDF_SHARE:
            texts = [corpus.words(topic, rng.randint(250, 400)) for _ in range(rng.randint(1, 8))]
            document.page_count = len(texts)
            document.text_status = Document.TextStatus.INDEXED
            document.content_hash = hashlib.sha256("\f".join(texts).encode()).hexdigest()
            pages.append((document, texts))
        else:
            # Letters and slides are short; strategies and annual reports run long.
            words = rng.randint(150, 700) if rng.random() < 0.7 else rng.randint(700, 2500)
            document.html = corpus.html(topic, words)
            document.content_hash = hashlib.sha256(document.html.encode()).hexdigest()
        return document

    def _minutes(self, batch: list[Planned], items: list[AgendaItem], item_topic: dict) -> None:
        rng, corpus = self.rng, self.corpus
        by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
        for item in items:
            by_meeting[item.meeting_id].append(item)
        S = Meeting.Status
        minutes_status = {
            S.MINUTES_DRAFT: Minutes.Status.DRAFT,
            S.MINUTES_PUBLISHED: Minutes.Status.PUBLISHED,
            S.MINUTES_APPROVED: Minutes.Status.APPROVED,
        }
        records: list[Minutes] = []
        for planned in batch:
            meeting = planned.meeting
            if meeting.status not in minutes_status:
                continue
            status = minutes_status[meeting.status]
            records.append(
                Minutes(
                    meeting=meeting,
                    status=status,
                    approved_at=planned.next_held.meeting
                    if status == Minutes.Status.APPROVED
                    else None,
                    header=f"MINUTES OF THE MEETING of the {meeting.body.name} held on "
                    f"{meeting.date:%A %-d %B %Y}.",
                    signed_by=rng.choice(self.people).full_name,
                )
            )
        Minutes.objects.bulk_create(records, batch_size=BULK)
        self.counts.add("minutes", len(records))

        entries: list[MinuteEntry] = []
        entry_item: list[AgendaItem] = []
        for record in records:
            meeting = record.meeting
            period = meeting.body.numbering_period(meeting.date)
            for order, item in enumerate(by_meeting[meeting.pk], start=1):
                key = (meeting.body_id, period)
                self.minute_numbers[key] += 1
                topic = item_topic.get(id(item), 0)
                if item.kind == AgendaItem.Kind.SUBSTANTIVE:
                    text = corpus.minute_text(topic)
                elif item.kind == AgendaItem.Kind.APOLOGIES:
                    names = ", ".join(
                        p.full_name for p in rng.sample(self.people, rng.randint(1, 3))
                    )
                    text = f"<p>Apologies for absence were received from {htmlmod.escape(names, quote=False)}.</p>"
                elif item.kind == AgendaItem.Kind.DECLARATIONS:
                    text = "<p>There were no declarations of interest.</p>"
                else:
                    text = ""
                entries.append(
                    MinuteEntry(
                        minutes=record,
                        body=meeting.body,
                        period=period,
                        number=self.minute_numbers[key],
                        order=order,
                        title=item.title,
                        html=text,
                        exempt=item.exempt,
                    )
                )
                entry_item.append(item)
        MinuteEntry.objects.bulk_create(entries, batch_size=BULK)
        MinuteEntry.agenda_items.through.objects.bulk_create(
            [
                MinuteEntry.agenda_items.through(minuteentry_id=e.pk, agendaitem_id=i.pk)
                for e, i in zip(entries, entry_item, strict=True)
            ],
            batch_size=BULK,
        )
        self.counts.add("minute entries", len(entries))

        resolutions: list[Resolution] = []
        part_texts: list[list[tuple[str, str]]] = []
        for entry, item in zip(entries, entry_item, strict=True):
            body = entry.body.name
            if item.kind == AgendaItem.Kind.MINUTES:
                resolutions.append(
                    Resolution(
                        entry=entry,
                        preamble=f"RESOLVED that the minutes of the {item.title.split(' - ')[-1]} "
                        f"meeting of the {body} be approved as a correct record.",
                        outcome=Resolution.Outcome.AGREED,
                    )
                )
                part_texts.append([])
                continue
            if item.kind != AgendaItem.Kind.SUBSTANTIVE or rng.random() > 0.8:
                continue
            topic = item_topic[id(item)]
            for order in range(1 if rng.random() < 0.9 else 2):
                outcome = _weighted(rng, OUTCOMES)
                parts: list[tuple[str, str]] = []
                if outcome == Resolution.Outcome.NOTED and rng.random() < 0.7:
                    preamble = f"RESOLVED that the {body} note the report."
                elif outcome == Resolution.Outcome.DEFERRED:
                    preamble = f"RESOLVED that consideration of the report be deferred to a future meeting of the {body}."
                else:
                    preamble = f"RESOLVED that the {body}:"
                    labels = rng.choice(PART_LABELS)
                    for k in range(rng.randint(1, 5)):
                        text = (
                            rng.choice(corpus.decisions)
                            if rng.random() < 0.4
                            else corpus.sentence(topic)
                        )
                        parts.append((labels[k], text))
                    if outcome == Resolution.Outcome.REJECTED:
                        preamble = f"The recommendations were put to the vote and were LOST. RESOLVED that the {body}:"
                resolutions.append(
                    Resolution(entry=entry, order=order, preamble=preamble, outcome=outcome)
                )
                part_texts.append(parts)
        Resolution.objects.bulk_create(resolutions, batch_size=BULK)
        self.counts.add("resolutions", len(resolutions))
        parts = [
            ResolutionPart(resolution=resolution, order=order, label=label, text=text)
            for resolution, texts in zip(resolutions, part_texts, strict=True)
            for order, (label, text) in enumerate(texts)
        ]
        ResolutionPart.objects.bulk_create(parts, batch_size=BULK)
        self.counts.add("resolution parts", len(parts))


def build_archive(**options) -> Counter:
    """Write an archive into the current database (see ArchiveBuilder); returns the counts."""
    return ArchiveBuilder(**options).build()
