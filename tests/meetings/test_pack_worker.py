"""Packs are built by the real background worker (procrastinate on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from meetings.models import AgendaPack
from meetings.services import agenda_packs_request
from reports.models import ReportSection
from tests.conftest import run_worker_until_idle
from tests.meetings.test_pack import exempt_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_queue(empty_queue):
    yield


def test_requested_packs_are_built_in_the_background(db):
    meeting = exempt_world()
    agenda_packs_request(meeting=meeting)
    assert ProcrastinateJob.objects.filter(status="todo").count() == 2
    assert set(meeting.packs.values_list("status", flat=True)) == {"queued"}
    run_worker_until_idle()
    packs = {pack.variant: pack for pack in meeting.packs.all()}
    assert packs["public"].status == AgendaPack.Status.READY
    assert packs["members"].status == AgendaPack.Status.READY
    assert packs["public"].progress == 100
    assert packs["public"].file.open("rb").read(5) == b"%PDF-"


def test_rapid_edits_coalesce_into_one_build(db):
    meeting = exempt_world()
    for text in ("first", "second", "third"):
        ReportSection.objects.filter(report__agenda_item__meeting=meeting).update(
            html=f"<p>{text}</p>"
        )
        agenda_packs_request(meeting=meeting)
    # Three requests while nothing ran: one queued pack and one job per variant.
    assert meeting.packs.count() == 2
    assert ProcrastinateJob.objects.filter(status="todo").count() == 2
    run_worker_until_idle()
    assert meeting.packs.filter(status=AgendaPack.Status.READY).count() == 2


def test_saving_papers_queues_one_rebuild_per_variant_after_commit(db):
    from django.db import transaction

    meeting = exempt_world()
    # Building the world queued packs already; start from an empty queue.
    meeting.packs.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE procrastinate_jobs RESTART IDENTITY CASCADE")
    with transaction.atomic():
        for section in ReportSection.objects.filter(report__agenda_item__meeting=meeting):
            section.html = "<p>Changed.</p>"
            section.save()
        assert not meeting.packs.exists()  # nothing happens before the commit
    assert sorted(meeting.packs.values_list("variant", "status")) == [
        ("members", "queued"),
        ("public", "queued"),
    ]
    assert ProcrastinateJob.objects.filter(status="todo").count() == 2


def test_a_rolled_back_change_queues_nothing(db):
    from django.db import transaction

    meeting = exempt_world()
    meeting.packs.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE procrastinate_jobs RESTART IDENTITY CASCADE")
    with pytest.raises(RuntimeError), transaction.atomic():
        ReportSection.objects.filter(report__agenda_item__meeting=meeting).first().save()
        raise RuntimeError("clerk cancelled")
    assert not meeting.packs.exists()
    assert not ProcrastinateJob.objects.exists()
