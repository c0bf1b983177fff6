"""Administrators create, change and close activities (every rule column):
activityCreate / activityUpdate / activityClose."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from domain.catalogue.activities import ActivityValues
from domain.catalogue.codes import (
    ActivityCloseErrorCode,
    ActivityCreateErrorCode,
    ActivityUpdateErrorCode,
)
from kernel.results import DomainFailure
from models.activity import ActivityCategory, OperatingDays
from resolvers.administration import catalogue as actions
from schema.administration.activity_rules import ActivityRulesInput, rule_columns
from schema.administration.partial import KEY_DOC, UNSET_DOC, given
from schema.catalogue.types import Activity
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin


@strawberry.input(description="A new activity of an establishment for a school year.")
class ActivityCreateInput:
    establishment: relay.GlobalID = strawberry.field(description="Where it takes place.")
    school_year: relay.GlobalID = strawberry.field(description="The school year it belongs to.")
    code: str = strawberry.field(description="Code, unique in the collectivity (≤ 60).")
    name: str = strawberry.field(description="Name shown on the planning (≤ 200).")
    category: ActivityCategory = strawberry.field(description="Family of activity.")
    description: str | None = strawberry.field(default=None, description="Text for families.")
    operating_days: OperatingDays = strawberry.field(
        default=OperatingDays.SCHOOL_DAYS, description="Days the activity runs."
    )
    is_childcare: bool = strawberry.field(
        default=True, description="Counts towards the childcare certificate (meals do not)."
    )
    sort_order: int = strawberry.field(default=0, description="Display order.")
    rules: ActivityRulesInput | None = strawberry.field(
        default=None, description="Its rules (absent ones take their defaults)."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY_DOC)


@strawberry.input(description="Changes to an activity: only the fields given change.")
class ActivityUpdateInput:
    activity: relay.GlobalID = strawberry.field(description="The activity.")
    code: str | None = strawberry.field(default=strawberry.UNSET, description="Code" + UNSET_DOC)
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name" + UNSET_DOC)
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="Text for families" + UNSET_DOC
    )
    category: ActivityCategory | None = strawberry.field(
        default=strawberry.UNSET, description="Family" + UNSET_DOC
    )
    operating_days: OperatingDays | None = strawberry.field(
        default=strawberry.UNSET, description="Days it runs" + UNSET_DOC
    )
    is_childcare: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Childcare" + UNSET_DOC
    )
    sort_order: int | None = strawberry.field(
        default=strawberry.UNSET, description="Display order" + UNSET_DOC
    )
    rules: ActivityRulesInput | None = strawberry.field(
        default=None, description="The rules that change (they apply from now on)."
    )


@strawberry.input(description="An activity leaves the catalogue (it is never deleted).")
class ActivityCloseInput:
    activity: relay.GlobalID = strawberry.field(description="The activity.")


error_code_enum(ActivityCreateErrorCode, description="Why activityCreate was refused.")
error_code_enum(ActivityUpdateErrorCode, description="Why activityUpdate was refused.")
error_code_enum(ActivityCloseErrorCode, description="Why activityClose was refused.")


@strawberry.type(description="A problem with activityCreate's input.")
class ActivityCreateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: ActivityCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with activityUpdate's input.")
class ActivityUpdateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: ActivityUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with activityClose's input.")
class ActivityCloseError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: ActivityCloseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of activityCreate.")
class ActivityCreatePayload:
    activity: Activity | None = strawberry.field(
        description="The new activity; null when there are errors."
    )
    errors: list[ActivityCreateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Result of activityUpdate.")
class ActivityUpdatePayload:
    activity: Activity | None = strawberry.field(
        description="The activity as it now is; null when there are errors."
    )
    errors: list[ActivityUpdateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Result of activityClose.")
class ActivityClosePayload:
    activity: Activity | None = strawberry.field(
        description="The activity, now inactive; null when there are errors."
    )
    errors: list[ActivityCloseError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Administrators' set-up of the activities.")
class ActivityAdministrationMutations:
    @strawberry.mutation(
        description="Administrators: create an activity with its rules (deadlines, "
        "capacity, waiting list, eligibility, exclusivity, monthly limit).",
        permission_classes=[Admin],
    )
    async def activity_create(
        self,
        info: strawberry.Info,
        input: Annotated[ActivityCreateInput, strawberry.argument(description="The activity.")],
    ) -> ActivityCreatePayload:
        values = ActivityValues(
            establishment_id=input_pk(input.establishment, "Establishment"),
            school_year_id=input_pk(input.school_year, "SchoolYear"),
            code=input.code,
            name=input.name,
            category=input.category,
            description=input.description,
            operating_days=input.operating_days,
            is_childcare=input.is_childcare,
            sort_order=input.sort_order,
            rules=rule_columns(input.rules),
        )
        try:
            row = await actions.activity_create(info.context, values, input.idempotency_key)
        except DomainFailure as failure:
            return ActivityCreatePayload(
                activity=None,
                errors=payload_errors(failure, ActivityCreateError, ActivityCreateErrorCode),
            )
        return ActivityCreatePayload(activity=Activity.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: change an activity or its rules (only the fields "
        "given); the rules apply from now on, and the change is audited.",
        permission_classes=[Admin],
    )
    async def activity_update(
        self,
        info: strawberry.Info,
        input: Annotated[ActivityUpdateInput, strawberry.argument(description="Changes.")],
    ) -> ActivityUpdatePayload:
        changes = given(
            code=input.code,
            name=input.name,
            description=input.description,
            category=input.category,
            operating_days=input.operating_days,
            is_childcare=input.is_childcare,
            sort_order=input.sort_order,
        )
        try:
            row = await actions.activity_update(
                info.context,
                input_pk(input.activity, "Activity"),
                changes,
                rule_columns(input.rules),
            )
        except DomainFailure as failure:
            return ActivityUpdatePayload(
                activity=None,
                errors=payload_errors(failure, ActivityUpdateError, ActivityUpdateErrorCode),
            )
        return ActivityUpdatePayload(activity=Activity.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: close an activity (no longer offered; never deleted).",
        permission_classes=[Admin],
    )
    async def activity_close(
        self,
        info: strawberry.Info,
        input: Annotated[ActivityCloseInput, strawberry.argument(description="The activity.")],
    ) -> ActivityClosePayload:
        try:
            row = await actions.activity_close(info.context, input_pk(input.activity, "Activity"))
        except DomainFailure as failure:
            return ActivityClosePayload(
                activity=None,
                errors=payload_errors(failure, ActivityCloseError, ActivityCloseErrorCode),
            )
        return ActivityClosePayload(activity=Activity.from_row(row), errors=[])
