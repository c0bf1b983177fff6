"""Garbage collection for a server that holds thousands of WebSocket subscriptions.

CPython's collector walks every tracked object of the oldest generation in a full
collection. A process holding 5,000 subscriptions holds over a million such objects
(connections, tasks, handlers), and a full collection of them takes about a second on the
bench machine: the commit → client latency of whatever event arrives meanwhile (issue 14's
subscription bench saw whole rounds at 1.3 s where the others took 0.25 s).

Those objects live as long as their connection, and most connections live for hours, so
this policy moves them out of the collector's walks (``gc.freeze``) as they accumulate:

- *freeze* when the subscriptions served have grown by a quarter (and by ``min_growth``)
  since the last freeze: the young generations are collected first (``gc.collect(1)``,
  cheap), so that fresh garbage is not frozen with them;
- *thaw* when they have fallen to half, or every ``refresh_after_s`` (an hour): frozen
  objects are never collected, so the cycles of connections that closed since would stay
  in memory; the thaw collects everything once (the one long pause, an hour apart instead
  of whenever the collector's thresholds fall) and freezes what is still alive.

The server's start-up already freezes the schema and the imported modules
(``server/cli/serving.py``). ``CRENEAU_GC_FREEZE=0`` turns this policy off.

Whatever the policy, a full collection longer than ``LONG_PAUSE_S`` is logged (``creneau.gc``,
warning, with how long it took): that is how an operator
tells a pause of the collector from a slow query.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

logger = logging.getLogger("creneau.gc")
# A full collection at least this long is logged.
LONG_PAUSE_S = 0.1


class Action(Enum):
    """What the policy asks of the collector."""

    FREEZE = "freeze"
    THAW = "thaw"


@dataclass
class FreezePolicy:
    """When to freeze and thaw, from the number of subscriptions served (see the module)."""

    growth_ratio: float = 1.25
    min_growth: int = 500
    refresh_after_s: float = 3600.0
    frozen_at: int = 0
    frozen_since: float | None = None

    def decide(self, subscriptions: int, now: float) -> Action | None:
        """The action due for ``subscriptions`` served at ``now`` (monotonic seconds)."""
        if self.frozen_since is not None and (
            subscriptions <= self.frozen_at // 2 or now - self.frozen_since >= self.refresh_after_s
        ):
            return Action.THAW
        grown = subscriptions - self.frozen_at
        if grown >= self.min_growth and subscriptions >= self.frozen_at * self.growth_ratio:
            return Action.FREEZE
        return None

    def done(self, subscriptions: int, now: float) -> None:
        """Record that the collector was frozen (or thawed and frozen again) at ``now``."""
        self.frozen_at = subscriptions
        self.frozen_since = now


def apply(action: Action) -> None:
    """Carry out ``action`` on this process's collector."""
    if action is Action.FREEZE:
        gc.collect(1)
    else:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


async def run_gc_policy(
    subscriptions: Callable[[], int],
    stop: asyncio.Event,
    *,
    policy: FreezePolicy | None = None,
    interval_s: float = 1.0,
    act: Callable[[Action], None] = apply,
) -> None:
    """Apply the policy every ``interval_s`` until ``stop`` is set (the app's lifespan
    runs it in each server process)."""
    policy = policy or FreezePolicy()
    while not stop.is_set():
        count, now = subscriptions(), time.monotonic()
        action = policy.decide(count, now)
        if action is not None:
            started = time.perf_counter()
            act(action)
            policy.done(count, now)
            logger.debug(
                "gc %s at %d subscriptions in %.1f ms",
                action.value,
                count,
                (time.perf_counter() - started) * 1000,
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_s)


class PauseLog:
    """A ``gc.callbacks`` entry timing full collections and logging the long ones."""

    def __init__(self, threshold_s: float = LONG_PAUSE_S) -> None:
        self.threshold_s = threshold_s
        self._started: float | None = None
        self.longest_s = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
            return
        if self._started is None:
            return
        took = time.perf_counter() - self._started
        self._started = None
        self.longest_s = max(self.longest_s, took)
        if took >= self.threshold_s:
            logger.warning(
                "gc: full collection took %.0f ms (%d objects collected, %d frozen out of it)",
                took * 1000,
                info.get("collected", 0),
                gc.get_freeze_count(),
            )


def install_pause_log(threshold_s: float = LONG_PAUSE_S) -> Callable[[], None]:
    """Log this process's long full collections; returns the function that stops it."""
    pause_log = PauseLog(threshold_s)
    gc.callbacks.append(pause_log)
    return lambda: gc.callbacks.remove(pause_log)
