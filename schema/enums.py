"""GraphQL enums, registered from the model enums (values are the stored values).

Enum values are in English. A few model enums store French values (« CELIBATAIRE »,
« PERE », « SANS_PORC »…): the database keeps them, the schema publishes each under an
English name (``bilingual_enum``) and keeps the French name one release, deprecated —
accepted as input, never returned (output gives the English name).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

import strawberry
from strawberry.types.enum import EnumValue, StrawberryEnumDefinition

from models.account import Civility
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.establishment import EstablishmentKind
from models.request import HistoryStep, RequestStatus, RequestType
from models.tenant import SchoolZone

EnumT = TypeVar("EnumT", bound=type[enum.Enum])

# Model enum → stored value → the English name it is published under.
ENGLISH_NAMES: dict[type[enum.Enum], dict[str, str]] = {}


def bilingual_enum(cls: EnumT, *, description: str, english: Mapping[str, str]) -> EnumT:
    """Register a model enum whose stored values are French under English names.

    Each French member gets an English twin with the same stored value, listed first: the
    input accepts both names (both coerce to the same member), and the output — which
    returns the first name of a value — always gives the English one. The French name is
    deprecated, for one release. The database and the domain keep the French values.
    """
    missing = {member.name for member in cls} - set(english)
    if missing:
        raise ValueError(f"{cls.__name__}: no English name for {sorted(missing)}")
    strawberry.enum(cls, description=description)
    definition: StrawberryEnumDefinition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    current: list[EnumValue] = []
    deprecated: list[EnumValue] = []
    for value in definition.values:
        name = english[value.name]
        current.append(EnumValue(name, value.value, description=value.description))
        if name != value.name:
            deprecated.append(
                EnumValue(
                    value.name,
                    value.value,
                    deprecation_reason=f"Use {name} (the same value in English).",
                    description=value.description,
                )
            )
    definition.values = current + deprecated
    ENGLISH_NAMES[cls] = {str(member.value): english[member.name] for member in cls}
    return cls


def graphql_name(enum_cls: type[enum.Enum], value: str) -> str:
    """The name a stored enum value is published under (its English name when renamed)."""
    return ENGLISH_NAMES.get(enum_cls, {}).get(value, value)


CivilityEnum = bilingual_enum(
    Civility,
    description="Civilité (« Monsieur », « Madame »).",
    english={"MONSIEUR": "MR", "MADAME": "MS"},
)
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
