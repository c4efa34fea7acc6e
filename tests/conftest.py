from __future__ import annotations

import os
import threading

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection

from meetings.models import BodyRole

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be
# usable there for fixtures and assertions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BOARDPAPERS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def pack_cache(tmp_path_factory):
    """Rendered papers shared by the whole run: identical HTML renders once."""
    return tmp_path_factory.mktemp("pack-cache")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, pack_cache):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PACK_CACHE_DIR = pack_cache
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty anonymous page cache (tests change settings that
    pages print, such as static storage, which the cache key does not include)."""
    caches["pages"].clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def make_user(username: str, **roles):
    """A user with body roles: make_user("ann", member=[body], clerk=[other])."""
    user = get_user_model().objects.create_user(username=username, password="pw")
    for role, bodies in roles.items():
        for body in bodies:
            BodyRole.objects.create(user=user, body=body, role=role)
    return user


@pytest.fixture
def demo(db):
    """The seed meetings, loaded into this test's transaction."""
    from boardpapers.demo import load_demo

    return load_demo()


@pytest.fixture
def empty_queue(django_db_blocker):
    """procrastinate's tables are not Django-managed, so test flushes leave jobs behind."""

    def truncate():
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE procrastinate_jobs RESTART IDENTITY CASCADE")

    truncate()
    yield truncate
    truncate()


def run_worker_until_idle() -> None:
    """What `manage.py procrastinate worker` runs, stopping once the queue is empty. It runs
    in its own thread, as the worker process would, away from any event loop of the tests."""
    from procrastinate.contrib.django import app

    errors = []
    # The periodic deferrer (the morning search alerts) would hold the stopping worker for
    # up to a minute; tests call search_alerts_send directly.
    periodic = dict(app.periodic_registry.periodic_tasks)
    app.periodic_registry.periodic_tasks.clear()

    def work():
        try:
            with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
                worker_app.run_worker(
                    queues=settings.PROCRASTINATE_WORKER_DEFAULTS["queues"],
                    wait=False,
                    concurrency=1,
                    install_signal_handlers=False,
                )
        except BaseException as error:  # surfaced in the test's thread below
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=300)
    app.periodic_registry.periodic_tasks.update(periodic)
    assert not thread.is_alive(), "the worker did not finish"
    if errors:
        raise errors[0]


SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client) -> dict[str, str | None]:
    """Every URL the sitemap announces, loc → lastmod: the index, then each section page."""
    import xml.etree.ElementTree as ET

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls = {}
    for loc in ET.fromstring(index.content).findall("sm:sitemap/sm:loc", SITEMAP_NS):
        section = client.get(loc.text.removeprefix("http://testserver"))
        assert section.status_code == 200
        for url in ET.fromstring(section.content).findall("sm:url", SITEMAP_NS):
            urls[url.findtext("sm:loc", namespaces=SITEMAP_NS)] = url.findtext(
                "sm:lastmod", namespaces=SITEMAP_NS
            )
    return urls
