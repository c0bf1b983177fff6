"""A parent's notification settings: ``notificationPreferences`` (the matrix kind × channel
with what the town offers, the choice and whether a consent is missing),
``notificationPreferencesUpdate``, ``smsConsentGrant`` / ``smsConsentRevoke`` and the dated
history ``notificationConsents``.

Parents reach their own account; staff may read and change a parent account's preferences
(``account``), never give or withdraw a consent for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.labels import label
from domain.notifications.codes import (
    NotificationPreferencesUpdateErrorCode,
    SmsConsentGrantErrorCode,
    SmsConsentRevokeErrorCode,
)
from domain.notifications.preferences import PreferenceCell, PreferenceChange
from kernel.results import DomainFailure
from models import NotificationConsent as ConsentRow
from models.notification import NotificationChannel, NotificationKind
from resolvers.notifications import preferences as actions
from resolvers.notifications.preferences import PreferencesView
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import decode_pk
from schema.notifications.enums import published
from schema.permissions import Parent, ParentOrStaff

published(NotificationChannel, "How a notification travels: mail, SMS or Web Push.")
published(NotificationKind, "What a notification is about (the unit of preferences).")
error_code_enum(
    NotificationPreferencesUpdateErrorCode,
    description="Why notificationPreferencesUpdate was refused.",
)
error_code_enum(SmsConsentGrantErrorCode, description="Why smsConsentGrant was refused.")
error_code_enum(SmsConsentRevokeErrorCode, description="Why smsConsentRevoke was refused.")

ACCOUNT_DOC = "Staff: a parent account of the collectivity (absent: your own account)."


@strawberry.type(description="One kind of message on one channel, as the settings page shows it.")
class NotificationPreference:
    kind: NotificationKind = strawberry.field(description="What the messages are about.")
    kind_label: str = strawberry.field(description="« Demande traitée », « Rappel »…")
    channel: NotificationChannel = strawberry.field(description="Mail, SMS or Web Push.")
    channel_label: str = strawberry.field(description="« Mail », « SMS », « Notification ».")
    offered: bool = strawberry.field(
        description="The collectivity sends this kind on this channel (else never used)."
    )
    enabled: bool = strawberry.field(
        description="The parent's choice (their own, else the default: mail on; SMS on with "
        "a consented mobile; push on with a registered browser)."
    )
    chosen: bool = strawberry.field(description="The parent set it (false: the default).")
    mandatory: bool = strawberry.field(
        description="Always on, cannot be turned off (a notice of the town by mail)."
    )
    consent_missing: bool = strawberry.field(
        description="SMS without a consented mobile (smsConsentGrant), or Web Push without "
        "a registered browser: turning it on alone sends nothing."
    )
    active: bool = strawberry.field(description="A message of this kind goes on it today.")

    @classmethod
    def from_cell(cls, cell: PreferenceCell) -> NotificationPreference:
        """The API view of one cell of the matrix."""
        return cls(
            kind=cell.kind,
            kind_label=label(cell.kind),
            channel=cell.channel,
            channel_label=label(cell.channel),
            offered=cell.offered,
            enabled=cell.enabled,
            chosen=cell.chosen,
            mandatory=cell.mandatory,
            consent_missing=cell.consent_missing,
            active=cell.active,
        )


@strawberry.type(description="A dated consent to be reached on a channel, and its end.")
class NotificationConsent:
    channel: NotificationChannel = strawberry.field(description="SMS or Web Push.")
    mobile: str | None = strawberry.field(
        description="The mobile number (E.164) an SMS consent was given for."
    )
    granted_at: dt.datetime = strawberry.field(description="When it was given.")
    revoked_at: dt.datetime | None = strawberry.field(
        description="When it was withdrawn (or replaced by another number); null: in force."
    )

    @classmethod
    def from_row(cls, row: ConsentRow) -> NotificationConsent:
        """The API view of a stored consent."""
        return cls(
            channel=row.channel,
            mobile=row.address,
            granted_at=row.granted_at,
            revoked_at=row.revoked_at,
        )


@strawberry.type(description="How an account wants to hear from the collectivity.")
class NotificationPreferences:
    preferences: list[NotificationPreference] = strawberry.field(
        description="Every kind × channel a parent can choose (the account's own mails "
        "always go by mail and are not listed)."
    )
    sms_consent: NotificationConsent | None = strawberry.field(
        description="The SMS consent in force (null: no SMS)."
    )

    @classmethod
    def from_view(cls, view: PreferencesView) -> NotificationPreferences:
        """The API view of an account's settings."""
        return cls(
            preferences=[NotificationPreference.from_cell(c) for c in view.cells],
            sms_consent=NotificationConsent.from_row(view.sms_consent)
            if view.sms_consent
            else None,
        )


@strawberry.input(description="One switch of the settings page.")
class NotificationPreferenceChangeInput:
    kind: NotificationKind = strawberry.field(description="What the messages are about.")
    channel: NotificationChannel = strawberry.field(description="The channel.")
    enabled: bool = strawberry.field(description="On or off.")


@strawberry.input(description="Changes to an account's notification preferences.")
class NotificationPreferencesUpdateInput:
    changes: list[NotificationPreferenceChangeInput] = strawberry.field(
        description="The switches changed (the others stay as they are)."
    )
    account: relay.GlobalID | None = strawberry.field(default=None, description=ACCOUNT_DOC)


@strawberry.type(description="A problem with notificationPreferencesUpdate's input.")
class NotificationPreferencesUpdateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: NotificationPreferencesUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of notificationPreferencesUpdate.")
class NotificationPreferencesUpdatePayload:
    preferences: NotificationPreferences | None = strawberry.field(
        description="The settings after the change; null when there are errors."
    )
    errors: list[NotificationPreferencesUpdateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="The mobile number to receive SMS on.")
class SmsConsentGrantInput:
    mobile: str = strawberry.field(
        description="A French (overseas included) or other EU mobile number; stored E.164."
    )


@strawberry.type(description="A problem with smsConsentGrant's input.")
class SmsConsentGrantError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SmsConsentGrantErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of smsConsentGrant.")
class SmsConsentGrantPayload:
    consent: NotificationConsent | None = strawberry.field(
        description="The consent in force (the same one when the number was already "
        "consented; a previous number's consent ends)."
    )
    errors: list[SmsConsentGrantError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="Which SMS consent to withdraw.")
class SmsConsentRevokeInput:
    mobile: str | None = strawberry.field(
        default=None, description="Only this number's consent (absent: the one in force)."
    )


@strawberry.type(description="A problem with smsConsentRevoke.")
class SmsConsentRevokeError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SmsConsentRevokeErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of smsConsentRevoke.")
class SmsConsentRevokePayload:
    consents: list[NotificationConsent] = strawberry.field(
        description="The consents withdrawn (dated); no SMS is sent any more."
    )
    errors: list[SmsConsentRevokeError] = strawberry.field(description=ERRORS_DOC)


def _account(account: relay.GlobalID | None) -> int | None:
    return decode_pk(account, "Account", "account")


@strawberry.type(description="Notification settings queries.")
class NotificationPreferenceQueries:
    @strawberry.field(
        description="How an account wants to hear from the collectivity: every kind × "
        "channel with what the town offers, the choice and whether a consent is missing. "
        "Null for an account out of reach.",
        permission_classes=[ParentOrStaff],
    )
    async def notification_preferences(
        self,
        info: strawberry.Info,
        account: Annotated[
            relay.GlobalID | None, strawberry.argument(description=ACCOUNT_DOC)
        ] = None,
    ) -> NotificationPreferences | None:
        view = await actions.read_preferences(info.context, _account(account))
        return NotificationPreferences.from_view(view) if view else None

    @strawberry.field(
        description="Every consent (SMS, Web Push) the account gave, newest first, with "
        "when it was withdrawn. Null for an account out of reach.",
        permission_classes=[ParentOrStaff],
    )
    async def notification_consents(
        self,
        info: strawberry.Info,
        account: Annotated[
            relay.GlobalID | None, strawberry.argument(description=ACCOUNT_DOC)
        ] = None,
    ) -> list[NotificationConsent] | None:
        rows = await actions.consent_history(info.context, _account(account))
        return None if rows is None else [NotificationConsent.from_row(r) for r in rows]


@strawberry.type(description="Notification settings mutations.")
class NotificationPreferenceMutations:
    @strawberry.mutation(
        description="Turn kinds of messages on or off per channel, within what the "
        "collectivity offers (nothing is changed if one switch is refused).",
        permission_classes=[ParentOrStaff],
    )
    async def notification_preferences_update(
        self,
        info: strawberry.Info,
        input: Annotated[
            NotificationPreferencesUpdateInput, strawberry.argument(description="The changes.")
        ],
    ) -> NotificationPreferencesUpdatePayload:
        changes = [PreferenceChange(c.kind, c.channel, c.enabled) for c in input.changes]
        try:
            view = await actions.update_preferences(info.context, _account(input.account), changes)
        except DomainFailure as failure:
            return NotificationPreferencesUpdatePayload(
                preferences=None,
                errors=payload_errors(
                    failure,
                    NotificationPreferencesUpdateError,
                    NotificationPreferencesUpdateErrorCode,
                ),
            )
        return NotificationPreferencesUpdatePayload(
            preferences=NotificationPreferences.from_view(view), errors=[]
        )

    @strawberry.mutation(
        description="Parent: agree to receive SMS on this mobile number (dated; another "
        "number replaces the previous one).",
        permission_classes=[Parent],
    )
    async def sms_consent_grant(
        self,
        info: strawberry.Info,
        input: Annotated[SmsConsentGrantInput, strawberry.argument(description="The number.")],
    ) -> SmsConsentGrantPayload:
        try:
            row = await actions.grant_sms(info.context, input.mobile)
        except DomainFailure as failure:
            return SmsConsentGrantPayload(
                consent=None,
                errors=payload_errors(failure, SmsConsentGrantError, SmsConsentGrantErrorCode),
            )
        return SmsConsentGrantPayload(consent=NotificationConsent.from_row(row), errors=[])

    @strawberry.mutation(
        description="Parent: withdraw the SMS consent (dated, kept in the history); no SMS "
        "is sent afterwards.",
        permission_classes=[Parent],
    )
    async def sms_consent_revoke(
        self,
        info: strawberry.Info,
        input: Annotated[SmsConsentRevokeInput, strawberry.argument(description="Which consent.")],
    ) -> SmsConsentRevokePayload:
        try:
            rows = await actions.revoke_sms(info.context, input.mobile)
        except DomainFailure as failure:
            return SmsConsentRevokePayload(
                consents=[],
                errors=payload_errors(failure, SmsConsentRevokeError, SmsConsentRevokeErrorCode),
            )
        return SmsConsentRevokePayload(
            consents=[NotificationConsent.from_row(r) for r in rows], errors=[]
        )
