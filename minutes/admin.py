from django import forms
from django.contrib import admin

from minutes.models import (
    Apology,
    Attendance,
    Declaration,
    MinuteEntry,
    Minutes,
    Resolution,
    ResolutionPart,
)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fk_name = "minutes"
    extra = 0
    autocomplete_fields = ["person", "organisation", "substitute_for"]
    fields = [
        "order", "person", "capacity", "in_the_chair", "printed", "organisation", "post",
        "substitute_for", "arrived_late", "left_early",
    ]  # fmt: skip


class ApologyInline(admin.TabularInline):
    model = Apology
    extra = 0
    autocomplete_fields = ["person", "substitute"]


class DeclarationInline(admin.TabularInline):
    model = Declaration
    extra = 0
    autocomplete_fields = ["person", "agenda_item"]


class MinuteEntryForm(forms.ModelForm):
    """Sets the numbering sequence from the meeting before validation, so a number already
    used in the body's period is a form error, not a database error."""

    class Meta:
        model = MinuteEntry
        fields = ["number", "order", "title", "tag", "html", "exempt"]

    def _post_clean(self):
        minutes = getattr(self.instance, "minutes", None)
        if minutes is not None and not self.instance.body_id:
            meeting = minutes.meeting
            self.instance.body = meeting.body
            self.instance.period = meeting.body.numbering_period(meeting.date)
        super()._post_clean()

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        return exclusions - {"body", "period"}


class MinuteEntryInline(admin.StackedInline):
    model = MinuteEntry
    form = MinuteEntryForm
    extra = 0
    show_change_link = True
    fields = [("number", "order", "title", "tag"), "html", "exempt"]


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "approved_at"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__body__name", "header"]
    autocomplete_fields = ["meeting", "approved_at"]
    inlines = [AttendanceInline, ApologyInline, DeclarationInline, MinuteEntryInline]


class ResolutionInline(admin.StackedInline):
    model = Resolution
    extra = 0
    show_change_link = True
    fields = ["order", "preamble", "outcome"]


@admin.register(MinuteEntry)
class MinuteEntryAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "minutes", "period"]
    list_filter = ["body", "period"]
    search_fields = ["title", "html"]
    autocomplete_fields = ["agenda_items"]
    readonly_fields = ["body", "period", "number"]
    inlines = [ResolutionInline]


class ResolutionPartInline(admin.TabularInline):
    model = ResolutionPart
    extra = 0


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "entry", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["preamble", "parts__text"]
    inlines = [ResolutionPartInline]
