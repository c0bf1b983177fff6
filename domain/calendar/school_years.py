"""School years, as an administrator creates and corrects them (schoolYearCreate,
schoolYearUpdate).

A label (« 2026-2027 ») is unique in the collectivity, the first day of classes comes
before the last, and two school years never overlap. Creating a year imports its official
calendar by default (``periods.import_official_calendar``): a year the official data does
not cover is then refused with DATA_NOT_AVAILABLE, unless the administrator creates it
without the import. Every change has its audit entry, in the change's transaction.

A retry with the same idempotency key answers with the year the first call created: the
key is kept in that call's audit entry (school years are few per collectivity, so the
entries are read and compared here rather than through a column).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import diff, record_change, snapshot
from domain.calendar.codes import (
    DUPLICATE,
    IDEMPOTENCY_KEY_REUSED,
    INVALID_DATES,
    NOT_FOUND,
    OVERLAP,
    REQUIRED,
    TOO_LONG,
)
from domain.calendar.periods import ImportReport, import_official_calendar
from kernel.idempotency import clean_key
from kernel.results import DomainFailure, Problem, fail
from models import AuditEntry, SchoolYear

__all__ = ["YearCreated", "create_school_year", "update_school_year"]

MAX_LABEL: Final = 20
FIELDS: Final = ("label", "start_date", "end_date")
CREATED: Final = "school_year.created"


@dataclass(frozen=True, slots=True)
class YearCreated:
    """The year, and what its official calendar import did (None: not imported)."""

    school_year: SchoolYear
    report: ImportReport | None


def _label(value: str | None) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise fail(
            REQUIRED, "Indiquez le libellé de l'année scolaire (ex. « 2026-2027 »).", "label"
        )
    if len(text) > MAX_LABEL:
        raise fail(TOO_LONG, f"Le libellé dépasse {MAX_LABEL} caractères.", "label")
    return text


async def _check(
    session: AsyncSession,
    tenant_id: int,
    label: str,
    start: dt.date,
    end: dt.date,
    *,
    other_than: int | None = None,
) -> None:
    """Dates ordered, label free, no overlap with another year (all problems at once)."""
    problems: list[Problem] = []
    if end <= start:
        problems.append(
            Problem(
                INVALID_DATES,
                "Le dernier jour de classe doit être après le premier.",
                ("endDate",),
            )
        )
    others = [
        year
        for year in await session.scalars(
            select(SchoolYear).where(SchoolYear.tenant_id == tenant_id).order_by(SchoolYear.id)
        )
        if year.id != other_than
    ]
    if any(year.label == label for year in others):
        problems.append(
            Problem(DUPLICATE, f"L'année scolaire « {label} » existe déjà.", ("label",))
        )
    if end > start:
        for year in others:
            if year.start_date <= end and start <= year.end_date:
                problems.append(
                    Problem(
                        OVERLAP,
                        f"Ces dates chevauchent l'année scolaire « {year.label} » (du "
                        f"{year.start_date:%d/%m/%Y} au {year.end_date:%d/%m/%Y}).",
                        ("startDate",),
                    )
                )
                break
    if problems:
        raise DomainFailure(problems)


async def _earlier(
    session: AsyncSession, tenant_id: int, key: str, actor_account_id: int | None, label: str
) -> SchoolYear | None:
    """The year a call with this key created (IDEMPOTENCY_KEY_REUSED for another one)."""
    entries = await session.scalars(
        select(AuditEntry).where(
            AuditEntry.tenant_id == tenant_id,
            AuditEntry.action == CREATED,
            AuditEntry.object_type == "SchoolYear",
        )
    )
    for entry in entries:
        after = entry.after or {}
        if after.get("idempotencyKey") != key:
            continue
        year = (
            await session.get(SchoolYear, entry.object_id) if entry.object_id is not None else None
        )
        if entry.actor_account_id != actor_account_id or year is None or year.label != label:
            raise fail(
                IDEMPOTENCY_KEY_REUSED,
                "Cette clé d'idempotence a déjà servi pour une autre année scolaire.",
                "idempotencyKey",
            )
        return year
    return None


async def create_school_year(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    label: str | None,
    start: dt.date,
    end: dt.date,
    import_official: bool,
    idempotency_key: str | None,
    now: dt.datetime,
) -> YearCreated:
    """Create a school year (and import its official calendar unless told not to)."""
    text = _label(label)
    key = clean_key(idempotency_key)
    if key is not None:
        found = await _earlier(session, tenant_id, key, actor_account_id, text)
        if found is not None:
            return YearCreated(found, None)
    await _check(session, tenant_id, text, start, end)
    year = SchoolYear(tenant_id=tenant_id, label=text, start_date=start, end_date=end)
    session.add(year)
    await session.flush()
    after = snapshot(year, FIELDS)
    if key is not None:
        after["idempotencyKey"] = key
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action=CREATED,
        object_type="SchoolYear",
        object_id=year.id,
        after=after,
    )
    report = None
    if import_official:
        report = await import_official_calendar(
            session,
            tenant_id=tenant_id,
            school_year_id=year.id,
            actor_account_id=actor_account_id,
            now=now,
            field=("importOfficialCalendar",),
        )
    return YearCreated(year, report)


async def update_school_year(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    school_year_id: int | None,
    label: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> SchoolYear:
    """Correct a school year's label or dates (null: unchanged). The calendar periods stay
    as they are: re-import the official calendar if the dates moved."""
    year = (
        await session.get(SchoolYear, school_year_id, with_for_update=True)
        if school_year_id is not None
        else None
    )
    if year is None or year.tenant_id != tenant_id:
        raise fail(NOT_FOUND, "Année scolaire introuvable.", "schoolYear")
    text = _label(label) if label is not None else year.label
    new_start = start or year.start_date
    new_end = end or year.end_date
    await _check(session, tenant_id, text, new_start, new_end, other_than=year.id)
    before = snapshot(year, FIELDS)
    year.label, year.start_date, year.end_date = text, new_start, new_end
    changed_before, changed_after = diff(before, snapshot(year, FIELDS))
    if changed_after:
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="school_year.updated",
            object_type="SchoolYear",
            object_id=year.id,
            before=changed_before,
            after=changed_after,
        )
    await session.flush()
    return year
