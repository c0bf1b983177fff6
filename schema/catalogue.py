"""The public catalogue: establishments, activities with their rules, slots.

Types are hand-written views of the models: scalar fields are plain attributes filled
from the row before execution; links to other objects go through the request's loaders.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Awaitable, Sequence
from operator import attrgetter
from typing import Any, Self

import strawberry
from sqlalchemy import Row
from strawberry import relay

from domain.bookings.facts import booking_rule, cancellation_rule
from domain.calendar.deadlines import DeadlineRule as BookingDeadline
from domain.labels import label
from domain.rule_descriptions import describe_deadline, describe_eligibility
from models import Activity as ActivityRow
from models import Establishment as EstablishmentRow
from models import PriceBracket as PriceBracketRow
from models import PriceList as PriceListRow
from models import SiblingReduction as SiblingReductionRow
from models import Slot as SlotRow
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from models.child import Grade
from models.establishment import EstablishmentKind
from resolvers.catalogue_reads import ActivityRead
from schema.calendar.years import SchoolYear
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


@strawberry.type(description="A booking or cancellation deadline (délai de prévenance).")
class DeadlineRule:
    kind: DeadlineKind = strawberry.field(description="How the deadline is computed.")
    offset: int = strawberry.field(
        description="Days (calendar or working) or hours before, depending on the kind."
    )
    time: dt.time | None = strawberry.field(description="Time of day of the deadline.")
    weekday: Weekday | None = strawberry.field(
        description="For WEEKLY_CUTOFF: the day of the previous week when booking closes."
    )
    description: str = strawberry.field(description="The rule in one French sentence.")


@strawberry.type(description="Who may attend an activity.")
class EligibilityRule:
    min_grade: Grade | None = strawberry.field(description="Lowest grade admitted.")
    max_grade: Grade | None = strawberry.field(description="Highest grade admitted.")
    born_on_or_after: dt.date | None = strawberry.field(description="Birth-date lower bound.")
    born_on_or_before: dt.date | None = strawberry.field(description="Birth-date upper bound.")
    description: str = strawberry.field(description="The rule in one French sentence.")


@strawberry.type(description="The rules a town configured for an activity (data, not code).")
class ActivityRules:
    booking_deadline: DeadlineRule = strawberry.field(description="Latest time to book.")
    cancellation_deadline: DeadlineRule = strawberry.field(
        description="Latest time to cancel without the absence being billed."
    )
    late_absence_billed: bool = strawberry.field(
        description="Whether an absence notified after the cancellation deadline is billed."
    )
    justification_accepted: bool = strawberry.field(
        description="Whether a justification (medical certificate) cancels the billing."
    )
    justification_delay_days: int = strawberry.field(
        description="Days allowed to provide the justification."
    )
    capacity: int | None = strawberry.field(
        description="Places per slot occurrence (null: unlimited)."
    )
    waiting_list_enabled: bool = strawberry.field(
        description="Whether a full slot puts requests on a waiting list."
    )
    auto_promote_waiting_list: bool = strawberry.field(
        description="Whether the waiting list is promoted automatically when a place frees."
    )
    auto_accept: bool = strawberry.field(
        description="Whether requests are accepted at once (no staff validation)."
    )
    eligibility: EligibilityRule = strawberry.field(description="Who may attend.")
    exclusivity_group: str | None = strawberry.field(
        description="At most one slot of this group per child and day (null: no group)."
    )
    max_days_per_month: int | None = strawberry.field(
        description="At most this many dates of the activity per child and calendar month "
        "(reserved, waiting list or asked for; null: no limit)."
    )


def _deadline(rule: BookingDeadline, verb: str) -> DeadlineRule:
    return DeadlineRule(
        kind=rule.kind,
        offset=rule.offset,
        time=rule.time,
        weekday=Weekday(rule.weekday) if rule.weekday is not None else None,
        description=describe_deadline(rule.kind, rule.offset, rule.time, rule.weekday, verb),
    )


def activity_rules(row: Any) -> ActivityRules:
    """The rules of an activity row (ORM entity, Core row of ``ACTIVITY_COLUMNS`` or
    ``_RuleColumns``), with their French descriptions."""
    return ActivityRules(
        booking_deadline=_deadline(booking_rule(row), "Réservation"),
        cancellation_deadline=_deadline(cancellation_rule(row), "Annulation"),
        late_absence_billed=row.late_absence_billed,
        justification_accepted=row.justification_accepted,
        justification_delay_days=row.justification_delay_days,
        capacity=row.capacity,
        waiting_list_enabled=row.waiting_list_enabled,
        auto_promote_waiting_list=row.auto_promote_waiting_list,
        auto_accept=row.auto_accept,
        eligibility=EligibilityRule(
            min_grade=row.min_grade,
            max_grade=row.max_grade,
            born_on_or_after=row.born_on_or_after,
            born_on_or_before=row.born_on_or_before,
            description=describe_eligibility(
                row.min_grade, row.max_grade, row.born_on_or_after, row.born_on_or_before
            ),
        ),
        exclusivity_group=row.exclusivity_group,
        max_days_per_month=row.max_days_per_month,
    )


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


# The columns ``activity_rules`` reads, copied off an ORM entity when its API object is
# built (the rules themselves only when a selection asks for them).
_RULE_COLUMN_NAMES = (
    "booking_deadline_kind",
    "booking_deadline_offset",
    "booking_deadline_time",
    "booking_deadline_weekday",
    "cancellation_deadline_kind",
    "cancellation_deadline_offset",
    "cancellation_deadline_time",
    "cancellation_deadline_weekday",
    "late_absence_billed",
    "justification_accepted",
    "justification_delay_days",
    "capacity",
    "waiting_list_enabled",
    "auto_promote_waiting_list",
    "auto_accept",
    "min_grade",
    "max_grade",
    "born_on_or_after",
    "born_on_or_before",
    "exclusivity_group",
    "max_days_per_month",
)
_RuleColumns = namedtuple("_RuleColumns", _RULE_COLUMN_NAMES)  # type: ignore[misc]
_RULE_VALUES = attrgetter(*_RULE_COLUMN_NAMES)


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
        return cls._of(row, _RuleColumns._make(_RULE_VALUES(row)))

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


PricingModeEnum = strawberry.enum(PricingMode, description="How a unit price is found.")
LateAbsenceChargeEnum = strawberry.enum(
    LateAbsenceCharge, description="What a billed (late, unjustified) absence costs."
)
UnbookedPresenceChargeEnum = strawberry.enum(
    UnbookedPresenceCharge, description="Penalty for a child present without booking."
)


@strawberry.type(description="Unit price for family quotients in [qfMin, qfMax).")
class PriceBracket:
    qf_min: int = strawberry.field(description="Lowest family quotient of the bracket (€).")
    qf_max: int | None = strawberry.field(
        description="First quotient above the bracket (null: no upper bound)."
    )
    unit_price_cents: int = strawberry.field(description="Unit price, in cents.")

    @classmethod
    def from_row(cls, row: PriceBracketRow) -> Self:
        """Map a database row to the API type."""
        return cls(qf_min=row.qf_min, qf_max=row.qf_max, unit_price_cents=row.unit_price_cents)


@strawberry.type(description="Reduction for the n-th child of a family (3rd child: −50 %).")
class SiblingReduction:
    from_child_rank: int = strawberry.field(description="From this child's rank (2 or more).")
    reduction_bp: int = strawberry.field(description="Reduction in basis points (5000 = 50 %).")

    @classmethod
    def from_row(cls, row: SiblingReductionRow) -> Self:
        """Map a database row to the API type."""
        return cls(from_child_rank=row.from_child_rank, reduction_bp=row.reduction_bp)


@strawberry.type(
    description="The prices of an activity from a date (never rewritten: a new list ends it)."
)
class PriceList(ScopedNode):
    pk: relay.NodeID[int]
    activity_pk: strawberry.Private[int]
    valid_from: dt.date = strawberry.field(description="First date the prices apply.")
    valid_to: dt.date | None = strawberry.field(description="Last date (null: open-ended).")
    mode: PricingMode = strawberry.field(description="How the unit price is found.")
    mode_label: str = strawberry.field(description="French label of the mode.")
    flat_price_cents: int | None = strawberry.field(description="FLAT: the unit price.")
    effort_rate_bp: int | None = strawberry.field(
        description="EFFORT_RATE: the rate applied to the QF, in basis points (36 = 0.36 %)."
    )
    effort_min_cents: int | None = strawberry.field(description="EFFORT_RATE: lowest price.")
    effort_max_cents: int | None = strawberry.field(description="EFFORT_RATE: highest price.")
    non_resident_price_cents: int | None = strawberry.field(
        description="Unit price for a family living outside the collectivity (null: same)."
    )
    pai_price_cents: int | None = strawberry.field(
        description="Unit price of a meal brought under a PAI (null: usual price)."
    )
    late_absence_charge: LateAbsenceCharge = strawberry.field(
        description="What a billed absence costs."
    )
    late_absence_fee_cents: int = strawberry.field(description="FIXED_FEE: the fee.")
    late_absence_rate_bp: int = strawberry.field(description="RATE: share of the price (bp).")
    unbooked_presence_charge: UnbookedPresenceCharge = strawberry.field(
        description="Penalty for a presence without booking."
    )
    unbooked_presence_fee_cents: int = strawberry.field(description="FIXED_FEE: the fee.")
    unbooked_presence_rate_bp: int = strawberry.field(
        description="SURCHARGE_RATE: surcharge on the price (bp)."
    )

    @classmethod
    def from_row(cls, row: PriceListRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            activity_pk=row.activity_id,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            mode=row.mode,
            mode_label=label(row.mode),
            flat_price_cents=row.flat_price_cents,
            effort_rate_bp=row.effort_rate_bp,
            effort_min_cents=row.effort_min_cents,
            effort_max_cents=row.effort_max_cents,
            non_resident_price_cents=row.non_resident_price_cents,
            pai_price_cents=row.pai_price_cents,
            late_absence_charge=row.late_absence_charge,
            late_absence_fee_cents=row.late_absence_fee_cents,
            late_absence_rate_bp=row.late_absence_rate_bp,
            unbooked_presence_charge=row.unbooked_presence_charge,
            unbooked_presence_fee_cents=row.unbooked_presence_fee_cents,
            unbooked_presence_rate_bp=row.unbooked_presence_rate_bp,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        # Staff's view of the set-up (families see prices on their invoices and previews).
        if not info.context.viewer.is_staff:
            return [None] * len(keys)
        return nodes_of(await info.context.loaders.price_list.load_many(keys), cls.from_row)

    @strawberry.field(description="The activity priced.")
    async def activity(self, info: strawberry.Info) -> Activity:
        row = await info.context.loaders.activity.load(self.activity_pk)
        return Activity.from_row(row)

    @strawberry.field(description="QF_BRACKETS: the brackets, from the lowest quotient.")
    async def brackets(self, info: strawberry.Info) -> list[PriceBracket]:
        rows = await info.context.loaders.brackets_by_price_list.load(self.pk)
        return [PriceBracket.from_row(r) for r in rows]

    @strawberry.field(description="Reductions for the second child and following, by rank.")
    async def sibling_reductions(self, info: strawberry.Info) -> list[SiblingReduction]:
        rows = await info.context.loaders.sibling_reductions_by_price_list.load(self.pk)
        return [SiblingReduction.from_row(r) for r in rows]


@strawberry.type(description="A page of establishments.")
class EstablishmentConnection(CountableConnection, relay.Connection[Establishment]):
    pass


@strawberry.type(description="A page of activities.")
class ActivityConnection(CountableConnection, relay.Connection[Activity]):
    pass
