"""The family file: families, guardians, children and what their files hold.

Every object checks the viewer: a parent reads only their own family, staff every family
of the tenant, reporting accounts none. Health data (diet, allergies, PAI, vaccines) is
visible to the family and staff only; the IBAN is masked for parents but its last four
characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.labels import label
from models import AuthorizedPerson as AuthorizedPersonRow
from models import BankAccount as BankAccountRow
from models import Child as ChildRow
from models import Family as FamilyRow
from models import FamilyQuotient as FamilyQuotientRow
from models import Guardian as GuardianRow
from models import Vaccination as VaccinationRow
from models.account import Civility
from models.child import Diet, Grade, Sex
from models.family import (
    AllowanceRegime,
    FamilyStatus,
    MaritalStatus,
    QuotientSource,
    Relationship,
)
from resolvers import family as reads
from resolvers.nodes import rows_for_nodes
from resolvers.pagination import PaginationError
from schema.catalogue import Establishment
from schema.connections import CountableConnection, edges, page_info
from schema.errors import PublicError, forbidden, unauthenticated
from schema.inputs import choice

if TYPE_CHECKING:
    from schema.change_requests import FieldChange
    from schema.documents import Document

FamilyStatusEnum = strawberry.enum(FamilyStatus, description="Validation state of a family file.")
RelationshipEnum = strawberry.enum(Relationship, description="Qualité of a guardian.")
MaritalStatusEnum = strawberry.enum(MaritalStatus, description="Situation familiale.")
AllowanceRegimeEnum = strawberry.enum(AllowanceRegime, description="CAF or MSA.")
QuotientSourceEnum = strawberry.enum(QuotientSource, description="Origin of a QF value.")
SexEnum = strawberry.enum(Sex, description="Sex as recorded on the family file.")
DietEnum = strawberry.enum(Diet, description="Pratiques alimentaires.")


def mask_iban(iban: str) -> str:
    """« •••• •••• •••• •••• •••• •••0 189 »-style: only the last four characters shown."""
    compact = iban.replace(" ", "")
    masked = "•" * (len(compact) - 4) + compact[-4:]
    return " ".join(masked[i : i + 4] for i in range(0, len(masked), 4))


async def _nodes(
    cls: type, info: strawberry.Info, node_ids: Iterable[str], fetch: object
) -> list[object | None]:
    rows = await rows_for_nodes(node_ids, lambda ids: fetch(info.context, ids))  # type: ignore[operator]
    return [cls.from_row(row) if row is not None else None for row in rows]  # type: ignore[attr-defined]


@strawberry.type(description="Postal address.")
class Address:
    line1: str | None = strawberry.field(description="Street and number.")
    line2: str | None = strawberry.field(description="Complement.")
    postal_code: str | None = strawberry.field(description="Postal code.")
    city: str | None = strawberry.field(description="City.")
    country: str = strawberry.field(description="ISO 3166 country code (« FR »).")


@strawberry.type(description="A responsible adult of the family (RL1, RL2).")
class Guardian(relay.Node):
    pk: relay.NodeID[int]
    family_pk: strawberry.Private[int]
    rank: int = strawberry.field(description="1 for RL1, 2 for RL2.")
    civility: Civility = strawberry.field(description="Civilité.")
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    birth_name: str | None = strawberry.field(description="Nom de naissance.")
    relationship: Relationship | None = strawberry.field(description="Qualité.")
    relationship_label: str | None = strawberry.field(description="French label of the qualité.")
    marital_status: MaritalStatus | None = strawberry.field(description="Situation familiale.")
    marital_status_label: str | None = strawberry.field(description="French label.")
    email: str | None = strawberry.field(description="Email address.")
    phone: str | None = strawberry.field(description="Landline phone.")
    mobile_phone: str | None = strawberry.field(description="Mobile phone.")
    work_phone: str | None = strawberry.field(description="Work phone.")
    address: Address = strawberry.field(description="Postal address.")
    profession: str | None = strawberry.field(description="Profession.")
    employer: str | None = strawberry.field(description="Employer.")
    is_payer: bool = strawberry.field(description="Invoices are in this guardian's name.")
    is_allocataire: bool = strawberry.field(
        description="The family's CAF/MSA allocataire (at most one per family)."
    )
    allowance_regime: AllowanceRegime | None = strawberry.field(description="CAF or MSA.")
    allocataire_number: str | None = strawberry.field(description="Numéro d'allocataire.")
    consents_quotient_lookup: bool = strawberry.field(
        description="Authorizes the town to fetch the family quotient from the CAF."
    )

    @classmethod
    def from_row(cls, row: GuardianRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            family_pk=row.family_id,
            rank=row.rank,
            civility=row.civility,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_name=row.birth_name,
            relationship=row.relationship,
            relationship_label=label(row.relationship) if row.relationship else None,
            marital_status=row.marital_status,
            marital_status_label=label(row.marital_status) if row.marital_status else None,
            email=row.email,
            phone=row.phone,
            mobile_phone=row.mobile_phone,
            work_phone=row.work_phone,
            address=Address(
                line1=row.address_line1,
                line2=row.address_line2,
                postal_code=row.postal_code,
                city=row.city,
                country=row.country,
            ),
            profession=row.profession,
            employer=row.employer,
            is_payer=row.is_payer,
            is_allocataire=row.is_allocataire,
            allowance_regime=row.allowance_regime,
            allocataire_number=row.allocataire_number,
            consents_quotient_lookup=row.consents_quotient_lookup,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _nodes(cls, info, node_ids, reads.guardians_by_id)  # type: ignore[return-value]

    @strawberry.field(description="The family of this guardian.")
    async def family(self, info: strawberry.Info) -> Family | None:
        (row,) = await reads.families_by_id(info.context, [self.family_pk])
        return Family.from_row(row) if row is not None else None

    @strawberry.field(
        description="Values awaiting the collectivity's decision (shown in yellow beside "
        "the current ones): identity, contact details, address."
    )
    async def pending_changes(
        self, info: strawberry.Info
    ) -> list[Annotated[FieldChange, strawberry.lazy("schema.change_requests")]]:
        from schema.change_requests import pending_changes

        return await pending_changes(info, self.family_pk, guardian_pk=self.pk)


@strawberry.type(description="The four authorizations of the child's file.")
class ChildAuthorizations:
    photo: bool = strawberry.field(description="J'autorise mon enfant à être pris en photo.")
    leave_alone: bool = strawberry.field(description="J'autorise mon enfant à partir seul.")
    hospitalisation: bool = strawberry.field(
        description="J'autorise mon enfant à être hospitalisé en cas de besoin."
    )
    outings_with_staff: bool = strawberry.field(
        description="J'autorise mon enfant à sortir de l'école, accompagné par le personnel."
    )


@strawberry.type(description="A vaccine injection.")
class Vaccination:
    vaccine: str = strawberry.field(description="Vaccine name.")
    injected_on: dt.date = strawberry.field(description="Date of the injection.")

    @classmethod
    def from_row(cls, row: VaccinationRow) -> Self:
        """Map a database row to the API type."""
        return cls(vaccine=row.vaccine, injected_on=row.injected_on)


@strawberry.type(description="Données sanitaires (family and staff only).")
class HealthRecord:
    diet: Diet = strawberry.field(description="Pratiques alimentaires.")
    diet_label: str = strawberry.field(description="French label of the diet.")
    food_allergies: str | None = strawberry.field(description="Food allergies.")
    other_allergies: str | None = strawberry.field(description="Other allergies.")
    medical_notes: str | None = strawberry.field(description="Other medical information.")
    has_pai: bool = strawberry.field(description="Has an individual care plan (PAI).")
    pai_details: str | None = strawberry.field(description="PAI details.")
    doctor_name: str | None = strawberry.field(description="Family doctor.")
    doctor_phone: str | None = strawberry.field(description="Doctor's phone.")
    vaccinations: list[Vaccination] = strawberry.field(description="Vaccines, by date.")


@strawberry.type(description="An adult who may pick the child up or is to be called.")
class AuthorizedPerson(relay.Node):
    pk: relay.NodeID[int]
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    relationship: str | None = strawberry.field(description="Lien avec l'enfant.")
    phone: str = strawberry.field(description="Phone number.")
    can_pick_up: bool = strawberry.field(description="May pick the child up.")
    emergency_contact: bool = strawberry.field(description="To call in an emergency.")

    @classmethod
    def from_row(cls, row: AuthorizedPersonRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            relationship=row.relationship,
            phone=row.phone,
            can_pick_up=row.can_pick_up,
            emergency_contact=row.emergency_contact,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _nodes(cls, info, node_ids, reads.authorized_persons_by_id)  # type: ignore[return-value]


@strawberry.type(description="A child of the family.")
class Child(relay.Node):
    pk: relay.NodeID[int]
    family_pk: strawberry.Private[int]
    school_pk: strawberry.Private[int | None]
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    birth_date: dt.date = strawberry.field(description="Date de naissance.")
    sex: Sex = strawberry.field(description="Sexe.")
    grade: Grade | None = strawberry.field(description="Classe (PS … CM2).")
    grade_label: str | None = strawberry.field(description="French label of the grade.")

    @classmethod
    def from_row(cls, row: ChildRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            family_pk=row.family_id,
            school_pk=row.school_id,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
            sex=row.sex,
            grade=row.grade,
            grade_label=label(row.grade) if row.grade else None,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _nodes(cls, info, node_ids, reads.children_by_id)  # type: ignore[return-value]

    @strawberry.field(description="The child's school.")
    async def school(self, info: strawberry.Info) -> Establishment | None:
        if self.school_pk is None:
            return None
        row = await info.context.loaders.establishment.load(self.school_pk)
        return Establishment.from_row(row) if row is not None else None

    @strawberry.field(description="The family of this child.")
    async def family(self, info: strawberry.Info) -> Family | None:
        (row,) = await reads.families_by_id(info.context, [self.family_pk])
        return Family.from_row(row) if row is not None else None

    @strawberry.field(description="Authorizations (photo, leave alone, hospital, outings).")
    async def authorizations(self, info: strawberry.Info) -> ChildAuthorizations:
        row = await reads.authorizations_of(info.context, self.pk)
        if row is None:
            return ChildAuthorizations(
                photo=False, leave_alone=False, hospitalisation=False, outings_with_staff=False
            )
        return ChildAuthorizations(
            photo=row.photo,
            leave_alone=row.leave_alone,
            hospitalisation=row.hospitalisation,
            outings_with_staff=row.outings_with_staff,
        )

    @strawberry.field(description="Health data: visible to the family and staff only.")
    async def health_record(self, info: strawberry.Info) -> HealthRecord | None:
        if not info.context.viewer.can_read_health_data(self.family_pk):
            return None
        row = await reads.health_record_of(info.context, self.pk)
        vaccinations = [
            Vaccination.from_row(v) for v in await reads.vaccinations_of(info.context, self.pk)
        ]
        if row is None:
            return HealthRecord(
                diet=Diet.STANDARD,
                diet_label=label(Diet.STANDARD),
                food_allergies=None,
                other_allergies=None,
                medical_notes=None,
                has_pai=False,
                pai_details=None,
                doctor_name=None,
                doctor_phone=None,
                vaccinations=vaccinations,
            )
        return HealthRecord(
            diet=row.diet,
            diet_label=label(row.diet),
            food_allergies=row.food_allergies,
            other_allergies=row.other_allergies,
            medical_notes=row.medical_notes,
            has_pai=row.has_pai,
            pai_details=row.pai_details,
            doctor_name=row.doctor_name,
            doctor_phone=row.doctor_phone,
            vaccinations=vaccinations,
        )

    @strawberry.field(description="Authorized persons and emergency contacts.")
    async def authorized_persons(self, info: strawberry.Info) -> list[AuthorizedPerson]:
        rows = await reads.authorized_persons_of(info.context, self.pk)
        return [AuthorizedPerson.from_row(r) for r in rows]

    @strawberry.field(
        description="Values awaiting the collectivity's decision (shown in yellow beside "
        "the current ones): general information, health, authorizations, vaccines, "
        "authorized persons."
    )
    async def pending_changes(
        self, info: strawberry.Info
    ) -> list[Annotated[FieldChange, strawberry.lazy("schema.change_requests")]]:
        from schema.change_requests import pending_changes

        return await pending_changes(info, self.family_pk, child_pk=self.pk)

    @strawberry.field(description="The child's photo: the latest accepted CHILD_PHOTO document.")
    async def photo(
        self, info: strawberry.Info
    ) -> Annotated[Document, strawberry.lazy("schema.documents")] | None:
        from schema.documents import child_photo

        return await child_photo(info, self.pk)


@strawberry.type(description="A bank account for direct debit, with its SEPA mandate.")
class BankAccount(relay.Node):
    pk: relay.NodeID[int]
    holder_name: str = strawberry.field(description="Titulaire du compte.")
    iban: str = strawberry.field(description="IBAN; parents see only its last four characters.")
    bic: str | None = strawberry.field(description="BIC.")
    is_primary: bool = strawberry.field(description="The account debited.")
    mandate_reference: str | None = strawberry.field(description="Mandate reference (RUM).")
    mandate_signed_on: dt.date | None = strawberry.field(description="Mandate signature date.")

    @classmethod
    def from_row(cls, row: BankAccountRow, *, masked: bool = True) -> Self:
        """Map a row; the IBAN is masked unless the viewer is staff."""
        return cls(
            pk=row.id,
            holder_name=row.holder_name,
            iban=mask_iban(row.iban) if masked else row.iban,
            bic=row.bic,
            is_primary=row.is_primary,
            mandate_reference=row.mandate_reference,
            mandate_signed_on=row.mandate_signed_on,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        rows = await rows_for_nodes(
            node_ids, lambda ids: reads.bank_accounts_by_id(info.context, ids)
        )
        masked = not info.context.viewer.is_staff
        return [cls.from_row(row, masked=masked) if row is not None else None for row in rows]


@strawberry.type(description="A family quotient value with its source and validity.")
class FamilyQuotient:
    value: int = strawberry.field(description="Quotient familial (euros).")
    source: QuotientSource = strawberry.field(description="CAF, MSA or entered by staff.")
    valid_from: dt.date = strawberry.field(description="First day of validity.")
    valid_to: dt.date | None = strawberry.field(description="Last day (null: open-ended).")

    @classmethod
    def from_row(cls, row: FamilyQuotientRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            value=row.value, source=row.source, valid_from=row.valid_from, valid_to=row.valid_to
        )


@strawberry.type(description="How the family wants to be contacted and billed.")
class CommunicationPreferences:
    accepts_email: bool = strawberry.field(description="Accepte de recevoir des e-mails.")
    accepts_sms: bool = strawberry.field(description="Accepte de recevoir des SMS.")
    accepts_post: bool = strawberry.field(description="Accepte de recevoir des courriers.")
    paper_invoice: bool = strawberry.field(description="Facture aussi envoyée par courrier.")
    reminder_by_email: bool = strawberry.field(description="Relance de paiement par e-mail.")
    reminder_by_sms: bool = strawberry.field(description="Relance de paiement par SMS.")
    reminder_by_post: bool = strawberry.field(description="Relance de paiement par courrier.")


@strawberry.type(description="A household file (dossier famille).")
class Family(relay.Node):
    pk: relay.NodeID[int]
    subscriber_code: str | None = strawberry.field(
        description="Code abonné, assigned when staff validate the file."
    )
    name: str = strawberry.field(description="Family name.")
    status: FamilyStatus = strawberry.field(description="Validation state.")
    status_label: str = strawberry.field(description="French label of the state.")
    rejection_reason: str | None = strawberry.field(description="Why staff rejected the file.")
    communication: CommunicationPreferences = strawberry.field(
        description="Consents and reminder channels."
    )
    direct_debit: bool = strawberry.field(description="Pays by direct debit (prélèvement).")
    resident: bool = strawberry.field(description="Lives in the collectivity.")
    created_at: dt.datetime = strawberry.field(description="When the file was submitted.")
    validated_at: dt.datetime | None = strawberry.field(description="When staff validated it.")

    @classmethod
    def from_row(cls, row: FamilyRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            subscriber_code=row.subscriber_code,
            name=row.name,
            status=row.status,
            status_label=label(row.status),
            rejection_reason=row.rejection_reason,
            communication=CommunicationPreferences(
                accepts_email=row.accepts_email,
                accepts_sms=row.accepts_sms,
                accepts_post=row.accepts_post,
                paper_invoice=row.paper_invoice,
                reminder_by_email=row.reminder_by_email,
                reminder_by_sms=row.reminder_by_sms,
                reminder_by_post=row.reminder_by_post,
            ),
            direct_debit=row.direct_debit,
            resident=row.resident,
            created_at=row.created_at,
            validated_at=row.validated_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        return await _nodes(cls, info, node_ids, reads.families_by_id)  # type: ignore[return-value]

    @strawberry.field(description="Guardians, RL1 first.")
    async def guardians(self, info: strawberry.Info) -> list[Guardian]:
        return [Guardian.from_row(r) for r in await reads.guardians_of(info.context, self.pk)]

    @strawberry.field(description="Children, eldest first.")
    async def children(self, info: strawberry.Info) -> list[Child]:
        return [Child.from_row(r) for r in await reads.children_of(info.context, self.pk)]

    @strawberry.field(description="Bank accounts (IBAN masked for parents).")
    async def bank_accounts(self, info: strawberry.Info) -> list[BankAccount]:
        masked = not info.context.viewer.is_staff
        rows = await reads.bank_accounts_of(info.context, self.pk)
        return [BankAccount.from_row(r, masked=masked) for r in rows]

    @strawberry.field(
        description="Family-level values awaiting the collectivity's decision (bank "
        "details, direct debit), shown beside the current ones; IBANs masked for parents."
    )
    async def pending_changes(
        self, info: strawberry.Info
    ) -> list[Annotated[FieldChange, strawberry.lazy("schema.change_requests")]]:
        from schema.change_requests import pending_changes

        return await pending_changes(info, self.pk)

    @strawberry.field(description="Documents of « Mes documents », newest first.")
    async def documents(
        self, info: strawberry.Info
    ) -> list[Annotated[Document, strawberry.lazy("schema.documents")]]:
        from schema.documents import family_documents

        return await family_documents(info, self.pk)

    @strawberry.field(description="Family quotients, latest first.")
    async def quotients(self, info: strawberry.Info) -> list[FamilyQuotient]:
        rows = await reads.quotients_of(info.context, self.pk)
        return [FamilyQuotient.from_row(r) for r in rows]

    @strawberry.field(
        description="The quotient valid on a date (default today); null: none known, "
        "the highest price bracket applies."
    )
    async def quotient(
        self,
        info: strawberry.Info,
        on: Annotated[
            dt.date | None, strawberry.argument(description="Date (default: today).")
        ] = None,
    ) -> FamilyQuotient | None:
        day = on or dt.date.today()
        for row in await reads.quotients_of(info.context, self.pk):
            if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to):
                return FamilyQuotient.from_row(row)
        return None


@strawberry.type(description="A page of families.")
class FamilyConnection(CountableConnection, relay.Connection[Family]):
    pass


@strawberry.input(description="Match one family status or any of several.")
class FamilyStatusFilter:
    eq: FamilyStatus | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[FamilyStatus] | None = strawberry.field(default=None, description="Any of these.")


@strawberry.input(description="Filters on families.")
class FamilyFilter:
    status: FamilyStatusFilter | None = strawberry.field(default=None, description="By state.")
    search: str | None = strawberry.field(
        default=None, description="Case-insensitive search in the name and subscriber code."
    )


@strawberry.type(description="Entry points to family files.")
class FamilyQueries:
    @strawberry.field(
        description="Staff: the families of the collectivity, by name. "
        "Relay pagination (≤ 100 per page)."
    )
    async def families(
        self,
        info: strawberry.Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size, forwards.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
        last: Annotated[
            int | None, strawberry.argument(description="Page size, backwards.")
        ] = None,
        before: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
        where: Annotated[FamilyFilter | None, strawberry.argument(description="Filters.")] = None,
    ) -> FamilyConnection:
        viewer = info.context.viewer
        if viewer.is_anonymous:
            raise unauthenticated()
        if not viewer.is_staff:
            raise forbidden()
        where = where or FamilyFilter()
        status = where.status
        try:
            page = await reads.families_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                statuses=choice(status.eq, status.one_of) if status else None,
                search=where.search,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return FamilyConnection(
            edges=edges(page, Family.from_row), page_info=page_info(page), _count=page.total_count
        )


async def viewer_family(info: strawberry.Info) -> Family | None:
    """The viewer's own family (parents linked to a guardian), else null."""
    family_id = info.context.viewer.family_id
    if family_id is None:
        return None
    (row,) = await reads.families_by_id(info.context, [family_id])
    return Family.from_row(row) if row is not None else None
