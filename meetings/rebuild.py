"""Rebuild agenda packs automatically when anything printed in them changes.

Each app connects its own models' save/delete signals to `contents_changed(meeting_ids)`
(meetings cannot import the others). Changes are gathered per transaction and the packs are
queued once it commits, so saving fifty rows queues one build, not fifty; the background
worker's queueing lock coalesces whatever still arrives while a build waits.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction


class _Flush:
    """The one on-commit callback of a transaction, holding the meetings it changed."""

    def __init__(self) -> None:
        self.ids: set[int] = set()

    def __call__(self) -> None:
        _queue_packs(self.ids)


def contents_changed(meeting_ids: Iterable[int]) -> None:
    ids = {meeting_id for meeting_id in meeting_ids if meeting_id}
    if not ids:
        return
    # Join the callback already waiting for this transaction, if any. Django drops callbacks
    # of rolled-back (savepoint) blocks itself, so a rollback never strands changes here.
    for _, callback, _ in transaction.get_connection().run_on_commit:
        if isinstance(callback, _Flush):
            callback.ids.update(ids)
            return
    flush = _Flush()
    flush.ids.update(ids)
    transaction.on_commit(flush)


def _queue_packs(ids: set[int]) -> None:
    from meetings.models import Meeting
    from meetings.services import agenda_packs_request

    meetings = Meeting.objects.filter(pk__in=ids).select_related("body")
    for meeting in meetings:
        # Packs follow the agenda once it is public, or once a clerk has built one to preview.
        if meeting.agenda_is_public or meeting.packs.exists():
            agenda_packs_request(meeting=meeting)


def connect(model, meeting_ids) -> None:
    """Rebuild the packs of `meeting_ids(instance)` whenever a `model` row is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    def handler(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return
        contents_changed(meeting_ids(instance))

    post_save.connect(
        handler, sender=model, weak=False, dispatch_uid=f"packs-{model.__name__}-save"
    )
    post_delete.connect(
        handler, sender=model, weak=False, dispatch_uid=f"packs-{model.__name__}-delete"
    )
