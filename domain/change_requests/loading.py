"""Loading the part of the family file a change reads and writes (locked, tenant-scoped)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.change_requests.fields import PERSON_FIELDS, Kind, Source
from domain.change_requests.kinds import ChangeKind, Target
from domain.change_requests.values import stored_value, vaccinations_value
from models import (
    AuthorizedPerson,
    BankAccount,
    Child,
    ChildAuthorizations,
    Family,
    Guardian,
    HealthRecord,
    Vaccination,
)


@dataclass
class _File:
    """The part of the family file a change reads and writes, loaded once."""

    family: Family
    guardian: Guardian | None = None
    child: Child | None = None
    person: AuthorizedPerson | None = None
    bank_account: BankAccount | None = None
    health_record: HealthRecord | None = None
    authorizations: ChildAuthorizations | None = None
    vaccinations: list[Vaccination] = field(default_factory=list)

    def row(self, source: Source) -> object | None:
        """The row holding fields of ``source`` (None while it does not exist)."""
        return {
            Source.GUARDIAN: self.guardian,
            Source.FAMILY: self.family,
            Source.BANK_ACCOUNT: self.bank_account,
            Source.CHILD: self.child,
            Source.HEALTH_RECORD: self.health_record,
            Source.AUTHORIZATIONS: self.authorizations,
            Source.PERSON: self.person,
        }.get(source)

    @property
    def country(self) -> str:
        """The country phone numbers are read in (the guardian's address, else France)."""
        return self.guardian.country if self.guardian is not None else "FR"


async def _locked_family(session: AsyncSession, tenant_id: int, family_id: int) -> Family | None:
    # Locking the family row serializes every change and decision on one family file
    # (PostgreSQL; SQLite serializes writers anyway), so the checks below stay true
    # until commit.
    return await session.scalar(
        select(Family)
        .where(Family.tenant_id == tenant_id, Family.id == family_id)
        .with_for_update()
    )


async def _load(
    session: AsyncSession,
    tenant_id: int,
    kind: ChangeKind,
    target_id: int,
    family_id: int,
) -> _File | None:
    """The file around ``target_id`` if it belongs to ``family_id`` (else None)."""
    guardian: Guardian | None = None
    child: Child | None = None
    person: AuthorizedPerson | None = None
    if kind.target is Target.GUARDIAN:
        guardian = await session.scalar(
            select(Guardian).where(Guardian.tenant_id == tenant_id, Guardian.id == target_id)
        )
        if guardian is None or guardian.family_id != family_id:
            return None
    elif kind.target is Target.FAMILY:
        if target_id != family_id:
            return None
    else:
        if kind.target is Target.AUTHORIZED_PERSON:
            person = await session.scalar(
                select(AuthorizedPerson).where(
                    AuthorizedPerson.tenant_id == tenant_id, AuthorizedPerson.id == target_id
                )
            )
            if person is None:
                return None
            target_id = person.child_id
        child = await session.scalar(
            select(Child).where(Child.tenant_id == tenant_id, Child.id == target_id)
        )
        if child is None or child.family_id != family_id:
            return None
    family = await _locked_family(session, tenant_id, family_id)
    if family is None:
        return None
    loaded = _File(family=family, guardian=guardian, child=child, person=person)
    await _load_details(session, kind, loaded)
    return loaded


async def _load_details(session: AsyncSession, kind: ChangeKind, loaded: _File) -> None:
    sources = {spec.source for spec in kind.fields}
    if Source.BANK_ACCOUNT in sources:
        loaded.bank_account = await session.scalar(
            select(BankAccount).where(
                BankAccount.family_id == loaded.family.id, BankAccount.is_primary.is_(True)
            )
        )
    if loaded.child is None:
        return
    child_id = loaded.child.id
    if Source.HEALTH_RECORD in sources:
        loaded.health_record = await session.get(HealthRecord, child_id)
    if Source.AUTHORIZATIONS in sources:
        loaded.authorizations = await session.get(ChildAuthorizations, child_id)
    if Source.VACCINATIONS in sources:
        loaded.vaccinations = list(
            await session.scalars(select(Vaccination).where(Vaccination.child_id == child_id))
        )


def _current(kind: ChangeKind, loaded: _File) -> dict[str, Any]:
    """What the file holds now for every field of ``kind``, in stored (JSON) form."""
    values: dict[str, Any] = {}
    for spec in kind.fields:
        if spec.kind is Kind.VACCINES:
            values[spec.name] = vaccinations_value(
                [(v.vaccine, v.injected_on) for v in loaded.vaccinations]
            )
        else:
            values[spec.name] = stored_value(spec, loaded.row(spec.source), country=loaded.country)
    return values


def _person_snapshot(person: AuthorizedPerson) -> dict[str, Any]:
    return {spec.name: stored_value(spec, person) for spec in PERSON_FIELDS}
