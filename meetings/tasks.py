"""Background jobs (procrastinate, on PostgreSQL): agenda packs are built here, never in a
web request."""

from __future__ import annotations

import contextlib

from procrastinate import exceptions
from procrastinate.contrib.django import app

from meetings.models import AgendaPack


@app.task(queue="packs", name="build_agenda_pack", pass_context=False)
def build_agenda_pack(pack_id: int) -> None:
    # Claim the row atomically: a second job (or a shell build) for it finds nothing to do.
    claimed = AgendaPack.objects.filter(pk=pack_id, status=AgendaPack.Status.QUEUED).update(
        status=AgendaPack.Status.BUILDING, message="Starting"
    )
    if not claimed:
        return  # already built by an earlier job, or removed
    pack = AgendaPack.objects.select_related("meeting__body").get(pk=pack_id)
    from meetings.services import agenda_pack_build

    agenda_pack_build(meeting=pack.meeting, variant=pack.variant, pack=pack)


def enqueue_pack_build(pack: AgendaPack) -> None:
    """Defer one build per queued pack; a second request while one waits is coalesced."""
    lock = f"pack-{pack.meeting_id}-{pack.variant}"
    with contextlib.suppress(exceptions.AlreadyEnqueued):
        build_agenda_pack.configure(lock=lock, queueing_lock=lock).defer(pack_id=pack.pk)


@app.periodic(cron="0 7 * * *", periodic_id="search-alerts")
@app.task(queue="alerts", name="send_search_alerts", pass_context=False)
def send_search_alerts(timestamp: int) -> None:
    """Every morning: email saved searches' new results (`manage.py send_search_alerts` runs
    the same on demand)."""
    from meetings.alerts import search_alerts_send

    search_alerts_send()
