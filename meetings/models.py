"""Organisations, bodies, people and their memberships, meetings and their agendas."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from meetings import access
from meetings.fulltext import search_column, search_index
from meetings.html import sanitise_html


class ExemptParagraph(models.IntegerChoices):
    """Schedule 12A to the Local Government Act 1972, Part 1 (England)."""

    INDIVIDUAL = 1, "1. Information relating to any individual"
    IDENTITY = 2, "2. Information which is likely to reveal the identity of an individual"
    FINANCIAL = (
        3,
        (
            "3. Information relating to the financial or business affairs of any particular "
            "person (including the authority holding that information)"
        ),
    )
    LABOUR = (
        4,
        (
            "4. Information relating to any consultations or negotiations, or contemplated "
            "consultations or negotiations, in connection with any labour relations matter"
        ),
    )
    LEGAL = (
        5,
        (
            "5. Information in respect of which a claim to legal professional privilege could "
            "be maintained in legal proceedings"
        ),
    )
    NOTICE = (
        6,
        (
            "6. Information which reveals that the authority proposes to give a notice or to "
            "make an order or direction under any enactment"
        ),
    )
    CRIME = (
        7,
        (
            "7. Information relating to any action taken or to be taken in connection with the "
            "prevention, investigation or prosecution of crime"
        ),
    )


EXEMPT_NEEDS_PARAGRAPH = "An exempt item needs its Schedule 12A paragraph."


class Organisation(models.Model):
    """A council or partner body whose people sit on boards (e.g. Portsmouth CCG)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        NHS = "nhs", "NHS"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        PROBATION = "probation", "Probation"
        VOLUNTARY = "voluntary", "Voluntary sector"
        EDUCATION = "education", "Education"
        PARTNERSHIP = "partnership", "Partnership"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    aliases = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="Other names and abbreviations used in papers (PCCG, Portsmouth CCG…).",
    )
    website = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Body(models.Model):
    """A committee or board that holds meetings, with its house style for packs and minutes."""

    class NumberingScope(models.TextChoices):
        CALENDAR_YEAR = "calendar_year", "Calendar year (restart each January)"
        MUNICIPAL_YEAR = "municipal_year", "Municipal year (restart each May)"
        CONTINUOUS = "continuous", "Never restart"

    class FrontSheet(models.TextChoices):
        NOTICE = "notice", "Notice of meeting with the membership (Portsmouth)"
        AGENDA = "agenda", "Title, time and agenda with leads (Southampton)"

    class Padding(models.TextChoices):
        DOCUMENT = "document", "Each document starts on an odd page"
        ITEM = "item", "Each item starts on an odd page"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bodies")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this is a sub-committee or sub-board of.",
    )
    abbreviations = ArrayField(models.CharField(max_length=40), blank=True, default=list)
    description = models.TextField(blank=True)
    numbering_scope = models.CharField(
        "minute numbering",
        max_length=20,
        choices=NumberingScope,
        default=NumberingScope.CALENDAR_YEAR,
    )
    front_sheet_numbered = models.BooleanField(
        default=True,
        help_text="Count the front sheet and agenda in pack page numbers (Portsmouth: papers "
        "start at page 5); off: papers start at page 1 (Southampton).",
    )
    padding = models.CharField(max_length=20, choices=Padding, default=Padding.DOCUMENT)
    front_sheet = models.CharField(max_length=20, choices=FrontSheet, default=FrontSheet.NOTICE)
    default_start_time = models.TimeField(null=True, blank=True)
    default_venue = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=60, blank=True)
    contact_email = models.EmailField(blank=True)
    members_heading = models.CharField(max_length=200, blank=True)
    alternates_text = models.CharField(
        max_length=200, blank=True, help_text='Lead-in printed before alternates ("Plus one…").'
    )
    access_text = models.TextField(blank=True)
    retain_text = models.TextField(blank=True)
    website_text = models.TextField(blank=True)
    deputation_text = models.TextField(
        blank=True, help_text="Deputation rules and deadline printed on the front sheet."
    )
    show_attendance_percentages = models.BooleanField(
        default=True,
        help_text="Show members' attendance as a percentage on their pages. Turn off where a "
        "percentage would mislead (few meetings, seats shared by rota); the counts still show.",
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="body_not_own_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:body", kwargs={"slug": self.slug})

    def numbering_period(self, date: datetime.date) -> str:
        """The key of the minute-numbering sequence a meeting on `date` belongs to."""
        if self.numbering_scope == self.NumberingScope.CALENDAR_YEAR:
            return str(date.year)
        if self.numbering_scope == self.NumberingScope.MUNICIPAL_YEAR:
            start = date.year if date.month >= 5 else date.year - 1
            return f"{start}/{(start + 1) % 100:02d}"
        return "all"


class PersonQuerySet(models.QuerySet):
    def current_members(self, on: datetime.date | None = None) -> PersonQuerySet:
        """People holding a seat on some body on `on` (today by default)."""
        seats = Membership.objects.current(on).filter(person=models.OuterRef("pk"))
        return self.filter(models.Exists(seats))

    def alphabetical(self) -> PersonQuerySet:
        """By surname, as councils list their members: `name` has no honorific, so its last
        word is the surname."""
        surname = models.Func(
            models.F("name"),
            models.Value(r"^.*\s"),
            models.Value(""),
            function="regexp_replace",
            output_field=models.CharField(),
        )
        return self.annotate(surname=surname).order_by(Lower("surname"), Lower("name"), "pk")


class Person(models.Model):
    """Someone who sits on, reports to or attends a body."""

    slug = models.SlugField(max_length=120, unique=True)
    honorific = models.CharField(max_length=60, blank=True, help_text="Councillor, Dr…")
    name = models.CharField(max_length=200, help_text="Canonical spelling, without honorific.")
    post_nominals = models.CharField(max_length=60, blank=True, help_text="CBE…")
    aliases = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="Other spellings found in papers, so they resolve to this person.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=60, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("meetings:person", kwargs={"slug": self.slug})

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.name, self.post_nominals) if part)


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        on = on or datetime.date.today()
        return self.filter(Q(start__lte=on) | Q(start__isnull=True)).filter(
            Q(end__gte=on) | Q(end__isnull=True)
        )


class Membership(models.Model):
    """A person's seat on a body for a term, as the front sheet prints it."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        JOINT_CHAIR = "joint_chair", "Joint Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"
        NON_VOTING = "non_voting", "Non-voting member"
        STANDING_DEPUTY = "standing_deputy", "Standing deputy"
        ALTERNATE = "alternate", "Alternate"

    class Category(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        CO_OPTED = "co_opted", "Co-opted or partner member"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    category = models.CharField(max_length=20, choices=Category, default=Category.COUNCILLOR)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The organisation the member represents.",
    )
    post = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Order on the front sheet.")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "order", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def held_on(self, on: datetime.date) -> bool:
        """MembershipQuerySet.current() for a row already loaded, to split a person's seats
        into current and past without a second query."""
        return (self.start is None or self.start <= on) and (self.end is None or self.end >= on)


class BodyRole(models.Model):
    """What a user account may do for a body: clerk, officer or member."""

    class Role(models.TextChoices):
        CLERK = "clerk", "Clerk"
        OFFICER = "officer", "Officer"
        MEMBER = "member", "Member"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_roles"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="user_roles")
    role = models.CharField(max_length=20, choices=Role)

    class Meta:
        ordering = ["body", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "role"], name="unique_body_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.body}"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Meetings are public once scheduled; only cancelled drafts are not. Clerks see all."""
        if access.is_site_admin(user):
            return self
        return self.filter(
            Q(status__in=Meeting.PUBLIC_STATUSES) | Q(body_id__in=access.clerk_body_ids(user))
        )

    def upcoming(self, today: datetime.date | None = None) -> MeetingQuerySet:
        return self.filter(date__gte=today or datetime.date.today()).order_by("date", "start_time")

    def past(self, today: datetime.date | None = None) -> MeetingQuerySet:
        return self.filter(date__lt=today or datetime.date.today()).order_by("-date", "-start_time")

    def upcoming_then_past(self, today: datetime.date | None = None) -> MeetingQuerySet:
        """One list for paging through: the next meeting first, then the most recent past
        one. `is_past` lets a template head the two runs."""
        today = today or datetime.date.today()
        is_past = models.ExpressionWrapper(Q(date__lt=today), output_field=models.BooleanField())
        # Ascending within the upcoming run, descending within the past one.
        upcoming = Q(date__gte=today)
        return self.annotate(is_past=is_past).order_by(
            "is_past",
            models.Case(models.When(upcoming, then=models.F("date"))).asc(),
            models.Case(models.When(upcoming, then=models.F("start_time"))).asc(nulls_first=True),
            models.F("date").desc(),
            models.F("start_time").desc(nulls_last=True),
            "pk",
        )

    def in_month(self, year: int, month: int) -> MeetingQuerySet:
        return self.filter(date__year=year, date__month=month).order_by(
            "date", models.F("start_time").asc(nulls_first=True), "body__name"
        )


class Meeting(models.Model):
    """One meeting of a body, from scheduling to approved minutes."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary"
        SPECIAL = "special", "Special"
        EXTRAORDINARY = "extraordinary", "Extraordinary"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not yet announced)"
        SCHEDULED = "scheduled", "Scheduled"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_DRAFT = "minutes_draft", "Minutes being drafted"
        MINUTES_PUBLISHED = "minutes_published", "Draft minutes published"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"

    PUBLIC_STATUSES = (
        Status.SCHEDULED,
        Status.AGENDA_PUBLISHED,
        Status.HELD,
        Status.MINUTES_DRAFT,
        Status.MINUTES_PUBLISHED,
        Status.MINUTES_APPROVED,
    )
    # Statuses in which the agenda (and its non-exempt papers) is public.
    AGENDA_PUBLIC_STATUSES = PUBLIC_STATUSES[1:]

    slug = models.SlugField(max_length=200, unique=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ORDINARY)
    venue = models.CharField(max_length=300, blank=True)
    virtual = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.SCHEDULED)
    published_on = models.DateField(
        null=True, blank=True, help_text="The day the agenda was published."
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=60, blank=True)
    contact_email = models.EmailField(blank=True)
    notes = models.CharField(
        max_length=300,
        blank=True,
        help_text='Printed prominently, e.g. "PLEASE NOTE TIME OF MEETING".',
    )
    deputation_text = models.TextField(blank=True, help_text="Leave blank for the body's text.")
    access_text = models.TextField(
        blank=True, help_text='Leave blank for the body\'s text; "-" prints none.'
    )
    closing_text = models.TextField(blank=True, help_text="Printed after the agenda.")
    cancelled = models.BooleanField(default=False)
    cancellation_reason = models.TextField(blank=True)
    moved_from = models.DateField(
        null=True, blank=True, help_text="The date the meeting was first called for."
    )
    change_reason = models.TextField(
        blank=True, help_text="Why the meeting was moved; shown publicly."
    )
    urgency_reason = models.TextField(
        blank=True,
        help_text="Why the agenda was published late (fewer than five clear working days); "
        "offered to the minutes.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        # Lists, calendars and search walk meetings newest first and stop after a page.
        indexes = [models.Index(fields=["date"], name="meeting_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gte=models.F("start_time")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cancelled=False) | ~Q(cancellation_reason=""),
                name="meeting_cancellation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    @property
    def agenda_is_public(self) -> bool:
        return self.status in self.AGENDA_PUBLIC_STATUSES

    @property
    def effective_deputation_text(self) -> str:
        return self.deputation_text or self.body.deputation_text

    @property
    def effective_access_text(self) -> str:
        if self.access_text == "-":
            return ""
        return self.access_text or self.body.access_text

    def members(self) -> MembershipQuerySet:
        """The body's membership on the day of the meeting, in front-sheet order."""
        return (
            self.body.memberships.current(self.date)
            .select_related("person", "organisation")
            .order_by("order", "person__name")
        )


class AgendaItemQuerySet(models.QuerySet):
    @staticmethod
    def visibility(user, prefix: str = "") -> Q:
        """The one rule for agenda items: clerks see their bodies' drafts and exempt items;
        everyone else sees published agendas, and exempt items only as members of the body.
        `prefix` applies the rule through a relation ("agenda_item__") as a join, which
        PostgreSQL checks row by row instead of first listing every visible item."""
        if access.is_site_admin(user):
            return Q()
        clerk = Q(**{f"{prefix}meeting__body_id__in": access.clerk_body_ids(user)})
        published = Q(**{f"{prefix}meeting__status__in": Meeting.AGENDA_PUBLIC_STATUSES})
        open_or_member = Q(**{f"{prefix}exempt": False}) | Q(
            **{f"{prefix}meeting__body_id__in": access.exempt_body_ids(user)}
        )
        return clerk | (published & open_or_member)

    def visible_to(self, user) -> AgendaItemQuerySet:
        return self.filter(self.visibility(user))

    def for_agenda(self, user) -> AgendaItemQuerySet:
        """The agenda as a user may see it: every published item, exempt ones the user may
        not read marked `restricted` so only their number and legal reason are shown."""
        if access.is_site_admin(user):
            return self.annotate(restricted=models.Value(False))
        listed = Q(meeting__status__in=Meeting.AGENDA_PUBLIC_STATUSES) | Q(
            meeting__body_id__in=access.clerk_body_ids(user)
        )
        return self.filter(listed).annotate(
            restricted=models.ExpressionWrapper(
                ~self.visibility(user), output_field=models.BooleanField()
            )
        )


class AgendaItem(models.Model):
    """A numbered item on a meeting's agenda."""

    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", "Substantive item"
        WELCOME = "welcome", "Welcome and introductions"
        APOLOGIES = "apologies", "Apologies for absence"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of previous meeting"
        DATES = "dates", "Dates of future meetings"
        OTHER_PROCEDURAL = "other_procedural", "Other procedural item"

    class ItemFor(models.TextChoices):
        DISCUSSION = "discussion", "Discussion"
        DECISION = "decision", "Decision"
        INFORMATION = "information", "Information"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_items"
    )
    number = models.PositiveSmallIntegerField()
    sub_label = models.CharField(max_length=10, blank=True, help_text="For sub-items: a, b…")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=500, blank=True)
    title_suffix = models.CharField(max_length=100, blank=True, help_text="(information item)…")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SUBSTANTIVE)
    purpose = models.TextField(blank=True)
    recommendation = models.TextField(blank=True, help_text="RECOMMENDED that…")
    presenter = models.CharField(max_length=300, blank=True)
    item_for = models.CharField(max_length=20, choices=ItemFor, blank=True)
    information_only = models.BooleanField(default=False)
    has_papers = models.BooleanField(default=False)
    to_follow_note = models.CharField(max_length=300, blank=True)
    body_html = models.TextField(blank=True, help_text="Further agenda text (sanitised HTML).")
    exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph, null=True, blank=True
    )
    exempt_reason = models.TextField(
        blank=True, help_text="Shown publicly: why the public interest favours exemption."
    )
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    approves_minutes = models.ManyToManyField(
        Meeting,
        blank=True,
        related_name="approving_items",
        help_text="Meetings whose minutes are this item's papers.",
    )
    reconstructed = models.BooleanField(
        default=False, help_text="Known only from the minutes' (AI n) references."
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every edit, so a second conflicting save is refused."
    )

    objects = AgendaItemQuerySet.as_manager()

    search = search_column(
        ("title", "A"), ("purpose", "B"), ("recommendation", "B"), ("body_html", "C")
    )

    class Meta:
        ordering = ["meeting", "order", "number", "sub_label"]
        indexes = [search_index("agendaitem_search")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=Q(parent__isnull=True),
                name="unique_item_number_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["parent", "sub_label"],
                condition=Q(parent__isnull=False),
                name="unique_sub_item_label",
            ),
            models.CheckConstraint(
                condition=Q(exempt=False) | Q(exempt_paragraph__isnull=False),
                name="exempt_item_has_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(page_start__isnull=True)
                | Q(page_end__isnull=True)
                | Q(page_end__gte=models.F("page_start")),
                name="item_pages_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_number}. {self.display_title}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.display_number}"

    def clean(self) -> None:
        self.body_html = sanitise_html(self.body_html)
        if self.exempt and not self.exempt_paragraph:
            raise ValidationError({"exempt_paragraph": EXEMPT_NEEDS_PARAGRAPH})

    @property
    def display_number(self) -> str:
        return f"{self.number}{self.sub_label}"

    @property
    def display_title(self) -> str:
        return self.title or f"Agenda Item {self.display_number}"

    @property
    def pages(self) -> str:
        if self.page_start and self.page_end:
            return f"Pages {self.page_start} - {self.page_end}"
        return ""


def pack_upload_to(pack: AgendaPack, filename: str) -> str:
    return f"packs/{pack.meeting.slug}/{filename}"


class AgendaPackQuerySet(models.QuerySet):
    def visible_to(self, user) -> AgendaPackQuerySet:
        """Public packs of published agendas to everyone; members' packs only to members and
        clerks of the body. Failed and queued builds are the clerks' business."""
        if access.is_site_admin(user):
            return self
        clerk = Q(meeting__body_id__in=access.clerk_body_ids(user))
        ready_public = Q(
            status=AgendaPack.Status.READY,
            variant=AgendaPack.Variant.PUBLIC,
            withdrawn=False,
            meeting__status__in=Meeting.AGENDA_PUBLIC_STATUSES,
        )
        ready_members = Q(
            status=AgendaPack.Status.READY,
            variant=AgendaPack.Variant.MEMBERS,
            meeting__status__in=Meeting.AGENDA_PUBLIC_STATUSES,
            meeting__body_id__in=access.exempt_body_ids(user),
        )
        return self.filter(clerk | ready_public | ready_members)

    def latest_ready(self) -> AgendaPack | None:
        return (
            self.filter(status=AgendaPack.Status.READY, kind=AgendaPack.Kind.FULL)
            .order_by("-edition", "-pk")
            .first()
        )


class AgendaPack(models.Model):
    """One built agenda pack PDF of a meeting: its public or members' variant, one edition.
    Editions are kept, so every version ever published stays downloadable."""

    class Variant(models.TextChoices):
        PUBLIC = "public", "Public pack"
        MEMBERS = "members", "Members' pack (includes exempt papers)"

    class Kind(models.TextChoices):
        FULL = "full", "Agenda pack"
        SUPPLEMENT = "supplement", "Supplementary pack"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    variant = models.CharField(max_length=10, choices=Variant)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.FULL)
    edition = models.PositiveIntegerField(
        default=1, help_text="Numbered per kind: pack editions 1, 2…; supplements 1, 2…"
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Built while the agenda was public: this edition went out to readers.",
    )
    withdrawn = models.BooleanField(
        default=False,
        help_text="No longer served to the public: it carried a paper since made exempt or "
        "taken off the agenda. Clerks still see it.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    file = models.FileField(upload_to=pack_upload_to, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Hash of everything printed; unchanged → no rebuild."
    )
    layout = models.JSONField(default=dict, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)

    objects = AgendaPackQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "variant", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "variant", "kind", "edition"], name="unique_pack_edition"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="pack_progress_is_a_percentage"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.SUPPLEMENT:
            return f"Supplement {self.edition} ({self.get_variant_display()}) – {self.meeting}"
        return f"{self.get_variant_display()} – {self.meeting} (edition {self.edition})"

    def get_absolute_url(self) -> str:
        name = "meetings:supplement" if self.kind == self.Kind.SUPPLEMENT else "meetings:pack"
        return reverse(
            name,
            kwargs={"slug": self.meeting.slug, "variant": self.variant, "edition": self.edition},
        )

    def sheet(self, printed: int) -> int:
        """The sheet (as a PDF viewer's #page= counts) carrying printed page `printed`: the
        numbers start after an unnumbered front sheet (Southampton) or with it (Portsmouth)."""
        if self.meeting.body.front_sheet_numbered:
            return printed
        front = self.layout.get("front_pages", 0)
        return front + front % 2 + printed

    @property
    def filename(self) -> str:
        suffix = "-members" if self.variant == self.Variant.MEMBERS else ""
        kind = "supplement" if self.kind == self.Kind.SUPPLEMENT else "agenda-pack"
        return f"{self.meeting.slug}-{kind}{suffix}-{self.edition}.pdf"


class PublicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> PublicationQuerySet:
        """That an agenda went out, and when, is public with the agenda. (The recorded
        `contents` name exempt items: pages show only the meeting and the time.)"""
        if access.is_site_admin(user):
            return self
        return self.filter(
            Q(meeting__status__in=Meeting.AGENDA_PUBLIC_STATUSES)
            | Q(meeting__body_id__in=access.clerk_body_ids(user))
        )


class Publication(models.Model):
    """An immutable record that a meeting's agenda went out: who, when, within the statutory
    clock or not, and the content hash of every paper as published."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="publications")
    number = models.PositiveIntegerField(help_text="1 for the agenda, 2… for supplements.")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for a supplement the pack builder published when its papers arrived.",
    )
    clear_days = models.PositiveSmallIntegerField()
    late = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)
    contents = models.JSONField(default=list, help_text="Items and their papers' content hashes.")
    content_hash = models.CharField(max_length=64)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_publication"),
            models.CheckConstraint(
                condition=Q(late=False) | ~Q(urgency_reason=""),
                name="late_publication_has_urgency_reason",
            ),
        ]

    def __str__(self) -> str:
        kind = "Agenda" if self.number == 1 else f"Supplement {self.number - 1}"
        return f"{kind} published {self.published_at:%-d %B %Y %H:%M}"


class Change(models.Model):
    """One entry of the audit trail clerks read: who changed what, and when."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=40)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_repr}"


class SavedSearch(models.Model):
    """A search a signed-in visitor keeps, optionally with an email when it finds new papers.

    `seen` holds the results already sent (or shown when saved), as "kind:id" keys, so an
    alert names only what is new to this person, whatever became visible to them since."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=200)
    query = models.CharField(max_length=2000, help_text="The search page's query string.")
    alerts = models.BooleanField("email me new results", default=True)
    seen = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="one_saved_search_per_query")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('meetings:search')}?{self.query}"


class ContentVersion(models.Model):
    """The version of everything the public pages show, for the anonymous page cache
    (meetings/cache.py): one row whose `version` PostgreSQL raises itself.

    A statement-level trigger on every table whose rows appear on public pages (added by the
    migrations of meetings, reports and minutes) bumps it, once per transaction, inside the
    writer's transaction, so no write path (a queryset .update(), a raw statement, the admin,
    a worker) can forget it, and no reader sees the new version before the data it stands
    for has committed."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="content_version_single_row")]

    def __str__(self) -> str:
        return f"Content version {self.version}"
