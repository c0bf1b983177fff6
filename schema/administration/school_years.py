"""A new school year (schoolYearRollover) and its registration campaign
(registrationCampaignOpen / registrationCampaignClose): administrators only.

``RegistrationCampaign`` and ``registration_campaign_of`` are what a school year shows of
its campaign (``SchoolYear.registrationCampaign``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.school_years.campaign import CampaignState, campaign_state
from domain.school_years.codes import (
    RegistrationCampaignCloseErrorCode,
    RegistrationCampaignOpenErrorCode,
    SchoolYearRolloverErrorCode,
)
from kernel.results import DomainFailure
from resolvers.administration import school_years as actions
from schema.calendar.years import SchoolYear
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin


@strawberry.type(description="The registration campaign (« Inscriptions ») of a school year.")
class RegistrationCampaign:
    opens_on: dt.date = strawberry.field(description="First day families may wish.")
    closes_on: dt.date = strawberry.field(description="Last day families may wish.")
    is_open: bool = strawberry.field(
        description="Whether today (the collectivity's day) is within the campaign."
    )

    @classmethod
    def from_state(cls, state: CampaignState | None) -> RegistrationCampaign | None:
        """The API type of a campaign (None: no campaign)."""
        if state is None:
            return None
        return cls(opens_on=state.opens_on, closes_on=state.closes_on, is_open=state.is_open)


async def registration_campaign_of(
    info: strawberry.Info, year_pk: int
) -> RegistrationCampaign | None:
    """``SchoolYear.registrationCampaign``: the year's campaign (null: none opened)."""
    return RegistrationCampaign.from_state(await actions.campaign_of(info.context, year_pk))


# --- schoolYearRollover ----------------------------------------------------------------


@strawberry.input(description="Start a new school year from the catalogue of another one.")
class SchoolYearRolloverInput:
    school_year: relay.GlobalID = strawberry.field(
        description="The year whose catalogue is copied (its active activities, their "
        "current slots and current price lists)."
    )
    label: str = strawberry.field(description="The new year's label (« 2027-2028 », ≤ 20).")
    start_date: dt.date = strawberry.field(description="The new year's first day of classes.")
    end_date: dt.date = strawberry.field(description="The new year's last day of classes.")
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and creates nothing.",
    )


error_code_enum(SchoolYearRolloverErrorCode, description="Why schoolYearRollover was refused.")


@strawberry.type(description="A problem with schoolYearRollover's input.")
class SchoolYearRolloverError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SchoolYearRolloverErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="What a rollover copied.")
class SchoolYearRolloverCounts:
    activities: int = strawberry.field(description="Activities copied.")
    slots: int = strawberry.field(description="Slots copied.")
    price_lists: int = strawberry.field(description="Price lists copied.")
    price_brackets: int = strawberry.field(description="Price brackets copied.")
    sibling_reductions: int = strawberry.field(description="Sibling reductions copied.")


@strawberry.type(description="Result of schoolYearRollover.")
class SchoolYearRolloverPayload:
    school_year: SchoolYear | None = strawberry.field(
        description="The new year (its activities: `activities(where: {schoolYear})`); "
        "null when there are errors."
    )
    counts: SchoolYearRolloverCounts | None = strawberry.field(
        description="What was copied; null when there are errors."
    )
    errors: list[SchoolYearRolloverError] = strawberry.field(description=ERRORS_DOC)


# --- registrationCampaignOpen / Close ---------------------------------------------------


@strawberry.input(description="Open (or move) a school year's registration campaign.")
class RegistrationCampaignOpenInput:
    school_year: relay.GlobalID = strawberry.field(description="The school year.")
    opens_on: dt.date = strawberry.field(description="First day families may wish.")
    closes_on: dt.date = strawberry.field(
        description="Last day families may wish (today or later; at most a year later)."
    )


error_code_enum(
    RegistrationCampaignOpenErrorCode, description="Why registrationCampaignOpen was refused."
)


@strawberry.type(description="A problem with registrationCampaignOpen's input.")
class RegistrationCampaignOpenError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RegistrationCampaignOpenErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of registrationCampaignOpen.")
class RegistrationCampaignOpenPayload:
    school_year: SchoolYear | None = strawberry.field(
        description="The school year; null when there are errors."
    )
    registration_campaign: RegistrationCampaign | None = strawberry.field(
        description="Its campaign now; null when there are errors."
    )
    errors: list[RegistrationCampaignOpenError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="Close a school year's registration campaign.")
class RegistrationCampaignCloseInput:
    school_year: relay.GlobalID = strawberry.field(description="The school year.")


error_code_enum(
    RegistrationCampaignCloseErrorCode, description="Why registrationCampaignClose was refused."
)


@strawberry.type(description="A problem with registrationCampaignClose's input.")
class RegistrationCampaignCloseError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RegistrationCampaignCloseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of registrationCampaignClose.")
class RegistrationCampaignClosePayload:
    school_year: SchoolYear | None = strawberry.field(
        description="The school year; null when there are errors."
    )
    registration_campaign: RegistrationCampaign | None = strawberry.field(
        description="Its campaign now (ended yesterday), or null when it had not begun "
        "(removed) or when there are errors."
    )
    errors: list[RegistrationCampaignCloseError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Administrators: a new school year and its registrations.")
class SchoolYearMutations:
    @strawberry.mutation(
        description="Administrators: create a new school year with the catalogue of another "
        "one — every active activity with its rules, its current slots (valid from the new "
        "year's first day) and its current price list (brackets and sibling reductions "
        "included). New codes are derived from the old ones with the new year's short label "
        "(« Repas » → « Repas 27-28 », « Repas 26-27 » → « Repas 27-28 »). Registrations "
        "are not copied (families wish again during the campaign), nor the calendar: "
        "create the year with schoolYearCreate first (it imports the official calendar), "
        "then roll over into it — a year of this label is used when it has no activity yet "
        "and the same dates. The new year overlaps no other.",
        permission_classes=[Admin],
    )
    async def school_year_rollover(
        self,
        info: strawberry.Info,
        input: Annotated[SchoolYearRolloverInput, strawberry.argument(description="The copy.")],
    ) -> SchoolYearRolloverPayload:
        try:
            done = await actions.rollover(
                info.context,
                input_pk(input.school_year, "SchoolYear"),
                input.label,
                input.start_date,
                input.end_date,
                input.idempotency_key,
            )
        except DomainFailure as failure:
            return SchoolYearRolloverPayload(
                school_year=None,
                counts=None,
                errors=payload_errors(
                    failure, SchoolYearRolloverError, SchoolYearRolloverErrorCode
                ),
            )
        counts = done.counts
        return SchoolYearRolloverPayload(
            school_year=SchoolYear.from_row(done.year),
            counts=SchoolYearRolloverCounts(
                activities=counts.activities,
                slots=counts.slots,
                price_lists=counts.price_lists,
                price_brackets=counts.price_brackets,
                sibling_reductions=counts.sibling_reductions,
            ),
            errors=[],
        )

    @strawberry.mutation(
        description="Administrators: open (or move) the registration campaign « Inscriptions » "
        "of a school year: between these days, parents wish registrations "
        "(registrationWish) that staff then accept or refuse.",
        permission_classes=[Admin],
    )
    async def registration_campaign_open(
        self,
        info: strawberry.Info,
        input: Annotated[
            RegistrationCampaignOpenInput, strawberry.argument(description="The campaign.")
        ],
    ) -> RegistrationCampaignOpenPayload:
        try:
            year = await actions.open_(
                info.context,
                input_pk(input.school_year, "SchoolYear"),
                input.opens_on,
                input.closes_on,
            )
        except DomainFailure as failure:
            return RegistrationCampaignOpenPayload(
                school_year=None,
                registration_campaign=None,
                errors=payload_errors(
                    failure, RegistrationCampaignOpenError, RegistrationCampaignOpenErrorCode
                ),
            )
        state = campaign_state(year, actions.today(info.context))
        return RegistrationCampaignOpenPayload(
            school_year=SchoolYear.from_row(year),
            registration_campaign=RegistrationCampaign.from_state(state),
            errors=[],
        )

    @strawberry.mutation(
        description="Administrators: close a school year's registration campaign: one that "
        "has begun ends yesterday, one not begun yet is removed. Wishes made stay.",
        permission_classes=[Admin],
    )
    async def registration_campaign_close(
        self,
        info: strawberry.Info,
        input: Annotated[
            RegistrationCampaignCloseInput, strawberry.argument(description="The campaign.")
        ],
    ) -> RegistrationCampaignClosePayload:
        try:
            year = await actions.close(info.context, input_pk(input.school_year, "SchoolYear"))
        except DomainFailure as failure:
            return RegistrationCampaignClosePayload(
                school_year=None,
                registration_campaign=None,
                errors=payload_errors(
                    failure, RegistrationCampaignCloseError, RegistrationCampaignCloseErrorCode
                ),
            )
        state = campaign_state(year, actions.today(info.context))
        return RegistrationCampaignClosePayload(
            school_year=SchoolYear.from_row(year),
            registration_campaign=RegistrationCampaign.from_state(state),
            errors=[],
        )
