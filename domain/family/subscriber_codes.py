"""Subscriber codes: the number a validated family is known by (typed on the phone,
asked for when linking an account), from a per-tenant counter."""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.counters import next_value
from models import Family

SUBSCRIBER_CODE_COUNTER: Final = "subscriber_code"
SUBSCRIBER_CODE_DIGITS: Final = 6


async def next_subscriber_code(session: AsyncSession, tenant_id: int) -> str:
    """A new subscriber code: 6 digits, zero-padded, after the highest numeric code given.

    The counter starts after existing codes (imported families, the demo town), so a code
    is never given twice, and a code typed on the phone is a plain number.
    """

    async def highest() -> int:
        codes = await session.scalars(
            select(Family.subscriber_code).where(
                Family.tenant_id == tenant_id, Family.subscriber_code.is_not(None)
            )
        )
        return max(
            (int(code) for code in codes if code and code.isascii() and code.isdigit()),
            default=0,
        )

    value = await next_value(session, tenant_id, SUBSCRIBER_CODE_COUNTER, highest)
    return f"{value:0{SUBSCRIBER_CODE_DIGITS}d}"
