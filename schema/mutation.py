"""The root ``Mutation`` type: one mixin of mutations per domain, merged here."""

from __future__ import annotations

import strawberry

from schema.accounts import AccountMutations
from schema.accounts_oidc import OidcMutations
from schema.accounts_oidc_logout import OidcLogoutMutations
from schema.administration.catalogue import CatalogueAdministrationMutations
from schema.administration.price_lists import PriceListMutations
from schema.administration.registrations import RegistrationMutations
from schema.administration.school_years import SchoolYearMutations
from schema.administration.settings import CollectivitySettingsMutations
from schema.administration.staff import StaffMutations
from schema.billing.invoicing import InvoicingMutations
from schema.bookings.decisions import BookingDecisionMutations
from schema.bookings.preview import BookingPreviewMutations
from schema.bookings.requests import BookingRequestMutations
from schema.calendar.mutations import CalendarMutations
from schema.change_requests.mutations import ChangeRequestMutations
from schema.documents.mutations import DocumentMutations
from schema.family.registration import FamilyRegistrationMutations
from schema.notifications.preferences import NotificationPreferenceMutations
from schema.notifications.push import PushMutations
from schema.notifications.settings import NotificationSettingsMutations
from schema.payments.roots import PaymentMutations
from schema.requests.lists import MessageMutations


@strawberry.type(description="Every action a parent or agent can take.")
class Mutation(
    AccountMutations,
    OidcMutations,
    OidcLogoutMutations,
    DocumentMutations,
    PushMutations,
    NotificationPreferenceMutations,
    NotificationSettingsMutations,
    FamilyRegistrationMutations,
    ChangeRequestMutations,
    BookingDecisionMutations,
    BookingRequestMutations,
    BookingPreviewMutations,
    MessageMutations,
    InvoicingMutations,
    PaymentMutations,
    CalendarMutations,
    CatalogueAdministrationMutations,
    PriceListMutations,
    SchoolYearMutations,
    RegistrationMutations,
    CollectivitySettingsMutations,
    StaffMutations,
):
    pass
