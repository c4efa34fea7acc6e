from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Minutes and decisions"

    def ready(self) -> None:
        from meetings import papers, rebuild
        from meetings.models import AgendaItem
        from minutes.models import (
            Apology,
            Attendance,
            Declaration,
            MinuteEntry,
            Minutes,
            Resolution,
            ResolutionPart,
        )
        from minutes.papers import item_papers, meeting_links

        papers.register_papers(item_papers)
        papers.register_links(meeting_links)

        def approving_meetings(minutes_ids):
            """Printed minutes are papers of the items that approve them at later meetings."""
            return AgendaItem.objects.filter(
                approves_minutes__minutes__pk__in=minutes_ids
            ).values_list("meeting_id", flat=True)

        rebuild.connect(Minutes, lambda minutes: approving_meetings([minutes.pk]))
        for model in (Attendance, Apology, Declaration, MinuteEntry):
            rebuild.connect(model, lambda row: approving_meetings([row.minutes_id]))
        rebuild.connect(
            Resolution,
            lambda resolution: approving_meetings(
                MinuteEntry.objects.filter(pk=resolution.entry_id).values("minutes_id")
            ),
        )
        rebuild.connect(
            ResolutionPart,
            lambda part: approving_meetings(
                Resolution.objects.filter(pk=part.resolution_id).values("entry__minutes_id")
            ),
        )
