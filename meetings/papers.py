"""The papers of agenda items, as the apps that own them describe them.

`meetings` sits at the bottom of the dependency graph (minutes → meetings ← reports), so it
never imports reports or minutes. Instead those apps register a provider here when they load,
and the meeting page (and later the agenda pack) asks every provider for the papers a user
may see. Each provider must apply its own models' `visible_to(user)` and run a fixed number
of queries whatever the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from meetings.models import AgendaItem, Meeting


@dataclass(frozen=True)
class PackSource:
    """What the agenda pack prints for one paper: HTML for WeasyPrint, or an uploaded PDF."""

    html: str = ""
    pdf_path: str = ""
    # For a PDF: the SHA-256 recorded at upload, so builds need not re-read the file.
    digest: str = ""


@dataclass(frozen=True)
class Paper:
    """One paper of an agenda item, as listed on the agenda."""

    kind: str  # "report", "appendix", "document", "minutes" or "to_follow"
    title: str
    url: str = ""
    label: str = ""
    order: tuple = ()
    exempt: bool = False
    children: tuple[Paper, ...] = field(default=())
    obj: Any = None
    # A stable identity across builds ("report:12"), so the pack's page ranges can be shown
    # beside each paper on the meeting page.
    key: str = ""
    # Called only by the pack: renders the paper's printable HTML (or names its PDF).
    source: Callable[[], PackSource] | None = None
    # Ready to go out with the agenda (a report the clerk has accepted, an uploaded paper);
    # a draft the clerk can see is listed but does not count as the item's papers.
    ready: bool = True
    status: str = ""

    def flattened(self) -> list[Paper]:
        """This paper then its appendices, in pack order."""
        return [self, *[p for child in self.children for p in child.flattened()]]


@dataclass(frozen=True)
class MeetingLink:
    """A link the meeting page shows beside the agenda (e.g. the minutes)."""

    title: str
    url: str
    note: str = ""


PaperProvider = Callable[[list[AgendaItem], Any], Iterable[tuple[int, Paper]]]
LinkProvider = Callable[[Meeting, Any], Iterable[MeetingLink]]
PublishHook = Callable[[Meeting], None]

_paper_providers: list[PaperProvider] = []
_link_providers: list[LinkProvider] = []
_publish_hooks: list[PublishHook] = []


def register_publish(hook: PublishHook) -> None:
    """Called inside the publishing transaction, e.g. to mark accepted reports published."""
    if hook not in _publish_hooks:
        _publish_hooks.append(hook)


def run_publish_hooks(meeting: Meeting) -> None:
    for hook in _publish_hooks:
        hook(meeting)


def register_papers(provider: PaperProvider) -> None:
    if provider not in _paper_providers:
        _paper_providers.append(provider)


def register_links(provider: LinkProvider) -> None:
    if provider not in _link_providers:
        _link_providers.append(provider)


def papers_for_items(items: list[AgendaItem], user) -> dict[int, list[Paper]]:
    """Item id → the papers `user` may see, in agenda order."""
    papers: dict[int, list[Paper]] = defaultdict(list)
    visible = [item for item in items if not getattr(item, "restricted", False)]
    if visible:
        for provider in _paper_providers:
            for item_id, paper in provider(visible, user):
                papers[item_id].append(paper)
    for item_papers in papers.values():
        item_papers.sort(key=lambda paper: paper.order)
    return papers


def links_for_meeting(meeting: Meeting, user) -> list[MeetingLink]:
    return [link for provider in _link_providers for link in provider(meeting, user)]
