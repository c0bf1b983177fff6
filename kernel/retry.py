"""One way to retry a write that lost a uniqueness race.

Two concurrent calls that insert the same unique thing (the same idempotency key, the
same read receipt, the same month's billing run): the database lets one win and the other
fails with an ``IntegrityError`` at commit. Its transaction rolled back, so running it once
more is safe, and the second attempt sees the winner's row and answers like a later retry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

T = TypeVar("T")


async def retry_lost_race(
    attempt: Callable[[], Awaitable[T]], *, retry: bool = True, attempts: int = 2
) -> T:
    """Run ``attempt`` (one whole transaction); on a lost uniqueness race run it again, up
    to ``attempts`` times in all. ``retry=False`` (no key to replay, say) re-raises at once.
    """
    for number in range(1, attempts + 1):
        try:
            return await attempt()
        except IntegrityError:
            if not retry or number == attempts:
                raise
    raise AssertionError("attempts must be at least 1")
