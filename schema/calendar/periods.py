"""The school calendar: closed periods and a day-by-day view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Self

import strawberry
from strawberry import relay

from domain.labels import label
from models import CalendarPeriod as CalendarPeriodRow
from models.calendar import CalendarPeriodKind
from schema.catalogue.types import Establishment
from schema.nodes import ScopedNode, nodes_of


@strawberry.type(
    description="Days when activities do not run as usual: school holidays, public holidays, "
    "closures and strike days — for the whole collectivity or one establishment."
)
class CalendarPeriod(ScopedNode):
    pk: relay.NodeID[int]
    establishment_pk: strawberry.Private[int | None]
    kind: CalendarPeriodKind = strawberry.field(description="Why these days are special.")
    kind_label: str = strawberry.field(description="French label of the kind.")
    label: str = strawberry.field(description="« Vacances de la Toussaint », « Noël », …")
    start_date: dt.date = strawberry.field(description="First day of the period.")
    end_date: dt.date = strawberry.field(description="Last day of the period (inclusive).")
    official: bool = strawberry.field(
        description="From the official calendar (calendarImport replaces it; it cannot be "
        "deleted), or the town's own (false)."
    )

    @classmethod
    def from_row(cls, row: CalendarPeriodRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            establishment_pk=row.establishment_id,
            kind=row.kind,
            kind_label=label(row.kind),
            label=row.label,
            start_date=row.start_date,
            end_date=row.end_date,
            official=row.official,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await info.context.loaders.calendar_period.load_many(keys), cls.from_row)

    @strawberry.field(description="The establishment concerned (null: the whole collectivity).")
    async def establishment(self, info: strawberry.Info) -> Establishment | None:
        if self.establishment_pk is None:
            return None
        row = await info.context.loaders.establishment.load(self.establishment_pk)
        return Establishment.from_row(row) if row is not None else None


@strawberry.type(description="One date of the calendar, with what makes it special.")
class CalendarDay:
    date: dt.date = strawberry.field(description="The date.")
    is_school_day: bool = strawberry.field(
        description="A weekday with classes: not a weekend, school holiday or public holiday."
    )
    is_school_holiday: bool = strawberry.field(description="Inside school holidays.")
    is_public_holiday: bool = strawberry.field(description="A public holiday (jour férié).")
    is_closed: bool = strawberry.field(
        description="Public holiday, closure or strike for the requested establishment (or "
        "for the whole collectivity when no establishment is given)."
    )
    labels: list[str] = strawberry.field(description="Labels of the periods covering it.")


@strawberry.type(description="The calendar between two dates.")
class SchoolCalendar:
    start_date: dt.date = strawberry.field(description="First date of the range.")
    end_date: dt.date = strawberry.field(description="Last date of the range.")
    periods: list[CalendarPeriod] = strawberry.field(
        description="Periods overlapping the range, by start date."
    )
    days: list[CalendarDay] = strawberry.field(description="Every date of the range.")
