"""Email saved searches' new results now (the worker does it every morning at 7)."""

from django.core.management.base import BaseCommand

from meetings.alerts import search_alerts_send


class Command(BaseCommand):
    help = "Email each saved search's new results to its owner."

    def handle(self, *args, **options):
        sent = search_alerts_send()
        self.stdout.write(f"{sent} alert email{'s' if sent != 1 else ''} sent.")
