"""``gather_eagerly``: the same values and errors as ``gather_with_cancel``, the same
DataLoader batches, and no task for a coroutine that need not wait."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest
from strawberry.dataloader import DataLoader

from schema.fast_execution.eager import STATS, gather_eagerly


async def test_coroutines_that_need_not_wait_cost_no_task() -> None:
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[int] = loop.create_future()
    ready.set_result(2)

    async def at_hand() -> int:
        return 1

    async def already_resolved() -> int:
        return await ready

    before = dict(STATS)
    assert await gather_eagerly([at_hand(), already_resolved(), at_hand()]) == [1, 2, 1]
    assert STATS["without_task"] - before["without_task"] == 3
    assert STATS["with_task"] == before["with_task"]


async def test_coroutines_waiting_on_one_shared_future_all_get_its_value() -> None:
    loop = asyncio.get_running_loop()
    shared: asyncio.Future[int] = loop.create_future()

    async def plus(n: int) -> int:
        return await shared + n

    loop.call_later(0.01, shared.set_result, 10)
    assert await gather_eagerly([plus(1), plus(2), plus(3)]) == [11, 12, 13]


async def test_a_future_resolved_before_the_task_starts_is_not_waited_on() -> None:
    loop = asyncio.get_running_loop()
    soon: asyncio.Future[str] = loop.create_future()

    async def waits() -> str:
        return await soon

    loop.call_soon(soon.set_result, "done")
    assert await gather_eagerly([waits(), waits()]) == ["done", "done"]


async def test_one_batch_for_the_loads_of_all_coroutines() -> None:
    batches: list[list[int]] = []

    async def load(keys: Sequence[int]) -> list[int]:
        batches.append(list(keys))
        return [key * 100 for key in keys]

    loader = DataLoader(load_fn=load)

    async def read(key: int) -> int:
        return await loader.load(key)

    assert await gather_eagerly([read(1), read(2), read(1), read(3)]) == [100, 200, 100, 300]
    assert batches == [[1, 2, 3]]


async def test_the_first_error_is_raised_and_waiting_siblings_are_cancelled_where_they_wait() -> (
    None
):
    loop = asyncio.get_running_loop()
    never: asyncio.Future[None] = loop.create_future()
    seen: list[str] = []

    async def waits_forever() -> None:
        try:
            await never
        except asyncio.CancelledError:
            seen.append("cancelled")
            raise
        except GeneratorExit:  # pragma: no cover - what closing it would do
            seen.append("closed")
            raise

    async def fails(message: str) -> None:
        raise ValueError(message)

    with pytest.raises(ValueError, match="first"):
        await gather_eagerly([waits_forever(), fails("first"), fails("second")])
    assert seen == ["cancelled"]
