"""The meetings list's filters (django-filter)."""

from __future__ import annotations

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from meetings.models import Body

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
