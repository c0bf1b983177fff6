"""The catalogue's administration (administrators only), merged from one module per
object: establishments (establishmentCreate / establishmentUpdate), activities
(activityCreate / activityUpdate / activityClose, rules in ``activity_rules``) and slots
(slotCreate / slotClose / slotCapacityChange)."""

from __future__ import annotations

import strawberry

from schema.administration.activities import ActivityAdministrationMutations
from schema.administration.establishments import EstablishmentAdministrationMutations
from schema.administration.slots import SlotAdministrationMutations


@strawberry.type(description="Administrators' set-up of the catalogue.")
class CatalogueAdministrationMutations(
    EstablishmentAdministrationMutations,
    ActivityAdministrationMutations,
    SlotAdministrationMutations,
):
    pass
