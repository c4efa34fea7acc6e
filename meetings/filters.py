"""The search page's filters (django-filter). The filter set's model is the meeting: body and
dates narrow the meetings a search looks in; the other fields choose what to search and how
to order it, which meetings/search.py applies inside each source's query."""

from __future__ import annotations

import django_filters
from django import forms

from meetings.models import Body, Meeting
from meetings.search import sources

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

    @property
    def narrowed(self) -> bool:
        data = self.form.cleaned_data
        return bool(data.get("body") or data.get("start") or data.get("end"))
