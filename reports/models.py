"""Reports (the board papers with a cover sheet), documents (appendices and other papers) and
the attachments that place a document on an agenda item."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from meetings import access
from meetings.fulltext import search_column, search_index
from meetings.html import sanitise_html
from meetings.models import AgendaItem, ExemptParagraph
from reports.uploads import validate_pdf_upload


class ReportQuerySet(models.QuerySet):
    @staticmethod
    def visibility(user, prefix: str = "") -> Q:
        """A report is seen by whoever may see its agenda item, once it is published;
        an exempt report only by members of the body. Clerks see their bodies' drafts.
        `prefix` applies the rule through a relation ("report__") as a join."""
        if access.is_site_admin(user):
            return Q()
        clerk = Q(**{f"{prefix}agenda_item__meeting__body_id__in": access.clerk_body_ids(user)})
        if user.is_authenticated and user.pk:
            # An officer always sees the reports they write.
            clerk |= Q(**{f"{prefix}assigned_to_id": user.pk})
        item_visible = Q(**{f"{prefix}agenda_item__isnull": False}) & (
            AgendaItem.objects.visibility(user, prefix=f"{prefix}agenda_item__")
        )
        open_or_member = Q(**{f"{prefix}exempt": False}) | Q(
            **{f"{prefix}agenda_item__meeting__body_id__in": access.exempt_body_ids(user)}
        )
        published = Q(**{f"{prefix}status": Report.Status.PUBLISHED})
        return clerk | (published & item_visible & open_or_member)

    def visible_to(self, user) -> ReportQuerySet:
        return self.filter(self.visibility(user))


class Report(models.Model):
    """A board paper written on one of the councils' cover-sheet templates."""

    class Template(models.TextChoices):
        PORTSMOUTH_INFORMATION = "portsmouth_information", "Portsmouth – information only"
        PORTSMOUTH_DECISION = "portsmouth_decision", "Portsmouth – decision"
        SOUTHAMPTON = "southampton", "Southampton"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted to the clerk"
        RETURNED = "returned", "Returned to the officer"
        ACCEPTED = "accepted", "Accepted by the clerk"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=200, unique=True)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    template = models.CharField(max_length=30, choices=Template)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    subject = models.CharField(max_length=500)
    report_by = models.CharField(max_length=500, blank=True)
    report_from = models.CharField(max_length=300, blank=True)
    requested_by = models.CharField(max_length=300, blank=True)
    report_of = models.CharField(max_length=300, blank=True, help_text='Southampton "REPORT OF".')
    wards_affected = models.CharField(max_length=300, blank=True)
    key_decision = models.BooleanField(null=True, blank=True)
    full_council_decision = models.CharField(max_length=200, blank=True)
    confidentiality = models.CharField("statement of confidentiality", max_length=300, blank=True)
    signed_by = models.CharField(max_length=300, blank=True)
    contacts = models.JSONField(
        default=list, blank=True, help_text="[{role, title, name, phone, email}]"
    )
    background_documents = models.JSONField(
        default=list, blank=True, help_text="[{title, location}] under section 100D."
    )
    other_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Further cover-sheet fields of the template, as printed: [{label, value}].",
    )
    exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph, null=True, blank=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        help_text="The officer writing the report.",
    )
    due_date = models.DateField(null=True, blank=True)
    review_comment = models.TextField(blank=True, help_text="The clerk's comment when returned.")
    preview = models.FileField(
        upload_to="previews/",
        blank=True,
        help_text="The report and its appendices as they will print in the pack (built in the "
        "background; served through a permission check).",
    )
    preview_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The report version the preview shows."
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    search = search_column(
        ("subject", "A"), ("report_of", "B"), ("report_by", "B"), ("wards_affected", "C")
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__number", "pk"]
        indexes = [search_index("report_search")]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt=False) | Q(exempt_paragraph__isnull=False),
                name="exempt_report_has_paragraph",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"slug": self.slug})

    @property
    def is_information_only(self) -> bool:
        return self.template == self.Template.PORTSMOUTH_INFORMATION


class ReportSection(models.Model):
    """A numbered section of a report's body, kept as sanitised HTML."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", "Summary"
        PURPOSE = "purpose", "Purpose"
        RECOMMENDATIONS = "recommendations", "Recommendations"
        BACKGROUND = "background", "Background"
        REASONS = "reasons", "Reasons for recommendations"
        ALTERNATIVES = "alternatives", "Alternative options"
        DETAIL = "detail", "Detail"
        CONSULTATION = "consultation", "Consultation"
        EQUALITY = "equality", "Equality or integrated impact assessment"
        LEGAL = "legal", "Legal implications"
        FINANCE = "finance", "Finance comments"
        RESOURCES = "resources", "Resource implications"
        RISK = "risk", "Risk management"
        CONFLICTS = "conflicts", "Conflict of interest"
        POLICY = "policy", "Policy framework"
        OTHER = "other", "Other"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    heading = models.CharField(max_length=300)
    html = models.TextField(blank=True)
    search = search_column(("heading", "B"), ("html", "C"))

    class Meta:
        ordering = ["report", "order"]
        indexes = [search_index("reportsection_search")]

    def __str__(self) -> str:
        return self.heading

    def clean(self) -> None:
        self.html = sanitise_html(self.html)


class DocumentQuerySet(models.QuerySet):
    @staticmethod
    def visibility(user) -> Q:
        """A document is seen through the agenda items it is attached to: it is visible when
        at least one of its attachments is, and an exempt document only by members."""
        if access.is_site_admin(user):
            return Q()
        attached_visible = Exists(
            Attachment.objects.filter(document=OuterRef("pk"), to_follow=False).filter(
                AgendaItem.objects.visibility(user, prefix="agenda_item__")
                & (Q(report__isnull=True) | ReportQuerySet.visibility(user, prefix="report__"))
            )
        )
        clerk = Exists(
            Attachment.objects.filter(
                document=OuterRef("pk"),
                agenda_item__meeting__body_id__in=access.clerk_body_ids(user),
            )
        )
        member = Exists(
            Attachment.objects.filter(
                document=OuterRef("pk"),
                agenda_item__meeting__body_id__in=access.exempt_body_ids(user),
            )
        )
        own = Q()
        if user.is_authenticated and user.pk:
            # The officer writing a report sees its appendices, drafts included.
            own = Exists(
                Attachment.objects.filter(document=OuterRef("pk"), report__assigned_to_id=user.pk)
            )
            return own | clerk | (attached_visible & (Q(exempt=False) | member))
        return clerk | (attached_visible & (Q(exempt=False) | member))

    def visible_to(self, user) -> DocumentQuerySet:
        return self.filter(self.visibility(user))


class Document(models.Model):
    """An appendix or other paper: HTML written in the portal or an uploaded PDF.
    One document can be attached at several meetings without a copy."""

    class Kind(models.TextChoices):
        APPENDIX = "appendix", "Appendix"
        LETTER = "letter", "Letter"
        STRATEGY = "strategy", "Strategy"
        PLAN = "plan", "Plan"
        ANNUAL_REPORT = "annual_report", "Annual report"
        CODE_OF_CONDUCT = "code_of_conduct", "Code of conduct"
        SLIDE_DECK = "slide_deck", "Slide deck"
        FORM = "form", "Form"
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
        ACTION_PLAN = "action_plan", "Action plan"
        OTHER = "other", "Other"

    class TextStatus(models.TextChoices):
        NONE = "none", "No uploaded file"
        PENDING = "pending", "Being read for search"
        INDEXED = "indexed", "Searchable"
        NO_TEXT = "no_text", "No text found (a scan?)"

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=30, choices=Kind, default=Kind.APPENDIX)
    version = models.CharField(max_length=100, blank=True)
    html = models.TextField(blank=True, help_text="Sanitised HTML, when written as a web page.")
    file = models.FileField(
        upload_to="documents/%Y/%m/",
        blank=True,
        validators=[validate_pdf_upload],
        help_text="An uploaded PDF paper. Never served directly: downloads check permissions.",
    )
    page_count = models.PositiveIntegerField(null=True, blank=True)
    text_status = models.CharField(
        max_length=20,
        choices=TextStatus,
        default=TextStatus.NONE,
        help_text="Whether the uploaded file's words are in the search index yet.",
    )
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    search = search_column(("title", "A"), ("html", "B"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [search_index("document_search")]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt=False) | Q(exempt_paragraph__isnull=False),
                name="exempt_document_has_paragraph",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:document", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.html = sanitise_html(self.html)

    def compute_hash(self) -> str:
        digest = hashlib.sha256(self.html.encode())
        if self.file:
            self.file.open("rb")
            for chunk in self.file.chunks():
                digest.update(chunk)
        return digest.hexdigest()


class DocumentPage(models.Model):
    """The words of one page of an uploaded PDF, so search can say on which page they are.

    One row per page also keeps each tsvector small: PostgreSQL caps word positions at 16,383
    per vector, which a long appendix would exceed."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    search = search_column(("text", "C"))

    class Meta:
        ordering = ["document", "number"]
        indexes = [search_index("documentpage_search")]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_row_per_page")
        ]

    def __str__(self) -> str:
        return f"{self.document} – page {self.number}"


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AttachmentQuerySet:
        """Attachments listed to a user: those on items the user sees in full, whose report
        (if any) the user sees; a to-follow note carries no document so it is shown too."""
        if access.is_site_admin(user):
            return self
        own = (
            Q(report__assigned_to_id=user.pk) if user.is_authenticated and user.pk else Q(pk__in=[])
        )
        listed = (
            AgendaItem.objects.visibility(user, prefix="agenda_item__")
            & (Q(report__isnull=True) | ReportQuerySet.visibility(user, prefix="report__"))
            & (
                Q(document__isnull=True)
                | Exists(Document.objects.visible_to(user).filter(pk=OuterRef("document_id")))
            )
        )
        return self.filter(own | listed)


class Attachment(models.Model):
    """A document placed on an agenda item, as an appendix of a report or as a paper of its
    own; or a note that a paper is to follow."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments"
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="appendices"
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    label = models.CharField(max_length=60, blank=True, help_text='"Appendix A"')
    title = models.CharField(
        max_length=500, blank=True, help_text="Leave blank for the document's."
    )
    order = models.PositiveSmallIntegerField(default=0)
    to_follow = models.BooleanField(default=False)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "report_id", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_follow=True) | Q(document__isnull=False),
                name="attachment_has_document_or_to_follow",
            )
        ]

    def __str__(self) -> str:
        return " – ".join(part for part in (self.label, self.display_title) if part)

    @property
    def display_title(self) -> str:
        return self.title or (self.document.title if self.document else "")
