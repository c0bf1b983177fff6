"""The model enums the change inputs rely on, registered (with their descriptions) by the
modules that own them before ``inputs`` uses them."""

from __future__ import annotations

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
