"""Short texts: the SMS and the push notification of a topic, next to its mail.

``short_texts/<topic>.title.txt`` is the push notification's title, ``<topic>.sms.txt`` the
SMS text (also the push body). Both are Jinja templates rendered with the mail's context;
variables are strict, as in mails. A topic without these files has no short text: it goes by
mail only. The SMS is folded to GSM-7 and, should a value be longer than any test imagined,
cut to one SMS rather than billed as three.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, Undefined

from domain.counters import format_reference
from domain.mail import DEFAULT_TIMEZONE, MailTemplateError, format_date_fr
from domain.notifications import gsm7

SHORT_TEXTS_DIR: Final = Path(__file__).parent / "short_texts"
TITLE_MAX: Final = 80


@dataclass(frozen=True, slots=True)
class ShortText:
    """A push title, the push body (Unicode) and the SMS (GSM-7, one message)."""

    title: str
    body: str
    sms: str


def _defined(value: object) -> object:
    if isinstance(value, Undefined):
        str(value)  # StrictUndefined: raises the error naming the variable
    return value


def _clip(value: object, length: int) -> str:
    # Names and messages typed by people: shortened with « … » to keep the SMS to one.
    text = " ".join(str(_defined(value)).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _reference(value: object) -> str:
    value = _defined(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_reference(value)
    return str(value)


def _date_fr(value: object) -> str:
    value = _defined(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(DEFAULT_TIMEZONE))
    if not isinstance(value, dt.date):
        raise MailTemplateError(f"date_fr expects a date, got {type(value).__name__}")
    return format_date_fr(value)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(SHORT_TEXTS_DIR),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = _clip
    env.filters["reference"] = _reference
    env.filters["date_fr"] = _date_fr
    return env


_ENV: Final = _environment()


@cache
def has_short_text(topic: str) -> bool:
    """Whether ``topic`` has an SMS/push text (else it goes by mail only)."""
    return (SHORT_TEXTS_DIR / f"{topic}.sms.txt").is_file() and (
        SHORT_TEXTS_DIR / f"{topic}.title.txt"
    ).is_file()


def short_topics() -> list[str]:
    """Every topic with a short text, for the test that renders them all."""
    return sorted(p.name.removesuffix(".sms.txt") for p in SHORT_TEXTS_DIR.glob("*.sms.txt"))


def render_short_text(topic: str, context: Mapping[str, object]) -> ShortText | None:
    """The title, push body and SMS of ``topic`` rendered with the mail's ``context``, or
    None when the topic has none. Raises ``MailTemplateError`` for a missing variable."""
    if not has_short_text(topic):
        return None
    values = dict(context)
    try:
        title = " ".join(_ENV.get_template(f"{topic}.title.txt").render(values).split())
        body = " ".join(_ENV.get_template(f"{topic}.sms.txt").render(values).split())
    except TemplateError as exc:
        raise MailTemplateError(f"short text {topic!r}: {exc}") from exc
    sms = gsm7.fold(body)
    if gsm7.septets(sms) > gsm7.SINGLE_SMS_SEPTETS:
        while gsm7.septets(sms) > gsm7.SINGLE_SMS_SEPTETS - 3:
            sms = sms[:-1]
        sms = sms.rstrip() + "..."
    return ShortText(title=_clip(title, TITLE_MAX), body=body, sms=sms)
