"""Filters (django-filter) for the meetings list and the search page."""

from __future__ import annotations

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from meetings.models import Body, Meeting
from meetings.search import sources

MONTH_FORMAT = "Enter a month as year and month, for example 2026-03."


class MonthField(forms.CharField):
    """A month as "YYYY-MM": what `<input type="month">` sends, and what people can type
    in browsers that show it as a plain text box."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"})

    def to_python(self, value) -> datetime.date | None:
        value = super().to_python(value).strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not match:
            raise ValidationError(MONTH_FORMAT, code="invalid")
        try:
            return datetime.date(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise ValidationError(MONTH_FORMAT, code="invalid") from None


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(date__year=value.year, date__month=value.month)


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        empty_label="All bodies",
        label="Body",
    )
    month = MonthFilter(label="Month", help_text="For example, 2026-03 for March 2026.")


DATE = forms.DateInput(attrs={"type": "date"})
SORTS = [("relevance", "Best match"), ("newest", "Newest first")]
OUTCOMES = [
    ("agreed", "Agreed"),
    ("agreed_as_amended", "Agreed as amended"),
    ("noted", "Noted"),
    ("deferred", "Deferred"),
    ("rejected", "Rejected"),
]


def _keep(queryset, name, value):
    return queryset


class SearchFilter(django_filters.FilterSet):
    """The filter set's model is the meeting: body and dates narrow the meetings a search
    looks in; the other fields choose what to search and how to order it, which
    meetings/search.py applies inside each source's query."""

    q = django_filters.CharFilter(
        label="Search for",
        method=_keep,
        help_text='Use "quotes" for a phrase, - to leave a word out, or to allow either.',
    )
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.order_by("name"), empty_label="All bodies", label="Body"
    )
    start = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="Meetings from", widget=DATE
    )
    end = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="to", widget=DATE)
    kind = django_filters.MultipleChoiceFilter(
        choices=lambda: [(source.kind, source.label) for source in sources()],
        method=_keep,
        label="Kind of paper",
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = django_filters.ChoiceFilter(
        choices=OUTCOMES,
        method=_keep,
        empty_label="Any outcome",
        label="Decision outcome",
        help_text="Searches decisions only.",
    )
    sort = django_filters.ChoiceFilter(choices=SORTS, method=_keep, empty_label=None, label="Order")

    class Meta:
        model = Meeting
        fields: list[str] = []

    def meeting_lookups(self) -> dict:
        """Body and dates as lookups on the meeting, for each search source to apply."""
        data = self.form.cleaned_data
        lookups = {"body": data.get("body"), "date__gte": data.get("start")}
        lookups["date__lte"] = data.get("end")
        return {lookup: value for lookup, value in lookups.items() if value}

    @property
    def narrowed(self) -> bool:
        data = self.form.cleaned_data
        return bool(data.get("body") or data.get("start") or data.get("end"))
