"""Contact and bank data as a French family portal needs them: checked, then normalized.

Each ``normalize_*`` function returns the value in the one form we store (phone numbers in
E.164, lower-case e-mail addresses, compact upper-case IBAN and BIC, upper-case ISO country
codes) or raises ``DomainFailure`` with a French message and the field path it was given,
so any mutation can report the problem at the right place in its input. The work is done by
the libraries made for it (``phonenumbers``, ``email-validator``, ``schwifty``,
``pycountry``), never by home-made regular expressions.

``ProblemCollector`` runs several checks and keeps every problem instead of stopping at the
first one: a parent filling a long form wants to see everything that is wrong at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email.utils import formataddr, parseaddr
from typing import Final, ParamSpec, TypeVar

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email
from schwifty import BIC, IBAN
from schwifty.exceptions import InvalidBBANChecksum, InvalidChecksumDigits, SchwiftyException

from kernel.results import DomainFailure, Problem, fail

P = ParamSpec("P")
T = TypeVar("T")

INVALID_PHONE: Final = "INVALID_PHONE"
NOT_A_MOBILE: Final = "NOT_A_MOBILE"
INVALID_EMAIL: Final = "INVALID_EMAIL"
INVALID_COUNTRY: Final = "INVALID_COUNTRY"
INVALID_POSTAL_CODE: Final = "INVALID_POSTAL_CODE"
INVALID_IBAN: Final = "INVALID_IBAN"
INVALID_BIC: Final = "INVALID_BIC"
BIC_COUNTRY_MISMATCH: Final = "BIC_COUNTRY_MISMATCH"

PHONE_MESSAGE: Final = "Le numéro de téléphone n'est pas valide."
MOBILE_MESSAGE: Final = "Ce numéro n'est pas un numéro de téléphone portable."
EMAIL_MESSAGE: Final = "L'adresse e-mail n'est pas valide."
COUNTRY_MESSAGE: Final = "Le pays n'est pas valide (code ISO à deux lettres, par exemple FR)."
POSTAL_CODE_MESSAGE: Final = "Le code postal doit comporter 5 chiffres."
IBAN_MESSAGE: Final = "L'IBAN n'est pas valide."
IBAN_CHECKSUM_MESSAGE: Final = "L'IBAN n'est pas valide : sa clé de contrôle est erronée."
BIC_MESSAGE: Final = "Le BIC n'est pas valide."
BIC_COUNTRY_MESSAGE: Final = "Le BIC ne correspond pas au pays de l'IBAN."

# Territories numbered under a French national prefix (0262…, 0690…) but with their own
# calling codes: a parent types these numbers the French way, with country FR.
_FRENCH_OVERSEAS_REGIONS: Final = ("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF")

# IBAN countries whose banks may carry another country code in their BIC (French overseas
# territories bank with FR IBANs; Crown Dependencies with GB ones; Åland with FI ones).
_BIC_COUNTRIES_OF_IBAN: Final[dict[str, frozenset[str]]] = {
    "FR": frozenset({"FR", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"}),
    "GB": frozenset({"GB", "GG", "JE", "IM"}),
    "FI": frozenset({"FI", "AX"}),
}

_MOBILE_TYPES: Final = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)
_FRENCH_POSTAL_CODE: Final = re.compile(r"[0-9]{5}")
_MAX_RAW_LENGTH: Final = 100


def _fields(field: tuple[str, ...], default: str) -> tuple[str, ...]:
    return field or (default,)


def normalize_country(raw: str, *field: str) -> str:
    """An ISO 3166-1 alpha-2 country code, upper-case (« fr » → « FR »).

    Addresses, phone numbers and postal codes are all interpreted by country, so an
    unknown code must be refused before anything else is checked.
    """
    code = raw.strip().upper()
    if len(code) != 2 or not code.isalpha() or pycountry.countries.get(alpha_2=code) is None:
        raise fail(INVALID_COUNTRY, COUNTRY_MESSAGE, *_fields(field, "country"))
    return code


def _parse_phone(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalize_phone(raw: str, *field: str, country: str = "FR", mobile: bool = False) -> str:
    """A valid phone number in E.164 (« 06 12 34 56 78 » → « +33612345678 »).

    Numbers without an international prefix are read as numbers of ``country`` (the
    address's country); French overseas numbers typed nationally are accepted with FR.
    With ``mobile``, the number must be able to receive SMS.
    """
    path = _fields(field, "phone")
    text = raw.strip()
    if not text or len(text) > _MAX_RAW_LENGTH:
        raise fail(INVALID_PHONE, PHONE_MESSAGE, *path)
    region = country.upper() if country.upper() in phonenumbers.SUPPORTED_REGIONS else None
    number = _parse_phone(text, region)
    if number is None and region == "FR" and not text.startswith("+"):
        for overseas in _FRENCH_OVERSEAS_REGIONS:
            number = _parse_phone(text, overseas)
            if number is not None:
                break
    if number is None:
        raise fail(INVALID_PHONE, PHONE_MESSAGE, *path)
    if mobile and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise fail(NOT_A_MOBILE, MOBILE_MESSAGE, *path)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normalize_email(raw: str, *field: str) -> str:
    """A syntactically valid e-mail address, lower-case (as account logins are stored).

    Deliverability (DNS) is not checked: it would make a form depend on the network.
    """
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise fail(INVALID_EMAIL, EMAIL_MESSAGE, *_fields(field, "email")) from exc
    return str(result.normalized).lower()


def normalize_sender(raw: str, *field: str) -> str:
    """A mail sender: an address, or a name and an address (« Espace Famille <ne-pas-repondre@…> »).

    Towns sign their mails with the service's name; the address part is checked as
    ``normalize_email`` does and the pair is written back in the standard form.
    """
    name, address = parseaddr(raw.strip())
    if not address or ("<" in raw and not name and not raw.strip().startswith("<")):
        raise fail(INVALID_EMAIL, EMAIL_MESSAGE, *_fields(field, "email"))
    normalized = normalize_email(address, *field)
    return formataddr((name, normalized)) if name else normalized


def normalize_postal_code(raw: str, *field: str, country: str = "FR") -> str:
    """A postal code; in France exactly 5 digits from 01000 to 98999 (spaces removed).

    Other countries' formats vary too much to be checked here: they are only trimmed and
    bounded in length.
    """
    path = _fields(field, "postalCode")
    if country.upper() == "FR":
        code = "".join(raw.split())
        if not _FRENCH_POSTAL_CODE.fullmatch(code) or not "01000" <= code <= "98999":
            raise fail(INVALID_POSTAL_CODE, POSTAL_CODE_MESSAGE, *path)
        return code
    code = " ".join(raw.split()).upper()
    if not code or len(code) > 16:
        raise fail(INVALID_POSTAL_CODE, "Le code postal n'est pas valide.", *path)
    return code


def normalize_iban(raw: str, *field: str) -> str:
    """A valid IBAN in compact upper-case form (« FR76 3000 … » → « FR7630006… »).

    Checks the country, length, structure, the IBAN checksum and, where the country has
    one, the national check digits (the French RIB key): a mistyped digit is caught here
    rather than by a refused direct debit months later.
    """
    path = _fields(field, "iban")
    text = raw.strip()
    if not text or len(text) > _MAX_RAW_LENGTH:
        raise fail(INVALID_IBAN, IBAN_MESSAGE, *path)
    try:
        iban = IBAN(text, validate_bban=True)
    except (InvalidChecksumDigits, InvalidBBANChecksum) as exc:
        raise fail(INVALID_IBAN, IBAN_CHECKSUM_MESSAGE, *path) from exc
    except SchwiftyException as exc:
        raise fail(INVALID_IBAN, IBAN_MESSAGE, *path) from exc
    return str(iban.compact)


def normalize_bic(raw: str, *field: str, iban: str | None = None) -> str:
    """A valid BIC, compact upper-case; with ``iban``, from a bank of the IBAN's country.

    The country check uses the country code inside both (overseas territories and crown
    dependencies that share their parent's IBAN country are accepted).
    """
    path = _fields(field, "bic")
    text = raw.strip()
    if not text or len(text) > _MAX_RAW_LENGTH:
        raise fail(INVALID_BIC, BIC_MESSAGE, *path)
    try:
        bic = BIC(text)
    except SchwiftyException as exc:
        raise fail(INVALID_BIC, BIC_MESSAGE, *path) from exc
    if iban is not None:
        iban_country = iban.strip()[:2].upper()
        allowed = _BIC_COUNTRIES_OF_IBAN.get(iban_country, frozenset({iban_country}))
        if str(bic.country_code) not in allowed:
            raise fail(BIC_COUNTRY_MISMATCH, BIC_COUNTRY_MESSAGE, *path)
    return str(bic.compact)


class ProblemCollector:
    """Runs checks and keeps every problem, so that a form is answered in one pass.

    ``check`` returns the check's result, or None when it failed (its problems are kept);
    ``raise_if_any`` then raises one ``DomainFailure`` with all of them.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def check(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Run one check; on ``DomainFailure`` keep its problems and return None."""
        try:
            return function(*args, **kwargs)
        except DomainFailure as failure:
            self.problems.extend(failure.problems)
            return None

    def add(self, code: str, message: str, *field: str) -> None:
        """Record a problem found by the caller itself."""
        self.problems.append(Problem(code, message, tuple(field)))

    def raise_if_any(self) -> None:
        """Raise every problem collected so far, if there is one."""
        if self.problems:
            raise DomainFailure(self.problems)
