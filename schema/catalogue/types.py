"""The catalogue's node types: establishments, their activities and the activities' weekly
slots — the public part of the graph that families browse, and that the planning, requests
and reports point to.

Types are hand-written views of the models: scalar fields are plain attributes filled
from the row before execution; links to other objects go through the request's loaders.
The three point at each other, so they live together; an activity's rules (``rules``) and
prices (``price_lists``) are in modules of their own, below this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Sequence
from typing import Any, Self

import strawberry
from sqlalchemy import Row
from strawberry import relay

from domain.labels import label
from models import Activity as ActivityRow
from models import Establishment as EstablishmentRow
from models import Slot as SlotRow
from models.activity import ActivityCategory, OperatingDays
from models.establishment import EstablishmentKind
from resolvers.catalogue_reads import ActivityRead
from schema.calendar.years import SchoolYear
from schema.catalogue.price_lists import PriceList
from schema.catalogue.rules import ActivityRules, activity_rules, rule_columns_of
from schema.connections import CountableConnection
from schema.enums import Weekday
from schema.nodes import ScopedNode, nodes_of
from schema.permissions import Staff


@strawberry.type(description="A school or centre of the collectivity (« Ecole Lux »).")
class Establishment(ScopedNode):
    pk: relay.NodeID[int]
    code: str = strawberry.field(description="Short code used by staff.")
    name: str = strawberry.field(description="Name shown to families.")
    kind: EstablishmentKind = strawberry.field(description="Kind of establishment.")
    kind_label: str = strawberry.field(description="French label of the kind.")
    address: str | None = strawberry.field(description="Street address.")
    postal_code: str | None = strawberry.field(description="Postal code.")
    city: str | None = strawberry.field(description="City.")
    phone: str | None = strawberry.field(description="Phone number of the establishment.")
    email: str | None = strawberry.field(description="Email address of the establishment.")

    @classmethod
    def from_row(cls, row: EstablishmentRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            code=row.code,
            name=row.name,
            kind=row.kind,
            kind_label=label(row.kind),
            address=row.address,
            postal_code=row.postal_code,
            city=row.city,
            phone=row.phone,
            email=row.email,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await info.context.loaders.establishment.load_many(keys), cls.from_row)

    @strawberry.field(description="Active activities of the establishment, in display order.")
    async def activities(self, info: strawberry.Info) -> list[Activity]:
        # The establishments of a page are read together, with their slots when the
        # selection shows them (resolvers.catalogue_reads): each activity then hands its
        # slots down without a round of its own.
        with_slots, with_rules = _selects(info, "slots"), _selects(info, "rules")
        loader = info.context.catalogue.active_activities(with_slots, with_rules)
        reads = await loader.load(self.pk)
        return [
            Activity.from_read(read, self) if read.built is None else read.built for read in reads
        ]


# ISO day number -> Weekday: a lookup costs a third of ``Weekday(n)`` (200 slots a page).
_WEEKDAYS = {day.value: day for day in Weekday}


@strawberry.type(description="A weekly slot (créneau): weekday, start and end time.")
class Slot(ScopedNode):
    pk: relay.NodeID[int]
    activity_pk: strawberry.Private[int]
    weekday: Weekday = strawberry.field(description="Day of the week.")
    start_time: dt.time = strawberry.field(description="Start time (« 07:30 »).")
    end_time: dt.time = strawberry.field(description="End time (« 08:05 »).")
    valid_from: dt.date = strawberry.field(description="First date the slot applies.")
    valid_to: dt.date | None = strawberry.field(description="Last date (null: open-ended).")
    capacity: int | None = strawberry.field(
        description="Places per occurrence: the slot's own or else the activity's."
    )

    @classmethod
    def from_row(cls, row: SlotRow | Row[Any], activity: Activity | None = None) -> Self:
        """Map a row; the activity (when known) supplies the default capacity."""
        capacity = row.capacity
        if capacity is None and activity is not None:
            capacity = activity.default_capacity
        return cls(
            pk=row.id,
            activity_pk=row.activity_id,
            weekday=_WEEKDAYS[row.weekday],
            start_time=row.start_time,
            end_time=row.end_time,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            capacity=capacity,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        rows = await info.context.loaders.slot.load_many(keys)
        activities = await info.context.loaders.activity.load_many(
            list({r.activity_id for r in rows if r is not None})
        )
        by_id = {a.id: Activity.from_row(a) for a in activities if a is not None}
        return nodes_of(rows, lambda row: cls.from_row(row, by_id.get(row.activity_id)))

    @strawberry.field(description="The activity this slot belongs to.")
    async def activity(self, info: strawberry.Info) -> Activity:
        row = await info.context.loaders.activity.load(self.activity_pk)
        return Activity.from_row(row)


def _rules_of(root: Activity) -> ActivityRules:
    rules = root.built_rules
    if rules is None:
        rules = root.built_rules = activity_rules(root.rule_columns)
    return rules


def _selects(info: strawberry.Info, name: str) -> bool:
    """Whether the activities' selection (fragments included) shows their ``name``."""
    raw = info._raw_info
    return any(_has_field(node.selection_set, name, raw.fragments) for node in raw.field_nodes)


def _has_field(selection_set: Any, name: str, fragments: dict[str, Any]) -> bool:
    for selection in selection_set.selections if selection_set is not None else ():
        kind = selection.kind
        if kind == "field":
            if selection.name.value == name:
                return True
        elif kind == "inline_fragment":
            if _has_field(selection.selection_set, name, fragments):
                return True
        else:
            fragment = fragments.get(selection.name.value)
            if fragment is not None and _has_field(fragment.selection_set, name, fragments):
                return True
    return False


@strawberry.type(description="An activity (prestation): « Garderie Matin », « Repas », …")
class Activity(ScopedNode):
    pk: relay.NodeID[int]
    establishment_pk: strawberry.Private[int]
    school_year_pk: strawberry.Private[int]
    code: str = strawberry.field(description="Code shown in filters (« 01/Péri MATIN/Lux »).")
    name: str = strawberry.field(description="Name shown on the planning.")
    description: str | None = strawberry.field(
        description="Free text for families (« Uniquement à partir du CP (16h15 – 17h30) »)."
    )
    category: ActivityCategory = strawberry.field(description="Family of activity.")
    category_label: str = strawberry.field(description="French label of the category.")
    operating_days: OperatingDays = strawberry.field(description="Days the activity runs.")
    is_childcare: bool = strawberry.field(
        description="Counts towards the yearly childcare certificate (meals do not)."
    )
    # The rules are built when a selection asks for them, once per object (built_rules).
    rules: ActivityRules = strawberry.field(
        resolver=_rules_of, description="Deadlines, capacity, eligibility…"
    )
    is_active: bool = strawberry.field(
        description="Whether the activity is offered (false: closed by an administrator)."
    )
    sort_order: int = strawberry.field(description="Display order within the establishment.")
    # What the rules are built from: a Core row (immutable) or a snapshot of an entity.
    rule_columns: strawberry.Private[Any]
    # The activity's own capacity: its slots' default.
    default_capacity: strawberry.Private[int | None]
    built_rules: strawberry.Private[ActivityRules | None] = None
    # The slots read with the activity (resolvers.catalogue_reads), else None.
    slot_list: strawberry.Private[list[Slot] | None] = None
    # The establishment the activity was listed under, else None.
    place: strawberry.Private[Establishment | None] = None

    @classmethod
    def from_row(cls, row: ActivityRow) -> Self:
        """Map a database row to the API type (its rules are built if a selection asks)."""
        return cls._of(row, rule_columns_of(row))

    @classmethod
    def from_read(cls, read: ActivityRead, place: Establishment) -> Self:
        """The activity of a catalogue read (``read.row`` is a Core row of
        ``ACTIVITY_COLUMNS``) listed under ``place``, with its slots when they were read;
        kept on ``read`` so that the request builds it once."""
        row = read.row
        # Without the columns of its rules when they were not asked for (not selected).
        activity = read.built = cls._of(row, row if read.with_rules else None)
        activity.place = place
        if read.slots is not None:
            activity.slot_list = [Slot.from_row(slot, activity) for slot in read.slots]
        return activity

    @classmethod
    def _of(cls, row: Any, rule_columns: Any) -> Self:
        return cls(
            pk=row.id,
            establishment_pk=row.establishment_id,
            school_year_pk=row.school_year_id,
            code=row.code,
            name=row.name,
            description=row.description,
            category=row.category,
            category_label=label(row.category),
            operating_days=row.operating_days,
            is_childcare=row.is_childcare,
            is_active=row.is_active,
            sort_order=row.sort_order,
            rule_columns=rule_columns,
            default_capacity=row.capacity,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await info.context.loaders.activity.load_many(keys), cls.from_row)

    @strawberry.field(description="Where the activity takes place.", graphql_type=Establishment)
    def establishment(self, info: strawberry.Info) -> Establishment | Awaitable[Establishment]:
        # Listed under its establishment: that one, already at hand (no statement).
        if self.place is not None:
            return self.place
        return self._load_establishment(info)

    async def _load_establishment(self, info: strawberry.Info) -> Establishment:
        row = await info.context.loaders.establishment.load(self.establishment_pk)
        return Establishment.from_row(row)

    @strawberry.field(description="The school year the activity belongs to.")
    async def school_year(self, info: strawberry.Info) -> SchoolYear:
        row = await info.context.loaders.school_year.load(self.school_year_pk)
        return SchoolYear.from_row(row)

    @strawberry.field(
        description="Weekly slots (créneaux) of the activity.", graphql_type=list[Slot]
    )
    def slots(self, info: strawberry.Info) -> list[Slot] | Awaitable[list[Slot]]:
        # Synchronous when the slots were read with the activity: no loader round.
        if self.slot_list is not None:
            return self.slot_list
        return self._load_slots(info)

    async def _load_slots(self, info: strawberry.Info) -> list[Slot]:
        rows = await info.context.loaders.slots_by_activity.load(self.pk)
        return [Slot.from_row(r, self) for r in rows]

    @strawberry.field(
        description="Staff: price lists of the activity, latest first; each applies from its "
        "validFrom to its validTo (a new list ends the previous one the day before).",
        permission_classes=[Staff],
    )
    async def price_lists(self, info: strawberry.Info) -> list[PriceList]:
        rows = await info.context.loaders.price_lists_by_activity.load(self.pk)
        return [PriceList.from_row(r) for r in rows]


@strawberry.type(description="A page of establishments.")
class EstablishmentConnection(CountableConnection, relay.Connection[Establishment]):
    pass


@strawberry.type(description="A page of activities.")
class ActivityConnection(CountableConnection, relay.Connection[Activity]):
    pass
