"""Who is asking, and what they may see: the rules every resolver applies.

A parent reaches only their own family; staff and admins reach everything of their
tenant; reporting accounts reach aggregates, never a person. A decoded ID is a locator,
never a permission: these predicates are applied to every object.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.account import Role


@dataclass(frozen=True, slots=True)
class Viewer:
    """The authenticated account of a request (or an anonymous visitor)."""

    tenant_id: int
    account_id: int | None = None
    session_id: int | None = None
    role: Role | None = None
    guardian_id: int | None = None
    family_id: int | None = None
    # The establishments a STAFF account is limited to (``staff_establishment``); None: no
    # limit (every establishment; administrators are never limited).
    establishment_ids: frozenset[int] | None = None
    # The activities of those establishments, when the caller loaded them (the live feeds
    # do, to filter events that name an activity); None: not loaded, or no limit.
    activity_ids: frozenset[int] | None = None

    @property
    def is_anonymous(self) -> bool:
        """Anonymous visitors may read the public catalogue and create an account."""
        return self.account_id is None

    @property
    def is_staff(self) -> bool:
        """Town agents and administrators: every family of the tenant."""
        return self.role in (Role.STAFF, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        """Administrators: configuration and accounts, on top of staff rights."""
        return self.role is Role.ADMIN

    @property
    def is_parent(self) -> bool:
        """A parent account (linked or not yet to a family)."""
        return self.role is Role.PARENT

    @property
    def is_reporting(self) -> bool:
        """Reporting tools: aggregates only (staff may read them too)."""
        return self.role is Role.REPORTING or self.is_staff

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles granted, for clients that build menus from them."""
        return () if self.role is None else (self.role,)

    @property
    def is_limited_to_establishments(self) -> bool:
        """A STAFF account limited to some establishments (its inbox, planning and
        attendance show those establishments' activities only)."""
        return self.is_staff and self.establishment_ids is not None

    def reaches_establishment(self, establishment_id: int) -> bool:
        """Whether the viewer's staff work covers this establishment (always, unless the
        account is limited to others)."""
        return self.establishment_ids is None or establishment_id in self.establishment_ids

    def reaches_activity(self, activity_id: int | None) -> bool:
        """Whether something about this activity (None: about no activity, e.g. a family
        file change) is within the viewer's staff work. A limited agent whose reached
        activities were not loaded reaches only what is about no activity."""
        if self.establishment_ids is None or activity_id is None:
            return True
        return self.activity_ids is not None and activity_id in self.activity_ids

    def can_read_family_files(self) -> bool:
        """Family files at all (requests, invoices, payments, documents): staff and parent
        accounts; which families, ``can_read_family`` and the scoped loaders decide."""
        return self.account_id is not None and (self.is_staff or self.is_parent)

    def can_review_documents(self) -> bool:
        """Accepting or refusing a family's documents: staff of the tenant."""
        return self.is_staff

    def can_read_family(self, family_id: int) -> bool:
        """Staff read every family of their tenant; a parent only their own."""
        return self.is_staff or (self.is_parent and self.family_id == family_id)

    def can_follow_live_updates(self) -> bool:
        """Subscriptions: staff, and parents whose account is linked to a family, over a
        login session (reporting reads aggregates only)."""
        return self.session_id is not None and (
            self.is_staff or (self.is_parent and self.family_id is not None)
        )

    def can_read_health_data(self, family_id: int) -> bool:
        """Health data: the family itself and staff, never reporting."""
        return self.can_read_family(family_id)


def anonymous(tenant_id: int) -> Viewer:
    """The viewer of a request without a token."""
    return Viewer(tenant_id=tenant_id)
