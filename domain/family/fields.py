"""Checks of the form's own values: guardians (names, address, e-mail, phones,
allocataire), bank account and children.

Each check reports its problems to the collector with the path of the input field at fault
and returns the value normalized (collapsed whitespace, E.164 phones, compact IBAN…). None
of them reads the database: what the form refers to in the tenant's data is checked in
``references``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from typing import Final

from domain.contact_validation import (
    ProblemCollector,
    normalize_bic,
    normalize_country,
    normalize_email,
    normalize_iban,
    normalize_phone,
    normalize_postal_code,
)
from domain.family.form import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    FamilyForm,
    GuardianForm,
)
from domain.family.messages import REQUIRED, TOO_LONG, _Label
from models.family import AllowanceRegime

_CAF_NUMBER: Final = re.compile(r"[0-9]{5,8}")
_MSA_NUMBER: Final = re.compile(r"[0-9A-Z]{5,20}")


_FIRST_NAME = _Label("Le prénom")
_LAST_NAME = _Label("Le nom")
_BIRTH_NAME = _Label("Le nom de naissance")
_LINE1 = _Label("L'adresse", feminine=True)
_LINE2 = _Label("Le complément d'adresse")
_POSTAL_CODE = _Label("Le code postal")
_CITY = _Label("La ville", feminine=True)
_COUNTRY = _Label("Le pays")
_EMAIL = _Label("L'adresse e-mail", feminine=True)
_PROFESSION = _Label("La profession", feminine=True)
_EMPLOYER = _Label("L'employeur")
_HOLDER = _Label("Le titulaire du compte")
_IBAN = _Label("L'IBAN")
_ALLOCATAIRE_NUMBER = _Label("Le numéro d'allocataire")


def _text(
    collector: ProblemCollector,
    value: str | None,
    path: tuple[str, ...],
    what: _Label,
    *,
    max_length: int,
    required: bool = False,
) -> str | None:
    """Whitespace-collapsed text (None when blank), or a problem when missing or too long."""
    cleaned = " ".join((value or "").split())
    if not cleaned:
        if required:
            collector.add(REQUIRED, what.required(), *path)
        return None
    if len(cleaned) > max_length:
        collector.add(TOO_LONG, what.too_long(max_length), *path)
    return cleaned


def _check_address(
    collector: ProblemCollector, address: AddressForm, path: tuple[str, ...]
) -> tuple[AddressForm, str | None]:
    """The normalized address and its country (None when the country itself is invalid)."""
    line1 = _text(collector, address.line1, (*path, "line1"), _LINE1, max_length=200, required=True)
    line2 = _text(collector, address.line2, (*path, "line2"), _LINE2, max_length=200)
    city = _text(collector, address.city, (*path, "city"), _CITY, max_length=120, required=True)
    country: str | None = None
    if not address.country.strip():
        collector.add(REQUIRED, _COUNTRY.required(), *path, "country")
    else:
        country = collector.check(normalize_country, address.country, *path, "country")
    postal_code = address.postal_code
    if not postal_code.strip():
        collector.add(REQUIRED, _POSTAL_CODE.required(), *path, "postalCode")
    elif country is not None:
        postal_code = (
            collector.check(
                normalize_postal_code, postal_code, *path, "postalCode", country=country
            )
            or postal_code
        )
    normalized = AddressForm(
        line1=line1 or "",
        line2=line2,
        postal_code=postal_code,
        city=city or "",
        country=country or address.country,
    )
    return normalized, country


def _check_allocataire(
    collector: ProblemCollector, allocataire: AllocataireForm, path: tuple[str, ...]
) -> AllocataireForm:
    number = "".join(allocataire.number.split()).upper()
    if not number:
        collector.add(REQUIRED, _ALLOCATAIRE_NUMBER.required(), *path, "number")
    elif allocataire.regime is AllowanceRegime.CAF and not _CAF_NUMBER.fullmatch(number):
        collector.add(
            "INVALID_ALLOCATAIRE_NUMBER",
            "Le numéro d'allocataire CAF n'est pas valide (5 à 8 chiffres).",
            *path,
            "number",
        )
    elif allocataire.regime is AllowanceRegime.MSA and not _MSA_NUMBER.fullmatch(number):
        collector.add(
            "INVALID_ALLOCATAIRE_NUMBER",
            "Le numéro d'adhérent MSA n'est pas valide (5 à 20 lettres ou chiffres).",
            *path,
            "number",
        )
    return replace(allocataire, number=number)


def _check_phone(
    collector: ProblemCollector,
    value: str | None,
    path: tuple[str, ...],
    country: str,
    *,
    mobile: bool = False,
) -> str | None:
    if value is None or not value.strip():
        return None
    result = collector.check(normalize_phone, value, *path, country=country, mobile=mobile)
    return result or value


def _check_guardian(
    collector: ProblemCollector,
    guardian: GuardianForm,
    key: str,
    *,
    payer: bool,
    fallback_country: str,
    account_email: str | None = None,
) -> tuple[GuardianForm, str]:
    """Guardian ``key`` normalized, and the country its phone numbers are read in.

    ``account_email``: the signed-in account's address, which is guardian 1's (the account
    becomes guardian 1's login): the form need not repeat it, and another address is
    refused rather than silently replaced, so that the parent sees which one is kept.
    """
    first_name = _text(
        collector,
        guardian.first_name,
        (key, "firstName"),
        _FIRST_NAME,
        max_length=120,
        required=True,
    )
    last_name = _text(
        collector, guardian.last_name, (key, "lastName"), _LAST_NAME, max_length=120, required=True
    )
    birth_name = _text(
        collector, guardian.birth_name, (key, "birthName"), _BIRTH_NAME, max_length=120
    )
    profession = _text(
        collector, guardian.profession, (key, "profession"), _PROFESSION, max_length=120
    )
    employer = _text(collector, guardian.employer, (key, "employer"), _EMPLOYER, max_length=200)

    address = guardian.address
    country = fallback_country
    if address is None:
        if payer:
            collector.add(REQUIRED, "L'adresse est obligatoire.", key, "address")
    else:
        address, address_country = _check_address(collector, address, (key, "address"))
        country = address_country or fallback_country

    email: str | None = None
    if guardian.email is None or not guardian.email.strip():
        if account_email is not None:
            email = account_email
        elif payer:
            collector.add(REQUIRED, _EMAIL.required(), key, "email")
    else:
        normalized_email = collector.check(normalize_email, guardian.email, key, "email")
        email = normalized_email or guardian.email
        if (
            normalized_email is not None
            and account_email is not None
            and normalized_email.casefold() != account_email.casefold()
        ):
            collector.add(
                "INVALID_EMAIL",
                f"L'adresse e-mail du responsable 1 est celle de votre compte ({account_email}) "
                ": laissez ce champ vide.",
                key,
                "email",
            )

    if not (guardian.phone or "").strip() and not (guardian.mobile_phone or "").strip():
        collector.add(
            "PHONE_REQUIRED",
            "Indiquez au moins un numéro de téléphone (fixe ou portable).",
            key,
            "mobilePhone",
        )
    phone = _check_phone(collector, guardian.phone, (key, "phone"), country)
    mobile_phone = _check_phone(
        collector, guardian.mobile_phone, (key, "mobilePhone"), country, mobile=True
    )
    work_phone = _check_phone(collector, guardian.work_phone, (key, "workPhone"), country)

    allocataire = guardian.allocataire
    if allocataire is not None:
        allocataire = _check_allocataire(collector, allocataire, (key, "allocataire"))

    normalized = replace(
        guardian,
        first_name=first_name or "",
        last_name=last_name or "",
        birth_name=birth_name,
        phone=phone,
        mobile_phone=mobile_phone,
        work_phone=work_phone,
        email=email,
        address=address,
        profession=profession,
        employer=employer,
        allocataire=allocataire,
    )
    return normalized, country


def _check_bank_account(collector: ProblemCollector, form: FamilyForm) -> BankAccountForm | None:
    account = form.bank_account
    if not form.direct_debit:
        # Without direct debit there is nothing to debit: bank details are not kept.
        return None
    if account is None:
        collector.add(
            "BANK_ACCOUNT_REQUIRED",
            "Les coordonnées bancaires sont obligatoires pour payer par prélèvement.",
            "bankAccount",
        )
        return None
    holder = _text(
        collector,
        account.holder_name,
        ("bankAccount", "holderName"),
        _HOLDER,
        max_length=200,
        required=True,
    )
    iban: str | None = None
    if not account.iban.strip():
        collector.add(REQUIRED, _IBAN.required(), "bankAccount", "iban")
    else:
        iban = collector.check(normalize_iban, account.iban, "bankAccount", "iban")
    bic: str | None = None
    if account.bic is not None and account.bic.strip():
        bic = collector.check(normalize_bic, account.bic, "bankAccount", "bic", iban=iban)
    return BankAccountForm(holder_name=holder or "", iban=iban or account.iban, bic=bic)


def eighteenth_birthday(birth_date: dt.date) -> dt.date:
    """The day a child born on ``birth_date`` comes of age (29 February → 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + 18)
    except ValueError:
        return dt.date(birth_date.year + 18, 3, 1)


def _check_child(
    collector: ProblemCollector, child: ChildForm, index: int, today: dt.date
) -> ChildForm:
    path = ("children", str(index))
    first_name = _text(
        collector,
        child.first_name,
        (*path, "firstName"),
        _FIRST_NAME,
        max_length=120,
        required=True,
    )
    last_name = _text(
        collector, child.last_name, (*path, "lastName"), _LAST_NAME, max_length=120, required=True
    )
    if child.birth_date > today:
        collector.add(
            "BIRTH_DATE_IN_FUTURE",
            "La date de naissance ne peut pas être dans le futur.",
            *path,
            "birthDate",
        )
    elif eighteenth_birthday(child.birth_date) <= today:
        collector.add(
            "CHILD_TOO_OLD",
            "L'enfant doit avoir moins de 18 ans.",
            *path,
            "birthDate",
        )
    return replace(child, first_name=first_name or "", last_name=last_name or "")


def _comparable_name(name: str) -> str:
    """A first name compared without case, accents, hyphens or spaces (« Léa-Marie »)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))
