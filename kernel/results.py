"""Expected failures as data: a domain function raises ``DomainFailure`` with problems.

Raising (rather than returning) makes the caller's transaction roll back, so bad input of
any kind changes nothing; the resolver turns each problem into a payload error with a code
and a French message for the parent or agent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a request: a stable code, a French message, the input path."""

    code: str
    message: str
    field: tuple[str, ...] = ()


class DomainFailure(Exception):
    """The action cannot be done as asked; nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(p.message for p in self.problems))


def fail(code: str, message: str, *field: str) -> DomainFailure:
    """A failure with a single problem (``raise fail(...)``)."""
    return DomainFailure([Problem(code, message, tuple(field))])
