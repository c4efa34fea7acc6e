"""Forms for the clerk's pages. They validate input; the services in meetings.agenda write."""

from __future__ import annotations

import datetime

from django import forms

from meetings.models import AgendaItem, Meeting

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
BAD_DATE = "“{text}” is not a date. Write dates like 2027-01-13 or 13/01/2027."
WRONG_WEEKDAY = "{date:%-d %B %Y} is a {date:%A}, not a {weekday}."


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "date", "start_time", "kind", "venue", "virtual", "contact_name", "contact_phone",
            "contact_email", "notes",
        ]  # fmt: skip
        widgets = {"date": DATE_INPUT, "start_time": TIME_INPUT}
        help_texts = {
            "venue": "Leave blank for the body's usual venue.",
            "start_time": "Leave blank for the body's usual time.",
        }


def parse_dates(text: str) -> tuple[list[datetime.date], list[str]]:
    dates, errors = [], []
    for raw in text.replace(",", "\n").splitlines():
        piece = raw.strip()
        if not piece:
            continue
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"):
            try:
                dates.append(datetime.datetime.strptime(piece, fmt).date())
                break
            except ValueError:
                continue
        else:
            errors.append(BAD_DATE.format(text=piece))
    return dates, errors


class ScheduleForm(forms.Form):
    WEEKDAYS = [("", "Any day")] + [
        (str(n), name)
        for n, name in enumerate(
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        )
    ]
    weekday = forms.ChoiceField(
        choices=WEEKDAYS,
        required=False,
        help_text="The day the body meets; every date below must fall on it.",
    )
    start_time = forms.TimeField(widget=TIME_INPUT, required=False, help_text="For example 10:00.")
    venue = forms.CharField(required=False, help_text="Leave blank for the body's usual venue.")
    dates = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One date per line, such as 2027-01-13 or 13/01/2027.",
    )

    def clean(self):
        data = super().clean()
        dates, errors = parse_dates(data.get("dates", ""))
        if data.get("weekday") not in (None, ""):
            weekday = int(data["weekday"])
            name = dict(self.WEEKDAYS)[data["weekday"]]
            errors += [
                WRONG_WEEKDAY.format(date=d, weekday=name) for d in dates if d.weekday() != weekday
            ]
        if errors:
            self.add_error("dates", errors)
        data["date_list"] = dates
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the meeting page, e.g. “No business to transact”.",
    )


class MoveForm(forms.Form):
    date = forms.DateField(widget=DATE_INPUT)
    start_time = forms.TimeField(widget=TIME_INPUT, required=False)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Shown publicly.")


class AgendaItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = [
            "title", "title_suffix", "kind", "purpose", "recommendation", "presenter", "item_for",
            "information_only", "has_papers", "to_follow_note", "exempt", "exempt_paragraph",
            "exempt_reason",
        ]  # fmt: skip
        labels = {
            "title": "Title on the agenda",
            "has_papers": "This item has papers (a report or other documents)",
            "information_only": "For information only (no decision)",
            "to_follow_note": "To-follow note",
            "exempt": "Exempt: not for publication (Schedule 12A)",
        }
        help_texts = {
            "to_follow_note": "For example “Appendix C to follow”; printed on the agenda.",
            "exempt_reason": "Shown publicly: why the public interest favours excluding it.",
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "recommendation": forms.Textarea(attrs={"rows": 3}),
            "exempt_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if data.get("exempt") and not data.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Choose the Schedule 12A paragraph that applies.")
        if not data.get("title"):
            self.add_error("title", "Give the item a title.")
        return data


class PublishForm(forms.Form):
    urgency_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason for urgency",
        help_text="Needed when fewer than five clear working days remain; it is recorded and "
        "offered to the minutes.",
    )
