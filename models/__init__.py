"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""

from models.account import Account, AccountToken, LoginAttempt, Session, StaffEstablishment
from models.activity import Activity, Slot
from models.audit import AuditEntry
from models.base import Base
from models.billing import (
    BillingRun,
    DirectDebitBatch,
    DirectDebitItem,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentIntent,
    PriceBracket,
    PriceList,
    SiblingReduction,
)
from models.booking import Booking
from models.calendar import CalendarPeriod, SchoolYear
from models.child import AuthorizedPerson, Child, ChildAuthorizations, HealthRecord, Vaccination
from models.document import Document
from models.establishment import Establishment
from models.event import Event
from models.family import BankAccount, Family, FamilyQuotient, Guardian
from models.identity import AccountIdentity, OidcLoginState, OidcPendingLink
from models.message import Message, MessageReceipt
from models.notification import (
    Notification,
    NotificationConsent,
    NotificationPreference,
    PushSubscription,
)
from models.occurrence_log import OccurrenceAction
from models.outbox import OutboxMessage
from models.registration import Registration
from models.request import Request, RequestHistory, RequestLine
from models.tenant import Tenant, TenantCounter

__all__ = [
    "Account",
    "AccountIdentity",
    "AccountToken",
    "Activity",
    "AuditEntry",
    "AuthorizedPerson",
    "BankAccount",
    "Base",
    "BillingRun",
    "Booking",
    "CalendarPeriod",
    "Child",
    "ChildAuthorizations",
    "DirectDebitBatch",
    "DirectDebitItem",
    "Document",
    "Establishment",
    "Event",
    "Family",
    "FamilyQuotient",
    "Guardian",
    "HealthRecord",
    "Invoice",
    "InvoiceLine",
    "LoginAttempt",
    "Message",
    "MessageReceipt",
    "Notification",
    "NotificationConsent",
    "NotificationPreference",
    "OccurrenceAction",
    "OidcLoginState",
    "OidcPendingLink",
    "OutboxMessage",
    "Payment",
    "PaymentIntent",
    "PriceBracket",
    "PriceList",
    "PushSubscription",
    "Registration",
    "Request",
    "RequestHistory",
    "RequestLine",
    "SchoolYear",
    "Session",
    "SiblingReduction",
    "Slot",
    "StaffEstablishment",
    "Tenant",
    "TenantCounter",
    "Vaccination",
]
