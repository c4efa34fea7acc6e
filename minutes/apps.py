from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Minutes and decisions"

    def ready(self) -> None:
        from meetings import feeds, papers, rebuild, registry
        from meetings.models import AgendaItem
        from minutes import portal
        from minutes.feeds import minutes_entries
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
        feeds.register_entries(minutes_entries)
        _register_search()
        registry.register_person_sections(portal.person_sections)
        registry.register_home_sections(portal.home_sections)
        registry.register_item_decisions(portal.item_decisions)

        def approving_meetings(minutes_ids):
            """Printed minutes are papers of the items that approve them at later meetings."""
            return AgendaItem.objects.filter(
                approves_minutes__minutes__pk__in=minutes_ids
            ).values_list("meeting_id", flat=True)

        rebuild.connect(Minutes, lambda minutes: approving_meetings([minutes.pk]))
        for model in (Attendance, Apology, Declaration, MinuteEntry):
            rebuild.connect(model, lambda row: approving_meetings([row.minutes_id]))
        self._print_on_change(Minutes, lambda minutes: minutes.pk)
        for model in (Attendance, Apology, Declaration, MinuteEntry):
            self._print_on_change(model, lambda row: row.minutes_id)
        rebuild.connect(
            Resolution,
            lambda resolution: approving_meetings(
                MinuteEntry.objects.filter(pk=resolution.entry_id).values("minutes_id")
            ),
        )
        self._print_on_change(
            Resolution,
            lambda resolution: (
                MinuteEntry.objects.filter(pk=resolution.entry_id)
                .values_list("minutes_id", flat=True)
                .first()
            ),
        )
        self._print_on_change(
            ResolutionPart,
            lambda part: (
                Resolution.objects.filter(pk=part.resolution_id)
                .values_list("entry__minutes_id", flat=True)
                .first()
            ),
        )
        rebuild.connect(
            ResolutionPart,
            lambda part: approving_meetings(
                Resolution.objects.filter(pk=part.resolution_id).values("entry__minutes_id")
            ),
        )

    @staticmethod
    def _print_on_change(model, minutes_id) -> None:
        """Print the minutes again (in the background) once a change to them commits."""
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        def handler(sender, instance, **kwargs):
            if kwargs.get("raw"):
                return
            from minutes.tasks import enqueue_print

            target = minutes_id(instance)
            if target:
                transaction.on_commit(lambda: enqueue_print(target))

        for signal in (post_save, post_delete):
            signal.connect(
                handler, sender=model, weak=False, dispatch_uid=f"print-{model.__name__}-{signal}"
            )


def _register_search() -> None:
    from meetings.search import SearchSource, register_source
    from minutes import search

    register_source(
        SearchSource(
            kind="minute",
            label="Minutes",
            matching=search.minutes_matching,
            ranks=search.minute_ranks,
            hits=search.minute_hits,
        )
    )
    register_source(
        SearchSource(
            kind="decision",
            label="Decisions",
            matching=search.decisions_matching,
            ranks=search.decision_ranks,
            hits=search.decision_hits,
            with_outcome=search.decisions_with_outcome,
        )
    )
