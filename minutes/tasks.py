"""Background jobs for minutes: the printed minutes PDF."""

from __future__ import annotations

import contextlib

from procrastinate import exceptions
from procrastinate.contrib.django import app

from minutes.models import Minutes


@app.task(queue="packs", name="print_minutes")
def print_minutes(minutes_id: int) -> None:
    minutes = Minutes.objects.select_related("meeting__body").filter(pk=minutes_id).first()
    if minutes is not None:
        from minutes.services import minutes_print

        minutes_print(minutes=minutes)


def enqueue_print(minutes_id: int) -> None:
    lock = f"minutes-{minutes_id}"
    with contextlib.suppress(exceptions.AlreadyEnqueued):
        print_minutes.configure(lock=lock, queueing_lock=lock).defer(minutes_id=minutes_id)
