"""The catalogue's hot read: an establishment page's active activities and their slots.

``establishments { activities { slots } }`` is the most common read of the families' app.
Read through the generic loaders it cost one ORM entity per activity and per slot and one
DataLoader round per activity (bench Q3: about 12-16 ms of CPU a request on the 2,000-child
town, against about 7-8 ms this way). Here the activities of every establishment asked in
the same tick are read in one statement (with the columns of their rules only when the
selection shows rules), and their slots, when the selection shows them, in a second one
right after, both as plain tuples by Core statements built once per process (the values
only change through bind parameters, so SQLAlchemy's compiled cache serves every request).
The rows come back grouped, so the schema builds each activity with its slots at hand.

Same scoping and visibility as the loaders they replace (a grouped loader of the activities
by establishment, ``Loaders.slots_by_activity``): the request's tenant only, active
activities only (for every viewer, staff included, as before), the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, bindparam, select
from strawberry.dataloader import DataLoader

from domain.bookings.facts import ACTIVITY_RULE_COLUMNS, SLOT_RULE_COLUMNS
from models import Activity, Slot
from models.core_columns import core, table_columns
from resolvers.database import RequestDatabase

# What an API Activity shows (its capacity is its slots' default), then, when its rules
# are asked for, every column they read. Table columns, not ORM attributes: the statement
# is then plain Core, and its rows skip the ORM's loading (about 0.2 ms a statement here).
_ACTIVITY = table_columns(Activity)
_SLOT = table_columns(Slot)
_SHOWN = (
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
    Activity.capacity,
)
ACTIVITY_COLUMNS = core(_SHOWN)
ACTIVITY_COLUMNS_WITH_RULES = core(
    dict.fromkeys((*_SHOWN, Activity.auto_promote_waiting_list, *ACTIVITY_RULE_COLUMNS))
)
SLOT_COLUMNS = core(SLOT_RULE_COLUMNS)

_ACTIVE_ACTIVITIES = {
    with_rules: select(*columns)
    .where(
        _ACTIVITY.tenant_id == bindparam("tenant_id"),
        _ACTIVITY.establishment_id.in_(bindparam("keys", expanding=True)),
        _ACTIVITY.is_active.is_(True),
    )
    .order_by(_ACTIVITY.sort_order, _ACTIVITY.name, _ACTIVITY.id)
    for with_rules, columns in ((False, ACTIVITY_COLUMNS), (True, ACTIVITY_COLUMNS_WITH_RULES))
}
_SLOTS = (
    select(*SLOT_COLUMNS)
    .where(
        _SLOT.tenant_id == bindparam("tenant_id"),
        _SLOT.activity_id.in_(bindparam("keys", expanding=True)),
    )
    .order_by(_SLOT.weekday, _SLOT.start_time, _SLOT.valid_from, _SLOT.id)
)


@dataclass(slots=True)
class ActivityRead:
    """One active activity as read: its row (``ACTIVITY_COLUMNS``, or
    ``ACTIVITY_COLUMNS_WITH_RULES`` when its rules were asked for), its slots' rows
    (``SLOT_COLUMNS``, in display order) or None when they were not asked for, and the
    API object the schema built from them (once per request)."""

    row: Row[Any]
    with_rules: bool
    slots: list[Row[Any]] | None
    built: Any = None


class CatalogueReads:
    """The catalogue reads of one request (created lazily by the context, never shared)."""

    def __init__(self, db: RequestDatabase, tenant_id: int) -> None:
        self._db = db
        self._tenant_id = tenant_id
        self._active: dict[tuple[bool, bool], DataLoader[int, list[ActivityRead]]] = {}

    def active_activities(
        self, with_slots: bool, with_rules: bool
    ) -> DataLoader[int, list[ActivityRead]]:
        """Active activities of each establishment, in display order (sort order, name,
        id), with the columns of their rules when ``with_rules`` and their slots when
        ``with_slots``: the establishments asked in the same tick are read together, in
        one statement (two with the slots)."""
        loader = self._active.get((with_slots, with_rules))
        if loader is None:

            async def load(keys: Sequence[int]) -> list[list[ActivityRead]]:
                return await self._load_active(keys, with_slots, with_rules)

            loader = self._active[with_slots, with_rules] = DataLoader(load_fn=load)
        return loader

    async def _load_active(
        self, keys: Sequence[int], with_slots: bool, with_rules: bool
    ) -> list[list[ActivityRead]]:
        tenant_id = self._tenant_id
        statement = _ACTIVE_ACTIVITIES[with_rules]
        rows = await self._db.rows(statement, {"tenant_id": tenant_id, "keys": keys})
        groups: dict[int, list[ActivityRead]] = {key: [] for key in keys}
        if not with_slots:
            for row in rows:
                groups[row.establishment_id].append(ActivityRead(row, with_rules, None))
            return [groups[key] for key in keys]
        slots: dict[int, list[Row[Any]]] = {row.id: [] for row in rows}
        if slots:
            params = {"tenant_id": tenant_id, "keys": list(slots)}
            for slot in await self._db.rows(_SLOTS, params):
                slots[slot.activity_id].append(slot)
        for row in rows:
            groups[row.establishment_id].append(ActivityRead(row, with_rules, slots[row.id]))
        return [groups[key] for key in keys]
