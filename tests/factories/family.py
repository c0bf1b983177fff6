"""Family factories: families, guardians, children, invoices, and accounts with a session
token — each returns flushed rows (commit before the API reads them).

General on purpose: any test needing a family file (bookings, billing, requests) can build
one in a few lines and override only what matters to it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import IssuedSession, create_active_account, login
from models import Account, Child, Family, Guardian, Invoice
from models.account import Civility, Role
from models.base import utcnow
from models.child import Grade, Sex
from models.family import FamilyStatus, MaritalStatus, Relationship
from seed import builders

__all__ = [
    "PASSWORD",
    "make_account_with_token",
    "make_child",
    "make_family",
    "make_family_with_members",
    "make_guardian",
    "make_invoice",
    "make_parent_account_with_token",
    "make_staff_account_with_token",
]

PASSWORD = "Mercredi-2026!"

_sequence = itertools.count(1)


async def make_family(
    session: AsyncSession,
    tenant: Any,
    *,
    status: FamilyStatus = FamilyStatus.VALIDATED,
    **overrides: Any,
) -> Family:
    """A family of ``tenant``; VALIDATED ones get a unique subscriber code by default."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "name": f"FAMILLE{n}",
        "status": status,
        "subscriber_code": f"9{n:05d}" if status is FamilyStatus.VALIDATED else None,
        "validated_at": utcnow() if status is FamilyStatus.VALIDATED else None,
    }
    values.update(overrides)
    return await builders.add_family(session, tenant, **values)


async def make_guardian(
    session: AsyncSession, family: Family, *, rank: int = 1, **overrides: Any
) -> Guardian:
    """Guardian ``rank`` of ``family``; rank 1 is the payer."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "rank": rank,
        "civility": Civility.MADAME if rank == 1 else Civility.MONSIEUR,
        "first_name": f"Prénom{n}",
        "last_name": family.name,
        "relationship": Relationship.MERE if rank == 1 else Relationship.PERE,
        "marital_status": MaritalStatus.MARIE,
        "email": f"responsable{n}@example.fr",
        "mobile_phone": "+33612345678",
        "address_line1": "1 place de la Mairie",
        "postal_code": "38330",
        "city": "Saint-Ismier",
        "country": "FR",
        "is_payer": rank == 1,
    }
    values.update(overrides)
    return await builders.add_guardian(session, family, **values)


async def make_child(session: AsyncSession, family: Family, **overrides: Any) -> Child:
    """A CP child of ``family`` born in 2019, with empty authorizations and health record."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "first_name": f"Enfant{n}",
        "last_name": family.name,
        "birth_date": dt.date(2019, 3, 14),
        "sex": Sex.F,
        "grade": Grade.CP,
    }
    values.update(overrides)
    return await builders.add_child(session, family, **values)


async def make_invoice(
    session: AsyncSession, family: Family, *, issued_on: dt.date, **overrides: Any
) -> Invoice:
    """An issued invoice of ``family`` (number « YYYY-MM-NNNN »), due a month later."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "number": f"{issued_on:%Y-%m}-{n:04d}",
        "period_start": issued_on.replace(day=1),
        "period_end": issued_on,
        "issued_on": issued_on,
        "due_on": issued_on + dt.timedelta(days=30),
        "issuer": "Régie enfance",
        "total_cents": 4250,
    }
    values.update(overrides)
    return await builders.add_invoice(session, family, **values)


async def make_account_with_token(
    session: AsyncSession,
    tenant: Any,
    *,
    role: Role = Role.PARENT,
    email: str | None = None,
    guardian: Guardian | None = None,
    first_name: str = "Camille",
    last_name: str = "Martin",
) -> tuple[Account, str]:
    """An ACTIVE account (password ``PASSWORD``) and a session token for it.

    Created the way administrators create accounts (``create_active_account``) and logged
    in through ``domain.accounts.login``, so the token is a real one.
    """
    now = utcnow()
    account = await create_active_account(
        session,
        tenant_id=tenant.id,
        email=email or f"compte{next(_sequence)}@example.fr",
        password=PASSWORD,
        role=role,
        first_name=first_name,
        last_name=last_name,
        now=now,
    )
    if guardian is not None:
        account.guardian_id = guardian.id
    issued = await login(
        session,
        tenant_id=tenant.id,
        email=account.email,
        password=PASSWORD,
        remote_address=None,
        user_agent="tests",
        now=now,
    )
    assert isinstance(issued, IssuedSession), issued
    await session.flush()
    return account, issued.token


async def make_parent_account_with_token(
    session: AsyncSession, tenant: Any, **kwargs: Any
) -> tuple[Account, str]:
    """A parent account (linked to ``guardian=`` if given) and its session token."""
    return await make_account_with_token(session, tenant, role=Role.PARENT, **kwargs)


async def make_staff_account_with_token(
    session: AsyncSession, tenant: Any, **kwargs: Any
) -> tuple[Account, str]:
    """A staff (agent) account and its session token."""
    return await make_account_with_token(session, tenant, role=Role.STAFF, **kwargs)


async def make_family_with_members(
    session: AsyncSession,
    tenant: Any,
    *,
    status: FamilyStatus = FamilyStatus.VALIDATED,
    guardians: int = 1,
    children: int = 1,
    **family_overrides: Any,
) -> tuple[Family, list[Guardian], list[Child]]:
    """A family with ``guardians`` guardians (rank 1 the payer) and ``children`` children."""
    family = await make_family(session, tenant, status=status, **family_overrides)
    members = [await make_guardian(session, family, rank=r) for r in range(1, guardians + 1)]
    kids = [
        await make_child(session, family, birth_date=dt.date(2019 - i, 3, 14))
        for i in range(children)
    ]
    return family, members, kids
