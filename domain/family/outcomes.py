"""What the parent's actions on the family file return: a ``Submission`` (possibly a
replay), or for a link, ``Linked`` or ``LinkRefused``."""

from __future__ import annotations

from dataclasses import dataclass

from kernel.results import Problem
from models import Family, Guardian, Request


@dataclass(frozen=True, slots=True)
class Submission:
    """A submitted family file and its FAMILY_REGISTRATION request.

    ``replayed`` is true when an idempotency key found an earlier submission: nothing new
    was created.
    """

    family: Family
    request: Request
    guardian: Guardian
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class Linked:
    """The account now acts as ``guardian`` of ``family``."""

    family: Family
    guardian: Guardian


@dataclass(frozen=True, slots=True)
class LinkRefused:
    """Why a link failed; the attempt is recorded, so the caller still commits."""

    problem: Problem
