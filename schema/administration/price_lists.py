"""priceListCreate (administrators only): an activity's prices from a date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.catalogue.codes import PriceListCreateErrorCode
from domain.catalogue.price_lists import BracketValues, PriceListValues
from kernel.results import DomainFailure
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from resolvers.administration import price_lists as actions
from schema.catalogue.price_lists import PriceList
from schema.errors import error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin


@strawberry.input(description="Unit price for family quotients in [qfMin, qfMax).")
class PriceBracketInput:
    qf_min: int = strawberry.field(description="Lowest quotient (the first bracket: 0).")
    qf_max: int | None = strawberry.field(
        default=None,
        description="The next bracket's qfMin (null: no upper bound, the last bracket only).",
    )
    unit_price_cents: int = strawberry.field(description="Unit price, in cents.")


@strawberry.input(description="Reduction for the n-th child of a family.")
class SiblingReductionInput:
    from_child_rank: int = strawberry.field(description="From this child's rank (2 or more).")
    reduction_bp: int = strawberry.field(description="Reduction in basis points (5000 = 50 %).")


@strawberry.input(
    description="New prices of an activity from a date: the list in force then ends the day "
    "before; a billed month is never repriced."
)
class PriceListCreateInput:
    activity: relay.GlobalID = strawberry.field(description="The activity.")
    valid_from: dt.date = strawberry.field(
        description="First date (after the last billed month and the start of every list)."
    )
    mode: PricingMode = strawberry.field(description="How the unit price is found.")
    flat_price_cents: int | None = strawberry.field(
        default=None, description="FLAT: the unit price."
    )
    brackets: list[PriceBracketInput] | None = strawberry.field(
        default=None,
        description="QF_BRACKETS: contiguous from 0 without overlap, the last open-ended.",
    )
    effort_rate_bp: int | None = strawberry.field(
        default=None, description="EFFORT_RATE: rate applied to the QF (basis points)."
    )
    effort_min_cents: int | None = strawberry.field(
        default=None, description="EFFORT_RATE: lowest price."
    )
    effort_max_cents: int | None = strawberry.field(
        default=None, description="EFFORT_RATE: highest price."
    )
    non_resident_price_cents: int | None = strawberry.field(
        default=None, description="Unit price outside the collectivity (null: the same)."
    )
    pai_price_cents: int | None = strawberry.field(
        default=None, description="Unit price of a meal under a PAI (null: the usual)."
    )
    late_absence_charge: LateAbsenceCharge = strawberry.field(
        default=LateAbsenceCharge.FULL_PRICE, description="What a billed absence costs."
    )
    late_absence_fee_cents: int = strawberry.field(default=0, description="FIXED_FEE: the fee.")
    late_absence_rate_bp: int = strawberry.field(
        default=10000, description="RATE: share of the price (basis points)."
    )
    unbooked_presence_charge: UnbookedPresenceCharge = strawberry.field(
        default=UnbookedPresenceCharge.NONE, description="Penalty for a presence unbooked."
    )
    unbooked_presence_fee_cents: int = strawberry.field(
        default=0, description="FIXED_FEE: the fee."
    )
    unbooked_presence_rate_bp: int = strawberry.field(
        default=0, description="SURCHARGE_RATE: surcharge (basis points)."
    )
    sibling_reductions: list[SiblingReductionInput] | None = strawberry.field(
        default=None, description="Reductions by child rank."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and creates nothing.",
    )


error_code_enum(PriceListCreateErrorCode, description="Why priceListCreate was refused.")


@strawberry.type(description="A problem with priceListCreate's input.")
class PriceListCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: PriceListCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of priceListCreate.")
class PriceListCreatePayload:
    price_list: PriceList | None = strawberry.field(
        description="The new price list; null when there are errors."
    )
    errors: list[PriceListCreateError] = strawberry.field(
        description="Problems, if any (then nothing was changed)."
    )


@strawberry.type(description="Administrators' price lists.")
class PriceListMutations:
    @strawberry.mutation(
        description="Administrators: new prices of an activity from a date (the previous "
        "list ends the day before; lists are never rewritten).",
        permission_classes=[Admin],
    )
    async def price_list_create(
        self,
        info: strawberry.Info,
        input: Annotated[PriceListCreateInput, strawberry.argument(description="The prices.")],
    ) -> PriceListCreatePayload:
        values = PriceListValues(
            activity_id=input_pk(input.activity, "Activity"),
            valid_from=input.valid_from,
            mode=input.mode,
            flat_price_cents=input.flat_price_cents,
            brackets=[
                BracketValues(b.qf_min, b.qf_max, b.unit_price_cents) for b in input.brackets or []
            ],
            effort_rate_bp=input.effort_rate_bp,
            effort_min_cents=input.effort_min_cents,
            effort_max_cents=input.effort_max_cents,
            non_resident_price_cents=input.non_resident_price_cents,
            pai_price_cents=input.pai_price_cents,
            late_absence_charge=input.late_absence_charge,
            late_absence_fee_cents=input.late_absence_fee_cents,
            late_absence_rate_bp=input.late_absence_rate_bp,
            unbooked_presence_charge=input.unbooked_presence_charge,
            unbooked_presence_fee_cents=input.unbooked_presence_fee_cents,
            unbooked_presence_rate_bp=input.unbooked_presence_rate_bp,
            sibling_reductions=[
                (r.from_child_rank, r.reduction_bp) for r in input.sibling_reductions or []
            ],
        )
        try:
            row = await actions.price_list_create(info.context, values, input.idempotency_key)
        except DomainFailure as failure:
            return PriceListCreatePayload(
                price_list=None,
                errors=payload_errors(failure, PriceListCreateError, PriceListCreateErrorCode),
            )
        return PriceListCreatePayload(price_list=PriceList.from_row(row), errors=[])
