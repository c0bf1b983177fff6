"""The GSM 03.38 7-bit alphabet: what one SMS can carry in 160 characters.

An SMS of at most 160 septets is one message; a single character outside the GSM-7 set
(« ê », « ç », « œ », « « », « ’ ») switches the whole message to UCS-2, where one SMS holds
70 characters — the town then pays two or three messages for one text. So short texts are
folded to GSM-7 (« ê » → « e », « « » → « " ») before they are counted and sent, and a test
renders every template with long values and checks it fits in one message.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# GSM 03.38 basic character set (ESC, 0x1B, excluded: it introduces the extension table).
BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each of these costs two septets (ESC + the character).
EXTENSION: Final = frozenset("\f^{}\\[~]|€")
SINGLE_SMS_SEPTETS: Final = 160

# French (and common) characters outside GSM-7, written the way a French SMS writes them.
_FOLDS: Final = {
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
    "–": "-",
    "—": "-",
    "‑": "-",
    "…": "...",
    "\u00a0": " ",
    "\u202f": " ",
    "\t": " ",
    "œ": "oe",
    "Œ": "OE",
    "ç": "c",
    "°": "o",
    "•": "-",
}


def _fold_char(char: str) -> str:
    if char in BASIC or char in EXTENSION:
        return char
    if char in _FOLDS:
        return _FOLDS[char]
    # « ê » → « e »: the base letter once the accent is stripped, when it is in the set.
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and all(c in BASIC for c in base):
        return base
    return "?"


def fold(text: str) -> str:
    """``text`` written with GSM-7 characters only (unknown characters become « ? »)."""
    return "".join(_fold_char(char) for char in text)


def is_gsm7(text: str) -> bool:
    """Whether every character of ``text`` is in the basic set or the extension table."""
    return all(char in BASIC or char in EXTENSION for char in text)


def septets(text: str) -> int:
    """The septets ``text`` takes in GSM-7 (extension characters count two).

    Raises ``ValueError`` for a character outside GSM-7: call ``fold`` first."""
    count = 0
    for char in text:
        if char in BASIC:
            count += 1
        elif char in EXTENSION:
            count += 2
        else:
            raise ValueError(f"{char!r} is not a GSM-7 character")
    return count


def fits_one_sms(text: str) -> bool:
    """Whether ``text`` is GSM-7 and fits in one SMS (160 septets)."""
    return is_gsm7(text) and septets(text) <= SINGLE_SMS_SEPTETS
