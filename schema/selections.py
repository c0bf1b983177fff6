"""What a query selects below a field, for resolvers that load ahead what will be asked.

A page resolver that knows its items' ``family`` and ``lines`` will be selected can load
them for the whole page at once, before graphql-core completes the items: each item's
field then finds its data already loaded and completes without waiting (see
``schema.fast_execution.eager``). Fragments are looked through; ``@skip``/``@include``
are not evaluated (loading ahead something skipped costs one statement, answers nothing
different).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types.nodes import SelectedField


def _fields(selections: Iterable[Any] | None) -> Iterator[SelectedField]:
    for selection in selections or ():
        if isinstance(selection, SelectedField):
            yield selection
        else:  # a fragment spread or an inline fragment
            yield from _fields(getattr(selection, "selections", None))


def fields_below(selections: Iterable[Any] | None, *path: str) -> list[SelectedField]:
    """The fields selected under ``path`` (names of nested fields, e.g. ``"edges", "node"``)
    of ``selections`` (``info.selected_fields``), every occurrence merged."""
    current = list(_fields(selections))
    for name in path:
        current = [
            child for field in current if field.name == name for child in _fields(field.selections)
        ]
    return current


def names_below(selections: Iterable[Any] | None, *path: str) -> frozenset[str]:
    """The names of the fields selected under ``path``."""
    return frozenset(field.name for field in fields_below(selections, *path))
