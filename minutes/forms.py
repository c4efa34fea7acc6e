"""Forms for writing the minutes."""

from __future__ import annotations

from django import forms

from meetings.models import Person
from minutes.models import Declaration, MinuteEntry, Minutes, Resolution

STATUS_CHOICES = [("present", "Present"), ("apologies", "Apologies"), ("absent", "Absent")]


class AttendanceRowForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.all(), widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=STATUS_CHOICES, initial="present")
    in_the_chair = forms.BooleanField(required=False, label="In the Chair")
    arrived_late = forms.BooleanField(required=False)
    left_early = forms.BooleanField(required=False)
    substitute = forms.ModelChoiceField(
        queryset=Person.objects.order_by("name"),
        required=False,
        label="Represented by",
        help_text="Only for a member who sent apologies.",
    )


AttendanceFormSet = forms.formset_factory(AttendanceRowForm, extra=0)


class EntryForm(forms.ModelForm):
    preamble = forms.CharField(
        required=False,
        label="Resolution",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="As it will be printed, e.g. “RESOLVED that the Board:”. Leave empty for none.",
    )
    parts_text = forms.CharField(
        required=False,
        label="Parts of the resolution",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: label | text, e.g. “(i) | note the report”.",
    )
    outcome = forms.ChoiceField(choices=Resolution.Outcome.choices, initial="agreed")

    class Meta:
        model = MinuteEntry
        fields = ["title", "tag", "agenda_items", "html", "out_of_order_note", "post_meeting_note"]
        widgets = {
            "html": forms.Textarea(attrs={"rows": 6, "class": "rich-text"}),
            "out_of_order_note": forms.Textarea(attrs={"rows": 2}),
            "post_meeting_note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "html": "Minute",
            "tag": "Tag, e.g. “(information item)”",
            "agenda_items": "Agenda items this minute covers",
        }
        help_texts = {
            "agenda_items": "Tick several when one minute covers several items, then delete "
            "the minute no longer needed. None for a matter not on the agenda.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_items"]
        field.queryset = self.instance.minutes.meeting.items.order_by("number")
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        field.label_from_instance = lambda item: f"{item.display_number}. {item.title}"

    def clean(self):
        data = super().clean()
        if data.get("parts_text", "").strip() and not data.get("preamble", "").strip():
            self.add_error("preamble", "Write the resolution's opening words before its parts.")
        return data

    def parts(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data.get("parts_text", "").splitlines():
            if line.strip():
                label, _, text = line.partition("|")
                rows.append((label.strip(), text.strip()) if text else ("", label.strip()))
        return rows


class NamedAttendanceForm(forms.Form):
    """Officers and others present, who are not members of the body."""

    officers_text = forms.CharField(
        required=False,
        label="Officers present",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: the name, then a comma and the post if you want it printed.",
    )
    others_text = forms.CharField(
        required=False,
        label="Also in attendance",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Other councillors, speakers and guests, one per line: name, then a comma "
        "and their role.",
    )

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class ClosingForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["concluded_at", "signed_by", "signed_title", "future_dates_text"]
        widgets = {
            "concluded_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "future_dates_text": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "concluded_at": "The meeting concluded at",
            "future_dates_text": "Dates of future meetings",
        }


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["person", "agenda_item", "kind", "text"]
        labels = {"agenda_item": "On item", "kind": "Kind of interest", "text": "Details"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = minutes.meeting
        self.fields["person"].queryset = (
            Person.objects.filter(memberships__body=meeting.body).distinct().order_by("name")
        )
        self.fields["agenda_item"].queryset = meeting.items.order_by("number")
