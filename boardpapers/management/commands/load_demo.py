from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boardpapers.demo import DEFAULT_ROOT, DemoDataError, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data transcribed from the seed packs (fixtures/demo/). Safe to run "
        "again: demo records are put back to what the files say; nothing else is touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="Demo data folder.")

    def handle(self, *args, root: Path, **options):
        try:
            summary = load_demo(root)
        except DemoDataError as error:
            raise CommandError(f"Demo data not loaded, nothing was changed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
