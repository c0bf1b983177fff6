"""Administrators create and correct establishments: establishmentCreate /
establishmentUpdate."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from domain.catalogue.codes import EstablishmentCreateErrorCode, EstablishmentUpdateErrorCode
from domain.catalogue.establishments import EstablishmentValues
from kernel.results import DomainFailure
from models.establishment import EstablishmentKind
from resolvers.administration import catalogue as actions
from schema.administration.partial import KEY_DOC, UNSET_DOC, given
from schema.catalogue.types import Establishment
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin


@strawberry.input(description="A new establishment (school, centre).")
class EstablishmentCreateInput:
    code: str = strawberry.field(description="Short code used by staff, unique (≤ 40).")
    name: str = strawberry.field(description="Name shown to families (≤ 200).")
    kind: EstablishmentKind = strawberry.field(description="Kind of establishment.")
    address: str | None = strawberry.field(default=None, description="Street address.")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    city: str | None = strawberry.field(default=None, description="City.")
    phone: str | None = strawberry.field(default=None, description="Phone number.")
    email: str | None = strawberry.field(default=None, description="Email address.")
    idempotency_key: str | None = strawberry.field(default=None, description=KEY_DOC)


@strawberry.input(description="Corrections to an establishment: only the fields given change.")
class EstablishmentUpdateInput:
    establishment: relay.GlobalID = strawberry.field(description="The establishment.")
    code: str | None = strawberry.field(default=strawberry.UNSET, description="Code" + UNSET_DOC)
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name" + UNSET_DOC)
    kind: EstablishmentKind | None = strawberry.field(
        default=strawberry.UNSET, description="Kind" + UNSET_DOC
    )
    address: str | None = strawberry.field(
        default=strawberry.UNSET, description="Address; null clears it" + UNSET_DOC
    )
    postal_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Postal code; null clears it" + UNSET_DOC
    )
    city: str | None = strawberry.field(
        default=strawberry.UNSET, description="City; null clears it" + UNSET_DOC
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET, description="Phone; null clears it" + UNSET_DOC
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="Email; null clears it" + UNSET_DOC
    )


error_code_enum(EstablishmentCreateErrorCode, description="Why establishmentCreate was refused.")
error_code_enum(EstablishmentUpdateErrorCode, description="Why establishmentUpdate was refused.")


@strawberry.type(description="A problem with establishmentCreate's input.")
class EstablishmentCreateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: EstablishmentCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with establishmentUpdate's input.")
class EstablishmentUpdateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: EstablishmentUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of establishmentCreate.")
class EstablishmentCreatePayload:
    establishment: Establishment | None = strawberry.field(
        description="The new establishment; null when there are errors."
    )
    errors: list[EstablishmentCreateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Result of establishmentUpdate.")
class EstablishmentUpdatePayload:
    establishment: Establishment | None = strawberry.field(
        description="The establishment as it now is; null when there are errors."
    )
    errors: list[EstablishmentUpdateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Administrators' set-up of the establishments.")
class EstablishmentAdministrationMutations:
    @strawberry.mutation(
        description="Administrators: create an establishment (school, centre).",
        permission_classes=[Admin],
    )
    async def establishment_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            EstablishmentCreateInput, strawberry.argument(description="The establishment.")
        ],
    ) -> EstablishmentCreatePayload:
        values = EstablishmentValues(
            code=input.code,
            name=input.name,
            kind=input.kind,
            address=input.address,
            postal_code=input.postal_code,
            city=input.city,
            phone=input.phone,
            email=input.email,
        )
        try:
            row = await actions.establishment_create(info.context, values, input.idempotency_key)
        except DomainFailure as failure:
            return EstablishmentCreatePayload(
                establishment=None,
                errors=payload_errors(
                    failure, EstablishmentCreateError, EstablishmentCreateErrorCode
                ),
            )
        return EstablishmentCreatePayload(establishment=Establishment.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: correct an establishment (only the fields given).",
        permission_classes=[Admin],
    )
    async def establishment_update(
        self,
        info: strawberry.Info,
        input: Annotated[EstablishmentUpdateInput, strawberry.argument(description="Changes.")],
    ) -> EstablishmentUpdatePayload:
        changes = given(
            code=input.code,
            name=input.name,
            kind=input.kind,
            address=input.address,
            postal_code=input.postal_code,
            city=input.city,
            phone=input.phone,
            email=input.email,
        )
        try:
            row = await actions.establishment_update(
                info.context, input_pk(input.establishment, "Establishment"), changes
            )
        except DomainFailure as failure:
            return EstablishmentUpdatePayload(
                establishment=None,
                errors=payload_errors(
                    failure, EstablishmentUpdateError, EstablishmentUpdateErrorCode
                ),
            )
        return EstablishmentUpdatePayload(establishment=Establishment.from_row(row), errors=[])
