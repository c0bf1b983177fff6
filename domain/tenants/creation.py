"""A collectivity from nothing: the tenant row and its first administrator, invited by mail.

The first administrator's account is created PENDING_ACTIVATION, like any invited staff
account (``domain.accounts.staff_invitations``): the invitation mail's link lets them choose a
password, then they set the collectivity up from the API. The creation is recorded as
« tenant.created » with no actor (a command-line operator).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import PortalLinks
from domain.accounts.staff_invitations import create_invited_account
from domain.audit import record_change, snapshot
from domain.contact_validation import normalize_email, normalize_sender
from domain.tenants.codes import TenantCreateErrorCode
from kernel.results import DomainFailure, Problem
from models import Account, Tenant
from models.account import Civility, Role
from models.tenant import SchoolZone

DEFAULT_TIMEZONE: Final = "Europe/Paris"
SLUG_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG: Final = 63
# Path segments the server itself answers (``/healthz``, ``/readyz``…): never a tenant.
RESERVED_SLUGS: Final = frozenset({"healthz", "readyz", "static", "graphql", "api", "admin"})
_TENANT_FIELDS: Final = ("slug", "name", "service_name", "timezone", "school_zone", "mail_from")


@dataclass(frozen=True, slots=True)
class NewTenant:
    """What ``creneau tenant create`` is given."""

    slug: str
    name: str
    service_name: str
    timezone: str
    school_zone: str
    mail_from: str
    admin_email: str
    admin_first_name: str
    admin_last_name: str
    admin_civility: Civility | None = None


@dataclass(frozen=True, slots=True)
class CreatedTenant:
    """The collectivity and its first administrator (pending until they accept)."""

    tenant: Tenant
    admin: Account


def _problem(code: TenantCreateErrorCode, message: str, field: str) -> Problem:
    # The codes are TenantCreateErrorCode's (a command-line action: no GraphQL enum).
    return Problem(code.value, message, (field,))


def check_timezone(name: str) -> str | None:
    """The IANA zone name if zoneinfo knows it, else None."""
    name = name.strip()
    if not name or name not in available_timezones():
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def _checked(new: NewTenant) -> tuple[str, SchoolZone, str]:
    codes = TenantCreateErrorCode
    problems: list[Problem] = []
    slug = new.slug.strip()
    if not slug or len(slug) > MAX_SLUG or SLUG_PATTERN.fullmatch(slug) is None:
        problems.append(
            _problem(
                codes.INVALID_SLUG,
                f"invalid slug {new.slug!r}: lowercase letters, digits and single hyphens, "
                f"at most {MAX_SLUG} characters (e.g. saint-ismier)",
                "slug",
            )
        )
    elif slug in RESERVED_SLUGS:
        problems.append(
            _problem(codes.INVALID_SLUG, f"invalid slug {slug!r}: reserved by the server", "slug")
        )
    for field, value, limit in (("name", new.name, 200), ("serviceName", new.service_name, 200)):
        if not value.strip():
            problems.append(_problem(codes.REQUIRED, f"{field} is required", field))
        elif len(value.strip()) > limit:
            problems.append(
                _problem(codes.TOO_LONG, f"{field} is longer than {limit} characters", field)
            )
    timezone = check_timezone(new.timezone)
    if timezone is None:
        problems.append(
            _problem(
                codes.INVALID_TIMEZONE,
                f"unknown time zone {new.timezone!r} (an IANA name, e.g. Europe/Paris)",
                "timezone",
            )
        )
    zone = new.school_zone.strip().upper()
    if zone not in SchoolZone.__members__:
        problems.append(
            _problem(
                codes.INVALID_SCHOOL_ZONE,
                f"invalid school zone {new.school_zone!r}: A, B or C",
                "schoolZone",
            )
        )
    mail_from = new.mail_from
    try:
        mail_from = normalize_sender(new.mail_from, "mailFrom")
    except DomainFailure:
        problems.append(
            _problem(codes.INVALID_EMAIL, f"invalid sender address {new.mail_from!r}", "mailFrom")
        )
    try:
        normalize_email(new.admin_email, "adminEmail")
    except DomainFailure:
        problems.append(
            _problem(
                codes.INVALID_EMAIL, f"invalid admin address {new.admin_email!r}", "adminEmail"
            )
        )
    for field, value in (
        ("adminFirstName", new.admin_first_name),
        ("adminLastName", new.admin_last_name),
    ):
        if not value.strip():
            problems.append(_problem(codes.REQUIRED, f"{field} is required", field))
        elif len(value.strip()) > 120:
            problems.append(
                _problem(codes.TOO_LONG, f"{field} is longer than 120 characters", field)
            )
    if problems:
        raise DomainFailure(problems)
    assert timezone is not None
    return timezone, SchoolZone(zone), mail_from


async def create_tenant(
    session: AsyncSession,
    new: NewTenant,
    *,
    portal_base: str,
    now: dt.datetime,
) -> CreatedTenant:
    """Create the collectivity, its first administrator (PENDING_ACTIVATION) and queue the
    invitation mail, with the audit entry « tenant.created ». DomainFailure on bad input or
    a slug already taken (nothing is written). ``portal_base`` is the family portal's base
    URL for this slug (the invitation link)."""
    timezone, zone, mail_from = _checked(new)
    slug = new.slug.strip()
    if await session.scalar(select(Tenant.id).where(Tenant.slug == slug)) is not None:
        raise DomainFailure(
            [
                _problem(
                    TenantCreateErrorCode.SLUG_TAKEN,
                    f"a collectivity with slug {slug!r} already exists",
                    "slug",
                )
            ]
        )
    tenant = Tenant(
        slug=slug,
        name=new.name.strip(),
        service_name=new.service_name.strip(),
        timezone=timezone,
        school_zone=zone,
        mail_from=mail_from,
        settings={},
        created_at=now,
    )
    session.add(tenant)
    await session.flush()
    admin = await create_invited_account(
        session,
        tenant,
        PortalLinks(portal_base),
        email=new.admin_email,
        first_name=new.admin_first_name,
        last_name=new.admin_last_name,
        civility=new.admin_civility,
        role=Role.ADMIN,
        now=now,
    )
    record_change(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        action="tenant.created",
        object_type="Tenant",
        object_id=tenant.id,
        after=snapshot(tenant, _TENANT_FIELDS) | {"adminAccount": admin.id},
    )
    await session.flush()
    return CreatedTenant(tenant=tenant, admin=admin)
