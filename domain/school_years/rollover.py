"""schoolYearRollover: a new school year whose catalogue is the previous one's, copied.

What is copied, in one transaction:

- every ACTIVE activity of the source year, with all its columns (rules, capacity,
  eligibility, deadlines…) but its id, code and school year; its code is derived
  (``activity_codes``);
- each activity's slots still running at the end of the source year (``valid_to`` empty
  or on/after the source year's last day), one per weekday and start time (the latest):
  same weekday, times and capacity, valid from the new year's first day; a ``valid_to``
  moves by the years between the two starts (2026-08-31 → 2027-08-31);
- each activity's current price list (the latest ``valid_from``), valid from the new
  year's first day with no end, with its brackets and sibling reductions.

Registrations are not copied: families wish them again during the registration campaign.
The official calendar of the new year is not written here: create the year first with
``schoolYearCreate`` (which imports it), then roll the catalogue over into it — or run
``calendarImport`` afterwards.

The new year: created with the label and dates given (overlapping no other year); a year
that already has that label is used instead when it has no activity yet (a year created
first to import its calendar) and has the same dates — else YEAR_NOT_EMPTY /
INVALID_DATES.

One audit entry « school_year.rolled_over » records the source, the counts and the
idempotency key; a retry with the key answers with the first rollover's year and counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.school_years.activity_codes import next_year_codes
from domain.school_years.codes import (
    IDEMPOTENCY_KEY_REUSED,
    INVALID_DATES,
    NOT_FOUND,
    REQUIRED,
    TOO_LONG,
    YEAR_NOT_EMPTY,
)
from kernel import idempotency
from kernel.results import DomainFailure, Problem, fail
from models import (
    Activity,
    AuditEntry,
    PriceBracket,
    PriceList,
    SchoolYear,
    SiblingReduction,
    Slot,
)

ROLLED_OVER = "school_year.rolled_over"
MAX_LABEL = 20
_NOT_COPIED = frozenset({"id"})


@dataclass(frozen=True, slots=True)
class RolloverCounts:
    """How many rows the rollover wrote."""

    activities: int = 0
    slots: int = 0
    price_lists: int = 0
    price_brackets: int = 0
    sibling_reductions: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts as the audit entry keeps them."""
        return {
            "activities": self.activities,
            "slots": self.slots,
            "priceLists": self.price_lists,
            "priceBrackets": self.price_brackets,
            "siblingReductions": self.sibling_reductions,
        }


@dataclass(frozen=True, slots=True)
class Rollover:
    """The new year, what was copied, and whether this answer replays an earlier call."""

    year: SchoolYear
    counts: RolloverCounts
    replayed: bool = False


def _columns(row: Any, **changes: Any) -> dict[str, Any]:
    """Every column value of ``row`` but its id, with ``changes`` applied."""
    values = {
        column.key: getattr(row, column.key)
        for column in row.__table__.columns
        if column.key not in _NOT_COPIED
    }
    values.update(changes)
    return values


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_input(label: str, start: dt.date, end: dt.date, source: SchoolYear) -> str:
    cleaned = label.strip()
    problems: list[Problem] = []
    if not cleaned:
        problems.append(Problem(REQUIRED, "Indiquez le libellé de la nouvelle année.", ("label",)))
    elif len(cleaned) > MAX_LABEL:
        problems.append(
            Problem(TOO_LONG, f"Le libellé dépasse {MAX_LABEL} caractères.", ("label",))
        )
    elif cleaned == source.label:
        problems.append(
            Problem(
                INVALID_DATES,
                "La nouvelle année doit avoir un autre libellé que l'année copiée.",
                ("label",),
            )
        )
    if end <= start:
        problems.append(
            Problem(INVALID_DATES, "La fin de l'année doit suivre son début.", ("endDate",))
        )
    elif start <= source.end_date:
        problems.append(
            Problem(
                INVALID_DATES,
                "La nouvelle année doit commencer après la fin de l'année copiée "
                f"({source.end_date:%d/%m/%Y}).",
                ("startDate",),
            )
        )
    if problems:
        raise DomainFailure(problems)
    return cleaned


async def _replay(
    session: AsyncSession,
    tenant_id: int,
    account_id: int | None,
    key: str,
    source_id: int,
    label: str,
) -> Rollover | None:
    entries = await session.scalars(
        select(AuditEntry).where(
            AuditEntry.tenant_id == tenant_id, AuditEntry.action == ROLLED_OVER
        )
    )
    for entry in entries:
        after = entry.after or {}
        if after.get("idempotencyKey") != key:
            continue
        if (
            entry.actor_account_id != account_id
            or after.get("sourceYear") != source_id
            or after.get("label") != label
        ):
            raise fail(
                IDEMPOTENCY_KEY_REUSED,
                "Cette clé d'idempotence a déjà servi pour une autre copie d'année.",
                idempotency.FIELD,
            )
        year = await session.get(SchoolYear, entry.object_id)
        if year is None:  # the year was deleted since: nothing to replay
            return None
        counts = after.get("counts", {})
        return Rollover(
            year,
            RolloverCounts(
                activities=counts.get("activities", 0),
                slots=counts.get("slots", 0),
                price_lists=counts.get("priceLists", 0),
                price_brackets=counts.get("priceBrackets", 0),
                sibling_reductions=counts.get("siblingReductions", 0),
            ),
            replayed=True,
        )
    return None


async def _target_year(
    session: AsyncSession, tenant_id: int, label: str, start: dt.date, end: dt.date
) -> SchoolYear:
    year = await session.scalar(
        select(SchoolYear)
        .where(SchoolYear.tenant_id == tenant_id, SchoolYear.label == label)
        .with_for_update()
    )
    if year is None:
        overlapping = await session.scalar(
            select(SchoolYear)
            .where(
                SchoolYear.tenant_id == tenant_id,
                SchoolYear.start_date <= end,
                SchoolYear.end_date >= start,
            )
            .limit(1)
        )
        if overlapping is not None:
            raise fail(
                INVALID_DATES,
                f"Ces dates chevauchent l'année {overlapping.label} "
                f"(du {overlapping.start_date:%d/%m/%Y} au {overlapping.end_date:%d/%m/%Y}).",
                "startDate",
            )
        year = SchoolYear(tenant_id=tenant_id, label=label, start_date=start, end_date=end)
        session.add(year)
        await session.flush()
        return year
    activities = await session.scalar(
        select(func.count()).select_from(Activity).where(Activity.school_year_id == year.id)
    )
    if activities:
        raise fail(
            YEAR_NOT_EMPTY,
            f"L'année « {label} » existe déjà et a déjà des activités.",
            "label",
        )
    if (year.start_date, year.end_date) != (start, end):
        raise fail(
            INVALID_DATES,
            f"L'année « {label} » existe déjà, du {year.start_date:%d/%m/%Y} au "
            f"{year.end_date:%d/%m/%Y} : reprenez ces dates.",
            "startDate",
        )
    return year


def _current_slots(slots: Sequence[Slot], source_end: dt.date) -> list[Slot]:
    """The slots still running at the end of the source year, the latest per weekday and
    start time."""
    kept: dict[tuple[int, dt.time], Slot] = {}
    for slot in sorted(slots, key=lambda s: (s.valid_from, s.id)):
        if slot.valid_to is None or slot.valid_to >= source_end:
            kept[slot.weekday, slot.start_time] = slot
    return sorted(kept.values(), key=lambda s: (s.weekday, s.start_time))


async def roll_over(
    session: AsyncSession,
    *,
    tenant_id: int,
    source_year_id: int | None,
    label: str,
    start_date: dt.date,
    end_date: dt.date,
    actor_account_id: int | None,
    idempotency_key: str | None,
) -> Rollover:
    """Create (or fill) the school year ``label`` with the source year's catalogue."""
    key = idempotency.clean_key(idempotency_key)
    source = await session.get(SchoolYear, source_year_id) if source_year_id is not None else None
    if source is None or source.tenant_id != tenant_id:
        raise fail(NOT_FOUND, "Année scolaire introuvable.", "schoolYear")
    cleaned = _check_input(label, start_date, end_date, source)
    if key is not None:
        replay = await _replay(session, tenant_id, actor_account_id, key, source.id, cleaned)
        if replay is not None:
            return replay
    year = await _target_year(session, tenant_id, cleaned, start_date, end_date)
    years = start_date.year - source.start_date.year

    activities = list(
        await session.scalars(
            select(Activity)
            .where(
                Activity.tenant_id == tenant_id,
                Activity.school_year_id == source.id,
                Activity.is_active.is_(True),
            )
            .order_by(Activity.id)
        )
    )
    activity_ids = [a.id for a in activities]
    taken = set(await session.scalars(select(Activity.code).where(Activity.tenant_id == tenant_id)))
    new_codes = next_year_codes([a.code for a in activities], cleaned, taken)
    slots = list(await session.scalars(select(Slot).where(Slot.activity_id.in_(activity_ids))))
    price_lists = list(
        await session.scalars(
            select(PriceList)
            .where(PriceList.activity_id.in_(activity_ids))
            .order_by(PriceList.valid_from, PriceList.id)
        )
    )
    current_price: dict[int, PriceList] = {p.activity_id: p for p in price_lists}
    price_ids = [p.id for p in current_price.values()]
    brackets = list(
        await session.scalars(
            select(PriceBracket)
            .where(PriceBracket.price_list_id.in_(price_ids))
            .order_by(PriceBracket.qf_min)
        )
    )
    reductions = list(
        await session.scalars(
            select(SiblingReduction)
            .where(SiblingReduction.price_list_id.in_(price_ids))
            .order_by(SiblingReduction.from_child_rank)
        )
    )

    copies = {
        a.id: Activity(**_columns(a, school_year_id=year.id, code=new_codes[a.code]))
        for a in activities
    }
    session.add_all(copies.values())
    await session.flush()

    slot_count = 0
    for activity in activities:
        mine = [s for s in slots if s.activity_id == activity.id]
        for slot in _current_slots(mine, source.end_date):
            valid_to = None
            if slot.valid_to is not None:
                valid_to = max(start_date, _shift_years(slot.valid_to, years))
            session.add(
                Slot(
                    **_columns(
                        slot,
                        activity_id=copies[activity.id].id,
                        valid_from=start_date,
                        valid_to=valid_to,
                    )
                )
            )
            slot_count += 1

    new_lists = {
        old.id: PriceList(
            **_columns(
                old, activity_id=copies[old.activity_id].id, valid_from=start_date, valid_to=None
            )
        )
        for old in current_price.values()
    }
    session.add_all(new_lists.values())
    await session.flush()
    for bracket in brackets:
        session.add(
            PriceBracket(**_columns(bracket, price_list_id=new_lists[bracket.price_list_id].id))
        )
    for reduction in reductions:
        session.add(
            SiblingReduction(
                **_columns(reduction, price_list_id=new_lists[reduction.price_list_id].id)
            )
        )
    counts = RolloverCounts(
        activities=len(copies),
        slots=slot_count,
        price_lists=len(new_lists),
        price_brackets=len(brackets),
        sibling_reductions=len(reductions),
    )
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action=ROLLED_OVER,
        object_type="SchoolYear",
        object_id=year.id,
        before=None,
        after={
            "sourceYear": source.id,
            "label": cleaned,
            "startDate": start_date,
            "endDate": end_date,
            "counts": counts.as_dict(),
            "idempotencyKey": key,
        },
    )
    await session.flush()
    return Rollover(year, counts)
