"""The catalogue's hot read: an establishment page's active activities and their slots.

``establishments { activities { slots } }`` is the most common read of the families' app.
Read through the generic loaders it cost one ORM entity per activity and per slot and one
DataLoader round per activity (about 16 ms of CPU for a 2,000-child town). Here the
activities of every establishment asked in the same tick are read in one statement, and
their slots, when the selection shows them, in a second one right after, both as plain
tuples by Core statements built once per process (the values only change through bind
parameters, so SQLAlchemy's compiled cache serves every request). The rows come back
grouped, so the schema builds each activity with its slots already at hand.

Same scoping and visibility as the loaders they replace (``Loaders.activities_by_establishment``
and ``Loaders.slots_by_activity``): the request's tenant only, active activities only, the
same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, bindparam, select
from strawberry.dataloader import DataLoader

from domain.bookings.facts import ACTIVITY_RULE_COLUMNS, SLOT_RULE_COLUMNS
from models import Activity, Slot
from resolvers.database import RequestDatabase

# What an API Activity shows: its own columns, then every column its rules read. Table
# columns, not ORM attributes: the statement is then plain Core, and its rows skip the
# ORM's loading (about 0.2 ms a statement here).
_ACTIVITY = Activity.__table__
_SLOT = Slot.__table__
ACTIVITY_COLUMNS = tuple(
    _ACTIVITY.c[attribute.key]
    for attribute in dict.fromkeys(
        (
            Activity.id,
            Activity.establishment_id,
            Activity.school_year_id,
            Activity.code,
            Activity.name,
            Activity.description,
            Activity.category,
            Activity.operating_days,
            Activity.is_childcare,
            Activity.is_active,
            Activity.sort_order,
            Activity.auto_promote_waiting_list,
            *ACTIVITY_RULE_COLUMNS,
        )
    )
)
SLOT_COLUMNS = tuple(_SLOT.c[attribute.key] for attribute in SLOT_RULE_COLUMNS)

_ACTIVE_ACTIVITIES = (
    select(*ACTIVITY_COLUMNS)
    .where(
        _ACTIVITY.c.tenant_id == bindparam("tenant_id"),
        _ACTIVITY.c.establishment_id.in_(bindparam("keys", expanding=True)),
        _ACTIVITY.c.is_active.is_(True),
    )
    .order_by(_ACTIVITY.c.sort_order, _ACTIVITY.c.name, _ACTIVITY.c.id)
)
_SLOTS = (
    select(*SLOT_COLUMNS)
    .where(
        _SLOT.c.tenant_id == bindparam("tenant_id"),
        _SLOT.c.activity_id.in_(bindparam("keys", expanding=True)),
    )
    .order_by(_SLOT.c.weekday, _SLOT.c.start_time, _SLOT.c.valid_from, _SLOT.c.id)
)


@dataclass(slots=True)
class ActivityRead:
    """One active activity as read: its row (``ACTIVITY_COLUMNS``), its slots' rows
    (``SLOT_COLUMNS``, in display order) or None when they were not asked for, and the
    API object the schema built from them (once per request)."""

    row: Row[Any]
    slots: list[Row[Any]] | None
    built: Any = None


class CatalogueReads:
    """The catalogue reads of one request (created lazily by the context, never shared)."""

    def __init__(self, db: RequestDatabase, tenant_id: int) -> None:
        self._db = db
        self._tenant_id = tenant_id
        self._active: dict[bool, DataLoader[int, list[ActivityRead]]] = {}

    def active_activities(self, with_slots: bool) -> DataLoader[int, list[ActivityRead]]:
        """Active activities of each establishment, in display order (sort order, name,
        id), with their slots when ``with_slots``: the establishments asked in the same
        tick are read together, in one statement (two with the slots)."""
        loader = self._active.get(with_slots)
        if loader is None:

            async def load(keys: Sequence[int]) -> list[list[ActivityRead]]:
                return await self._load_active(keys, with_slots)

            loader = self._active[with_slots] = DataLoader(load_fn=load)
        return loader

    async def _load_active(self, keys: Sequence[int], with_slots: bool) -> list[list[ActivityRead]]:
        tenant_id = self._tenant_id
        rows = await self._db.rows(_ACTIVE_ACTIVITIES, {"tenant_id": tenant_id, "keys": keys})
        groups: dict[int, list[ActivityRead]] = {key: [] for key in keys}
        if not with_slots:
            for row in rows:
                groups[row.establishment_id].append(ActivityRead(row, None))
            return [groups[key] for key in keys]
        slots: dict[int, list[Row[Any]]] = {row.id: [] for row in rows}
        if slots:
            params = {"tenant_id": tenant_id, "keys": list(slots)}
            for slot in await self._db.rows(_SLOTS, params):
                slots[slot.activity_id].append(slot)
        for row in rows:
            groups[row.establishment_id].append(ActivityRead(row, slots[row.id]))
        return [groups[key] for key in keys]
