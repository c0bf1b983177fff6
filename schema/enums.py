"""GraphQL enums, registered from the model enums (values are the stored values)."""

from __future__ import annotations

import enum

import strawberry

from models.account import Civility
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.establishment import EstablishmentKind
from models.request import HistoryStep, RequestStatus, RequestType
from models.tenant import SchoolZone

CivilityEnum = strawberry.enum(Civility, description="Civilité (« Monsieur », « Madame »).")
ActivityCategoryEnum = strawberry.enum(
    ActivityCategory, description="Family of activity (accueil du matin, restauration, …)."
)
OperatingDaysEnum = strawberry.enum(
    OperatingDays, description="Which days of the school year an activity runs on."
)
DeadlineKindEnum = strawberry.enum(
    DeadlineKind, description="How a booking or cancellation deadline is computed."
)
CalendarPeriodKindEnum = strawberry.enum(
    CalendarPeriodKind, description="Why days are special: holidays, closures, strikes."
)
GradeEnum = strawberry.enum(Grade, description="School grade, from TPS to CM2.")
EstablishmentKindEnum = strawberry.enum(
    EstablishmentKind, description="Kind of establishment (maternelle, élémentaire, …)."
)
SchoolZoneEnum = strawberry.enum(SchoolZone, description="French school-holiday zone.")


@strawberry.enum(description="ISO day of the week (MONDAY = 1).")
class Weekday(enum.IntEnum):
    MONDAY = 1
    TUESDAY = 2
    WEDNESDAY = 3
    THURSDAY = 4
    FRIDAY = 5
    SATURDAY = 6
    SUNDAY = 7


# The request enums: registered here, below every module whose types show them.
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
