"""Notification mails: French templates rendered with Jinja2, queued in the outbox.

A mail is never sent from a request: ``enqueue_mail`` renders it and adds an ``OutboxMessage``
row in the caller's transaction, so the mail exists if and only if the change it announces
was committed (a rollback leaves no mail about something that did not happen). A worker
(``server/notification_delivery/``) sends the outbox with retries.

Templates live in ``domain/mail_templates/``: ``<name>.subject.txt``, ``<name>.txt`` and
``<name>.html``, the latter two extending a shared layout (greeting, the service's signature,
« Ceci est un mail automatique … »). Variables are strict: a missing one is an error rather
than a silently empty sentence in a mail a parent reads. HTML is autoescaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    Undefined,
    UndefinedError,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape
from sqlalchemy.ext.asyncio import AsyncSession

from domain.counters import format_reference
from models import OutboxMessage, Tenant
from models.base import utcnow
from models.outbox import OutboxStatus

TEMPLATES_DIR: Final = Path(__file__).parent / "mail_templates"
DEFAULT_TIMEZONE: Final = "Europe/Paris"

# Variables every template receives, then each template's own ones. The mapping documents
# what callers must pass (all required, but ``message`` of ``change_request_decided``, which
# may be omitted or None); ``render_mail`` refuses a name that is not listed here.
COMMON_VARIABLES: Final = ("tenant", "recipient_name")
MAIL_TEMPLATES: Final[Mapping[str, tuple[str, ...]]] = {
    "account_activation": ("activation_url", "valid_hours"),
    "account_already_exists": ("password_reset_url",),
    "password_reset": ("reset_url", "valid_minutes"),
    "oidc_link": ("link_url", "provider_name", "identity_name", "valid_minutes"),
    "staff_invitation": ("activation_url", "valid_days", "role_label"),
    "family_registration_received": ("family_name", "reference"),
    "family_validated": ("family_name", "subscriber_code", "portal_url"),
    "family_rejected": ("family_name", "reason"),
    "change_request_received": ("request_label", "reference", "created_at", "portal_url"),
    "change_request_decided": ("request_label", "reference", "accepted", "message"),
    "booking_request_received": (
        "request_kind",
        "activity_name",
        "reference",
        "created_at",
        "lines",
        "rejected",
        "all_pending",
        "any_pending",
        "portal_url",
    ),
    "booking_request_decided": ("request_label", "reference", "decided_lines", "message"),
    "day_closed": ("family_name", "closure_label", "closed_lines"),
    "booking_changed_by_town": ("family_name", "change_label", "changed_lines"),
    "registration_decided": ("family_name", "registration_lines", "reason"),
    "request_message_posted": ("request_label", "reference", "message"),
    "invoice_issued": ("family_name", "number", "period_label", "total", "due_date", "portal_url"),
    "direct_debit_prenotification": (
        "invoice_number",
        "amount",
        "collection_date",
        "mandate_reference",
        "creditor_id",
        "creditor_name",
    ),
    # Reminders computed by the worker (domain.reminders).
    "reminder_booking_deadline": (
        "family_name",
        "deadline",
        "week_start",
        "week_end",
        "deadline_lines",
    ),
    "reminder_absence_justification": ("family_name", "last_day", "days_left", "absence_lines"),
    "reminder_invoice_due": ("family_name", "number", "remaining", "due_on", "days_left"),
    "reminder_document_missing": (
        "family_name",
        "document_label",
        "child_name",
        "refused_on",
        "reason",
    ),
}

# Column sizes of ``outbox_message``: a longer subject is shortened rather than refused.
_SUBJECT_MAX: Final = 300
_ADDRESS_MAX: Final = 254


class MailTemplateError(Exception):
    """A mail could not be rendered: unknown template or missing/invalid variable.

    Always a programming error (the caller passed the wrong context), never the parent's.
    """


@dataclass(frozen=True, slots=True)
class RenderedMail:
    """A mail ready to queue: one-line subject, plain-text body and HTML body."""

    subject: str
    text: str
    html: str


# --------------------------------------------------------------------------- formatting


def _timezone_of(context: Context) -> ZoneInfo:
    tenant = context.get("tenant")
    name = tenant.get("timezone") if isinstance(tenant, Mapping) else None
    if name is None:
        name = getattr(tenant, "timezone", None)
    return ZoneInfo(name if isinstance(name, str) and name else DEFAULT_TIMEZONE)


def format_date_fr(value: dt.date, timezone: ZoneInfo | None = None) -> str:
    """« 04/04/2019 »: the date format of the guide's mails.

    An aware datetime is first converted to ``timezone`` (Europe/Paris by default), so a
    request made at 00:30 in Paris shows Paris' date, not UTC's.
    """
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(timezone or ZoneInfo(DEFAULT_TIMEZONE))
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_datetime_fr(value: dt.datetime, timezone: ZoneInfo | None = None) -> str:
    """« 04/04/2019 à 09:14 »: a timestamp as the guide's mails print it, in local time.

    Aware datetimes are converted to ``timezone`` (Europe/Paris by default); naive ones are
    taken as already local.
    """
    if value.tzinfo is not None:
        value = value.astimezone(timezone or ZoneInfo(DEFAULT_TIMEZONE))
    return f"{format_date_fr(value)} à {value.hour:02d}:{value.minute:02d}"


def _defined(value: object) -> object:
    # Filters receive a missing variable as an Undefined object instead of failing; any use
    # of a StrictUndefined raises the UndefinedError that names the variable.
    if isinstance(value, Undefined):
        str(value)
    return value


@pass_context
def _date_fr_filter(context: Context, value: object) -> str:
    value = _defined(value)
    if not isinstance(value, dt.date):
        raise MailTemplateError(f"date_fr expects a date, got {type(value).__name__}")
    return format_date_fr(value, _timezone_of(context))


@pass_context
def _datetime_fr_filter(context: Context, value: object) -> str:
    value = _defined(value)
    if not isinstance(value, dt.datetime):
        raise MailTemplateError(f"datetime_fr expects a datetime, got {type(value).__name__}")
    return format_datetime_fr(value, _timezone_of(context))


def _reference_filter(value: object) -> str:
    # Request numbers are ints printed in groups of three (« 17 378 981 »); other
    # references (subscriber codes, strings) are printed as given.
    value = _defined(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_reference(value)
    return str(value)


def plural_fr(count: object, singular: str, plural: str) -> str:
    """« 24 heures », « 1 heure »: French puts 0 and 1 in the singular."""
    count = _defined(count)
    if not isinstance(count, int | float):
        raise MailTemplateError(f"plural expects a number, got {type(count).__name__}")
    word = singular if abs(count) < 2 else plural
    return f"{count} {word}"


def _nl2br_filter(value: object) -> Markup:
    # Staff messages and rejection reasons are typed text: keep their line breaks in HTML,
    # escaping everything else.
    lines = str(_defined(value)).replace("\r\n", "\n").split("\n")
    return Markup("<br>\n").join(escape(line) for line in lines)


def _environment(*, html: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date_fr"] = _date_fr_filter
    env.filters["datetime_fr"] = _datetime_fr_filter
    env.filters["reference"] = _reference_filter
    env.filters["plural"] = plural_fr
    env.filters["nl2br"] = _nl2br_filter
    return env


_TEXT_ENV: Final = _environment(html=False)
_HTML_ENV: Final = _environment(html=True)


# --------------------------------------------------------------------------- rendering


def render_mail(template: str, context: Mapping[str, object]) -> RenderedMail:
    """Render the subject, text and HTML of mail ``template`` with ``context``.

    Rendering is separate from queueing so that templates can be previewed and tested
    without a database. Raises ``MailTemplateError`` for an unknown template or a missing
    variable: a mail with a hole in it must never reach a parent.
    """
    if template not in MAIL_TEMPLATES:
        raise MailTemplateError(f"unknown mail template {template!r}")
    values = dict(context)
    try:
        subject = " ".join(_TEXT_ENV.get_template(f"{template}.subject.txt").render(values).split())
        values["mail_subject"] = subject
        text = _TEXT_ENV.get_template(f"{template}.txt").render(values)
        html = _HTML_ENV.get_template(f"{template}.html").render(values)
    except UndefinedError as exc:
        raise MailTemplateError(f"mail template {template!r}: {exc.message}") from exc
    except MailTemplateError as exc:
        raise MailTemplateError(f"mail template {template!r}: {exc}") from exc
    except TemplateError as exc:
        raise MailTemplateError(f"mail template {template!r}: {exc}") from exc
    if len(subject) > _SUBJECT_MAX:
        subject = subject[: _SUBJECT_MAX - 1].rstrip() + "…"
    return RenderedMail(subject=subject, text=text.strip() + "\n", html=html)


def outbox_address(to: str) -> str:
    """``to`` stripped, fit for the outbox's address column: a programming error
    (``ValueError``) when empty, too long or carrying a line break (header injection)."""
    address = to.strip()
    if not address or len(address) > _ADDRESS_MAX or any(c in address for c in "\r\n"):
        raise ValueError(f"invalid recipient address {to!r}")
    return address


async def enqueue_mail(
    session: AsyncSession,
    *,
    tenant_id: int,
    to: str,
    template: str,
    context: Mapping[str, object],
) -> OutboxMessage:
    """Render a mail and add it to the outbox in the caller's transaction (flushed, not
    committed): it is sent only if the caller commits the change it announces.

    ``context`` must hold ``recipient_name`` and the template's variables; ``tenant`` is
    loaded from ``tenant_id`` when the caller did not pass it.
    """
    address = outbox_address(to)
    values = dict(context)
    if "tenant" not in values:
        tenant = await session.get(Tenant, tenant_id)
        if tenant is None:
            raise ValueError(f"unknown tenant {tenant_id}")
        values["tenant"] = tenant
    rendered = render_mail(template, values)
    mail = OutboxMessage(
        tenant_id=tenant_id,
        template=template,
        to_address=address,
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=utcnow(),
    )
    session.add(mail)
    await session.flush()
    return mail
