"""A description on every enum value of the schema: what a client shows or switches on.

Most enums are labelled in French (``domain.labels``: « Célibataire », « Acceptée »…): the
label is the value's description, the word the guide and the mails use. The mutations'
error codes are not shown to parents (each error carries its French ``message``): their
description says, in English, what the code means, written once per code here — the same
code means the same thing in every mutation. A few enums have neither; their words are
below. ``describe_enum_values`` fills what the Python definitions left empty, once, when
the schema is built; a value with no description anywhere fails
``tests/api/family_registration/test_enum_values.py``.
"""

from __future__ import annotations

import enum

from graphql import GraphQLEnumType, GraphQLSchema

from domain.labels import LABELS, WEEKDAY_LABELS
from models.family import AllowanceRegime, QuotientSource
from models.notification import NotificationChannel, NotificationKind

CODE_DOCS: dict[str, str] = {
    "ACCOUNT_DISABLED": "The account was disabled by the collectivity.",
    "ACCOUNT_NOT_ACTIVATED": "The account's activation link was not followed yet.",
    "ACR_TOO_LOW": "The identification's security level is too low for this portal.",
    "ACTIVITY_CLOSED": "The activity takes no more registrations.",
    "ALLOCATAIRE_INCOMPLETE": "The CAF / MSA allowance holder needs both a regime and a number.",
    "ALLOCATAIRE_TAKEN": "Another guardian of the family is already the allowance holder.",
    "ALREADY_BILLED": "The period was already billed: it can no longer change.",
    "ALREADY_LINKED": "The account already acts for a family.",
    "ALREADY_PAID": "The invoice is already paid.",
    "ALREADY_PENDING": "A change request of this kind is already waiting for staff.",
    "ALREADY_REGISTERED": "The child is already registered (or asked) for the activity.",
    "ALREADY_RESERVED": "The date is already reserved for the child.",
    "ALREADY_SUBMITTED": "Already submitted: the earlier submission is being processed.",
    "AMOUNT_EXCEEDS_REMAINING": "The amount is more than what remains to pay.",
    "AMOUNT_TOO_HIGH": "The amount is more than allowed (what the line or invoice is worth).",
    "BANK_ACCOUNT_REQUIRED": "Direct debit needs a bank account.",
    "BEFORE_ISSUE": "The date is before the invoice was issued.",
    "BIC_COUNTRY_MISMATCH": "The BIC is not of a bank of the IBAN's country.",
    "BIRTH_DATE_IN_FUTURE": "The birth date is in the future.",
    "BOOKINGS_EXIST": "Children are booked from that date: confirm cancelling their bookings.",
    "CAMPAIGN_CLOSED": "The registration campaign is not open.",
    "CAPACITY_BELOW_RESERVED": "The capacity is below the places already reserved.",
    "CHILD_REQUIRED": "This document type concerns a child: name one.",
    "CHILD_TOO_OLD": "The child is 18 or older.",
    "CLOSED_DAY": "No activity that day (holidays, closure, no slot).",
    "CODE_REFUSED": "The identity provider refused the authorization code.",
    "CREDITOR_NOT_CONFIGURED": "The collectivity's SEPA creditor details are not set.",
    "DATA_NOT_AVAILABLE": "The official calendar data for that year is not available.",
    "DEADLINE_PASSED": "The deadline for this date has passed.",
    "DIRECT_DEBIT_FAMILY": "The family pays by direct debit: the invoice is debited.",
    "DUE_DATE_PASSED": "The invoice's due date has passed.",
    "DUPLICATE": "The same thing is given twice, or already exists.",
    "DUPLICATE_CHILD": "The same child is given twice.",
    "DUPLICATE_KIND": "The same kind of message is given twice.",
    "DUPLICATE_REGISTRATION": "The same registration is asked twice.",
    "EMAIL_TAKEN": "An account already uses this e-mail address.",
    "EMPTY_FILE": "The file is empty.",
    "EXCLUSIVE_SLOT_TAKEN": "Another slot of the same group is already booked that day.",
    "FAMILY_NOT_VALIDATED": "The family file is not validated yet.",
    "FILE_TOO_LARGE": "The file is too large.",
    "FUTURE_DATE": "The date is in the future.",
    "GRADE_REQUIRED": "The activity is open to some grades: the child's grade is needed.",
    "IDEMPOTENCY_KEY_REUSED": "The idempotency key was used for a different input.",
    "IDENTITY_ALREADY_LINKED": "The identity is already linked to another account of the portal.",
    "INVALID_ALLOCATAIRE_NUMBER": "The CAF / MSA allowance number is not valid.",
    "INVALID_AMOUNT": "The amount is not valid (zero, negative or too precise).",
    "INVALID_BIC": "The BIC is not valid.",
    "INVALID_BRACKETS": "The brackets are not valid (positive, strictly ascending).",
    "INVALID_COUNTRY": "The country is not an ISO 3166 code.",
    "INVALID_CREDENTIALS": "Wrong e-mail address or password.",
    "INVALID_CREDITOR_ID": "The SEPA creditor identifier is not valid.",
    "INVALID_DATE": "The date is not valid here.",
    "INVALID_DATES": "The dates are not valid (end before start, outside the year…).",
    "INVALID_DEADLINE": "The deadline settings are not valid.",
    "INVALID_ELIGIBILITY": "The eligibility rule is not valid.",
    "INVALID_EMAIL": "The e-mail address is not valid (or not the one expected).",
    "INVALID_ENDPOINT": "The push subscription's address is not an https URL from a browser.",
    "INVALID_FILE": "The file could not be produced or read.",
    "INVALID_IBAN": "The IBAN is not valid (checksum or RIB key).",
    "INVALID_INPUT": "The input is not valid.",
    "INVALID_KEY": "A key of the push subscription is not valid.",
    "INVALID_METHOD": "This payment method cannot be used here.",
    "INVALID_MONTH": "The month is not valid.",
    "INVALID_PERIOD": "The period is not valid (end before start, longer than a school year).",
    "INVALID_PHONE": "The phone number is not valid.",
    "INVALID_POSTAL_CODE": "The postal code is not valid.",
    "INVALID_QUANTITY": "The quantity is not valid.",
    "INVALID_QUIET_HOURS": "The quiet hours' start and end must differ.",
    "INVALID_ROLE": "This role cannot be given here.",
    "INVALID_STATE": "The object's current state does not allow the action.",
    "INVALID_TIMES": "The times are not valid (end before start).",
    "INVALID_URL": "The address is not a valid https URL.",
    "INVALID_VALUE": "A value is out of its allowed range.",
    "INVOICE_CANCELLED": "The invoice is cancelled.",
    "INVOICE_TRANSMITTED": "The invoice was transmitted to the treasury.",
    "JUSTIFICATION_NOT_ACCEPTED": "The absence cannot be justified (not billed, or too late).",
    "LAST_ADMIN": "The collectivity's last administrator cannot lose the role.",
    "LINE_NOT_CREDITABLE": "This invoice line cannot be credited.",
    "LINE_NOT_FOUND": "The invoice line does not exist.",
    "LINK_REFUSED": "The proofs do not match a family.",
    "LINK_TOKEN_EXPIRED": "The link request has expired: sign in again with the provider.",
    "LINK_TOKEN_INVALID": "The link request is not valid: sign in again with the provider.",
    "MAIL_REQUIRED": "Town notices always go at least by mail.",
    "MESSAGE_REQUIRED": "A message for the family is required.",
    "MOBILE_REQUIRED_FOR_SMS": "SMS need a mobile phone number.",
    "MONTHLY_LIMIT_REACHED": "The activity's number of days per month is reached.",
    "MONTH_NOT_OVER": "The month is not over yet.",
    "NONCE_MISMATCH": "The answer does not match this sign-in.",
    "NOTHING_TO_DEBIT": "No invoice to debit.",
    "NOT_AN_EU_MOBILE": "SMS go only to a French or European mobile number.",
    "NOT_AN_INVOICE": "This is a credit note, not an invoice.",
    "NOT_AN_OIDC_SESSION": "Not a session opened with an identity provider: use the plain logout.",
    "NOT_A_CHANGE_TYPE": "This request type is not a change of the family file.",
    "NOT_A_MOBILE": "The number is not a mobile phone number.",
    "NOT_BILLED": "The absence is not billed: nothing to justify.",
    "NOT_CANCELLABLE": "The request is already decided: it cannot be cancelled.",
    "NOT_CONFIGURABLE": "This kind of message is always sent by mail: it cannot be changed.",
    "NOT_ELIGIBLE": "The activity is not open to this child (grade, age).",
    "NOT_FIRST_IN_LINE": "Another child is before this one on the waiting list.",
    "NOT_FOUND": "The object named in the input does not exist or is not the viewer's.",
    "NOT_OFFERED": "The collectivity does not offer this channel for this kind of message.",
    "NOT_OPEN": "No registration campaign is open or planned.",
    "NOT_PAYABLE": "The invoice cannot be paid now.",
    "NOT_REGISTERED": "The child is not registered for the activity.",
    "NOT_RESERVED": "Nothing is reserved that date: no absence to declare.",
    "NOT_RUNNING": "The slot does not take place that day.",
    "NOT_STAFF_ACCOUNT": "The account is not a staff account.",
    "NOT_TRANSMISSIBLE": "The invoice cannot be transmitted (unknown, paid, or not yet due).",
    "NOT_YET_COLLECTED": "The direct debit's collection date has not come yet.",
    "NO_CHANGE": "Nothing differs from the current file.",
    "NO_CONSENT": "No consent is current for this channel.",
    "NO_DATE_RECORDED": "No date of the request could be kept: each date's reason is on its line.",
    "NO_GUARDIAN_AVAILABLE": "Every guardian of the family already has an account.",
    "NO_ROLE": "The person needs at least one role (pick up, emergency contact…).",
    "OFFICIAL_PERIOD": "An official period (school holidays) cannot be deleted.",
    "OIDC_NOT_CONFIGURED": "Sign-in with an identity provider is not set up for the collectivity.",
    "ONLINE_PAYMENT_UNAVAILABLE": "Online payment is not offered by the collectivity.",
    "OUTSIDE_REGISTRATION_PERIOD": "The date is outside the child's registration period.",
    "OUTSIDE_SCHOOL_YEAR": "The date is outside the school year.",
    "OUT_OF_RANGE": "The value is out of its allowed range.",
    "OVERLAP": "It overlaps another school year.",
    "PAST_DATE": "The date is in the past.",
    "PENDING_REQUEST": "A request on this date is already waiting for staff.",
    "PHONE_REQUIRED": "At least one phone number is required.",
    "REASON_REQUIRED": "A reason is required.",
    "REASON_TOO_LONG": "The reason is too long.",
    "REDIRECT_URI_NOT_ALLOWED": "This return address is not allowed by the collectivity.",
    "REQUIRED": "A required value is missing.",
    "RETURN_URL_NOT_ALLOWED": "The return address is not on the portal's or an allowed origin.",
    "SERVICE_UNAVAILABLE": "The identity provider cannot be reached: try again later.",
    "SLOT_FULL": "The slot is full.",
    "STATE_ALREADY_USED": "This sign-in was already used.",
    "STATE_EXPIRED": "This sign-in has expired: start again from the portal.",
    "STATE_INVALID": "This sign-in was not started here.",
    "TARGET_GONE": "What the request was about no longer exists.",
    "TEXT_TOO_LONG": "A text is too long.",
    "THROTTLED": "Too many attempts: try again later.",
    "TOKEN_ALREADY_USED": "The link was already used.",
    "TOKEN_EXPIRED": "The link has expired.",
    "TOKEN_INVALID": "The link is not valid.",
    "TOO_LONG": "A text is too long.",
    "TOO_MANY": "Too many items in a list.",
    "TOO_MANY_CHILDREN": "Too many children in one request.",
    "TOO_MANY_LINES": "The request would have too many dates.",
    "TWO_ALLOCATAIRES": "Only one guardian can be the CAF / MSA allowance holder.",
    "UNKNOWN_ACTIVITY": "The activity does not exist in the collectivity.",
    "UNKNOWN_CHILD": "The child named is not in the form.",
    "UNKNOWN_SCHOOL": "The school does not exist in the collectivity.",
    "UNSUPPORTED_FILE_TYPE": "The file type is not accepted.",
    "WEAK_PASSWORD": "The password is too weak.",
    "WRONG_AUDIENCE": "The answer was not meant for this portal.",
    "WRONG_ISSUER": "The answer does not come from the expected identity provider.",
    "WRONG_TYPE": "The request is not of the type this mutation decides.",
    "YEAR_NOT_EMPTY": "The school year already exists and has activities.",
}

# Enums with no French label in ``domain.labels``: their words, by stored value.
OTHER_DOCS: dict[type[enum.Enum] | str, dict[str, str]] = {
    AllowanceRegime: {
        "CAF": "Caisse d'allocations familiales (CAF)",
        "MSA": "Mutualité sociale agricole (MSA)",
    },
    QuotientSource: {
        "CAF": "Quotient familial fourni par la CAF",
        "MSA": "Quotient familial fourni par la MSA",
        "MANUAL": "Quotient familial saisi par la collectivité",
    },
    # Until the notification labels are registered where the schema sees them.
    NotificationKind: {
        "REQUEST_DECIDED": "Demande traitée",
        "NEW_MESSAGE": "Nouveau message",
        "INVOICE_ISSUED": "Nouvelle facture",
        "PAYMENT_DUE": "Paiement à venir",
        "REMINDER": "Rappel",
        "TOWN_NOTICE": "Information de la commune",
        "ACCOUNT": "Compte",
    },
    NotificationChannel: {"MAIL": "Mail", "SMS": "SMS", "PUSH": "Notification"},
    "Weekday": {str(number): day.capitalize() for number, day in enumerate(WEEKDAY_LABELS, 1)},
}


def _stored(value: object) -> str:
    """The stored value of an enum member (or the value itself)."""
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


def _description(enum_type: GraphQLEnumType, name: str, stored: str) -> str | None:
    """The French label, the words of an unlabelled enum, or what an error code means."""
    wrapped = getattr(enum_type, "wrapped_cls", None)
    labels = LABELS.get(wrapped) if isinstance(wrapped, type) else None
    if labels is not None and stored in labels:
        return labels[stored]
    for key in (wrapped, enum_type.name):
        others = OTHER_DOCS.get(key) if key is not None else None
        if others is not None and stored in others:
            return others[stored]
    if enum_type.name.endswith("ErrorCode"):
        return CODE_DOCS.get(name)
    return None


def describe_enum_values(schema: GraphQLSchema) -> None:
    """Give each enum value without a description its French label, its words, or (error
    codes) what the code means; values described in Python keep theirs."""
    for enum_type in schema.type_map.values():
        if not isinstance(enum_type, GraphQLEnumType) or enum_type.name.startswith("__"):
            continue
        for name, value in enum_type.values.items():
            if not value.description:
                value.description = _description(enum_type, name, _stored(value.value))
