"""The request enums of the API, and the model enums the change inputs rely on."""

from __future__ import annotations

import strawberry

from models.request import HistoryStep, RequestStatus, RequestType
from schema.enums import CivilityEnum, GradeEnum
from schema.family import (
    AllowanceRegimeEnum,
    DietEnum,
    MaritalStatusEnum,
    RelationshipEnum,
    SexEnum,
)

# The model enums used by the change inputs (``inputs``) are registered, with their
# descriptions, by the modules above; imported first, so that Strawberry never wraps one
# of them a second time.
_REGISTERED_ENUMS = (
    CivilityEnum,
    GradeEnum,
    RelationshipEnum,
    MaritalStatusEnum,
    AllowanceRegimeEnum,
    SexEnum,
    DietEnum,
)

RequestTypeEnum = strawberry.enum(
    RequestType, description="Type demande: reservation, absence, a change to the file…"
)
RequestStatusEnum = strawberry.enum(
    RequestStatus,
    description="Life cycle of a request: PENDING → TRANSMITTED → ACCEPTED | "
    "PARTIALLY_ACCEPTED | REFUSED, or CANCELLED by the family before the decision.",
)
HistoryStepEnum = strawberry.enum(
    HistoryStep, description="A step of « Historique de la demande »."
)
