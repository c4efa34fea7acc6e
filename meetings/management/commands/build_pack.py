from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.models import AgendaPack, Meeting
from meetings.pack import Variant
from meetings.services import agenda_pack_build


class Command(BaseCommand):
    help = (
        "Build a meeting's agenda pack now, in this process. "
        "`build_pack MEETING --variant public|members -o FILE.pdf`; "
        "`build_pack --list` prints one meeting identifier per line; "
        "`build_pack --stale` rebuilds every pack whose contents changed since its last build."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", nargs="?", help="Meeting identifier (see --list).")
        parser.add_argument("--variant", choices=[v.value for v in Variant], default="public")
        parser.add_argument("-o", "--output", type=Path, help="Also write the PDF here.")
        parser.add_argument("--force", action="store_true", help="Build even if nothing changed.")
        parser.add_argument("--list", action="store_true", help="List meeting identifiers.")
        parser.add_argument(
            "--stale", action="store_true", help="Rebuild all stale packs of published agendas."
        )

    def handle(self, *args, meeting, variant, output, force, list, stale, **options):
        if list:
            for slug in Meeting.objects.order_by("date", "slug").values_list("slug", flat=True):
                self.stdout.write(slug)
            return
        if stale:
            self.rebuild_stale()
            return
        if not meeting:
            raise CommandError("Name a meeting (see `build_pack --list`), or use --stale.")
        try:
            record = Meeting.objects.select_related("body").get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(
                f"No meeting {meeting!r}. `build_pack --list` prints the identifiers."
            ) from None
        pack = agenda_pack_build(meeting=record, variant=variant, force=force)
        self.report(pack)
        if output:
            output.write_bytes(pack.file.open("rb").read())
            self.stdout.write(f"Written to {output}")

    def rebuild_stale(self) -> None:
        meetings = Meeting.objects.filter(status__in=Meeting.AGENDA_PUBLIC_STATUSES).select_related(
            "body"
        )
        rebuilt = 0
        for record in meetings.order_by("date"):
            for variant in Variant:
                before = record.packs.filter(
                    variant=variant, kind=AgendaPack.Kind.FULL, status=AgendaPack.Status.READY
                ).first()
                pack = agenda_pack_build(meeting=record, variant=variant)
                if pack != before:
                    rebuilt += 1
                    self.report(pack)
        self.stdout.write(f"{rebuilt} pack(s) rebuilt; the others were up to date.")

    def report(self, pack: AgendaPack) -> None:
        self.stdout.write(
            f"{pack.meeting.slug} {pack.variant} edition {pack.edition}: "
            f"{pack.page_count} pages, {pack.size // 1024} KB, built in {pack.build_seconds} s"
        )
