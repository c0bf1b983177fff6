"""The root ``Mutation`` type: one mixin of mutations per domain, merged here."""

from __future__ import annotations

import strawberry

from schema.accounts import AccountMutations
from schema.billing import BillingMutations
from schema.booking_decisions import BookingDecisionMutations
from schema.booking_preview import BookingPreviewMutations
from schema.booking_requests import BookingRequestMutations
from schema.change_requests import ChangeRequestMutations
from schema.document_mutations import DocumentMutations
from schema.family_registration import FamilyRegistrationMutations
from schema.my_requests import MessageMutations


@strawberry.type(description="Every action a parent or agent can take.")
class Mutation(
    AccountMutations,
    DocumentMutations,
    FamilyRegistrationMutations,
    ChangeRequestMutations,
    BookingDecisionMutations,
    BookingRequestMutations,
    BookingPreviewMutations,
    MessageMutations,
    BillingMutations,
):
    pass
