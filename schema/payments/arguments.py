"""Arguments renamed after their entity (issue 15, item 7): the new name is read first,
the old one is still accepted (deprecated in the SDL); both at once with different values
is a client mistake, refused with a French ``BAD_USER_INPUT`` error naming both."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from kernel.results import DomainFailure
from schema.errors import PublicError

T = TypeVar("T")


def renamed(new: T | None, old: T | None, new_name: str, old_name: str) -> T | None:
    """The value of a renamed argument: ``new`` when given, else the deprecated ``old``."""
    if new is not None and old is not None and new != old:
        raise PublicError(
            f"« {new_name} » et « {old_name} » (son ancien nom, obsolète) ne peuvent pas être "
            f"donnés ensemble avec des valeurs différentes : utilisez seulement « {new_name} »."
        )
    return new if new is not None else old


def renamed_required(new: T | None, old: T | None, new_name: str, old_name: str) -> T:
    """Like :func:`renamed` for an argument that was required: neither name given is the
    same top-level ``BAD_USER_INPUT`` refusal as a missing value."""
    value = renamed(new, old, new_name, old_name)
    if value is None:
        raise PublicError(f"« {new_name} » est obligatoire.")
    return value


def renamed_fields(failure: DomainFailure, old_name: str, new_name: str) -> DomainFailure:
    """The failure with ``old_name`` replaced by ``new_name`` in each problem's input path,
    so that a payload error names the field the client actually sent."""
    return DomainFailure(
        replace(
            problem,
            field=tuple(new_name if part == old_name else part for part in problem.field),
        )
        for problem in failure.problems
    )
