"""A collectivity's settings: what an administrator reads and changes from the API.

Some live in ``tenant`` columns (service name, mail sender, postal address), the rest in
``tenant.settings`` under the keys the capabilities already read, so that changing a
setting here changes what they do:

- ``sepaCreditor`` ({name, iban, bic, creditorId}): the régie as a SEPA creditor, read by
  ``domain.payments.sepa_file.creditor_of``;
- ``reportMinGroupSize``: the smallest group a report shows, read by
  ``domain.reporting.tenant_report_settings`` (never below the server's own minimum);
- ``invoice_due_days`` and ``invoice_issuer``: read by ``domain.billing.invoice_terms``;
- ``contactEmail``, ``contactPhone``, ``portalUrl``, ``paymentProvider``: the service's
  contact, the family portal's address (links in mails; absent: the server's default) and
  the online payment provider (absent: SANDBOX, the only provider built in);
- ``autoAcceptedChanges`` (a list of change request types, e.g. ``["VACCINATION_CHANGE"]``):
  the file changes applied at once when a parent asks, read by
  ``domain.change_requests.create`` (booking types are never auto-accepted);
- ``reportQfBrackets`` (a list of positive, strictly ascending integers): the bounds of the
  family-quotient brackets of the population report, read by
  ``domain.reporting.tenant_report_settings`` (absent: its default bounds).

An update is partial (a field not given is left as it is; an empty text clears an optional
one), checks every field before writing anything, and records one audit entry
« collectivity.settings_changed » with only the values that changed.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, fields
from itertools import pairwise
from typing import Any, Final
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import diff, record_change
from domain.change_requests.create import AUTO_ACCEPT_SETTING
from domain.change_requests.kinds import CHANGE_TYPES
from domain.contact_validation import (
    ProblemCollector,
    normalize_bic,
    normalize_email,
    normalize_iban,
    normalize_phone,
    normalize_sender,
)
from domain.labels import label, register_labels
from kernel.results import fail
from models import Tenant
from models.request import RequestType

SEPA_CREDITOR_KEY: Final = "sepaCreditor"
REPORT_MIN_GROUP_SIZE_KEY: Final = "reportMinGroupSize"
INVOICE_DUE_DAYS_KEY: Final = "invoice_due_days"
INVOICE_ISSUER_KEY: Final = "invoice_issuer"
CONTACT_EMAIL_KEY: Final = "contactEmail"
CONTACT_PHONE_KEY: Final = "contactPhone"
PORTAL_URL_KEY: Final = "portalUrl"
PAYMENT_PROVIDER_KEY: Final = "paymentProvider"
AUTO_ACCEPTED_CHANGES_KEY: Final = AUTO_ACCEPT_SETTING  # "autoAcceptedChanges"
REPORT_QF_BRACKETS_KEY: Final = "reportQfBrackets"  # as domain.reporting
MAX_QF_BRACKETS: Final = 20

DEFAULT_DUE_DAYS: Final = 30  # as domain.billing.invoice_terms
MAX_DUE_DAYS: Final = 365
MAX_REPORT_MIN_GROUP_SIZE: Final = 1000
_TEXT_LIMITS: Final = {
    "serviceName": 200,
    "postalAddress": 400,
    "invoiceIssuer": 200,
    "portalUrl": 300,
    "name": 70,  # the SEPA creditor's name: at most 70 characters in a pain.008 file
}
_CREDITOR_ID: Final = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}")


class PaymentProviderChoice(enum.StrEnum):
    """How families pay invoices online."""

    NONE = "NONE"
    SANDBOX = "SANDBOX"


register_labels(
    PaymentProviderChoice,
    {"NONE": "Pas de paiement en ligne", "SANDBOX": "Bac à sable (démonstration)"},
)


@dataclass(frozen=True, slots=True)
class SepaCreditor:
    """The régie as a SEPA creditor (stored as ``tenant.settings["sepaCreditor"]``)."""

    name: str
    creditor_id: str
    iban: str
    bic: str


@dataclass(frozen=True, slots=True)
class CollectivitySettings:
    """Every setting an administrator manages, as stored."""

    service_name: str
    mail_from: str
    postal_address: str | None
    contact_email: str | None
    contact_phone: str | None
    portal_url: str | None
    sepa_creditor: SepaCreditor | None
    payment_provider: PaymentProviderChoice
    report_min_group_size: int | None
    invoice_due_days: int
    invoice_issuer: str | None
    auto_accepted_changes: tuple[RequestType, ...] = ()
    report_qf_brackets: tuple[int, ...] | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, for the audit entry's before/after."""
        values: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, SepaCreditor):
                value = {
                    "name": value.name,
                    "creditorId": value.creditor_id,
                    "iban": value.iban,
                    "bic": value.bic,
                }
            elif isinstance(value, tuple):
                value = [str(v) if isinstance(v, RequestType) else v for v in value]
            values[item.name] = value
        return values


@dataclass(frozen=True, slots=True)
class SettingsChanges:
    """An update: None leaves a setting as it is; "" clears an optional text."""

    service_name: str | None = None
    mail_from: str | None = None
    postal_address: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    portal_url: str | None = None
    sepa_creditor: SepaCreditor | None = None
    payment_provider: PaymentProviderChoice | None = None
    report_min_group_size: int | None = None
    invoice_due_days: int | None = None
    invoice_issuer: str | None = None
    # A new list replaces the old one; an empty one clears it (none auto-accepted; the
    # default brackets).
    auto_accepted_changes: tuple[RequestType, ...] | None = None
    report_qf_brackets: tuple[int, ...] | None = None


def _text(raw: Any) -> str | None:
    return raw.strip() if isinstance(raw, str) and raw.strip() else None


def read_settings(tenant: Tenant) -> CollectivitySettings:
    """The tenant's settings as the API shows them."""
    stored = tenant.settings or {}
    raw_creditor = stored.get(SEPA_CREDITOR_KEY)
    creditor = None
    if isinstance(raw_creditor, dict):
        values = [_text(raw_creditor.get(k)) for k in ("name", "creditorId", "iban", "bic")]
        if all(values):
            creditor = SepaCreditor(*(str(v) for v in values))
    raw_provider = stored.get(PAYMENT_PROVIDER_KEY)
    provider = (
        PaymentProviderChoice(str(raw_provider))
        if raw_provider in PaymentProviderChoice.__members__
        else PaymentProviderChoice.SANDBOX
    )
    raw_size = stored.get(REPORT_MIN_GROUP_SIZE_KEY)
    raw_auto = stored.get(AUTO_ACCEPTED_CHANGES_KEY)
    auto = tuple(
        RequestType(value)
        for value in (raw_auto if isinstance(raw_auto, list) else [])
        if value in {t.value for t in CHANGE_TYPES}
    )
    raw_brackets = stored.get(REPORT_QF_BRACKETS_KEY)
    brackets = (
        tuple(sorted(set(raw_brackets)))
        if isinstance(raw_brackets, list)
        and raw_brackets
        and all(isinstance(b, int) and not isinstance(b, bool) and b > 0 for b in raw_brackets)
        else None
    )
    raw_due = stored.get(INVOICE_DUE_DAYS_KEY, DEFAULT_DUE_DAYS)
    return CollectivitySettings(
        service_name=tenant.service_name,
        mail_from=tenant.mail_from,
        postal_address=tenant.postal_address,
        contact_email=_text(stored.get(CONTACT_EMAIL_KEY)),
        contact_phone=_text(stored.get(CONTACT_PHONE_KEY)),
        portal_url=_text(stored.get(PORTAL_URL_KEY)),
        sepa_creditor=creditor,
        payment_provider=provider,
        report_min_group_size=raw_size if isinstance(raw_size, int) else None,
        invoice_due_days=raw_due if isinstance(raw_due, int) and raw_due >= 0 else DEFAULT_DUE_DAYS,
        invoice_issuer=_text(stored.get(INVOICE_ISSUER_KEY)),
        auto_accepted_changes=tuple(dict.fromkeys(auto)),
        report_qf_brackets=brackets,
    )


def portal_base(tenant: Tenant, default: str) -> str:
    """Where the tenant's family portal lives (links in mails): its setting, else
    ``default`` (the server's ``portal_links_base``)."""
    return _text((tenant.settings or {}).get(PORTAL_URL_KEY)) or default


# --------------------------------------------------------------------------- checks


def check_creditor_id(raw: str, *field: str) -> str:
    """A SEPA creditor identifier (ICS), compact and upper-case, with valid check digits
    (ISO 7064 mod 97-10 over the national identifier and the country, as for an IBAN)."""
    compact = re.sub(r"\s+", "", raw).upper()
    if _CREDITOR_ID.fullmatch(compact) is not None:
        digits = "".join(str(int(c, 36)) for c in compact[7:] + compact[:2] + "00")
        if 98 - int(digits) % 97 == int(compact[2:4]):
            return compact
    raise fail(
        "INVALID_CREDITOR_ID",
        "L'identifiant créancier SEPA (ICS) n'est pas valide (par exemple FR72ZZZ123456).",
        *field,
    )


def _check_url(raw: str, *field: str) -> str:
    url = raw.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.netloc or any(c.isspace() for c in url):
        raise fail(
            "INVALID_URL",
            "L'adresse du portail doit être une adresse web complète (https://…).",
            *field,
        )
    return url


def _check_text(
    problems: ProblemCollector, raw: str, label: str, *path: str, required: bool
) -> str | None:
    value = raw.strip()
    if not value:
        if required:
            problems.add("REQUIRED", f"{label} est obligatoire.", *path)
        return None
    limit = _TEXT_LIMITS[path[-1]]
    if len(value) > limit:
        problems.add("TOO_LONG", f"{label} dépasse {limit} caractères.", *path)
        return None
    return value


def _check_creditor(problems: ProblemCollector, creditor: SepaCreditor) -> SepaCreditor | None:
    field = "sepaCreditor"
    name = _check_text(problems, creditor.name, "Le nom du créancier", field, "name", required=True)
    creditor_id = problems.check(check_creditor_id, creditor.creditor_id, field, "creditorId")
    iban = problems.check(normalize_iban, creditor.iban, field, "iban")
    bic = problems.check(normalize_bic, creditor.bic, field, "bic", iban=iban)
    if name is None or creditor_id is None or iban is None or bic is None:
        return None
    return SepaCreditor(name=name, creditor_id=creditor_id, iban=iban, bic=bic)


def _checked(changes: SettingsChanges) -> dict[str, Any]:
    """The validated values of the fields given (None: clear), or DomainFailure."""
    problems = ProblemCollector()
    checked: dict[str, Any] = {}
    if changes.service_name is not None:
        checked["service_name"] = _check_text(
            problems, changes.service_name, "Le nom du service", "serviceName", required=True
        )
    if changes.mail_from is not None:
        checked["mail_from"] = problems.check(normalize_sender, changes.mail_from, "mailFrom")
    if changes.postal_address is not None:
        checked["postal_address"] = _check_text(
            problems, changes.postal_address, "L'adresse", "postalAddress", required=False
        )
    if changes.contact_email is not None:
        checked["contact_email"] = (
            problems.check(normalize_email, changes.contact_email, "contactEmail")
            if changes.contact_email.strip()
            else None
        )
    if changes.contact_phone is not None:
        checked["contact_phone"] = (
            problems.check(normalize_phone, changes.contact_phone, "contactPhone")
            if changes.contact_phone.strip()
            else None
        )
    if changes.portal_url is not None:
        checked["portal_url"] = None
        if changes.portal_url.strip():
            url = _check_text(
                problems, changes.portal_url, "L'adresse du portail", "portalUrl", required=False
            )
            checked["portal_url"] = (
                problems.check(_check_url, url, "portalUrl") if url is not None else None
            )
    if changes.sepa_creditor is not None:
        checked["sepa_creditor"] = _check_creditor(problems, changes.sepa_creditor)
    if changes.payment_provider is not None:
        checked["payment_provider"] = changes.payment_provider
    if changes.report_min_group_size is not None:
        if not 1 <= changes.report_min_group_size <= MAX_REPORT_MIN_GROUP_SIZE:
            problems.add(
                "OUT_OF_RANGE",
                f"La taille minimale d'un groupe doit être comprise entre 1 et "
                f"{MAX_REPORT_MIN_GROUP_SIZE}.",
                "reportMinGroupSize",
            )
        checked["report_min_group_size"] = changes.report_min_group_size
    if changes.invoice_due_days is not None:
        if not 0 <= changes.invoice_due_days <= MAX_DUE_DAYS:
            problems.add(
                "OUT_OF_RANGE",
                f"Le délai de paiement doit être compris entre 0 et {MAX_DUE_DAYS} jours.",
                "invoiceDueDays",
            )
        checked["invoice_due_days"] = changes.invoice_due_days
    if changes.invoice_issuer is not None:
        checked["invoice_issuer"] = _check_text(
            problems,
            changes.invoice_issuer,
            "L'émetteur des factures",
            "invoiceIssuer",
            required=False,
        )
    if changes.auto_accepted_changes is not None:
        checked["auto_accepted_changes"] = _check_auto_accepted(
            problems, changes.auto_accepted_changes
        )
    if changes.report_qf_brackets is not None:
        checked["report_qf_brackets"] = _check_brackets(problems, changes.report_qf_brackets)
    problems.raise_if_any()
    return checked


def _check_auto_accepted(
    problems: ProblemCollector, types: tuple[RequestType, ...]
) -> list[str] | None:
    """The change types ``domain.change_requests.create`` may apply at once (a booking or
    registration request, a photo or a health record always waits for an agent), each once,
    in the order of the request types (none: the key is removed)."""
    refused = [t for t in types if t not in CHANGE_TYPES]
    if refused:
        problems.add(
            "NOT_A_CHANGE_TYPE",
            "Ces demandes ne peuvent pas être acceptées automatiquement : "
            + ", ".join(f"« {label(t)} »" for t in dict.fromkeys(refused))
            + " (seules certaines modifications du dossier famille le peuvent).",
            "autoAcceptedChanges",
        )
        return None
    wanted = set(types)
    return [t.value for t in RequestType if t in wanted] or None


def _check_brackets(problems: ProblemCollector, bounds: tuple[int, ...]) -> list[int] | None:
    """Positive bounds in strictly ascending order, at most MAX_QF_BRACKETS (empty: the
    default brackets)."""
    if len(bounds) > MAX_QF_BRACKETS:
        problems.add(
            "INVALID_BRACKETS",
            f"Au plus {MAX_QF_BRACKETS} bornes de tranches de quotient familial.",
            "reportQfBrackets",
        )
        return None
    if any(b <= 0 for b in bounds):
        problems.add(
            "INVALID_BRACKETS",
            "Les bornes des tranches de quotient familial doivent être des nombres positifs.",
            "reportQfBrackets",
        )
        return None
    if any(a >= b for a, b in pairwise(bounds)):
        problems.add(
            "INVALID_BRACKETS",
            "Les bornes des tranches de quotient familial doivent être en ordre strictement "
            "croissant.",
            "reportQfBrackets",
        )
        return None
    return list(bounds) or None


def _store(tenant: Tenant, checked: dict[str, Any]) -> None:
    stored = dict(tenant.settings or {})

    def put(key: str, value: Any) -> None:
        if value is None:
            stored.pop(key, None)
        else:
            stored[key] = value

    for name, value in checked.items():
        if name == "service_name":
            tenant.service_name = value
        elif name == "mail_from":
            tenant.mail_from = value
        elif name == "postal_address":
            tenant.postal_address = value
        elif name == "contact_email":
            put(CONTACT_EMAIL_KEY, value)
        elif name == "contact_phone":
            put(CONTACT_PHONE_KEY, value)
        elif name == "portal_url":
            put(PORTAL_URL_KEY, value)
        elif name == "sepa_creditor":
            put(
                SEPA_CREDITOR_KEY,
                {
                    "name": value.name,
                    "iban": value.iban,
                    "bic": value.bic,
                    "creditorId": value.creditor_id,
                },
            )
        elif name == "payment_provider":
            put(PAYMENT_PROVIDER_KEY, value.value)
        elif name == "report_min_group_size":
            put(REPORT_MIN_GROUP_SIZE_KEY, value)
        elif name == "invoice_due_days":
            put(INVOICE_DUE_DAYS_KEY, value)
        elif name == "invoice_issuer":
            put(INVOICE_ISSUER_KEY, value)
        elif name == "auto_accepted_changes":
            put(AUTO_ACCEPTED_CHANGES_KEY, value)
        elif name == "report_qf_brackets":
            put(REPORT_QF_BRACKETS_KEY, value)
    # A new dict, so that the JSON column is seen as changed.
    tenant.settings = stored


async def update_settings(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    changes: SettingsChanges,
) -> CollectivitySettings:
    """collectivitySettingsUpdate: check every field given, then write them with an audit
    entry of what changed (none when nothing did). DomainFailure: nothing written."""
    checked = _checked(changes)
    tenant = await session.get_one(Tenant, tenant_id, with_for_update=True)
    before = read_settings(tenant)
    _store(tenant, checked)
    after = read_settings(tenant)
    old, new = diff(before.as_dict(), after.as_dict())
    if new:
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="collectivity.settings_changed",
            object_type="Tenant",
            object_id=tenant_id,
            before=old,
            after=new,
        )
    await session.flush()
    return after
