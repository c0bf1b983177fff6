"""The wording every check of the family file shares: the REQUIRED / TOO_LONG codes and
the French field labels their messages are built from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    feminine: bool = False

    def required(self) -> str:
        return f"{self.text} est obligatoire."

    def too_long(self, max_length: int) -> str:
        adjective = "trop longue" if self.feminine else "trop long"
        return f"{self.text} est {adjective} ({max_length} caractères au maximum)."
