"""What other apps add to the portal's pages: sections of the home and person pages, and the
decisions recorded on agenda items.

Like `meetings.papers`, this exists because `meetings` sits at the bottom of the dependency
graph (minutes → meetings ← reports) and never imports the apps above it. They register
providers here when they load. Each provider reads its own models through `visible_to(user)`
and runs a fixed number of queries, so the pages' query counts do not grow with the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from meetings.models import AgendaItem, Person


@dataclass(frozen=True)
class Section:
    """A block of a page drawn by another app's template: the page supplies the heading and
    landmark, `template` the contents, reading `section.context`."""

    key: str  # unique on the page: the heading's id is "<key>-heading"
    heading: str
    template: str
    context: dict = field(default_factory=dict, hash=False, compare=False)
    order: int = 0


@dataclass(frozen=True)
class Decision:
    """A resolution recorded against an agenda item, as the meeting page shows it."""

    preamble: str
    url: str
    minute: str  # "Minute 31"
    parts: tuple[tuple[str, str], ...] = ()  # (label, text) as printed
    outcome: str = ""
    note: str = ""  # e.g. "draft minutes, subject to approval"
    exempt: bool = False
    order: tuple = ()


PersonSectionProvider = Callable[[Person, Any], Iterable[Section]]
HomeSectionProvider = Callable[[Any], Iterable[Section]]
DecisionProvider = Callable[[list[AgendaItem], Any], Iterable[tuple[int, Decision]]]

_person_sections: list[PersonSectionProvider] = []
_home_sections: list[HomeSectionProvider] = []
_decision_providers: list[DecisionProvider] = []


def _add(providers: list, provider: Callable) -> None:
    # AppConfig.ready() can run more than once (e.g. in tests); register each provider once.
    if provider not in providers:
        providers.append(provider)


def register_person_sections(provider: PersonSectionProvider) -> None:
    _add(_person_sections, provider)


def register_home_sections(provider: HomeSectionProvider) -> None:
    _add(_home_sections, provider)


def register_item_decisions(provider: DecisionProvider) -> None:
    _add(_decision_providers, provider)


def person_sections(person: Person, user) -> list[Section]:
    found = [section for provider in _person_sections for section in provider(person, user)]
    return sorted(found, key=lambda section: section.order)


def home_sections(user) -> list[Section]:
    found = [section for provider in _home_sections for section in provider(user)]
    return sorted(found, key=lambda section: section.order)


def decisions_for_items(items: list[AgendaItem], user) -> dict[int, list[Decision]]:
    """Item id → the decisions `user` may read. Items the user sees only as "exempt item"
    (`restricted`) are never asked about, so nothing recorded on them can leak."""
    decisions: dict[int, list[Decision]] = defaultdict(list)
    visible = [item for item in items if not getattr(item, "restricted", False)]
    if visible:
        for provider in _decision_providers:
            for item_id, decision in provider(visible, user):
                decisions[item_id].append(decision)
    for item_decisions in decisions.values():
        item_decisions.sort(key=lambda decision: decision.order)
    return dict(decisions)
