"""Writes with effects for meetings: building and storing agenda packs."""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from meetings.models import AgendaPack, Meeting
from meetings.pack import Variant, build_pack

logger = logging.getLogger(__name__)

PACK_UNCHANGED = "Nothing in the pack has changed since the last build."


def _next_edition(meeting: Meeting, variant: str, kind: str = AgendaPack.Kind.FULL) -> int:
    last = meeting.packs.filter(variant=variant, kind=kind).aggregate(n=Max("edition"))["n"]
    return (last or 0) + 1


def _published(meeting: Meeting, variant: str):
    return meeting.packs.filter(
        variant=variant, status=AgendaPack.Status.READY, published_at__isnull=False
    ).order_by("kind", "edition")


def _paper_keys(packs) -> set[str]:
    return {
        key for layout in packs.values_list("layout", flat=True) for key in layout.get("papers", {})
    }


@transaction.atomic
def agenda_pack_queue(*, meeting: Meeting, variant: str) -> AgendaPack:
    """Record that a pack is wanted; a waiting request already covers any new edits."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)  # one queue entry at a time
    waiting = meeting.packs.filter(
        variant=variant, kind=AgendaPack.Kind.FULL, status=AgendaPack.Status.QUEUED
    ).first()
    if waiting:
        return waiting
    return AgendaPack.objects.create(
        meeting=meeting,
        variant=variant,
        edition=_next_edition(meeting, variant),
        status=AgendaPack.Status.QUEUED,
        message="Waiting for the pack builder",
    )


def agenda_pack_build(
    *, meeting: Meeting, variant: str, pack: AgendaPack | None = None, force: bool = False
) -> AgendaPack:
    """Build the pack of `meeting` now and store it as a new edition.

    Progress is written to the pack row as the build goes (outside any transaction, so the
    meeting page can show it). When nothing printed has changed since the last ready edition,
    no edition is added and that edition is returned, unless `force`.

    Once an edition has gone out (built while the agenda was public), later papers are
    supplements: the new edition is an updated full pack that says what it adds, and the new
    papers alone also go out as a supplementary pack numbered S1, S2… (README, "Supplements").
    Papers taken out of the public pack (made exempt, withdrawn) take the earlier public
    editions and supplements that carried them out of circulation.
    """
    variant = Variant(variant)
    if pack is None:
        # A build from the shell claims a row of its own; the worker's queued row, if any,
        # finds nothing changed when its turn comes.
        pack = AgendaPack.objects.create(
            meeting=meeting,
            variant=variant,
            edition=_next_edition(meeting, variant),
            status=AgendaPack.Status.BUILDING,
        )
    previous = (
        meeting.packs.filter(
            variant=variant, kind=AgendaPack.Kind.FULL, status=AgendaPack.Status.READY
        )
        .exclude(pk=pack.pk)
        .order_by("-edition")
        .first()
    )
    published = _published(meeting, variant)
    original = published.filter(kind=AgendaPack.Kind.FULL).first()
    original_keys = set(original.layout.get("papers", {})) if original else None
    started = time.perf_counter()

    def progress(percent: int, message: str) -> None:
        AgendaPack.objects.filter(pk=pack.pk).update(
            status=AgendaPack.Status.BUILDING, progress=percent, message=message[:300]
        )

    try:
        built = build_pack(
            meeting,
            variant,
            previous_fingerprint="" if force or previous is None else previous.fingerprint,
            front_pages_hint=(previous.layout or {}).get("front_pages", 2) if previous else 2,
            progress=progress,
            published_keys=original_keys,
        )
    except Exception as error:
        _failed(pack, error)
        raise
    if built is None:
        pack.delete()
        return previous
    known_keys = _paper_keys(published) if original else None
    _store(pack, built, started)
    if not meeting.agenda_is_public:
        return pack
    if variant == Variant.PUBLIC:
        _withdraw_removed(meeting, set(built.paper_ranges))
    if known_keys is not None and (new_keys := set(built.paper_ranges) - known_keys):
        # The supplement first: if it fails, this edition stays unpublished and the next
        # build tries both again, rather than the new papers never going out on their own.
        agenda_supplement_build(meeting=meeting, variant=variant, keys=new_keys)
    AgendaPack.objects.filter(pk=pack.pk).update(published_at=timezone.now())
    pack.refresh_from_db()
    return pack


def _failed(pack: AgendaPack, error: Exception) -> None:
    logger.exception("Agenda pack build failed for %s (%s)", pack.meeting.slug, pack.variant)
    AgendaPack.objects.filter(pk=pack.pk).update(
        status=AgendaPack.Status.FAILED, message=f"The pack could not be built: {error}"[:300]
    )


def _withdraw_removed(meeting: Meeting, current_keys: set[str]) -> None:
    """Public editions carrying a paper the public pack no longer has are withdrawn."""
    for old in meeting.packs.filter(
        variant=AgendaPack.Variant.PUBLIC, status=AgendaPack.Status.READY, withdrawn=False
    ):
        if set(old.layout.get("papers", {})) - current_keys:
            AgendaPack.objects.filter(pk=old.pk).update(withdrawn=True)


def agenda_supplement_build(*, meeting: Meeting, variant: str, keys: set[str]) -> AgendaPack:
    """Publish the papers `keys` as a supplementary pack of their own."""
    pack = AgendaPack.objects.create(
        meeting=meeting,
        variant=variant,
        kind=AgendaPack.Kind.SUPPLEMENT,
        edition=_next_edition(meeting, variant, AgendaPack.Kind.SUPPLEMENT),
        status=AgendaPack.Status.BUILDING,
        message="Building the supplementary pack",
    )
    started = time.perf_counter()
    try:
        built = build_pack(meeting, variant, only_keys=keys)
    except Exception as error:
        _failed(pack, error)
        raise
    _store(pack, built, started)
    AgendaPack.objects.filter(pk=pack.pk).update(published_at=timezone.now())
    pack.refresh_from_db()
    if variant == Variant.PUBLIC:
        _record_supplement(meeting, pack, built)
    return pack


def _record_supplement(meeting: Meeting, pack: AgendaPack, built) -> None:
    """A supplement is a publication too: logged with its papers' content hashes."""
    import json

    from meetings import clock
    from meetings.models import Publication

    today = timezone.localdate()
    contents = [{"supplement": pack.edition, "papers": sorted(built.paper_ranges)}]
    last = meeting.publications.aggregate(n=Max("number"))["n"] or 1
    Publication.objects.create(
        meeting=meeting,
        number=last + 1,
        published_at=timezone.now(),
        clear_days=clock.clear_working_days(today, meeting.date),
        contents=contents,
        content_hash=hashlib.sha256(
            (json.dumps(contents, sort_keys=True) + pack.sha256).encode()
        ).hexdigest(),
    )


def _store(pack: AgendaPack, built, started: float) -> None:
    pack.refresh_from_db()
    pack.file.save(pack.filename, ContentFile(built.pdf), save=False)
    pack.status = AgendaPack.Status.READY
    pack.progress = 100
    pack.message = ""
    pack.page_count = built.page_count
    pack.size = len(built.pdf)
    pack.sha256 = hashlib.sha256(built.pdf).hexdigest()
    pack.fingerprint = built.fingerprint
    pack.layout = built.layout_json()
    pack.build_seconds = round(time.perf_counter() - started, 3)
    pack.built_at = timezone.now()
    pack.save()


def agenda_packs_request(*, meeting: Meeting) -> list[AgendaPack]:
    """Queue both packs of a meeting for the background builder (after this transaction)."""
    packs = [agenda_pack_queue(meeting=meeting, variant=variant) for variant in Variant]

    def enqueue() -> None:
        from meetings.tasks import enqueue_pack_build

        for pack in packs:
            enqueue_pack_build(pack)

    transaction.on_commit(enqueue)
    return packs
