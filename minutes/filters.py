"""The decisions register's filters (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms

from meetings.models import Body
from minutes.models import Resolution

DATE = forms.DateInput(attrs={"type": "date"})


class DecisionFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        field_name="entry__minutes__meeting__body",
        queryset=Body.objects.order_by("name"),
        empty_label="All bodies",
        label="Body",
    )
    date_from = django_filters.DateFilter(
        field_name="entry__minutes__meeting__date", lookup_expr="gte", label="From", widget=DATE
    )
    date_to = django_filters.DateFilter(
        field_name="entry__minutes__meeting__date", lookup_expr="lte", label="To", widget=DATE
    )
    outcome = django_filters.ChoiceFilter(
        choices=Resolution.Outcome.choices, empty_label="Any outcome", label="Outcome"
    )
    key_decision = django_filters.BooleanFilter(
        method="filter_key_decision",
        label="Key decisions only",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Resolution
        fields = ["body", "date_from", "date_to", "outcome", "key_decision"]

    def filter_key_decision(self, queryset, name, value):
        if not value:
            return queryset
        # Only published, non-exempt reports say publicly that a decision was a key decision.
        return queryset.filter(
            entry__agenda_items__reports__key_decision=True,
            entry__agenda_items__reports__status="published",
            entry__agenda_items__reports__exempt=False,
        ).distinct()
