"""Minutes of a meeting: attendance, apologies, declarations, numbered minutes and their
resolutions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from meetings import access
from meetings.fulltext import search_column, search_index
from meetings.html import sanitise_html
from meetings.models import AgendaItem, Body, Meeting, Organisation, Person


class MinutesQuerySet(models.QuerySet):
    @staticmethod
    def visibility(user, prefix: str = "") -> Q:
        """Published and approved minutes are public; drafts only to the body's clerks."""
        if access.is_site_admin(user):
            return Q()
        return Q(**{f"{prefix}status__in": Minutes.PUBLIC_STATUSES}) | Q(
            **{f"{prefix}meeting__body_id__in": access.clerk_body_ids(user)}
        )

    def visible_to(self, user) -> MinutesQuerySet:
        return self.filter(self.visibility(user))


class Minutes(models.Model):
    """The record of one meeting, from draft to approved at a later meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published, subject to approval"
        APPROVED = "approved", "Approved"

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.APPROVED)

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    approved_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_approved_here",
        help_text="The meeting that approved these minutes as a correct record.",
    )
    header = models.TextField(blank=True, help_text="MINUTES OF THE MEETING of …")
    show_body_line = models.BooleanField(default=True)
    concluded_at = models.TimeField(null=True, blank=True)
    signed_by = models.CharField(max_length=300, blank=True)
    signed_title = models.CharField(max_length=100, blank=True, default="Chair")
    future_dates_text = models.TextField(blank=True)
    printed = models.FileField(
        "printed minutes (PDF)",
        upload_to="minutes/",
        blank=True,
        help_text="Built in the background from these minutes; served through a permission check.",
    )
    printed_pages = models.PositiveIntegerField(null=True, blank=True)
    printed_fingerprint = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__date"]
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="approved_minutes_name_their_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("minutes:detail", kwargs={"slug": self.meeting.slug})


class Attendance(models.Model):
    """Someone present at a meeting, in the capacity the minutes record."""

    class Capacity(models.TextChoices):
        MEMBER = "member", "Member"
        SUBSTITUTE = "substitute", "Substitute"
        NON_VOTING = "non_voting", "Non-voting member"
        OFFICER = "officer", "Officer"
        OTHER = "other", "Also in attendance"

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    capacity = models.CharField(max_length=20, choices=Capacity, default=Capacity.MEMBER)
    in_the_chair = models.BooleanField(default=False)
    printed = models.CharField(max_length=300, blank=True, help_text="The line as printed.")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.CharField(max_length=300, blank=True)
    substitute_for = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="substituted_by"
    )
    arrived_late = models.BooleanField(default=False)
    left_early = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["minutes", "order"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "person", "capacity"], name="attend_once_per_capacity"
            ),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(capacity="substitute"),
                name="only_substitutes_replace_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.printed or str(self.person)


class Apology(models.Model):
    """An apology for absence, with the substitute who came instead, if any."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="apologies")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="apologies")
    printed_organisation = models.CharField(max_length=200, blank=True)
    substitute = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="substitutions"
    )
    substitute_printed = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["minutes", "order"]
        verbose_name_plural = "apologies"
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="one_apology_per_person"),
            models.CheckConstraint(
                condition=~Q(substitute=models.F("person")), name="no_self_substitute"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class MinuteEntryQuerySet(models.QuerySet):
    @staticmethod
    def visibility(user, prefix: str = "") -> Q:
        """A minute is read with its minutes; an exempt minute only by the body's members.
        `prefix` applies the rule through a relation (a resolution's entry) as a join."""
        q = MinutesQuerySet.visibility(user, prefix=f"{prefix}minutes__")
        if not access.is_site_admin(user):
            q &= Q(**{f"{prefix}exempt": False}) | Q(
                **{f"{prefix}minutes__meeting__body_id__in": access.exempt_body_ids(user)}
            )
        return q

    def visible_to(self, user) -> MinuteEntryQuerySet:
        return self.filter(self.visibility(user))


class MinuteEntry(models.Model):
    """One numbered minute ("minute 43"). Numbers run per body and numbering period."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(
        max_length=20, help_text="The numbering period, e.g. 2021 for a calendar-year scope."
    )
    number = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=500)
    tag = models.CharField(max_length=100, blank=True, help_text="(information item)…")
    agenda_items = models.ManyToManyField(AgendaItem, blank=True, related_name="minute_entries")
    html = models.TextField(blank=True)
    out_of_order_note = models.TextField(blank=True)
    post_meeting_note = models.TextField(blank=True)
    correction_note = models.TextField(blank=True)
    exempt = models.BooleanField(default=False)
    search = search_column(
        ("title", "A"), ("html", "B"), ("out_of_order_note", "C"), ("post_meeting_note", "C")
    )

    objects = MinuteEntryQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "order", "number"]
        indexes = [search_index("minuteentry_search")]
        verbose_name_plural = "minute entries"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "period", "number"], name="minute_number_unique_in_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        self.html = sanitise_html(self.html)

    @property
    def ai_reference(self) -> str:
        """ "(AI 3)" from the agenda items it covers, as the printed minutes show it."""
        numbers = [item.display_number for item in self.agenda_items.all()]
        return f"(AI {', '.join(numbers)})" if numbers else ""


class ResolutionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ResolutionQuerySet:
        """A resolution is seen by whoever may read its minute."""
        return self.filter(MinuteEntryQuerySet.visibility(user, prefix="entry__"))


class Resolution(models.Model):
    """A decision recorded in a minute, with its parts labelled as printed."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        AGREED_AS_AMENDED = "agreed_as_amended", "Agreed as amended"
        NOTED = "noted", "Noted"
        DEFERRED = "deferred", "Deferred"
        REJECTED = "rejected", "Rejected"
        NONE = "none", "No outcome recorded"

    entry = models.ForeignKey(MinuteEntry, on_delete=models.CASCADE, related_name="resolutions")
    order = models.PositiveSmallIntegerField(default=0)
    preamble = models.TextField(help_text="RESOLVED that the Board: … as printed.")
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.AGREED)
    search = search_column(("preamble", "A"))

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "order"]
        indexes = [search_index("resolution_search")]

    def __str__(self) -> str:
        return self.preamble[:80]


class ResolutionPart(models.Model):
    """One labelled part of a resolution: 1), (i), a), i. or a bullet."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=10, blank=True)
    text = models.TextField()
    search = search_column(("text", "B"))

    class Meta:
        ordering = ["resolution", "order"]
        indexes = [search_index("resolutionpart_search")]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}".strip()


class Declaration(models.Model):
    """A declaration of interest made at a meeting."""

    class Kind(models.TextChoices):
        DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
        PERSONAL = "personal", "Personal interest"
        PREJUDICIAL = "prejudicial", "Prejudicial interest"
        OTHER = "other", "Other interest"

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="declarations"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSONAL)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["minutes", "agenda_item__number", "person__name"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"
