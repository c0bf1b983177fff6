"""Reusable filter inputs (``where:`` arguments) and ID decoding."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar

import strawberry
from strawberry import relay

from models.activity import ActivityCategory
from models.establishment import EstablishmentKind
from schema.errors import PublicError

T = TypeVar("T")

# Relay pagination arguments, described once.
First = Annotated[int | None, strawberry.argument(description="Page size, forwards (≤ 100).")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]
Last = Annotated[int | None, strawberry.argument(description="Page size, backwards (≤ 100).")]
Before = Annotated[str | None, strawberry.argument(description="Cursor to continue before.")]


@strawberry.input(description="An inclusive range of dates.")
class DateRangeInput:
    gte: dt.date = strawberry.field(description="First date (inclusive).")
    lte: dt.date = strawberry.field(description="Last date (inclusive).")


@strawberry.input(description="Match one kind of establishment or any of several.")
class EstablishmentKindFilter:
    eq: EstablishmentKind | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[EstablishmentKind] | None = strawberry.field(
        default=None, description="Any of these."
    )


@strawberry.input(description="Filters on establishments.")
class EstablishmentFilter:
    kind: EstablishmentKindFilter | None = strawberry.field(
        default=None, description="By kind of establishment."
    )
    search: str | None = strawberry.field(
        default=None, description="Case-insensitive search in the name and code."
    )


@strawberry.input(description="Match one activity category or any of several.")
class ActivityCategoryFilter:
    eq: ActivityCategory | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[ActivityCategory] | None = strawberry.field(
        default=None, description="Any of these."
    )


@strawberry.input(description="Filters on activities.")
class ActivityFilter:
    establishment: relay.GlobalID | None = strawberry.field(
        default=None, description="Only the activities of this establishment."
    )
    school_year: relay.GlobalID | None = strawberry.field(
        default=None, description="Only the activities of this school year."
    )
    category: ActivityCategoryFilter | None = strawberry.field(
        default=None, description="By category."
    )
    include_inactive: bool = strawberry.field(
        default=False, description="Also list activities that no longer run."
    )


def choice(eq: T | None, one_of: list[T] | None) -> list[T] | None:
    """The values an ``{ eq oneOf }`` filter admits (None: no filter)."""
    if eq is not None and one_of is not None:
        raise PublicError("Utilisez « eq » ou « oneOf », pas les deux.")
    if eq is not None:
        return [eq]
    if one_of is not None:
        if len(one_of) > 100:
            raise PublicError("« oneOf » est limité à 100 valeurs.")
        return one_of
    return None
