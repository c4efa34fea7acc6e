"""Who may see what: the facts the per-model visibility rules are built from.

Each model's QuerySet has one `visible_to(user)` method; they all ask this module which bodies
the user belongs to, so the rule for "member of the body" or "clerk" is written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def is_site_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _role_body_ids(user: User, roles: tuple[str, ...]) -> frozenset[int]:
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    cache_name = "_boardpapers_roles"
    cache = getattr(user, cache_name, None)
    if cache is None:
        from meetings.models import BodyRole

        cache = list(BodyRole.objects.filter(user=user).values_list("body_id", "role"))
        setattr(user, cache_name, cache)
    return frozenset(body_id for body_id, role in cache if role in roles)


def clerk_body_ids(user: User) -> frozenset[int]:
    """Bodies whose papers the user manages: everything, drafts and exempt included."""
    return _role_body_ids(user, ("clerk",))


def exempt_body_ids(user: User) -> frozenset[int]:
    """Bodies whose exempt (confidential) papers the user may read."""
    return _role_body_ids(user, ("clerk", "member"))


def officer_body_ids(user: User) -> frozenset[int]:
    """Bodies the user writes reports for."""
    return _role_body_ids(user, ("officer", "clerk"))


def can_manage(user: User, body_id: int) -> bool:
    """Clerks manage their bodies' meetings, agendas and publication; admins manage all."""
    return is_site_admin(user) or body_id in clerk_body_ids(user)


NOT_A_CLERK = "Only the clerks of {body} can do this. Ask democratic services for access."


def require_clerk(user: User, body) -> None:
    """Raise PermissionDenied (a 403 page that says why) unless the user manages `body`."""
    from django.core.exceptions import PermissionDenied

    if not can_manage(user, body.pk):
        raise PermissionDenied(NOT_A_CLERK.format(body=body.name))


class BodyReader:
    """A stand-in reader holding one role on one body: who the members' pack is printed for
    (a member), or who checks an agenda before publication (a clerk)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None

    def __init__(self, body_id: int, role: str) -> None:
        self._boardpapers_roles = [(body_id, role)]
