"""The code of an activity copied into a new school year: derived, never typed.

Activity codes are unique per tenant (``UniqueConstraint(tenant_id, code)``), so a copy
cannot keep its code. The demo town writes its 2026-2027 codes as the 2025-2026 code plus
« 26-27 » (``1/Garderie matin/Lux 26-27``); the rollover follows that rule:

1. the year's short label: « 2026-2027 » → « 26-27 » (a label of another shape is used
   as it is);
2. a trailing « NN-NN » suffix (the year the code was copied for) is removed, then the
   new year's is appended after a space: « Repas 25-26 » → « Repas 26-27 »;
3. the base is shortened so the code fits its 60 characters;
4. if the code is still taken, « (2) », « (3) »… is added — the first free one.

The same source codes and taken codes always give the same new codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_CODE = 60
_FULL_LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")
_YEAR_SUFFIX = re.compile(r"\s+\d{2}-\d{2}$")


def short_label(year_label: str) -> str:
    """« 2026-2027 » → « 26-27 »; any other label, trimmed."""
    match = _FULL_LABEL.match(year_label)
    if match is None:
        return year_label.strip()
    return f"{match.group(1)[2:]}-{match.group(2)[2:]}"


def base_code(code: str) -> str:
    """The code without a trailing year suffix (« Repas 25-26 » → « Repas »)."""
    stripped = _YEAR_SUFFIX.sub("", code).strip()
    return stripped or code.strip()


def _fit(base: str, suffix: str) -> str:
    room = MAX_CODE - len(suffix)
    return base[:room].rstrip() + suffix


def next_year_codes(codes: Iterable[str], year_label: str, taken: Iterable[str]) -> dict[str, str]:
    """The new code of each source code (in the order given), none of them in ``taken``
    nor equal to another new code."""
    suffix = " " + short_label(year_label)
    used = set(taken)
    result: dict[str, str] = {}
    for code in codes:
        base = base_code(code)
        candidate = _fit(base, suffix)
        number = 2
        while candidate in used:
            candidate = _fit(base, f"{suffix} ({number})")
            number += 1
        used.add(candidate)
        result[code] = candidate
    return result
