"""Read a built pack back as a reader would: the text of each page (pdftotext), bookmarks
and links (pypdf)."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass

from pypdf import PdfReader

PAGE_NUMBER = re.compile(r"^\s*Page (\d+)\s*$", re.MULTILINE)
EXEMPT_MARK = re.compile(r"^\s*EXEMPT – NOT FOR PUBLICATION.*$", re.MULTILINE)


@dataclass
class ReadPack:
    pages: list[str]
    reader: PdfReader

    def number(self, index: int) -> int | None:
        """The "Page N" printed on a physical page, if any."""
        found = PAGE_NUMBER.findall(self.pages[index])
        return int(found[-1]) if found else None

    def index_of(self, number: int) -> int:
        return next(i for i in range(len(self.pages)) if self.number(i) == number)

    def body(self, index: int) -> str:
        """The page's text without its furniture: the "Page N" line and any exempt marking."""
        return EXEMPT_MARK.sub("", PAGE_NUMBER.sub("", self.pages[index])).strip()

    def outline(self) -> list[tuple[int, str, int]]:
        """(depth, title, physical page index) for every bookmark."""
        rows: list[tuple[int, str, int]] = []

        def walk(entries, depth):
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry, depth + 1)
                else:
                    rows.append(
                        (depth, entry.title, self.reader.get_destination_page_number(entry))
                    )

        walk(self.reader.outline, 0)
        return rows

    def link_targets(self, index: int) -> list[int]:
        """Physical page indexes the internal links on page `index` jump to."""
        page = self.reader.pages[index]
        targets = []
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if dest is not None:
                targets.append(self.reader.get_page_number(dest[0].get_object()))
        return targets


def read_pack(data: bytes) -> ReadPack:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    pages = text.split("\f")
    reader = PdfReader(io.BytesIO(data))
    return ReadPack(pages=pages[: len(reader.pages)], reader=reader)
