"""The model enums of the family file, registered with Strawberry with their descriptions.

Imported first by the package, so that every type below finds them registered.
"""

import strawberry

from models.child import Diet, Sex
from models.family import (
    AllowanceRegime,
    FamilyStatus,
    MaritalStatus,
    QuotientSource,
    Relationship,
)

FamilyStatusEnum = strawberry.enum(FamilyStatus, description="Validation state of a family file.")
RelationshipEnum = strawberry.enum(Relationship, description="Qualité of a guardian.")
MaritalStatusEnum = strawberry.enum(MaritalStatus, description="Situation familiale.")
AllowanceRegimeEnum = strawberry.enum(AllowanceRegime, description="CAF or MSA.")
QuotientSourceEnum = strawberry.enum(QuotientSource, description="Origin of a QF value.")
SexEnum = strawberry.enum(Sex, description="Sex as recorded on the family file.")
DietEnum = strawberry.enum(Diet, description="Pratiques alimentaires.")
