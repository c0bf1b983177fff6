"""Change requests of the family file: the ``Request`` node, the pending values shown beside
the current ones, and one mutation per kind of change, plus staff's decisions.

« Toute modification est soumise à une validation par la collectivité. Les modifications
qui n'ont pas encore été traitées par la collectivité sont affichées en jaune » — every
``…RequestCreate`` mutation records a request (or applies it at once when the collectivity
auto-accepts that type); staff accept (``changeRequestAccept``, applied atomically) or
refuse it with a message (``changeRequestRefuse``); the parent may cancel it while it is
not decided (``changeRequestCancel``). ``Request`` is general: reservation and absence
requests will be added to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Self

import strawberry
from strawberry import relay
from strawberry.utils.str_converters import to_camel_case

from domain import change_requests as domain
from domain.counters import format_reference
from domain.labels import label
from domain.results import DomainFailure
from models import Message as MessageRow
from models import Request as RequestRow
from models import RequestHistory as RequestHistoryRow
from models.account import Civility
from models.child import Diet, Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship
from models.request import HistoryStep, RequestStatus, RequestType
from resolvers import change_requests as actions
from resolvers import family as family_reads
from resolvers.nodes import parse_pk, rows_for_nodes
from resolvers.pagination import PaginationError
from schema.accounts import CivilityEnum
from schema.connections import CountableConnection, edges, page_info
from schema.enums import GradeEnum
from schema.errors import PublicError, forbidden, payload_errors, unauthenticated
from schema.family import Child, Family, Guardian
from schema.inputs import After, Before, First, Last, choice

# The model enums used by the inputs below are registered, with their descriptions, by the
# modules above; imported first, so that Strawberry never wraps one of them a second time.
_REGISTERED_ENUMS = (CivilityEnum, GradeEnum)

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


@strawberry.type(description="A line of « Historique de la demande », with its time.")
class RequestHistoryEntry:
    at: dt.datetime = strawberry.field(description="When it happened.")
    step: HistoryStep = strawberry.field(description="What happened.")
    status: RequestStatus = strawberry.field(description="The request's status after it.")
    status_label: str = strawberry.field(description="French label of the status.")
    label: str = strawberry.field(
        description="The line as shown (« Création de demande », « Statut : Acceptée »)."
    )
    note: str | None = strawberry.field(
        description="A precision (« Acceptation automatique », « Annulée par la famille »)."
    )

    @classmethod
    def from_row(cls, row: RequestHistoryRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            at=row.occurred_at,
            step=row.step,
            status=row.status,
            status_label=label(row.status),
            label=domain.history_label(row.step, row.status),
            note=row.note,
        )


@strawberry.type(description="A message from the collectivity about a request.")
class RequestMessage:
    subject: str = strawberry.field(description="Subject.")
    body: str = strawberry.field(description="Text of the message.")
    from_staff: bool = strawberry.field(description="Written by the collectivity's staff.")
    created_at: dt.datetime = strawberry.field(description="When it was written.")

    @classmethod
    def from_row(cls, row: MessageRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            subject=row.subject, body=row.body, from_staff=row.from_staff, created_at=row.created_at
        )


@strawberry.type(
    description="One field a change request touches: the value on file and the proposed "
    "one, both formatted in French for display (the portal shows pending values in yellow "
    "beside the current ones)."
)
class FieldChange:
    request_row: strawberry.Private[RequestRow]
    field: str = strawberry.field(
        description="Name of the field, as in the request's input (« mobilePhone »)."
    )
    label: str = strawberry.field(description="French label (« Téléphone portable »).")
    current_value: str | None = strawberry.field(
        description="The value on file when the request was made (once accepted: the value "
        "it replaced); null when empty. IBANs are masked for parents."
    )
    proposed_value: str | None = strawberry.field(
        description="The proposed value; null when the field is to be emptied (or, for a "
        "removal, the person is removed). IBANs are masked for parents."
    )
    subject: str | None = strawberry.field(
        description="Whom the change is about when it is not the object showing it (an "
        "authorized person: « Jean-Pierre BERTRAND »)."
    )

    @strawberry.field(description="The request proposing this change.")
    def request(self) -> Request:
        return Request.from_row(self.request_row)


async def field_changes(info: strawberry.Info, rows: Iterable[RequestRow]) -> list[FieldChange]:
    """The field changes of visible requests, with school names looked up in one batch."""
    rows = list(rows)
    ids: set[int] = set()
    for row in rows:
        ids |= domain.school_ids(row)
    names = await actions.school_names(info.context, ids)
    masked = not info.context.viewer.is_staff
    return [
        FieldChange(
            request_row=row,
            field=change.field,
            label=change.label,
            current_value=change.current,
            proposed_value=change.proposed,
            subject=change.subject,
        )
        for row in rows
        for change in domain.displayed_changes(row, school_names=names, mask_iban=masked)
    ]


async def pending_changes(
    info: strawberry.Info,
    family_pk: int,
    *,
    guardian_pk: int | None = None,
    child_pk: int | None = None,
) -> list[FieldChange]:
    """Values awaiting the collectivity's decision for a guardian, a child, or (neither
    given) the family itself — one batched read for the whole family file."""
    if not info.context.viewer.can_read_family(family_pk):
        return []
    rows = await actions.open_changes_of_family(info.context, family_pk)
    selected = domain.pending_for(
        rows,
        guardian_id=guardian_pk,
        child_id=child_pk,
        family_level=guardian_pk is None and child_pk is None,
    )
    return await field_changes(info, selected)


@strawberry.type(
    description="A request (demande) of a family: a change to the family file for now; "
    "reservations and absences later. Visible to the family and the collectivity's staff."
)
class Request(relay.Node):
    pk: relay.NodeID[int]
    row: strawberry.Private[RequestRow]
    reference: int = strawberry.field(description="Number of the request (17378981).")
    reference_label: str = strawberry.field(
        description="The number as printed in « Mes demandes » and mails (« 17 378 981 »)."
    )
    type: RequestType = strawberry.field(description="Type demande.")
    type_label: str = strawberry.field(
        description="French label (« Modification du responsable »)."
    )
    status: RequestStatus = strawberry.field(description="Where the request stands.")
    status_label: str = strawberry.field(
        description="French label of the status (« En cours d'instruction »)."
    )
    created_at: dt.datetime = strawberry.field(description="When the family made it.")
    decided_at: dt.datetime | None = strawberry.field(
        description="When it was accepted or refused (null: not decided)."
    )
    comment: str | None = strawberry.field(description="The family's comment.")

    @classmethod
    def from_row(cls, row: RequestRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            row=row,
            reference=row.reference,
            reference_label=format_reference(row.reference),
            type=row.type,
            type_label=label(row.type),
            status=row.status,
            status_label=label(row.status),
            created_at=row.created_at,
            decided_at=row.decided_at,
            comment=row.comment,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        rows = await rows_for_nodes(node_ids, lambda ids: actions.requests_by_id(info.context, ids))
        return [cls.from_row(row) if row is not None else None for row in rows]

    @strawberry.field(description="« Historique de la demande », oldest first.")
    async def history(self, info: strawberry.Info) -> list[RequestHistoryEntry]:
        rows = await actions.history_of(info.context, self.pk)
        return [RequestHistoryEntry.from_row(r) for r in rows]

    @strawberry.field(description="Messages from the collectivity about this request.")
    async def messages(self, info: strawberry.Info) -> list[RequestMessage]:
        return [
            RequestMessage.from_row(r) for r in await actions.messages_of(info.context, self.pk)
        ]

    @strawberry.field(
        description="For a change to the family file: each field touched, with the value "
        "on file and the proposed one (empty for other requests)."
    )
    async def changes(self, info: strawberry.Info) -> list[FieldChange]:
        return await field_changes(info, [self.row])

    @strawberry.field(description="The family that made the request.")
    async def family(self, info: strawberry.Info) -> Family | None:
        (row,) = await family_reads.families_by_id(info.context, [self.row.family_id])
        return Family.from_row(row) if row is not None else None

    @strawberry.field(description="The guardian the request is about (null: none).")
    async def guardian(self, info: strawberry.Info) -> Guardian | None:
        if self.row.guardian_id is None:
            return None
        (row,) = await family_reads.guardians_by_id(info.context, [self.row.guardian_id])
        return Guardian.from_row(row) if row is not None else None

    @strawberry.field(description="The child the request is about (null: none).")
    async def child(self, info: strawberry.Info) -> Child | None:
        if self.row.child_id is None:
            return None
        (row,) = await family_reads.children_by_id(info.context, [self.row.child_id])
        return Child.from_row(row) if row is not None else None


@strawberry.type(description="A page of requests, newest first.")
class RequestConnection(CountableConnection, relay.Connection[Request]):
    pass


@strawberry.input(description="Match one request status or any of several.")
class RequestStatusFilter:
    eq: RequestStatus | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[RequestStatus] | None = strawberry.field(
        default=None, description="Any of these (« En cours »: PENDING and TRANSMITTED)."
    )


@strawberry.input(description="Match one request type or any of several.")
class RequestTypeFilter:
    eq: RequestType | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[RequestType] | None = strawberry.field(default=None, description="Any of these.")


@strawberry.input(description="Filters on change requests.")
class ChangeRequestFilter:
    status: RequestStatusFilter | None = strawberry.field(default=None, description="By status.")
    type: RequestTypeFilter | None = strawberry.field(default=None, description="By type.")
    family: relay.GlobalID | None = strawberry.field(
        default=None, description="Staff: only this family's requests."
    )
    reference: str | None = strawberry.field(
        default=None, description="The request with this number (« 17 378 981 » or 17378981)."
    )


@strawberry.type(description="Entry points to change requests.")
class ChangeRequestQueries:
    @strawberry.field(
        description="Changes to family files, newest first: staff see the collectivity's, a "
        "parent their own family's (« Mes demandes »). Relay pagination (≤ 100 per page)."
    )
    async def change_requests(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[
            ChangeRequestFilter | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> RequestConnection:
        viewer = info.context.viewer
        if viewer.is_anonymous:
            raise unauthenticated()
        if not (viewer.is_staff or viewer.is_parent):
            raise forbidden()
        where = where or ChangeRequestFilter()
        family_pk = None
        if where.family is not None:
            family_pk = _pk(where.family, "Family") or -1
        try:
            page = await actions.change_requests_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                statuses=choice(where.status.eq, where.status.one_of) if where.status else None,
                types=choice(where.type.eq, where.type.one_of) if where.type else None,
                family_id=family_pk,
                reference=where.reference,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return RequestConnection(
            edges=edges(page, Request.from_row), page_info=page_info(page), _count=page.total_count
        )


# --- inputs ----------------------------------------------------------------------------

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


# --- payloads and error codes ------------------------------------------------------------

_CREATED_DOC = (
    "The request recorded (already accepted when the collectivity auto-accepts this type); "
    "null when there are errors."
)


@strawberry.enum(description="Why guardianChangeRequestCreate was refused.")
class GuardianChangeRequestCreateErrorCode(enum.Enum):
    ALLOCATAIRE_INCOMPLETE = "ALLOCATAIRE_INCOMPLETE"
    ALLOCATAIRE_TAKEN = "ALLOCATAIRE_TAKEN"
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_A_MOBILE = "NOT_A_MOBILE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with guardianChangeRequestCreate's input.")
class GuardianChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: GuardianChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of guardianChangeRequestCreate.")
class GuardianChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[GuardianChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why guardianAddressChangeRequestCreate was refused.")
class GuardianAddressChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with guardianAddressChangeRequestCreate's input.")
class GuardianAddressChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: GuardianAddressChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of guardianAddressChangeRequestCreate.")
class GuardianAddressChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[GuardianAddressChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why bankAccountChangeRequestCreate was refused.")
class BankAccountChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_BIC = "INVALID_BIC"
    INVALID_IBAN = "INVALID_IBAN"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with bankAccountChangeRequestCreate's input.")
class BankAccountChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: BankAccountChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of bankAccountChangeRequestCreate.")
class BankAccountChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[BankAccountChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why childChangeRequestCreate was refused.")
class ChildChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATE = "INVALID_DATE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with childChangeRequestCreate's input.")
class ChildChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of childChangeRequestCreate.")
class ChildChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildChangeRequestCreateError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why childComplementChangeRequestCreate was refused.")
class ChildComplementChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with childComplementChangeRequestCreate's input.")
class ChildComplementChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildComplementChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of childComplementChangeRequestCreate.")
class ChildComplementChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildComplementChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why childAuthorizationsChangeRequestCreate was refused.")
class ChildAuthorizationsChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with childAuthorizationsChangeRequestCreate's input.")
class ChildAuthorizationsChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildAuthorizationsChangeRequestCreateErrorCode = strawberry.field(
        description="Stable code."
    )


@strawberry.type(description="Result of childAuthorizationsChangeRequestCreate.")
class ChildAuthorizationsChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildAuthorizationsChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why vaccinationsChangeRequestCreate was refused.")
class VaccinationsChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    DUPLICATE = "DUPLICATE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATE = "INVALID_DATE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


@strawberry.type(description="A problem with vaccinationsChangeRequestCreate's input.")
class VaccinationsChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: VaccinationsChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of vaccinationsChangeRequestCreate.")
class VaccinationsChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[VaccinationsChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why authorizedPersonAddRequestCreate was refused.")
class AuthorizedPersonAddRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


@strawberry.type(description="A problem with authorizedPersonAddRequestCreate's input.")
class AuthorizedPersonAddRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AuthorizedPersonAddRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of authorizedPersonAddRequestCreate.")
class AuthorizedPersonAddRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[AuthorizedPersonAddRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why authorizedPersonChangeRequestCreate was refused.")
class AuthorizedPersonChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with authorizedPersonChangeRequestCreate's input.")
class AuthorizedPersonChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AuthorizedPersonChangeRequestCreateErrorCode = strawberry.field(
        description="Stable code."
    )


@strawberry.type(description="Result of authorizedPersonChangeRequestCreate.")
class AuthorizedPersonChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[AuthorizedPersonChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why authorizedPersonRemoveRequestCreate was refused.")
class AuthorizedPersonRemoveRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with authorizedPersonRemoveRequestCreate's input.")
class AuthorizedPersonRemoveRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AuthorizedPersonRemoveRequestCreateErrorCode = strawberry.field(
        description="Stable code."
    )


@strawberry.type(description="Result of authorizedPersonRemoveRequestCreate.")
class AuthorizedPersonRemoveRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[AuthorizedPersonRemoveRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why changeRequestAccept was refused.")
class ChangeRequestAcceptErrorCode(enum.Enum):
    ALLOCATAIRE_INCOMPLETE = "ALLOCATAIRE_INCOMPLETE"
    ALLOCATAIRE_TAKEN = "ALLOCATAIRE_TAKEN"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    INVALID_DATE = "INVALID_DATE"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TARGET_GONE = "TARGET_GONE"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    WRONG_TYPE = "WRONG_TYPE"


@strawberry.type(description="A problem with changeRequestAccept's input.")
class ChangeRequestAcceptError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestAcceptErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestAccept.")
class ChangeRequestAcceptPayload:
    request: Request | None = strawberry.field(
        description="The accepted request (its values are now on the file)."
    )
    errors: list[ChangeRequestAcceptError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why changeRequestRefuse was refused.")
class ChangeRequestRefuseErrorCode(enum.Enum):
    INVALID_STATE = "INVALID_STATE"
    MESSAGE_REQUIRED = "MESSAGE_REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"
    WRONG_TYPE = "WRONG_TYPE"


@strawberry.type(description="A problem with changeRequestRefuse's input.")
class ChangeRequestRefuseError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestRefuseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestRefuse.")
class ChangeRequestRefusePayload:
    request: Request | None = strawberry.field(description="The refused request.")
    errors: list[ChangeRequestRefuseError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why changeRequestCancel was refused.")
class ChangeRequestCancelErrorCode(enum.Enum):
    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"
    WRONG_TYPE = "WRONG_TYPE"


@strawberry.type(description="A problem with changeRequestCancel's input.")
class ChangeRequestCancelError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestCancelErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestCancel.")
class ChangeRequestCancelPayload:
    request: Request | None = strawberry.field(description="The cancelled request.")
    errors: list[ChangeRequestCancelError] = strawberry.field(description="Problems, if any.")


# --- helpers -----------------------------------------------------------------------------


def _pk(global_id: relay.GlobalID | None, type_name: str) -> int | None:
    """The key inside an ID of the expected type; None otherwise (then « introuvable »,
    the same answer as for an object that does not exist or is not the viewer's)."""
    if global_id is None or global_id.type_name != type_name:
        return None
    return parse_pk(global_id.node_id)


def _given(changes: object) -> dict[str, object]:
    """The fields a ``…ChangesInput`` sets (omitted ones are left out), by API name."""
    given: dict[str, object] = {}
    for item in dataclasses.fields(changes):  # type: ignore[arg-type]
        value = getattr(changes, item.name)
        if value is strawberry.UNSET:
            continue
        if isinstance(value, relay.GlobalID):
            value = _pk(value, "Establishment") or -1
        given[to_camel_case(item.name)] = value
    return given


def _parent_only(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_parent:
        raise forbidden()


def _staff_only(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_staff:
        raise forbidden()


async def _create(
    info: strawberry.Info,
    request_type: RequestType,
    target: int | None,
    changes: Mapping[str, object],
    comment: str | None,
    idempotency_key: str | None,
) -> RequestRow | DomainFailure:
    _parent_only(info)
    try:
        return await actions.create(
            info.context,
            request_type,
            target_id=target,
            changes=changes,
            comment=comment,
            idempotency_key=idempotency_key,
        )
    except DomainFailure as failure:
        return failure


_CREATE_DOC = (
    " Parents, for their own family. Recorded as a pending request (values shown beside "
    "the current ones until staff decide), or applied at once when the collectivity "
    "auto-accepts this type."
)


@strawberry.type(description="Change requests of the family file and their decision.")
class ChangeRequestMutations:
    @strawberry.mutation(
        description="« Modification du responsable »: identity, contact details, "
        "allocataire." + _CREATE_DOC
    )
    async def guardian_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            GuardianChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> GuardianChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.GUARDIAN_CHANGE,
            _pk(input.guardian, "Guardian"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return GuardianChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome, GuardianChangeRequestCreateError, GuardianChangeRequestCreateErrorCode
                ),
            )
        return GuardianChangeRequestCreatePayload(request=Request.from_row(outcome), errors=[])

    @strawberry.mutation(description="« Modification de l'adresse du responsable »." + _CREATE_DOC)
    async def guardian_address_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            GuardianAddressChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> GuardianAddressChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            _pk(input.guardian, "Guardian"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return GuardianAddressChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    GuardianAddressChangeRequestCreateError,
                    GuardianAddressChangeRequestCreateErrorCode,
                ),
            )
        return GuardianAddressChangeRequestCreatePayload(
            request=Request.from_row(outcome), errors=[]
        )

    @strawberry.mutation(
        description="« Modification d'info bancaire principal »: holder, IBAN, BIC, direct "
        "debit. A new IBAN needs a new SEPA mandate, sent by the collectivity." + _CREATE_DOC
    )
    async def bank_account_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            BankAccountChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> BankAccountChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.BANK_ACCOUNT_CHANGE,
            _pk(input.family, "Family"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return BankAccountChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    BankAccountChangeRequestCreateError,
                    BankAccountChangeRequestCreateErrorCode,
                ),
            )
        return BankAccountChangeRequestCreatePayload(request=Request.from_row(outcome), errors=[])

    @strawberry.mutation(
        description="« Modification de l'enfant »: names, birth date, sex, school, grade."
        + _CREATE_DOC
    )
    async def child_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChildChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> ChildChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.CHILD_CHANGE,
            _pk(input.child, "Child"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return ChildChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome, ChildChangeRequestCreateError, ChildChangeRequestCreateErrorCode
                ),
            )
        return ChildChangeRequestCreatePayload(request=Request.from_row(outcome), errors=[])

    @strawberry.mutation(
        description="« Modification complément enfant »: diet, allergies, medical notes, "
        "PAI, doctor." + _CREATE_DOC
    )
    async def child_complement_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChildComplementChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> ChildComplementChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.CHILD_COMPLEMENT_CHANGE,
            _pk(input.child, "Child"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return ChildComplementChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    ChildComplementChangeRequestCreateError,
                    ChildComplementChangeRequestCreateErrorCode,
                ),
            )
        return ChildComplementChangeRequestCreatePayload(
            request=Request.from_row(outcome), errors=[]
        )

    @strawberry.mutation(
        description="« Modification des autorisations »: photo, leave alone, "
        "hospitalisation, outings." + _CREATE_DOC
    )
    async def child_authorizations_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChildAuthorizationsChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> ChildAuthorizationsChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.CHILD_AUTHORIZATIONS_CHANGE,
            _pk(input.child, "Child"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return ChildAuthorizationsChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    ChildAuthorizationsChangeRequestCreateError,
                    ChildAuthorizationsChangeRequestCreateErrorCode,
                ),
            )
        return ChildAuthorizationsChangeRequestCreatePayload(
            request=Request.from_row(outcome), errors=[]
        )

    @strawberry.mutation(
        description="« Modification des vaccins »: the complete list replaces the one on "
        "file." + _CREATE_DOC
    )
    async def vaccinations_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            VaccinationsChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> VaccinationsChangeRequestCreatePayload:
        vaccines = [(v.vaccine, v.injected_on) for v in input.vaccinations]
        outcome = await _create(
            info,
            RequestType.VACCINATION_CHANGE,
            _pk(input.child, "Child"),
            {"vaccinations": vaccines},
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return VaccinationsChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    VaccinationsChangeRequestCreateError,
                    VaccinationsChangeRequestCreateErrorCode,
                ),
            )
        return VaccinationsChangeRequestCreatePayload(request=Request.from_row(outcome), errors=[])

    @strawberry.mutation(
        description="« Ajout individu autorisation »: a person who may pick the child up or "
        "is to be called in an emergency." + _CREATE_DOC
    )
    async def authorized_person_add_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AuthorizedPersonAddRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> AuthorizedPersonAddRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.AUTHORIZED_PERSON_ADD,
            _pk(input.child, "Child"),
            _given(input.person),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return AuthorizedPersonAddRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    AuthorizedPersonAddRequestCreateError,
                    AuthorizedPersonAddRequestCreateErrorCode,
                ),
            )
        return AuthorizedPersonAddRequestCreatePayload(request=Request.from_row(outcome), errors=[])

    @strawberry.mutation(description="« Modification individu autorisation »." + _CREATE_DOC)
    async def authorized_person_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AuthorizedPersonChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> AuthorizedPersonChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.AUTHORIZED_PERSON_CHANGE,
            _pk(input.authorized_person, "AuthorizedPerson"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return AuthorizedPersonChangeRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    AuthorizedPersonChangeRequestCreateError,
                    AuthorizedPersonChangeRequestCreateErrorCode,
                ),
            )
        return AuthorizedPersonChangeRequestCreatePayload(
            request=Request.from_row(outcome), errors=[]
        )

    @strawberry.mutation(description="« Suppression individu autorisation »." + _CREATE_DOC)
    async def authorized_person_remove_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AuthorizedPersonRemoveRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> AuthorizedPersonRemoveRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.AUTHORIZED_PERSON_REMOVE,
            _pk(input.authorized_person, "AuthorizedPerson"),
            {},
            input.comment,
            input.idempotency_key,
        )
        if isinstance(outcome, DomainFailure):
            return AuthorizedPersonRemoveRequestCreatePayload(
                request=None,
                errors=payload_errors(
                    outcome,
                    AuthorizedPersonRemoveRequestCreateError,
                    AuthorizedPersonRemoveRequestCreateErrorCode,
                ),
            )
        return AuthorizedPersonRemoveRequestCreatePayload(
            request=Request.from_row(outcome), errors=[]
        )

    @strawberry.mutation(
        description="Staff: accept a change request — its values are written on the family "
        "file at once (or nothing is, if a rule no longer holds); the family is mailed."
    )
    async def change_request_accept(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChangeRequestAcceptInput, strawberry.argument(description="The decision.")
        ],
    ) -> ChangeRequestAcceptPayload:
        _staff_only(info)
        try:
            row = await actions.accept(info.context, _pk(input.request, "Request"), input.message)
        except DomainFailure as failure:
            return ChangeRequestAcceptPayload(
                request=None,
                errors=payload_errors(
                    failure, ChangeRequestAcceptError, ChangeRequestAcceptErrorCode
                ),
            )
        return ChangeRequestAcceptPayload(request=Request.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: refuse a change request with a message for the family (kept on "
        "the request and mailed); the file keeps its values."
    )
    async def change_request_refuse(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChangeRequestRefuseInput, strawberry.argument(description="The decision.")
        ],
    ) -> ChangeRequestRefusePayload:
        _staff_only(info)
        try:
            row = await actions.refuse(info.context, _pk(input.request, "Request"), input.message)
        except DomainFailure as failure:
            return ChangeRequestRefusePayload(
                request=None,
                errors=payload_errors(
                    failure, ChangeRequestRefuseError, ChangeRequestRefuseErrorCode
                ),
            )
        return ChangeRequestRefusePayload(request=Request.from_row(row), errors=[])

    @strawberry.mutation(
        description="Parent: withdraw a change request of your family while it is not decided."
    )
    async def change_request_cancel(
        self,
        info: strawberry.Info,
        input: Annotated[ChangeRequestCancelInput, strawberry.argument(description="The request.")],
    ) -> ChangeRequestCancelPayload:
        _parent_only(info)
        try:
            row = await actions.cancel(info.context, _pk(input.request, "Request"))
        except DomainFailure as failure:
            return ChangeRequestCancelPayload(
                request=None,
                errors=payload_errors(
                    failure, ChangeRequestCancelError, ChangeRequestCancelErrorCode
                ),
            )
        return ChangeRequestCancelPayload(request=Request.from_row(row), errors=[])
