"""The adults of a family file: guardians (RL1, RL2), their address, authorized persons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self, cast

import strawberry
from strawberry import relay

from domain.labels import label
from models import AuthorizedPerson as AuthorizedPersonRow
from models import Guardian as GuardianRow
from models.account import Civility
from models.family import AllowanceRegime, MaritalStatus, Relationship
from resolvers.family import reads
from schema.enums import CivilityEnum  # noqa: F401  (registered before the fields use Civility)
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.change_requests.types import FieldChange
    from schema.family.family import Family


@strawberry.type(description="Postal address.")
class Address:
    line1: str | None = strawberry.field(description="Street and number.")
    line2: str | None = strawberry.field(description="Complement.")
    postal_code: str | None = strawberry.field(description="Postal code.")
    city: str | None = strawberry.field(description="City.")
    country: str = strawberry.field(description="ISO 3166 country code (« FR »).")


@strawberry.type(description="A responsible adult of the family (RL1, RL2).")
class Guardian(ScopedNode):
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
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.guardians_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The family of this guardian.")
    async def family(
        self, info: strawberry.Info
    ) -> Annotated[Family, strawberry.lazy("schema.family.family")] | None:
        family = upward("schema.family.family", "Family")
        (row,) = await reads.families_by_id(info.context, [self.family_pk])
        return family.from_row(row) if row is not None else None

    @strawberry.field(
        description="Values awaiting the collectivity's decision (shown in yellow beside "
        "the current ones): identity, contact details, address."
    )
    async def pending_changes(
        self, info: strawberry.Info
    ) -> list[Annotated[FieldChange, strawberry.lazy("schema.change_requests.types")]]:
        pending_changes = upward("schema.change_requests.pending", "pending_changes")
        return cast(
            "list[FieldChange]", await pending_changes(info, self.family_pk, guardian_pk=self.pk)
        )


@strawberry.type(description="An adult who may pick the child up or is to be called.")
class AuthorizedPerson(ScopedNode):
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
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.authorized_persons_by_id(info.context, keys), cls.from_row)
