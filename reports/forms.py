"""Forms for officers writing reports and clerks reviewing them."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from meetings.models import BodyRole
from reports.models import Report, ReportSection
from reports.services import COVER_FIELDS


def _rows(text: str, width: int) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if line.strip():
            cells = [cell.strip() for cell in line.split("|")]
            rows.append((cells + [""] * width)[:width])
    return rows


class ReportCoverForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    contacts_text = forms.CharField(
        label="Contact details",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: Role | Title | Name | Tel | Email "
        "(e.g. “Author | Deputy Director | Donna Chapman | 07879 898227 | d.chapman1@nhs.net”).",
    )
    background_text = forms.CharField(
        label="Background list of documents (section 100D)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: Title of document | Location.",
    )

    def __init__(self, *args, instance=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if instance is not None:
            initial.setdefault(
                "contacts_text",
                "\n".join(
                    " | ".join(c.get(k, "") for k in ("role", "title", "name", "phone", "email"))
                    for c in instance.contacts
                ),
            )
            initial.setdefault(
                "background_text",
                "\n".join(
                    f"{d.get('title', '')} | {d.get('location', '')}"
                    for d in instance.background_documents
                ),
            )
        super().__init__(*args, instance=instance, **kwargs)

    def clean(self):
        data = super().clean()
        data["contacts"] = [
            dict(zip(("role", "title", "name", "phone", "email"), row, strict=True))
            for row in _rows(data.get("contacts_text", ""), 5)
        ]
        data["background_documents"] = [
            dict(zip(("title", "location"), row, strict=True))
            for row in _rows(data.get("background_text", ""), 2)
        ]
        return data

    class Meta:
        model = Report
        fields = COVER_FIELDS
        labels = {"report_of": "Report of (Southampton)", "key_decision": "Key decision"}
        help_texts = {
            "report_by": "Name and post, e.g. “Helen Atkinson, Director of Public Health”."
        }


class SectionForm(forms.Form):
    heading = forms.CharField(
        required=False, label="Heading", help_text="E.g. “2. Recommendations”."
    )
    kind = forms.ChoiceField(
        choices=ReportSection.Kind.choices,
        required=False,
        initial=ReportSection.Kind.OTHER,
        label="Kind of section",
    )
    html = forms.CharField(
        required=False,
        label="Text",
        widget=forms.Textarea(attrs={"rows": 8, "class": "rich-text"}),
        help_text="Paragraphs, headings, lists, tables and links. Anything else is removed on saving.",
    )


SectionFormSet = forms.formset_factory(SectionForm, extra=1, can_delete=True)


class AppendixForm(forms.Form):
    file = forms.FileField(help_text="A PDF, or a Word (.docx) document converted to a web page.")
    label = forms.CharField(required=False, help_text="E.g. “Appendix A”.")
    title = forms.CharField()


class AssignForm(forms.Form):
    subject = forms.CharField(label="Subject of the report")
    officer = forms.ModelChoiceField(queryset=get_user_model().objects.none())
    due_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    template = forms.ChoiceField(choices=Report.Template.choices, label="Cover-sheet template")

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        officers = BodyRole.objects.filter(body=body, role__in=["officer", "clerk"]).values("user")
        self.fields["officer"].queryset = get_user_model().objects.filter(pk__in=officers)
        self.fields["officer"].help_text = "Officers and clerks of this body."


class ReturnForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What the officer should change (needed to return the report).",
    )
