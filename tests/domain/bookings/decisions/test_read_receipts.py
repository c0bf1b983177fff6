"""Read receipts of request messages in the domain."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions import inbox
from models import MessageReceipt, Request
from tests.domain.bookings.decisions._helpers import MONDAY, NOW, World, _request
from tests.factories import requests as fr


async def test_read_receipts_count_only_the_other_sides_messages(world: World) -> None:
    request, _ = await _request(world, world.children[0], [MONDAY])
    other_request, _ = await _request(world, world.other_children[0], [MONDAY])

    async def messages(session: AsyncSession) -> None:
        own = await session.get(Request, request.id)
        other = await session.get(Request, other_request.id)
        assert own is not None and other is not None
        await fr.make_message(session, own)
        await fr.make_message(session, own)
        await fr.make_message(session, own, from_staff=False)
        await fr.make_message(session, other)

    await world.run(messages)

    def mark(ids: list[int | None]) -> Callable[[AsyncSession], Awaitable[int]]:
        return lambda session: inbox.mark_read(
            session,
            tenant_id=world.tenant.id,
            account_id=world.parent.id,
            staff=False,
            own_family_id=world.children[0].family_id,
            request_ids=ids,
            now=NOW,
        )

    assert await world.fails(mark([request.id, other_request.id])) == ["NOT_FOUND"]
    assert await world.run(mark([request.id])) == 2
    assert await world.run(mark([request.id])) == 0
    receipts = await world.scalar(select(func.count()).select_from(MessageReceipt))
    assert receipts == 2

    async def all_read(session: AsyncSession) -> int:
        return await inbox.mark_all_read(
            session,
            tenant_id=world.tenant.id,
            account_id=world.other_parent.id,
            staff=False,
            own_family_id=world.other_children[0].family_id,
            family_id=None,
            child_id=None,
            now=NOW,
        )

    assert await world.run(all_read) == 1
