"""The error codes of the notification actions, published unchanged as the GraphQL code enums
of their mutations (French messages beside each ``fail``)."""

from __future__ import annotations

import enum


class NotificationPreferencesUpdateErrorCode(enum.StrEnum):
    """Why notificationPreferencesUpdate was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_CONFIGURABLE = "NOT_CONFIGURABLE"
    NOT_OFFERED = "NOT_OFFERED"


class SmsConsentGrantErrorCode(enum.StrEnum):
    """Why smsConsentGrant was refused."""

    INVALID_PHONE = "INVALID_PHONE"
    NOT_A_MOBILE = "NOT_A_MOBILE"
    NOT_AN_EU_MOBILE = "NOT_AN_EU_MOBILE"


class SmsConsentRevokeErrorCode(enum.StrEnum):
    """Why smsConsentRevoke was refused."""

    NO_CONSENT = "NO_CONSENT"
    INVALID_PHONE = "INVALID_PHONE"


class NotificationSettingsUpdateErrorCode(enum.StrEnum):
    """Why notificationSettingsUpdate was refused."""

    NOT_CONFIGURABLE = "NOT_CONFIGURABLE"
    MAIL_REQUIRED = "MAIL_REQUIRED"
    INVALID_QUIET_HOURS = "INVALID_QUIET_HOURS"
    DUPLICATE_KIND = "DUPLICATE_KIND"
