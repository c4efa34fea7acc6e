"""Meeting page benchmark: a typical published meeting of the synthetic archive, served by
gunicorn on loopback and loaded with wrk, with the anonymous page cache and without it.

    make bench-web      (or: .venv/bin/python bench/meeting_page.py)

Reads the archive database (`make archive`: ~3,000 meetings, 60,000 documents), never
writes to it. Collects the static files into a temporary folder, starts gunicorn (sync
workers, DEBUG off) on a free port of 127.0.0.1, warms it up, then runs
`wrk -t1 -c32 -d20s --latency` --runs times and prints the medians of p50, p90, p99,
requests per second and errors (non-2xx responses plus socket errors), first with the page
cache, then with BOARDPAPERS_PAGE_CACHE=false. `--workers 2,3,4` compares worker counts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARCHIVE_DB = "boardpapers_archive"
# Best on the 2-core benchmark machine (`--workers 2,3,4`): cached, 2, 3 and 4 workers are
# within noise of each other (~2,000-2,150 req/s, p99 20-25 ms); uncached, the page is
# CPU-bound and 2 workers do best (38 req/s against 35 with 3 or 4). See the README.
DEFAULT_WORKERS = "2"


def environment(*, cache: bool, static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("BOARDPAPERS_DEV", "true")
    if not env.get("DATABASE_URL"):
        env.setdefault("BOARDPAPERS_DB_NAME", ARCHIVE_DB)
    env["DJANGO_DEBUG"] = "false"
    env["DJANGO_STATIC_ROOT"] = static_root
    env["DJANGO_LOG_LEVEL"] = "WARNING"
    env["BOARDPAPERS_PAGE_CACHE"] = "true" if cache else "false"
    # Run this checkout's code whatever the virtual environment's editable install points at.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


PICK_MEETING = """
from django.db.models import Count, Q
from meetings.models import Meeting
meetings = list(
    Meeting.objects.filter(status__in=Meeting.AGENDA_PUBLIC_STATUSES)
    .annotate(
        papers=Count("items__attachments", distinct=True) + Count("items__reports", distinct=True),
        items_=Count("items", distinct=True),
    )
    .filter(papers__gt=0)
    .order_by("papers", "slug")
    .values_list("slug", "items_", "papers")
)
slug, items, papers = meetings[len(meetings) // 2]
print(slug, items, papers)
"""


def typical_meeting(env: dict[str, str]) -> tuple[str, int, int]:
    """The published meeting with the median number of papers (reports and attachments)."""
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", PICK_MEETING],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[0], int(out[1]), int(out[2])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


class Server:
    """gunicorn in its own process group, stopped (only it) on exit."""

    def __init__(self, workers: int, env: dict[str, str]) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "boardpapers.wsgi:application",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, path: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited before serving; see its output above.")
            try:
                status, _ = fetch(self.url(path))
            except OSError:
                time.sleep(0.2)
                continue
            if status != 200:
                raise SystemExit(f"{path} answered {status}, not 200.")
            return
        raise SystemExit("gunicorn did not start within 60 s.")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, *, duration: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = {
        f"p{pct}": milliseconds(re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M).group(1))
        for pct in (50, 90, 99)
    }
    result["req/s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    result["errors"] = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    return result


def measure(
    path: str, *, workers: int, cache: bool, static_root: str, args: argparse.Namespace
) -> dict[str, float]:
    server = Server(workers, environment(cache=cache, static_root=static_root))
    try:
        server.wait_ready(path)
        # Every worker renders the page (and fills its own cache) and PostgreSQL's buffers
        # are warm before anything is counted.
        wrk(server.url(path), duration=args.warmup, connections=args.connections)
        _, headers = fetch(server.url(path))
        state = headers.get("X-Page-Cache", "not cached")
        runs = [
            wrk(server.url(path), duration=args.duration, connections=args.connections)
            for _ in range(args.runs)
        ]
    finally:
        server.stop()
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    median["state"] = state
    median["runs"] = runs
    return median


def row(label: str, result: dict) -> str:
    return (
        f"{label:<22} {result['p50']:8.1f} {result['p90']:8.1f} {result['p99']:8.1f} "
        f"{result['req/s']:9.1f} {result['errors']:7.0f}   ({result['state']})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default=DEFAULT_WORKERS, help="e.g. 3, or 2,3,4")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--slug", help="the meeting (default: the median published one)")
    parser.add_argument(
        "--mode", choices=["both", "cached", "uncached"], default="both", help="what to measure"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (or `make bench-web`).")

    with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
        env = environment(cache=True, static_root=static_root)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        if args.slug:
            slug, detail = args.slug, ""
        else:
            slug, items, papers = typical_meeting(env)
            detail = f" ({items} items, {papers} papers: the median published meeting)"
        path = f"/meetings/{slug}/"
        database = "DATABASE_URL" if env.get("DATABASE_URL") else env["BOARDPAPERS_DB_NAME"]
        print(f"Meeting page {path}{detail}")
        print(
            f"Database {database}; gunicorn sync workers, DEBUG off; "
            f"wrk -t1 -c{args.connections} -d{args.duration}s --latency, "
            f"medians of {args.runs} runs after {args.warmup} s of warm-up; "
            f"{os.cpu_count()} CPUs."
        )
        print(f"\n{'':<22} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'req/s':>9} {'errors':>7}")
        modes = {"both": (True, False), "cached": (True,), "uncached": (False,)}[args.mode]
        for workers in (int(w) for w in args.workers.split(",")):
            for cache in modes:
                result = measure(
                    path, workers=workers, cache=cache, static_root=static_root, args=args
                )
                label = f"{'cached' if cache else 'uncached'}, -w {workers}"
                print(row(label, result), flush=True)
                for run in result["runs"]:
                    print(
                        f"{'':<24}run: p50 {run['p50']:.1f}, p90 {run['p90']:.1f}, "
                        f"p99 {run['p99']:.1f} ms, {run['req/s']:.1f} req/s, "
                        f"{run['errors']} errors"
                    )


if __name__ == "__main__":
    main()
