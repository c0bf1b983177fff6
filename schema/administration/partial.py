"""Partial-update inputs of the administration: which fields the client sent."""

from __future__ import annotations

from typing import Any

import strawberry


def given(**fields: Any) -> dict[str, Any]:
    """The fields the client sent (``strawberry.UNSET`` marks those it left out)."""
    return {name: value for name, value in fields.items() if value is not strawberry.UNSET}
