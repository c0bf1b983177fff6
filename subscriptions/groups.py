"""One execution per group of subscribers: the serialized payload of an event, shared.

Subscribers that sent the same operation (document, operation name, variables) and whose
viewers see the same things get the same ``next`` payload for an event, byte for byte.
The first member of such a group to reach an event computes the payload; the others
await the same computation and send its bytes. Each member's stream stays its own: its
events are still chosen, re-authorized against its re-read viewer and ordered by cursor
(``subscriptions.stream``); only the resolution and serialization of the payload are
shared.

Visibility is what the payload may depend on in the viewer: for a parent the family (and
the role), for staff the tenant, the role and the establishment limits; a selection that
reads something of the account itself (unread counts, the account) is keyed by the whole
viewer instead, so it is shared only between sessions of one account. The caller says
which (``per_account``).
"""

from __future__ import annotations

import asyncio
import functools
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import replace
from typing import Final

from kernel.viewer import Viewer

# Payloads kept for members that reach an event later than the first one (a slow client
# catching up); past that, a late member computes the payload again.
KEPT_PAYLOADS: Final = 4096


def visibility(viewer: Viewer, *, per_account: bool) -> Hashable:
    """What a payload may depend on in this viewer (the group key's viewer part)."""
    if per_account or viewer.role is None:
        # Every fact of the viewer but its login session: two sessions of one account
        # still share.
        return ("account", replace(viewer, session_id=None))
    if viewer.is_staff:
        return (
            "staff",
            viewer.tenant_id,
            viewer.role,
            viewer.establishment_ids,
            viewer.activity_ids if viewer.establishment_ids is not None else None,
        )
    return ("family", viewer.tenant_id, viewer.role, viewer.family_id)


class _Pending:
    """A payload being computed, and the members waiting for it (a future each, so a
    member that leaves cancels only its own wait)."""

    __slots__ = ("task", "waiters")

    def __init__(self, task: asyncio.Task[str]) -> None:
        self.task = task
        self.waiters: list[asyncio.Future[str]] = []


class SharedPayloads:
    """The payloads computed for (selection, visibility, event), each computed once."""

    def __init__(self, kept: int = KEPT_PAYLOADS) -> None:
        self.kept = kept
        self.executions = 0
        self._payloads: OrderedDict[Hashable, str | _Pending] = OrderedDict()

    def get(self, key: Hashable) -> str | None:
        """The payload for ``key`` when it is already computed (the common case: the feed
        prepared it before waking the members)."""
        found = self._payloads.get(key)
        return found if isinstance(found, str) else None

    def start(self, key: Hashable, compute: Callable[[], Awaitable[str]]) -> Awaitable[str] | None:
        """Start computing the payload for ``key`` unless it is known or under way (the
        feed does, before waking the members); what to wait for, or None."""
        if key in self._payloads:
            return None
        return self._begin(key, compute).task

    def _begin(self, key: Hashable, compute: Callable[[], Awaitable[str]]) -> _Pending:
        self.executions += 1
        pending = _Pending(asyncio.ensure_future(compute()))
        self._payloads[key] = pending
        pending.task.add_done_callback(functools.partial(self._computed, key, pending))
        while len(self._payloads) > self.kept:
            self._payloads.popitem(last=False)
        return pending

    async def payload(self, key: Hashable, compute: Callable[[], Awaitable[str]]) -> str:
        """The payload for ``key``: computed now by the first caller (in a task of its
        own, so a member leaving mid-way does not cancel it for the others), awaited by
        the members that ask while it runs, read by the later ones."""
        found = self._payloads.get(key)
        if isinstance(found, str):
            return found
        if found is None:
            found = self._begin(key, compute)
        waiter: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        found.waiters.append(waiter)
        return await waiter

    def _computed(self, key: Hashable, pending: _Pending, _task: object) -> None:
        """Hand the payload to its waiters and keep it; a computation that raised is not
        kept (the next member tries again) and its waiters get the exception."""
        task = pending.task
        error = None if task.cancelled() else task.exception()
        current = self._payloads.get(key) is pending
        if task.cancelled() or error is not None:
            if current:
                del self._payloads[key]
        elif current:
            self._payloads[key] = task.result()
        for waiter in pending.waiters:
            if waiter.done():
                continue
            if task.cancelled():
                waiter.cancel()
            elif error is not None:
                waiter.set_exception(error)
            else:
                waiter.set_result(task.result())

    def clear(self) -> None:
        """Forget every kept payload (tests; a process that changed its schema)."""
        self._payloads.clear()
