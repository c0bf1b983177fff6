"""Gathering the awaitable fields and items of a response without a task for those that
need not wait.

graphql-core gathers the awaitables of an object's fields, and of a list's items, with
``gather_with_cancel``: one asyncio task each, even for a resolver whose data are already
at hand (a DataLoader future already resolved: awaiting it does not suspend). A task costs
more than most resolvers (creation, a loop turn, done callbacks, the gather's
bookkeeping), and a page of 20 requests with their family, child, activity, lines and
unread count made about 130 of them.

:func:`gather_eagerly` runs each coroutine up to its first real wait at once (what
Python 3.12's eager task factory does): one that completes needs no task; one that waits
is handed to a task that resumes it where it stopped. Batching is unchanged: every
coroutine still makes its DataLoader calls before the loop runs a batch. Errors are as
with ``gather_with_cancel``: every coroutine is started, the first that raised (in
order) is raised on, and those still waiting are cancelled.
"""

from __future__ import annotations

from asyncio import ensure_future, gather, isfuture, sleep
from collections.abc import Awaitable, Coroutine, Generator
from types import CoroutineType
from typing import Any

from graphql.pyutils.gather_with_cancel import gather_with_cancel

STATS = {"without_task": 0, "with_task": 0}


class _Resumed:
    """A coroutine stopped at its first wait, resumed by the task that awaits this."""

    __slots__ = ("_coroutine", "_waiting_on")

    def __init__(self, coroutine: Coroutine[Any, Any, Any], waiting_on: Any) -> None:
        self._coroutine = coroutine
        self._waiting_on = waiting_on

    def __await__(self) -> Generator[Any, Any, Any]:
        coroutine, value = self._coroutine, self._waiting_on
        if isfuture(value):
            # It may have been resolved since the coroutine stopped on it; if not, the
            # flag (cleared when it was received) tells our task to wait on it.
            while isfuture(value) and value.done():
                try:
                    value = coroutine.send(None)
                except StopIteration as done:
                    return done.value
            if isfuture(value):
                value._asyncio_future_blocking = True
        while True:
            try:
                sent = yield value
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as error:  # cancellation included: the coroutine sees it
                try:
                    value = coroutine.throw(error)
                except StopIteration as done:
                    return done.value
            else:
                try:
                    value = coroutine.send(sent)
                except StopIteration as done:
                    return done.value


async def _cancel(started: list[Awaitable[Any]]) -> None:
    """Cancel what is still waiting once a sibling raised, as ``gather_with_cancel`` does:
    each is given its task and let reach its wait first, so that the cancellation reaches
    it there (a coroutine merely closed in the middle of a database call would break it)."""
    if not started:
        return
    futures = [ensure_future(awaitable) for awaitable in started]
    await sleep(0)
    for future in futures:
        if not future.done():
            future.cancel()
    await gather(*futures, return_exceptions=True)


async def gather_eagerly(awaitables: list[Awaitable[Any]]) -> list[Any]:
    """The values of ``awaitables``, in order; coroutines that complete without waiting
    cost no task."""
    values: list[Any] = [None] * len(awaitables)
    waiting: list[int] = []
    started: list[Awaitable[Any]] = []
    first_error: BaseException | None = None
    for index, awaitable in enumerate(awaitables):
        if type(awaitable) is CoroutineType:
            try:
                waiting_on = awaitable.send(None)
            except StopIteration as done:
                values[index] = done.value
                STATS["without_task"] += 1
                continue
            except Exception as error:
                if first_error is None:
                    first_error = error
                continue
            if isfuture(waiting_on):
                # As a task does on receiving it: another coroutine may await the same
                # future (a DataLoader's), and awaiting one that is flagged raises.
                waiting_on._asyncio_future_blocking = False
            started.append(_Resumed(awaitable, waiting_on))
        else:
            started.append(awaitable)
        waiting.append(index)
    if first_error is not None:
        await _cancel(started)
        raise first_error
    if started:
        STATS["with_task"] += len(started)
        results = await gather_with_cancel(*started)
        for index, value in zip(waiting, results, strict=True):
            values[index] = value
    return values
