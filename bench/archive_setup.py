"""What the in-process archive benchmarks (search.py, pages.py) share: Django set up to
render pages through the test client against the archive database, and a member reader."""

from __future__ import annotations

import sys


def setup_archive() -> int:
    """Set Django up for rendering pages in-process; the archive's meeting count. Exits
    with advice when the archive has not been generated."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from meetings.models import Meeting

    # Pages render without collectstatic's manifest; the static tag costs the same either way.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    meetings = Meeting.objects.count()
    if meetings < 100:
        sys.exit(
            f"Database {connection.settings_dict['NAME']} has {meetings} meetings: "
            "run `make archive` first."
        )
    return meetings


def bench_member(bodies):
    """The benchmarks' member reader, a member of `bodies` (their exempt papers are theirs)."""
    from django.contrib.auth import get_user_model

    from meetings.models import BodyRole

    member, _ = get_user_model().objects.get_or_create(username="bench-member")
    for body in bodies:
        BodyRole.objects.get_or_create(user=member, body=body, role="member")
    return member
