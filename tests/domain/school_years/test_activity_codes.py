"""The code of an activity copied into a new year: the demo's rule, unique, stable."""

from __future__ import annotations

from domain.school_years.activity_codes import MAX_CODE, base_code, next_year_codes, short_label


def test_short_label_of_a_school_year() -> None:
    assert short_label("2026-2027") == "26-27"
    assert short_label("Année A") == "Année A"


def test_codes_follow_the_demo_rule() -> None:
    # 2025-2026's codes have no suffix; the demo's 2026-2027 codes add « 26-27 ».
    codes = next_year_codes(["1/Garderie matin/Lux", "Repas 25-26"], "2026-2027", taken=[])
    assert codes == {
        "1/Garderie matin/Lux": "1/Garderie matin/Lux 26-27",
        "Repas 25-26": "Repas 26-27",
    }
    assert base_code("1/Garderie matin/Lux 26-27") == "1/Garderie matin/Lux"


def test_a_taken_code_gets_the_first_free_number() -> None:
    codes = next_year_codes(
        ["Repas", "Repas 25-26"], "2026-2027", taken=["Repas 26-27", "Repas 26-27 (2)"]
    )
    assert codes == {"Repas": "Repas 26-27 (3)", "Repas 25-26": "Repas 26-27 (4)"}


def test_a_long_code_is_shortened_to_fit() -> None:
    long = "x" * MAX_CODE
    code = next_year_codes([long], "2026-2027", taken=[])[long]
    assert len(code) == MAX_CODE and code.endswith(" 26-27")
