"""Stage 2, render: each HTML-authored paper → its own PDF with WeasyPrint, cached.

A paper's PDF is cached under the hash of everything that shapes it (its HTML, the print
stylesheet, the fonts and the WeasyPrint version), so a rebuild after one edit re-renders
only that paper. Renders of a cold build run in parallel processes (WeasyPrint is
single-threaded and CPU-bound; STACK.md measured 1.8x on 2 cores).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders

from meetings.pack import weasy


def static_roots() -> list[str]:
    return [str(Path(p).resolve()) for p in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]]


@cache
def style_fingerprint() -> str:
    """Hash of what shapes every rendered page besides the HTML itself."""
    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__} {weasy.RENDER_OPTIONS}".encode())
    digest.update(Path(finders.find("css/pack.css")).read_bytes())
    fonts = Path(finders.find("fonts/LiberationSans-Regular.ttf")).parent
    for font in sorted(fonts.glob("*.ttf")):
        digest.update(font.name.encode())
        digest.update(str(font.stat().st_size).encode())
    return digest.hexdigest()


def cache_key(html: str) -> str:
    return hashlib.sha256((style_fingerprint() + html).encode()).hexdigest()


def cache_dir() -> Path:
    configured = getattr(settings, "PACK_CACHE_DIR", "")
    path = Path(configured or Path(settings.MEDIA_ROOT) / "pack-cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


def html_to_pdf_bytes(html: str) -> bytes:
    return weasy.html_to_pdf_bytes(html, static_roots())


@cache
def _pool_context():
    """Workers come from a fork server that has imported WeasyPrint once: they start fast, and
    unlike a plain fork they share no threads, locks or database connections with us."""
    context = get_context("forkserver")
    context.set_forkserver_preload(["meetings.pack.weasy"])
    return context


def render_all(
    htmls: Iterable[str],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Render every HTML paper not already cached; returns the PDF path of each, in order."""
    htmls = list(htmls)
    directory = cache_dir()
    paths = [directory / f"{cache_key(html)}.pdf" for html in htmls]
    todo: dict[Path, str] = {}
    for html, path in zip(htmls, paths, strict=True):
        if not path.exists():
            todo.setdefault(path, html)
    done = 0
    if progress:
        progress(done, len(todo))
    workers = workers or min(len(todo), os.cpu_count() or 1)
    roots = static_roots()
    if len(todo) <= 1 or workers <= 1:
        for path, html in todo.items():
            weasy.render_to(html, str(path), roots)
            done += 1
            if progress:
                progress(done, len(todo))
        return paths
    # Longest first, so one big paper does not finish alone at the end.
    ordered = sorted(todo.items(), key=lambda pair: len(pair[1]), reverse=True)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        jobs = pool.map(
            weasy.render_to,
            [html for _, html in ordered],
            [str(path) for path, _ in ordered],
            [roots] * len(ordered),
        )
        for _ in jobs:
            done += 1
            if progress:
                progress(done, len(todo))
    return paths
