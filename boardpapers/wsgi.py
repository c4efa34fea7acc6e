"""WSGI entry point for gunicorn: `gunicorn boardpapers.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boardpapers.settings")

application = get_wsgi_application()
