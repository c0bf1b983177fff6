"""The inputs of the change-request mutations: values to change, and the decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from models.account import Civility
from models.child import Diet, Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship
from schema.change_requests import enums as _registered  # noqa: F401  (the model enums below, with their descriptions)

_CLEAR = "Omit to keep the value on file; null empties it."


def _opt(description: str) -> Any:
    return strawberry.field(default=strawberry.UNSET, description=f"{description} {_CLEAR}")


@strawberry.input(description="New values for a guardian's identity and contact details.")
class GuardianChangesInput:
    civility: Civility | None = _opt("Civilité.")
    first_name: str | None = _opt("Prénom.")
    last_name: str | None = _opt("Nom.")
    birth_name: str | None = _opt("Nom de naissance.")
    relationship: Relationship | None = _opt("Qualité.")
    marital_status: MaritalStatus | None = _opt("Situation familiale.")
    phone: str | None = _opt("Landline phone.")
    mobile_phone: str | None = _opt("Mobile phone (must receive SMS).")
    work_phone: str | None = _opt("Work phone.")
    email: str | None = _opt("Email address.")
    profession: str | None = _opt("Profession.")
    employer: str | None = _opt("Employer.")
    is_allocataire: bool | None = _opt(
        "The family's CAF/MSA allocataire (one per family; needs a regime and a number)."
    )
    allowance_regime: AllowanceRegime | None = _opt("CAF or MSA.")
    allocataire_number: str | None = _opt("Numéro d'allocataire.")
    consents_quotient_lookup: bool | None = _opt(
        "Authorizes the town to fetch the family quotient from the CAF."
    )


@strawberry.input(description="A guardian's new postal address.")
class GuardianAddressChangesInput:
    address_line1: str | None = _opt("Street and number.")
    address_line2: str | None = _opt("Complement.")
    postal_code: str | None = _opt("Postal code (5 digits in France).")
    city: str | None = _opt("City.")
    country: str | None = _opt("ISO 3166 country code (« FR »).")


@strawberry.input(description="New bank details for direct debit (the primary account).")
class BankAccountChangesInput:
    holder_name: str | None = _opt("Titulaire du compte.")
    iban: str | None = _opt("IBAN (checked, spaces allowed).")
    bic: str | None = _opt("BIC of a bank of the IBAN's country.")
    direct_debit: bool | None = _opt("Pay by direct debit (needs bank details).")


@strawberry.input(description="New values for a child's general information.")
class ChildChangesInput:
    first_name: str | None = _opt("Prénom.")
    last_name: str | None = _opt("Nom.")
    birth_date: dt.date | None = _opt("Date de naissance.")
    sex: Sex | None = _opt("Sexe.")
    school: relay.GlobalID | None = _opt("The child's school (an Establishment).")
    grade: Grade | None = _opt("Classe.")


@strawberry.input(description="New values for a child's complementary data (health).")
class ChildComplementChangesInput:
    diet: Diet | None = _opt("Pratiques alimentaires.")
    food_allergies: str | None = _opt("Food allergies.")
    other_allergies: str | None = _opt("Other allergies.")
    medical_notes: str | None = _opt("Other medical information.")
    has_pai: bool | None = _opt("Has an individual care plan (PAI).")
    pai_details: str | None = _opt("PAI details.")
    doctor_name: str | None = _opt("Family doctor.")
    doctor_phone: str | None = _opt("Doctor's phone.")


@strawberry.input(description="New answers to the child's four authorizations.")
class ChildAuthorizationsChangesInput:
    photo: bool | None = _opt("J'autorise mon enfant à être pris en photo.")
    leave_alone: bool | None = _opt("J'autorise mon enfant à partir seul.")
    hospitalisation: bool | None = _opt(
        "J'autorise mon enfant à être hospitalisé en cas de besoin."
    )
    outings_with_staff: bool | None = _opt(
        "J'autorise mon enfant à sortir de l'école, accompagné par le personnel."
    )


@strawberry.input(description="A vaccine injection.")
class VaccinationInput:
    vaccine: str = strawberry.field(description="Vaccine name.")
    injected_on: dt.date = strawberry.field(description="Date of the injection.")


@strawberry.input(description="A new authorized person or emergency contact.")
class AuthorizedPersonInput:
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    relationship: str | None = strawberry.field(
        default=None, description="Lien avec l'enfant (« Grand-père »)."
    )
    phone: str = strawberry.field(description="Phone number.")
    can_pick_up: bool = strawberry.field(default=True, description="May pick the child up.")
    emergency_contact: bool = strawberry.field(
        default=False, description="To call in an emergency."
    )


@strawberry.input(description="New values for an authorized person.")
class AuthorizedPersonChangesInput:
    first_name: str | None = _opt("Prénom.")
    last_name: str | None = _opt("Nom.")
    relationship: str | None = _opt("Lien avec l'enfant.")
    phone: str | None = _opt("Phone number.")
    can_pick_up: bool | None = _opt("May pick the child up.")
    emergency_contact: bool | None = _opt("To call in an emergency.")


_COMMENT = "A comment for the collectivity."
_KEY = "Any unique string: a retry with the same key returns the first result, creates nothing."


@strawberry.input(description="Ask to change a guardian's identity or contact details.")
class GuardianChangeRequestCreateInput:
    guardian: relay.GlobalID = strawberry.field(description="The guardian (of your family).")
    changes: GuardianChangesInput = strawberry.field(description="Only the fields to change.")
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to change a guardian's postal address.")
class GuardianAddressChangeRequestCreateInput:
    guardian: relay.GlobalID = strawberry.field(description="The guardian (of your family).")
    changes: GuardianAddressChangesInput = strawberry.field(
        description="Only the fields to change."
    )
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to change the family's bank details or direct debit.")
class BankAccountChangeRequestCreateInput:
    family: relay.GlobalID = strawberry.field(description="Your family.")
    changes: BankAccountChangesInput = strawberry.field(description="Only the fields to change.")
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to change a child's general information.")
class ChildChangeRequestCreateInput:
    child: relay.GlobalID = strawberry.field(description="The child (of your family).")
    changes: ChildChangesInput = strawberry.field(description="Only the fields to change.")
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to change a child's complementary (health) data.")
class ChildComplementChangeRequestCreateInput:
    child: relay.GlobalID = strawberry.field(description="The child (of your family).")
    changes: ChildComplementChangesInput = strawberry.field(
        description="Only the fields to change."
    )
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to change a child's authorizations.")
class ChildAuthorizationsChangeRequestCreateInput:
    child: relay.GlobalID = strawberry.field(description="The child (of your family).")
    changes: ChildAuthorizationsChangesInput = strawberry.field(
        description="Only the authorizations to change."
    )
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to replace a child's list of vaccines.")
class VaccinationsChangeRequestCreateInput:
    child: relay.GlobalID = strawberry.field(description="The child (of your family).")
    vaccinations: list[VaccinationInput] = strawberry.field(
        description="The complete list of vaccines (≤ 100), replacing the one on file."
    )
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to add an authorized person to a child's file.")
class AuthorizedPersonAddRequestCreateInput:
    child: relay.GlobalID = strawberry.field(description="The child (of your family).")
    person: AuthorizedPersonInput = strawberry.field(description="The person to add.")
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to change an authorized person.")
class AuthorizedPersonChangeRequestCreateInput:
    authorized_person: relay.GlobalID = strawberry.field(
        description="The authorized person (of one of your children)."
    )
    changes: AuthorizedPersonChangesInput = strawberry.field(
        description="Only the fields to change."
    )
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Ask to remove an authorized person from a child's file.")
class AuthorizedPersonRemoveRequestCreateInput:
    authorized_person: relay.GlobalID = strawberry.field(
        description="The authorized person (of one of your children)."
    )
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str | None = strawberry.field(default=None, description=_KEY)


@strawberry.input(description="Staff: accept a change request.")
class ChangeRequestAcceptInput:
    request: relay.GlobalID = strawberry.field(description="The request.")
    message: str | None = strawberry.field(
        default=None, description="A message for the family (optional)."
    )


@strawberry.input(description="Staff: refuse a change request, saying why.")
class ChangeRequestRefuseInput:
    request: relay.GlobalID = strawberry.field(description="The request.")
    message: str = strawberry.field(description="Why, for the family (required).")


@strawberry.input(description="Parent: withdraw a change request not yet decided.")
class ChangeRequestCancelInput:
    request: relay.GlobalID = strawberry.field(description="The request.")
