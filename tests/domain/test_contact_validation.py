"""Contact data: phone numbers, e-mail, postal codes, countries, IBAN and BIC."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from schwifty import IBAN

from domain.contact_validation import (
    PHONE_MESSAGE,
    ProblemCollector,
    normalize_bic,
    normalize_country,
    normalize_email,
    normalize_iban,
    normalize_phone,
    normalize_postal_code,
    normalize_sender,
)
from kernel.results import DomainFailure, Problem

VALID_IBAN = "FR7630006000011234567890189"


def _problem(excinfo: pytest.ExceptionInfo[DomainFailure]) -> Problem:
    (problem,) = excinfo.value.problems
    return problem


# --- phone numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "FR", "+33612345678"),
        ("0033612345678", "FR", "+33612345678"),
        ("04 76 52 00 00", "FR", "+33476520000"),
        ("+32 470 12 34 56", "FR", "+32470123456"),
        ("0470 12 34 56", "BE", "+32470123456"),
        ("0262 21 00 00", "FR", "+262262210000"),  # La Réunion typed the French way
        ("0690 12 34 56", "FR", "+590690123456"),  # Guadeloupe mobile
    ],
)
def test_phone_numbers_are_stored_in_e164(raw: str, country: str, expected: str) -> None:
    assert normalize_phone(raw, country=country) == expected


@pytest.mark.parametrize("raw", ["", "   ", "abc", "06 12 34", "01 23", "+99 123", "0" * 101])
def test_invalid_phone_numbers_are_refused_with_the_field_path(raw: str) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_phone(raw, "guardian1", "phone")
    assert _problem(excinfo) == Problem("INVALID_PHONE", PHONE_MESSAGE, ("guardian1", "phone"))
    assert PHONE_MESSAGE == "Le numéro de téléphone n'est pas valide."


def test_a_mobile_field_refuses_a_landline() -> None:
    assert normalize_phone("07 81 23 45 67", mobile=True) == "+33781234567"
    with pytest.raises(DomainFailure) as excinfo:
        normalize_phone("04 76 52 00 00", "guardian1", "mobilePhone", mobile=True)
    assert _problem(excinfo).code == "NOT_A_MOBILE"
    assert _problem(excinfo).field == ("guardian1", "mobilePhone")


def test_an_unknown_country_reads_numbers_as_international() -> None:
    assert normalize_phone("+33 6 12 34 56 78", country="AQ") == "+33612345678"
    with pytest.raises(DomainFailure):
        normalize_phone("06 12 34 56 78", country="AQ")


@given(
    digits=st.text(alphabet="0123456789", min_size=8, max_size=8).filter(
        lambda d: not d.startswith(("39", "9"))  # overseas prefixes, tested above
    ),
    separator=st.sampled_from(["", " ", ".", "-"]),
)
def test_every_metropolitan_06_number_normalizes_and_is_stable(digits: str, separator: str) -> None:
    raw = separator.join(["06", digits[:2], digits[2:4], digits[4:6], digits[6:]])
    normalized = normalize_phone(raw, mobile=True)
    assert normalized == f"+336{digits}"
    assert normalize_phone(normalized, mobile=True) == normalized


# --- e-mail ----------------------------------------------------------------------------


def test_email_addresses_are_lower_cased() -> None:
    assert normalize_email("  Camille.Martin@Example.FR ") == "camille.martin@example.fr"


@pytest.mark.parametrize("raw", ["", "camille", "camille@", "@example.fr", "a b@example.fr"])
def test_invalid_email_addresses_are_refused(raw: str) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_email(raw, "guardian2", "email")
    assert _problem(excinfo) == Problem(
        "INVALID_EMAIL", "L'adresse e-mail n'est pas valide.", ("guardian2", "email")
    )


def test_email_default_field_path() -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_email("nope")
    assert _problem(excinfo).field == ("email",)


# --- countries and postal codes ----------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [("FR", "FR"), ("fr", "FR"), (" be ", "BE")])
def test_country_codes_are_iso_alpha_2(raw: str, expected: str) -> None:
    assert normalize_country(raw) == expected


@pytest.mark.parametrize("raw", ["", "F", "FRA", "ZZ", "12", "France"])
def test_unknown_country_codes_are_refused(raw: str) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_country(raw, "guardian1", "address", "country")
    assert _problem(excinfo).code == "INVALID_COUNTRY"
    assert _problem(excinfo).field == ("guardian1", "address", "country")


@pytest.mark.parametrize(
    ("raw", "expected"), [("38330", "38330"), (" 38 330 ", "38330"), ("97400", "97400")]
)
def test_french_postal_codes_have_five_digits(raw: str, expected: str) -> None:
    assert normalize_postal_code(raw) == expected


@pytest.mark.parametrize("raw", ["3833", "383300", "3833O", "00100", "99000", ""])
def test_invalid_french_postal_codes_are_refused(raw: str) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_postal_code(raw, "guardian1", "address", "postalCode")
    assert _problem(excinfo) == Problem(
        "INVALID_POSTAL_CODE",
        "Le code postal doit comporter 5 chiffres.",
        ("guardian1", "address", "postalCode"),
    )


def test_foreign_postal_codes_are_only_trimmed() -> None:
    assert normalize_postal_code(" sw1a  1aa ", country="GB") == "SW1A 1AA"
    assert normalize_postal_code("1000", country="BE") == "1000"
    with pytest.raises(DomainFailure):
        normalize_postal_code("x" * 17, country="BE")


@given(st.integers(min_value=1000, max_value=98999))
def test_every_five_digit_french_code_in_range_is_accepted(value: int) -> None:
    assert normalize_postal_code(f"{value:05d}") == f"{value:05d}"


@given(st.text(alphabet="0123456789", min_size=1, max_size=9).filter(lambda s: len(s) != 5))
def test_french_codes_of_another_length_are_refused(raw: str) -> None:
    with pytest.raises(DomainFailure):
        normalize_postal_code(raw)


# --- IBAN and BIC ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        VALID_IBAN,
        "FR76 3000 6000 0112 3456 7890 189",
        "fr76 3000 6000 0112 3456 7890 189",
        "  FR7630006000011234567890189  ",
    ],
)
def test_ibans_are_stored_compact_and_upper_case(raw: str) -> None:
    assert normalize_iban(raw) == VALID_IBAN


def test_other_countries_ibans_are_accepted() -> None:
    assert normalize_iban("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000"
    assert normalize_iban("GB29 NWBK 6016 1331 9268 19") == "GB29NWBK60161331926819"


def test_a_wrong_iban_checksum_is_refused() -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_iban("FR7630006000011234567890188", "bankAccount", "iban")
    assert _problem(excinfo) == Problem(
        "INVALID_IBAN",
        "L'IBAN n'est pas valide : sa clé de contrôle est erronée.",
        ("bankAccount", "iban"),
    )


def _with_iban_check_digits(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def test_a_wrong_french_rib_key_is_refused_even_with_a_valid_iban_checksum() -> None:
    # Same bank and account, RIB key 00 instead of 89, IBAN check digits recomputed.
    wrong_key = _with_iban_check_digits("FR", "30006000011234567890100")
    assert _with_iban_check_digits("FR", VALID_IBAN[4:]) == VALID_IBAN
    with pytest.raises(DomainFailure) as excinfo:
        normalize_iban(wrong_key)
    assert _problem(excinfo).code == "INVALID_IBAN"


@pytest.mark.parametrize("raw", ["", "FR76", "XX7630006000011234567890189", "not an iban"])
def test_malformed_ibans_are_refused(raw: str) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_iban(raw)
    assert _problem(excinfo).code == "INVALID_IBAN"
    assert _problem(excinfo).field == ("iban",)


@given(
    bank=st.text(alphabet="0123456789", min_size=5, max_size=5),
    branch=st.text(alphabet="0123456789", min_size=5, max_size=5),
    account=st.text(alphabet="0123456789", min_size=11, max_size=11),
    position=st.integers(min_value=4, max_value=26),
    delta=st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_typo_in_a_french_iban_is_caught(
    bank: str, branch: str, account: str, position: int, delta: int
) -> None:
    compact = IBAN.generate("FR", bank_code=bank, branch_code=branch, account_code=account).compact
    spaced = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    assert normalize_iban(spaced.lower()) == compact
    typo = compact[:position] + str((int(compact[position]) + delta) % 10) + compact[position + 1 :]
    with pytest.raises(DomainFailure):
        normalize_iban(typo)


def test_bics_are_compact_and_upper_case() -> None:
    assert normalize_bic("bnpa fr pp") == "BNPAFRPP"
    assert normalize_bic("AGRIFRPPXXX", iban=VALID_IBAN) == "AGRIFRPPXXX"


@pytest.mark.parametrize("raw", ["", "BNPA", "BNPAZZPP", "BNPAFR", "BNPAFRP!", "BNPAFRPPXXXX"])
def test_invalid_bics_are_refused(raw: str) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_bic(raw, "bankAccount", "bic")
    assert _problem(excinfo) == Problem(
        "INVALID_BIC", "Le BIC n'est pas valide.", ("bankAccount", "bic")
    )


def test_the_bic_must_be_of_the_iban_country() -> None:
    with pytest.raises(DomainFailure) as excinfo:
        normalize_bic("DEUTDEFF", "bankAccount", "bic", iban=VALID_IBAN)
    assert _problem(excinfo) == Problem(
        "BIC_COUNTRY_MISMATCH",
        "Le BIC ne correspond pas au pays de l'IBAN.",
        ("bankAccount", "bic"),
    )
    assert normalize_bic("DEUTDEFF", iban="DE89370400440532013000") == "DEUTDEFF"


def test_overseas_banks_may_have_their_territory_in_the_bic() -> None:
    # French overseas departments use FR IBANs; their banks' BICs may say RE, GP…
    assert normalize_bic("BNPARERXXXX", iban=VALID_IBAN) == "BNPARERXXXX"


# --- collecting problems ----------------------------------------------------------------


def test_the_collector_keeps_every_problem_and_the_good_values() -> None:
    collector = ProblemCollector()
    assert collector.check(normalize_email, "ok@example.fr", "email") == "ok@example.fr"
    assert collector.check(normalize_phone, "123", "phone") is None
    assert collector.check(normalize_iban, "FR00", "iban") is None
    collector.add("REQUIRED", "Le nom est obligatoire.", "lastName")
    with pytest.raises(DomainFailure) as excinfo:
        collector.raise_if_any()
    assert [(p.code, p.field) for p in excinfo.value.problems] == [
        ("INVALID_PHONE", ("phone",)),
        ("INVALID_IBAN", ("iban",)),
        ("REQUIRED", ("lastName",)),
    ]


def test_an_empty_collector_raises_nothing() -> None:
    ProblemCollector().raise_if_any()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NePasRepondre@Crolles.example", "nepasrepondre@crolles.example"),
        (
            "Espace Famille Saint-Ismier <NePasRepondre@Saint-Ismier.example>",
            "Espace Famille Saint-Ismier <nepasrepondre@saint-ismier.example>",
        ),
    ],
)
def test_a_sender_may_carry_the_service_name(raw: str, expected: str) -> None:
    assert normalize_sender(raw, "mailFrom") == expected


@pytest.mark.parametrize("raw", ["", "x", "Nom <>", "Nom <pas une adresse>"])
def test_a_sender_without_a_valid_address_is_refused(raw: str) -> None:
    with pytest.raises(DomainFailure) as refused:
        normalize_sender(raw, "mailFrom")
    assert _problem(refused).code == "INVALID_EMAIL"
