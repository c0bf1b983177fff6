"""The registration form's family and guardian part: normalized when complete, every
problem at once with its path in French, phones, allocataire, SMS and direct debit rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    CommunicationForm,
    WishedRegistrationForm,
    check_family_form,
)
from kernel.results import DomainFailure
from models.child import Grade, Sex
from models.family import AllowanceRegime
from tests.domain.family_registration._helpers import (
    IBAN,
    TODAY,
    Town,
    _problems,
    family_form,
    guardian_form,
)

# --- the form's rules ---------------------------------------------------------------------


async def test_a_complete_form_is_normalized(session: AsyncSession, town: Town) -> None:
    checked = await check_family_form(session, town.tenant.id, family_form(town), TODAY)
    g1 = checked.form.guardian1
    assert (g1.phone, g1.mobile_phone, g1.email) == (
        "+33476520000",
        "+33612345678",
        "camille.martin@example.fr",
    )
    assert checked.form.guardian2 is not None
    assert checked.form.guardian2.mobile_phone == "+33781234567"
    assert checked.form.bank_account == BankAccountForm("Camille Martin", IBAN, "AGRIFRPP")
    assert [(r.child_index, r.start_date, r.end_date) for r in checked.registrations] == [
        (0, dt.date(2025, 9, 1), dt.date(2026, 7, 3)),
        (1, dt.date(2025, 9, 1), dt.date(2026, 7, 3)),
    ]


async def test_every_problem_is_reported_at_once_with_its_path(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(
        town,
        guardian1=guardian_form(
            first_name="  ",
            mobile_phone="01 23",
            email="camille@",
            address=AddressForm(line1="", line2=None, postal_code="3833", city="Saint-Ismier"),
        ),
        bank_account=BankAccountForm(holder_name="", iban="FR7630006000011234567890188"),
        children=[
            ChildForm("Lenny", "Martin", dt.date(2018, 5, 2), Sex.M, grade=Grade.CE1),
            ChildForm("Bébé", "Martin", dt.date(2026, 1, 1), Sex.F),
        ],
        registrations=[WishedRegistrationForm(child_index=5, activity_id=town.garderie_id)],
    )
    assert await _problems(session, town, form) == {
        ("REQUIRED", "guardian1", "firstName"),
        ("REQUIRED", "guardian1", "address", "line1"),
        ("INVALID_POSTAL_CODE", "guardian1", "address", "postalCode"),
        ("INVALID_EMAIL", "guardian1", "email"),
        ("INVALID_PHONE", "guardian1", "mobilePhone"),
        ("REQUIRED", "bankAccount", "holderName"),
        ("INVALID_IBAN", "bankAccount", "iban"),
        ("BIRTH_DATE_IN_FUTURE", "children", "1", "birthDate"),
        ("UNKNOWN_CHILD", "registrations", "0", "child"),
    }


async def test_messages_are_french(session: AsyncSession, town: Town) -> None:
    form = family_form(town, guardian1=guardian_form(mobile_phone="01 23", last_name=""))
    with pytest.raises(DomainFailure) as excinfo:
        await check_family_form(session, town.tenant.id, form, TODAY)
    messages = {p.field: p.message for p in excinfo.value.problems}
    assert messages[("guardian1", "mobilePhone")] == "Le numéro de téléphone n'est pas valide."
    assert messages[("guardian1", "lastName")] == "Le nom est obligatoire."


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"last_name": "x" * 121}, ("TOO_LONG", "guardian1", "lastName")),
        ({"birth_name": "y" * 121}, ("TOO_LONG", "guardian1", "birthName")),
        ({"phone": None, "mobile_phone": None}, ("PHONE_REQUIRED", "guardian1", "mobilePhone")),
        ({"phone": "0612"}, ("INVALID_PHONE", "guardian1", "phone")),
        ({"mobile_phone": "04 76 52 00 00"}, ("NOT_A_MOBILE", "guardian1", "mobilePhone")),
        ({"work_phone": "12"}, ("INVALID_PHONE", "guardian1", "workPhone")),
        ({"email": None}, ("REQUIRED", "guardian1", "email")),
        ({"address": None}, ("REQUIRED", "guardian1", "address")),
        (
            {"address": AddressForm("1 rue", None, "38330", "Saint-Ismier", country="XX")},
            ("INVALID_COUNTRY", "guardian1", "address", "country"),
        ),
        (
            {"address": AddressForm("1 rue", None, "38330", " ")},
            ("REQUIRED", "guardian1", "address", "city"),
        ),
        (
            {"address": AddressForm("1 rue", None, "", "Saint-Ismier")},
            ("REQUIRED", "guardian1", "address", "postalCode"),
        ),
        (
            {"allocataire": AllocataireForm(AllowanceRegime.CAF, "12AB", True)},
            ("INVALID_ALLOCATAIRE_NUMBER", "guardian1", "allocataire", "number"),
        ),
        (
            {"allocataire": AllocataireForm(AllowanceRegime.MSA, " ", True)},
            ("REQUIRED", "guardian1", "allocataire", "number"),
        ),
        ({"profession": "p" * 121}, ("TOO_LONG", "guardian1", "profession")),
    ],
)
async def test_guardian_rules(
    session: AsyncSession, town: Town, overrides: dict[str, Any], expected: tuple[str, ...]
) -> None:
    form = family_form(town, guardian1=guardian_form(**overrides))
    assert expected in await _problems(session, town, form)


async def test_a_foreign_address_reads_phone_numbers_in_its_country(
    session: AsyncSession, town: Town
) -> None:
    belgian = AddressForm("Rue Haute 1", None, "1000", "Bruxelles", country="be")
    form = family_form(
        town,
        guardian1=guardian_form(address=belgian, phone=None, mobile_phone="0470 12 34 56"),
        guardian2=guardian_form(
            first_name="Lucas",
            address=None,
            allocataire=None,
            phone=None,
            mobile_phone="0470 12 34 56",
        ),
    )
    checked = await check_family_form(session, town.tenant.id, form, TODAY)
    assert checked.form.guardian1.mobile_phone == "+32470123456"
    assert checked.form.guardian1.address is not None
    assert checked.form.guardian1.address.country == "BE"
    # Guardian 2 lives with guardian 1: a national number is Belgian too.
    assert checked.form.guardian2 is not None
    assert checked.form.guardian2.mobile_phone == "+32470123456"


async def test_guardian_2_may_omit_email_and_address_but_not_a_phone(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(
        town,
        guardian2=guardian_form(
            email=None, address=None, phone=None, mobile_phone=None, allocataire=None
        ),
    )
    assert await _problems(session, town, form) == {("PHONE_REQUIRED", "guardian2", "mobilePhone")}


async def test_only_one_allocataire_per_family(session: AsyncSession, town: Town) -> None:
    form = family_form(town, guardian2=guardian_form(first_name="Lucas"))
    assert await _problems(session, town, form) == {
        ("TWO_ALLOCATAIRES", "guardian2", "allocataire")
    }


async def test_sms_needs_a_mobile_phone(session: AsyncSession, town: Town) -> None:
    form = family_form(
        town,
        guardian1=guardian_form(mobile_phone=None),
        communication=CommunicationForm(accepts_sms=False, reminder_by_sms=True),
    )
    assert await _problems(session, town, form) == {
        ("MOBILE_REQUIRED_FOR_SMS", "guardian1", "mobilePhone")
    }


async def test_direct_debit_needs_a_valid_bank_account(session: AsyncSession, town: Town) -> None:
    assert await _problems(session, town, family_form(town, bank_account=None)) == {
        ("BANK_ACCOUNT_REQUIRED", "bankAccount")
    }
    wrong_bic = BankAccountForm("Camille Martin", IBAN, "DEUTDEFF")
    assert await _problems(session, town, family_form(town, bank_account=wrong_bic)) == {
        ("BIC_COUNTRY_MISMATCH", "bankAccount", "bic")
    }
    bad_bic = BankAccountForm("Camille Martin", IBAN, "XX")
    assert await _problems(session, town, family_form(town, bank_account=bad_bic)) == {
        ("INVALID_BIC", "bankAccount", "bic")
    }
    no_iban = BankAccountForm("Camille Martin", " ")
    assert await _problems(session, town, family_form(town, bank_account=no_iban)) == {
        ("REQUIRED", "bankAccount", "iban")
    }


async def test_without_direct_debit_bank_details_are_not_kept(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(town, direct_debit=False, bank_account=BankAccountForm("x", "bad"))
    checked = await check_family_form(session, town.tenant.id, form, TODAY)
    assert checked.form.bank_account is None
