"""The family file: families, guardians, children and what their files hold.

Every object checks the viewer: a parent reads only their own family, staff every family
of the tenant, reporting accounts none. Health data (diet, allergies, PAI, vaccines) is
visible to the family and staff only; the IBAN is masked for parents but its last four
characters.

Modules: ``enums`` (the Strawberry enum registrations, imported first), ``people``
(guardians, addresses, authorized persons), ``children`` (children and their files),
``money`` (bank accounts, family quotients), ``family`` (the family and its pages),
``queries`` (the entry points).
"""

# The enum registrations come first: the types below rely on them.
from schema.family.enums import (
    AllowanceRegimeEnum,
    DietEnum,
    FamilyStatusEnum,
    MaritalStatusEnum,
    QuotientSourceEnum,
    RelationshipEnum,
    SexEnum,
)

# isort: split
from schema.family.children import Child, ChildAuthorizations, HealthRecord, Vaccination
from schema.family.family import CommunicationPreferences, Family, FamilyConnection
from schema.family.money import BankAccount, FamilyQuotient, mask_iban
from schema.family.people import Address, AuthorizedPerson, Guardian
from schema.family.queries import FamilyFilter, FamilyQueries, FamilyStatusFilter, viewer_family

__all__ = [
    "Address",
    "AllowanceRegimeEnum",
    "AuthorizedPerson",
    "BankAccount",
    "Child",
    "ChildAuthorizations",
    "CommunicationPreferences",
    "DietEnum",
    "Family",
    "FamilyConnection",
    "FamilyFilter",
    "FamilyQueries",
    "FamilyQuotient",
    "FamilyStatusEnum",
    "FamilyStatusFilter",
    "Guardian",
    "HealthRecord",
    "MaritalStatusEnum",
    "QuotientSourceEnum",
    "RelationshipEnum",
    "SexEnum",
    "Vaccination",
    "mask_iban",
    "viewer_family",
]
