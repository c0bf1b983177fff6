"""The one way a builder writes: add the row, flush, return it with its id."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from models.base import Base

RowT = TypeVar("RowT", bound=Base)


async def add(session: AsyncSession, row: RowT) -> RowT:
    """Add ``row`` and flush, so that its id (and its children's foreign keys) are known."""
    session.add(row)
    await session.flush()
    return row
