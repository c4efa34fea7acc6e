from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boardpapers.demo import (
    DEFAULT_ROOT,
    DEMO_PASSWORD,
    DemoDataError,
    create_demo_users,
    load_demo,
)


class Command(BaseCommand):
    help = (
        "Load the demo data transcribed from the seed packs (fixtures/demo/). Safe to run "
        "again: demo records are put back to what the files say; nothing else is touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="Demo data folder.")
        parser.add_argument(
            "--users",
            action="store_true",
            help="Also create the demo accounts clerk, member and admin (developer machines only).",
        )

    def handle(self, *args, root: Path, users: bool, **options):
        try:
            summary = load_demo(root)
        except DemoDataError as error:
            raise CommandError(f"Demo data not loaded, nothing was changed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        if users:
            if not settings.DEV:
                raise CommandError("Demo accounts are only created on a developer machine.")
            names = ", ".join(create_demo_users())
            self.stdout.write(f"Demo accounts {names}; password {DEMO_PASSWORD!r}.")
