"""Partial-update inputs of the administration: which fields the client sent."""

from __future__ import annotations

from typing import Any

import strawberry

# Descriptions shared by the administration inputs.
UNSET_DOC = " (absent: unchanged)"
KEY_DOC = (
    "A key of the client's choosing: a retry with the same key returns the first result "
    "and creates nothing."
)


def given(**fields: Any) -> dict[str, Any]:
    """The fields the client sent (``strawberry.UNSET`` marks those it left out)."""
    return {name: value for name, value in fields.items() if value is not strawberry.UNSET}
