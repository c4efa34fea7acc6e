"""Stage 1, collect: Meeting + variant → PackContents, what goes in and in which order.

Pure with respect to output: it reads the database through the same visibility rule as the
web pages (the public pack sees what an anonymous visitor sees; the members' pack what a
member of the body sees) and renders nothing. Papers carry a `source` callable that the render
stage calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

from meetings import papers as paper_registry
from meetings.access import BodyReader
from meetings.models import AgendaItem, Meeting, Membership
from meetings.papers import Paper


class Variant(StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"


def audience(meeting: Meeting, variant: Variant):
    """The public pack reads as an anonymous visitor; the members' pack as a member of the
    body and nothing more."""
    if variant == Variant.MEMBERS:
        return BodyReader(meeting.body_id, "member")
    return AnonymousUser()


@dataclass(frozen=True)
class PackDocument:
    """One paper printed in the pack: a report, appendix, document or minutes."""

    key: str
    title: str
    label: str
    kind: str
    exempt: bool
    paper: Paper

    @property
    def outline_title(self) -> str:
        return f"{self.label} – {self.title}" if self.label else self.title


@dataclass(frozen=True)
class PackItem:
    """An agenda item as the pack's agenda prints it, with the papers that follow."""

    item_id: int
    number: str
    title: str
    title_suffix: str
    purpose: str
    recommendation: str
    presenter: str
    item_for: str
    body_html: str
    to_follow: tuple[str, ...]
    exempt: bool
    exempt_notice: str
    restricted: bool
    documents: tuple[PackDocument, ...] = field(default=())

    @property
    def has_pages(self) -> bool:
        return bool(self.documents)


@dataclass(frozen=True)
class MemberLines:
    """The membership paragraphs of a notice of meeting, as sentences."""

    heading: str
    councillors: str
    others: str
    alternates: str
    standing_deputies: str


@dataclass(frozen=True)
class PackContents:
    meeting: Meeting
    variant: Variant
    items: tuple[PackItem, ...]
    members: MemberLines
    supplement: bool = False
    note: str = ""  # printed under the heading, e.g. what an updated pack adds

    @property
    def documents(self) -> list[tuple[PackItem, PackDocument]]:
        return [(item, doc) for item in self.items for doc in item.documents]


def only_papers(contents: PackContents, keys: set[str]) -> PackContents:
    """A supplementary pack's contents: only the papers named, under their items."""
    items = []
    for item in contents.items:
        documents = tuple(document for document in item.documents if document.key in keys)
        if documents:
            items.append(replace(item, documents=documents, to_follow=()))
    return replace(contents, items=tuple(items), supplement=True)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _member_name(membership: Membership, *, drop_honorific: str = "") -> str:
    person = membership.person
    honorific = "" if person.honorific == drop_honorific else person.honorific
    name = " ".join(part for part in (honorific, person.name, person.post_nominals) if part)
    if membership.role in (
        Membership.Role.CHAIR,
        Membership.Role.JOINT_CHAIR,
        Membership.Role.VICE_CHAIR,
    ):
        name += f" ({membership.get_role_display()})"
    elif membership.role == Membership.Role.NON_VOTING:
        name += " (non-voting)"
    return name


def member_lines(meeting: Meeting) -> MemberLines:
    """ "Councillors A (Joint Chair), B and C" then the partner members, as the notice prints them."""
    members = list(meeting.members())
    Role, Category = Membership.Role, Membership.Category
    councillors = [
        m
        for m in members
        if m.category == Category.COUNCILLOR
        and m.role not in (Role.ALTERNATE, Role.STANDING_DEPUTY)
    ]
    others = [
        m
        for m in members
        if m.category != Category.COUNCILLOR
        and m.role not in (Role.ALTERNATE, Role.STANDING_DEPUTY)
    ]
    alternates = [m for m in members if m.role == Role.ALTERNATE]
    deputies = [m for m in members if m.role == Role.STANDING_DEPUTY]
    body = meeting.body
    councillor_names = [_member_name(m, drop_honorific="Councillor") for m in councillors]
    prefix = "Councillor " if len(councillor_names) == 1 else "Councillors "
    return MemberLines(
        heading=body.members_heading or (f"{body.name} Members" if members else ""),
        councillors=prefix + _join(councillor_names) if councillor_names else "",
        others=_join([_member_name(m) for m in others]),
        alternates=(
            f"{body.alternates_text} {_join([_member_name(m) for m in alternates])}".strip()
            if alternates
            else ""
        ),
        standing_deputies=_join([_member_name(m) for m in deputies]),
    )


def _exempt_notice(item: AgendaItem) -> str:
    if not item.exempt:
        return ""
    notice = (
        "Not for publication by virtue of paragraph "
        f"{item.exempt_paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972"
    )
    return f"{notice}. {item.exempt_reason}".strip() if item.exempt_reason else f"{notice}."


def collect(meeting: Meeting, variant: Variant) -> PackContents:
    """Decide what the pack of `meeting` contains for `variant`."""
    reader = audience(meeting, variant)
    items = list(
        meeting.items.for_agenda(reader).filter(parent__isnull=True).order_by("order", "number")
    )
    papers = paper_registry.papers_for_items(items, reader)
    pack_items = []
    for item in items:
        documents, to_follow = [], []
        for paper in papers.get(item.pk, ()):
            for printed in paper.flattened():
                if printed.kind == "to_follow":
                    to_follow.append(
                        f"{printed.label} to follow"
                        if printed.label
                        else f"{printed.title} to follow"
                    )
                elif printed.source is not None:
                    documents.append(
                        PackDocument(
                            key=printed.key,
                            title=printed.title,
                            label=printed.label,
                            kind=printed.kind,
                            exempt=item.exempt or printed.exempt,
                            paper=printed,
                        )
                    )
        # The agenda's own note ("Appendix C to follow") stands while something is still to
        # follow, or while an item expecting papers has none yet; not once they are published.
        still_open = to_follow or (item.has_papers and not documents)
        if item.to_follow_note and still_open and item.to_follow_note not in to_follow:
            to_follow.insert(0, item.to_follow_note)
        pack_items.append(
            PackItem(
                item_id=item.pk,
                number=item.display_number,
                title="" if item.restricted else item.display_title,
                title_suffix="" if item.restricted else item.title_suffix,
                purpose="" if item.restricted else item.purpose,
                recommendation="" if item.restricted else item.recommendation,
                presenter="" if item.restricted else item.presenter,
                item_for=item.get_item_for_display() if item.item_for else "",
                body_html="" if item.restricted else item.body_html,
                to_follow=tuple(dict.fromkeys(to_follow)),
                exempt=item.exempt,
                exempt_notice=_exempt_notice(item),
                restricted=item.restricted,
                documents=tuple(documents),
            )
        )
    return PackContents(
        meeting=meeting, variant=variant, items=tuple(pack_items), members=member_lines(meeting)
    )
