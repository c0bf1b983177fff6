"""A family's children and what their files hold: authorizations, health, vaccines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self, cast

import strawberry
from strawberry import relay

from domain.labels import label
from models import Child as ChildRow
from models import Vaccination as VaccinationRow
from models.child import Diet, Grade, Sex
from resolvers.family import reads
from schema.catalogue.types import Establishment
from schema.family.people import AuthorizedPerson
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.administration.registrations import Registration
    from schema.change_requests.types import FieldChange
    from schema.documents.types import Document
    from schema.family.family import Family


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


@strawberry.type(description="A child of the family.")
class Child(ScopedNode):
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
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.children_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The child's school.")
    async def school(self, info: strawberry.Info) -> Establishment | None:
        if self.school_pk is None:
            return None
        row = await info.context.loaders.establishment.load(self.school_pk)
        return Establishment.from_row(row) if row is not None else None

    @strawberry.field(description="The family of this child.")
    async def family(
        self, info: strawberry.Info
    ) -> Annotated[Family, strawberry.lazy("schema.family.family")] | None:
        (row,) = await reads.families_by_id(info.context, [self.family_pk])
        family = upward("schema.family.family", "Family")
        return family.from_row(row) if row is not None else None

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
    ) -> list[Annotated[FieldChange, strawberry.lazy("schema.change_requests.types")]]:
        pending_changes = upward("schema.change_requests.pending", "pending_changes")
        return cast(
            "list[FieldChange]", await pending_changes(info, self.family_pk, child_pk=self.pk)
        )

    @strawberry.field(description="The child's photo: the latest accepted CHILD_PHOTO document.")
    async def photo(
        self, info: strawberry.Info
    ) -> Annotated[Document, strawberry.lazy("schema.documents.types")] | None:
        child_photo = upward("schema.documents.types", "child_photo")
        return cast("Document | None", await child_photo(info, self.pk))

    @strawberry.field(
        description="The child's registrations (inscriptions) to activities, by start date: "
        "wished (REQUESTED), validated, refused or cancelled."
    )
    async def registrations(
        self, info: strawberry.Info
    ) -> list[Annotated[Registration, strawberry.lazy("schema.administration.registrations")]]:
        child_registrations = upward("schema.administration.registrations", "child_registrations")
        return cast("list[Registration]", await child_registrations(info, self.pk))
