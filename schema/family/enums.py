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
from schema.enums import bilingual_enum

FamilyStatusEnum = strawberry.enum(FamilyStatus, description="Validation state of a family file.")
RelationshipEnum = bilingual_enum(
    Relationship,
    description="Qualité of a guardian.",
    english={
        "PERE": "FATHER",
        "MERE": "MOTHER",
        "TUTEUR": "MALE_GUARDIAN",
        "TUTRICE": "FEMALE_GUARDIAN",
        "BEAU_PERE": "STEPFATHER",
        "BELLE_MERE": "STEPMOTHER",
        "GRAND_PARENT": "GRANDPARENT",
        "FAMILLE_ACCUEIL": "FOSTER_FAMILY",
        "AUTRE": "OTHER",
    },
)
MaritalStatusEnum = bilingual_enum(
    MaritalStatus,
    description="Situation familiale.",
    english={
        "CELIBATAIRE": "SINGLE",
        "MARIE": "MARRIED",
        "PACSE": "CIVIL_PARTNERSHIP",
        "CONCUBINAGE": "COHABITING",
        "SEPARE": "SEPARATED",
        "DIVORCE": "DIVORCED",
        "VEUF": "WIDOWED",
    },
)
AllowanceRegimeEnum = strawberry.enum(AllowanceRegime, description="CAF or MSA.")
QuotientSourceEnum = strawberry.enum(QuotientSource, description="Origin of a QF value.")
SexEnum = strawberry.enum(Sex, description="Sex as recorded on the family file.")
DietEnum = bilingual_enum(
    Diet,
    description="Pratiques alimentaires.",
    english={
        "STANDARD": "STANDARD",
        "SANS_PORC": "NO_PORK",
        "SANS_VIANDE": "NO_MEAT",
        "VEGETARIEN": "VEGETARIAN",
        "PAI": "PACKED_MEAL",
    },
)
