import datetime
import os
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from boardpapers import devdb
from boardpapers.archive import MEETINGS, build_archive
from meetings.models import Body, Meeting, Organisation, Person
from reports.models import Document

ARCHIVE_DB = "boardpapers_archive"
HAS_MEETINGS = (
    "Database {name!r} already has {count:,} meeting{s}. Run again with --reset to delete "
    "everything in it first, or --force-append to add a second archive beside them."
)


def _default_database() -> str:
    if os.environ.get("DATABASE_URL"):
        return connection.settings_dict["NAME"]
    return os.environ.get("BOARDPAPERS_DB_NAME") or ARCHIVE_DB


class Command(BaseCommand):
    help = (
        "Generate a synthetic archive for benchmarks: about 3,000 meetings of 25 bodies over "
        "15 years, with 30,000 agenda items, reports and their sections, 60,000 documents, "
        "minutes and decisions, in text recombined from the real papers in fixtures/demo/. "
        "It writes into a database of its own (--database-name, created and migrated when "
        "missing), never the demo's. About 40% of the documents stand for uploaded PDFs: "
        "they have per-page text (DocumentPage rows, as the upload reader stores it) but no "
        "file, so their download link answers 404. The same --seed and --today give the same "
        "archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--meetings",
            type=int,
            default=MEETINGS,
            help=f"Meetings to generate (default {MEETINGS}); everything else scales with it.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=datetime.date.today(),
            help="The date the archive is generated as of (YYYY-MM-DD): meetings before it are "
            "held and minuted, the next fortnight's agendas are published. Default: today.",
        )
        parser.add_argument(
            "--database-name",
            default=_default_database(),
            help="The database to write into, on the configured server (default: the one "
            f"DATABASE_URL names; without it BOARDPAPERS_DB_NAME, else {ARCHIVE_DB!r}). "
            "It is created and migrated when missing. The portal reads it with "
            "BOARDPAPERS_DB_NAME (embedded server) or a DATABASE_URL naming it.",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--reset",
            action="store_true",
            help="Delete every meeting, paper, body and person in that database first.",
        )
        mode.add_argument(
            "--force-append",
            action="store_true",
            help="Add to a database that already has meetings (slugs get an 's<seed>-' prefix).",
        )

    def handle(self, *args, meetings, seed, today, database_name, reset, force_append, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1.")
        if database_name == devdb.DEFAULT_DB_NAME and not os.environ.get("DATABASE_URL"):
            raise CommandError(
                f"{database_name!r} is the demo's database; the archive goes in one of its own "
                f"(default {ARCHIVE_DB!r})."
            )
        started = time.monotonic()
        self._use_database(database_name)
        count = Meeting.objects.count()
        tag = ""
        if count and reset:
            self.stdout.write(f"Deleting {count:,} meetings and everything on them…")
            self._reset()
        elif count and not force_append:
            raise CommandError(
                HAS_MEETINGS.format(name=database_name, count=count, s="s" if count > 1 else "")
            )
        elif count:
            tag = f"s{seed}-"
            if Body.objects.filter(slug__startswith=tag).exists():
                raise CommandError(
                    f"An archive with --seed {seed} is already in {database_name!r}; "
                    "append with another --seed."
                )
        self.stdout.write(
            f"Generating {meetings:,} meetings into {database_name!r} "
            f"(seed {seed}, as of {today:%-d %B %Y})…"
        )
        counts = build_archive(
            meetings=meetings, seed=seed, today=today, tag=tag, report=self.stdout.write
        )
        elapsed = time.monotonic() - started
        lines = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Archive written in {elapsed:.0f} s: {lines}."))
        self.stdout.write(
            f"Browse it with BOARDPAPERS_DB_NAME={database_name} "
            "(or a DATABASE_URL naming it), e.g. make bench-search."
        )

    def _use_database(self, name: str) -> None:
        """Point the default connection at `name` on the same server; create and migrate it."""
        connection.close()
        connection.settings_dict["NAME"] = name
        if devdb.ensure_database(connection.settings_dict):
            self.stdout.write(f"Created database {name!r}.")
        call_command("migrate", verbosity=0, interactive=False)

    def _reset(self) -> None:
        """Empty the archive's tables: TRUNCATE is immediate where DELETE would take minutes."""
        from minutes.models import Minutes

        tables = {
            model._meta.db_table
            for model in (Meeting, Minutes, Document, Body, Organisation, Person)
        }
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(sorted(tables))} RESTART IDENTITY CASCADE")
