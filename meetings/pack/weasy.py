"""WeasyPrint rendering with no Django in sight, so render workers start fast and clean.

Imported by the fork server of the render pool before Django is set up: keep it to the
standard library and WeasyPrint.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.request import url2pathname

import weasyprint

# The pack prints images at 150 dpi: invisible on paper, and PDFs 20-30x smaller (STACK §1b).
RENDER_OPTIONS = {"dpi": 150}


class StaticOnlyFetcher(weasyprint.URLFetcher):
    """Serves the print stylesheet and fonts from the static folders and nothing else: no
    request ever leaves the process, and no other file on disk can be pulled into a pack."""

    def __init__(self, roots: list[str]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self._roots = [Path(root) for root in roots]

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url2pathname(url.removeprefix("file:").split("?")[0])).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise ValueError(f"Not a static file: {url}")
        return super().fetch(url, headers)


def html_to_pdf_bytes(html: str, roots: list[str]) -> bytes:
    """One paper's printable HTML → PDF bytes (no page numbers: the stamp stage adds them)."""
    document = weasyprint.HTML(
        string=html, base_url="file:///", url_fetcher=StaticOnlyFetcher(roots)
    )
    return document.write_pdf(**RENDER_OPTIONS)


def render_to(html: str, target: str, roots: list[str]) -> str:
    """Render into `target` atomically: write aside then rename, so a reader never sees half
    a file and concurrent builds can share the cache."""
    data = html_to_pdf_bytes(html, roots)
    handle, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, target)
    return target
