"""Stage 2, render: each HTML-authored paper → its own PDF with WeasyPrint, cached.

A paper's PDF is cached under the hash of everything that shapes it (its HTML, the print
stylesheet, the fonts and the WeasyPrint version), so a rebuild after one edit re-renders
only that paper. Renders of a cold build run in parallel processes (WeasyPrint is
single-threaded and CPU-bound; STACK.md measured 1.8x on 2 cores).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections

# The pack prints images at 150 dpi: invisible on paper, and PDFs 20-30x smaller (STACK §1b).
RENDER_OPTIONS = {"dpi": 150}


class StaticOnlyFetcher(weasyprint.URLFetcher):
    """Serves the print stylesheet and fonts from the static folders and nothing else: no
    request ever leaves the process, and no other file on disk can be pulled into a pack."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self._roots = [Path(path).resolve() for path in settings.STATICFILES_DIRS]
        self._roots.append(Path(settings.STATIC_ROOT).resolve())

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(
                weasyprint.urls.request.url2pathname(url.removeprefix("file:").split("?")[0])
            ).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise ValueError(f"Not a static file: {url}")
        return super().fetch(url, headers)


@cache
def style_fingerprint() -> str:
    """Hash of what shapes every rendered page besides the HTML itself."""
    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__} {RENDER_OPTIONS}".encode())
    for name in ("css/pack.css",):
        digest.update(Path(finders.find(name)).read_bytes())
    fonts = Path(finders.find("fonts/LiberationSans-Regular.ttf")).parent
    for font in sorted(fonts.glob("*.ttf")):
        digest.update(font.name.encode())
        digest.update(str(font.stat().st_size).encode())
    return digest.hexdigest()


def cache_key(html: str) -> str:
    return hashlib.sha256((style_fingerprint() + html).encode()).hexdigest()


def cache_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "pack-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def html_to_pdf_bytes(html: str) -> bytes:
    """One paper's printable HTML → PDF bytes (no page numbers: the stamp stage adds them)."""
    document = weasyprint.HTML(string=html, base_url="file:///", url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(**RENDER_OPTIONS)


def _render_to(html: str, target: str) -> str:
    data = html_to_pdf_bytes(html)
    # Write then rename, so a reader never sees half a file and concurrent builds can share it.
    handle, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, target)
    return target


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
    if len(todo) <= 1 or workers <= 1:
        for path, html in todo.items():
            _render_to(html, str(path))
            done += 1
            if progress:
                progress(done, len(todo))
        return paths
    # Forked workers only render; they must not share the parent's database connections.
    connections.close_all()
    # Longest first, so one big paper does not finish alone at the end.
    ordered = sorted(todo.items(), key=lambda pair: len(pair[1]), reverse=True)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        for _ in pool.map(_render_to, [html for _, html in ordered], [str(p) for p, _ in ordered]):
            done += 1
            if progress:
                progress(done, len(todo))
    return paths
