"""The prices of an activity, for staff: price lists (never rewritten, a new list ends the
previous one), their family-quotient brackets and sibling reductions, and the pricing
enums.

Separate from the catalogue's node types (``types``) because prices are billing set-up that
only staff read: families see them on their invoices and previews. ``PriceList.activity``
points back up to ``types`` (``schema.lazy``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.labels import label
from models import PriceBracket as PriceBracketRow
from models import PriceList as PriceListRow
from models import SiblingReduction as SiblingReductionRow
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.catalogue.types import Activity

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
    async def activity(
        self, info: strawberry.Info
    ) -> Annotated[Activity, strawberry.lazy("schema.catalogue.types")]:
        activity: type[Activity] = upward("schema.catalogue.types", "Activity")
        row = await info.context.loaders.activity.load(self.activity_pk)
        return activity.from_row(row)

    @strawberry.field(description="QF_BRACKETS: the brackets, from the lowest quotient.")
    async def brackets(self, info: strawberry.Info) -> list[PriceBracket]:
        rows = await info.context.loaders.brackets_by_price_list.load(self.pk)
        return [PriceBracket.from_row(r) for r in rows]

    @strawberry.field(description="Reductions for the second child and following, by rank.")
    async def sibling_reductions(self, info: strawberry.Info) -> list[SiblingReduction]:
        rows = await info.context.loaders.sibling_reductions_by_price_list.load(self.pk)
        return [SiblingReduction.from_row(r) for r in rows]
