"""The catalogue's administration: establishments, activities, slots and capacities —
each write in one transaction (the schema checked the viewer is an administrator)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.activities import (
    ActivityValues,
    close_activity,
    create_activity,
    update_activity,
)
from domain.catalogue.capacity_change import CapacityChange, change_slot_capacity
from domain.catalogue.common import Actor
from domain.catalogue.establishments import (
    EstablishmentValues,
    create_establishment,
    update_establishment,
)
from domain.catalogue.slots import SlotClosure, SlotValues, close_slot, create_slot
from kernel.clock import today_in
from kernel.retry import retry_lost_race
from models import Activity, Establishment, Slot
from models.base import utcnow
from resolvers.context import Context

T = TypeVar("T")


def actor(ctx: Context) -> Actor:
    """The tenant and the administrator writing."""
    return Actor(ctx.tenant.id, ctx.viewer.account_id)


def today(ctx: Context) -> dt.date:
    """The tenant's today: closing and capacity changes look at dates from it on."""
    return today_in(ctx.tenant.timezone)


async def in_transaction(ctx: Context, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """``work`` in one transaction; a lost uniqueness race (two administrators creating
    the same code at once) is run again: it then finds the winner's row, through the key
    when one was given, else as a DUPLICATE."""

    async def attempt() -> T:
        async with ctx.db.transaction() as session:
            return await work(session)

    return await retry_lost_race(attempt)


async def establishment_create(
    ctx: Context, values: EstablishmentValues, key: str | None
) -> Establishment:
    """establishmentCreate."""
    return await in_transaction(
        ctx,
        lambda s: create_establishment(s, actor(ctx), values, idempotency_key=key),
    )


async def establishment_update(
    ctx: Context, establishment_id: int | None, changes: Mapping[str, Any]
) -> Establishment:
    """establishmentUpdate."""
    return await in_transaction(
        ctx, lambda s: update_establishment(s, actor(ctx), establishment_id, changes)
    )


async def activity_create(ctx: Context, values: ActivityValues, key: str | None) -> Activity:
    """activityCreate."""
    return await in_transaction(
        ctx, lambda s: create_activity(s, actor(ctx), values, idempotency_key=key)
    )


async def activity_update(
    ctx: Context,
    activity_id: int | None,
    changes: Mapping[str, Any],
    rules: Mapping[str, Any],
) -> Activity:
    """activityUpdate."""
    return await in_transaction(
        ctx,
        lambda s: update_activity(s, actor(ctx), activity_id, changes, rules, today=today(ctx)),
    )


async def activity_close(ctx: Context, activity_id: int | None) -> Activity:
    """activityClose."""
    return await in_transaction(ctx, lambda s: close_activity(s, actor(ctx), activity_id))


async def slot_create(ctx: Context, values: SlotValues) -> Slot:
    """slotCreate."""
    return await in_transaction(ctx, lambda s: create_slot(s, actor(ctx), values))


async def slot_close(
    ctx: Context, slot_id: int | None, since: dt.date, cancel_bookings: bool
) -> SlotClosure:
    """slotClose."""
    return await in_transaction(
        ctx,
        lambda s: close_slot(
            s,
            actor(ctx),
            slot_id,
            since,
            cancel_bookings=cancel_bookings,
            today=today(ctx),
            now=utcnow(),
        ),
    )


async def slot_capacity_change(
    ctx: Context, slot_id: int | None, capacity: int | None, move_excess: bool
) -> CapacityChange:
    """slotCapacityChange."""
    return await in_transaction(
        ctx,
        lambda s: change_slot_capacity(
            s,
            actor(ctx),
            slot_id,
            capacity,
            move_excess_to_waiting_list=move_excess,
            today=today(ctx),
            now=utcnow(),
        ),
    )
