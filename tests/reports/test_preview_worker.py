"""The officer's pack-pages preview is printed by the background worker, not the request."""

import pytest

from reports.models import Report
from tests.conftest import run_worker_until_idle
from tests.reports.test_officer import assign, edit_data, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_asking_for_a_preview_queues_it_and_the_worker_prints_it(world, client, empty_queue):  # noqa: F811
    report = assign(client, world)
    client.force_login(world["officer"])
    client.post(f"/reports/{report.slug}/edit/", edit_data(report))
    response = client.post(f"/reports/{report.slug}/preview/", follow=True)
    assert "The pack-pages preview is being printed" in response.text
    assert not Report.objects.get(pk=report.pk).preview  # nothing rendered in the request
    run_worker_until_idle()
    report = Report.objects.get(pk=report.pk)
    assert report.preview and report.preview_version == report.version
    page = client.get(f"/reports/{report.slug}/edit/").text
    assert "Open the latest preview" in page
