"""Small value makers: instants in the tenant's zone, e-mail names, IBANs, phones, draws."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from typing import Any

from seed.synthetic.constants import PARIS


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A timezone-aware instant of a calendar day in the tenant's zone."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _ascii(name: str) -> str:
    """An e-mail-friendly form of a French name ("Léa Lefèvre" -> "lea-lefevre")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "-").replace("'", "")


def _iban(rng: random.Random) -> str:
    """A French IBAN with valid check digits (the RIB key itself is random)."""
    bban = "".join(str(rng.randrange(10)) for _ in range(23))
    check = 98 - int(bban + "152700") % 97  # "FR00" with F=15, R=27
    return f"FR{check:02d}{bban}"


def _phone(rng: random.Random, prefix: str) -> str:
    """A French phone number in the usual pairs of digits."""
    return prefix + "".join(f" {rng.randrange(100):02d}" for _ in range(4))


def _pick_status(rng: random.Random, weights: Sequence[tuple[Any, float]]) -> Any:
    """One value drawn from (value, weight) pairs."""
    values, chances = zip(*weights, strict=True)
    return rng.choices(values, chances)[0]
