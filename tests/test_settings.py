import os
import subprocess
import sys

from django.conf import settings


def run_settings(env):
    return subprocess.run(
        [sys.executable, "-c", "import boardpapers.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_the_development_secret_key():
    env = {"DATABASE_URL": "postgres://u:p@localhost/db", "BOARDPAPERS_DEV": "false"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = run_settings({**env, "DJANGO_SECRET_KEY": "dev-only-not-secret"})
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY in production" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_settings(
        {
            "DATABASE_URL": "postgres://u:p@localhost/db",
            "BOARDPAPERS_DEV": "false",
            "DJANGO_SECRET_KEY": "a-real-secret-for-this-test",
        }
    )
    assert result.returncode == 0, result.stderr


def test_database_is_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
