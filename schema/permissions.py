"""Who may call a root field: one permission class per role, declared on the field.

Every root query, mutation and subscription field names the roles it serves
(``permission_classes=[Parent]``); resolvers never check a role themselves. Which
*objects* a viewer then reaches (a parent their family, staff their tenant) is not
decided here but by the Viewer policies and the scoped loaders.

The errors are the ones clients already handle: an anonymous visitor asking for a field
that needs an account gets UNAUTHENTICATED « Vous devez être connecté. »; a logged-in
viewer whose role does not fit gets FORBIDDEN « Vous n'avez pas accès à cette action. ».
No root field answers ``null`` to a wrong role today; one that should would wrap these
classes in ``PermissionExtension(..., fail_silently=True)``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import strawberry
from strawberry.permission import BasePermission, PermissionExtension

from kernel.viewer import Viewer
from schema.errors import forbidden, unauthenticated


class RolePermission(BasePermission):
    """A role check against the request's viewer, with the house errors.

    Subclasses say which logged-in viewers they admit (``admits``); anonymous visitors
    are refused with UNAUTHENTICATED unless the class admits them (``anonymous_ok``).
    ``has_permission`` raises UNAUTHENTICATED itself because ``on_unauthorized`` is not
    told who asked; instances are shared by every request, so nothing is kept on them.
    """

    anonymous_ok: ClassVar[bool] = False
    message = "Vous n'avez pas accès à cette action."

    def admits(self, viewer: Viewer) -> bool:
        """Whether this logged-in (or, with ``anonymous_ok``, anonymous) viewer may call."""
        raise NotImplementedError

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        viewer: Viewer = info.context.viewer
        if viewer.is_anonymous and not self.anonymous_ok:
            raise unauthenticated()
        return self.admits(viewer)

    def on_unauthorized(self) -> None:
        raise forbidden()


class Public(RolePermission):
    """Anyone, logged in or not: the catalogue, the calendar, account creation, login."""

    anonymous_ok = True

    def admits(self, viewer: Viewer) -> bool:
        return True


class Authenticated(RolePermission):
    """Any logged-in account, whatever its role (logout, the viewer's own account)."""

    def admits(self, viewer: Viewer) -> bool:
        return True


class Parent(RolePermission):
    """Parent accounts (linked to a family or not yet): requests, the family file."""

    def admits(self, viewer: Viewer) -> bool:
        return viewer.is_parent


class Staff(RolePermission):
    """Town agents and administrators: decisions, validation, billing runs."""

    def admits(self, viewer: Viewer) -> bool:
        return viewer.is_staff


class Admin(RolePermission):
    """Administrators only: configuration and accounts, on top of staff rights."""

    def admits(self, viewer: Viewer) -> bool:
        return viewer.is_admin


class Reporting(RolePermission):
    """Reporting accounts and staff: aggregates, never a person."""

    def admits(self, viewer: Viewer) -> bool:
        return viewer.is_reporting


class ParentOrStaff(RolePermission):
    """Fields that serve both sides of a family's file (lists, documents, invoices)."""

    def admits(self, viewer: Viewer) -> bool:
        return viewer.is_parent or viewer.is_staff


class Subscriber(RolePermission):
    """Live updates: staff, and parents linked to a family (``Viewer.can_follow_live_updates``).

    Each event is then re-authorized for the connection's fresh viewer as it is delivered.
    """

    def admits(self, viewer: Viewer) -> bool:
        return viewer.can_follow_live_updates()


def declared_permissions(field: Any) -> list[BasePermission]:
    """The permissions a Strawberry field declares (by class or by extension)."""
    found: list[BasePermission] = []
    for extension in getattr(field, "extensions", None) or []:
        if isinstance(extension, PermissionExtension):
            found.extend(extension.permissions)
    return found


__all__ = [
    "Admin",
    "Authenticated",
    "Parent",
    "ParentOrStaff",
    "Public",
    "Reporting",
    "RolePermission",
    "Staff",
    "Subscriber",
    "declared_permissions",
]
