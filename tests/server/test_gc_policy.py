"""server/gc_policy.py: when the subscriptions' objects are frozen out of full collections,
and when they are thawed so that closed connections' cycles are collected."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Sequence

import pytest

from server.gc_policy import Action, FreezePolicy, apply, install_pause_log, run_gc_policy


def steps(policy: FreezePolicy, counts: Sequence[tuple[int, float]]) -> list[Action | None]:
    """The policy's actions for a sequence of (subscriptions, time), done as asked."""
    actions = []
    for count, now in counts:
        action = policy.decide(count, now)
        if action is not None:
            policy.done(count, now)
        actions.append(action)
    return actions


def test_freezes_as_subscriptions_grow_by_a_quarter() -> None:
    policy = FreezePolicy(min_growth=500)
    counts = [(100, 0), (499, 1), (500, 2), (600, 3), (624, 4), (1_000, 5), (1_200, 6)]
    assert steps(policy, counts) == [None, None, Action.FREEZE, None, None, Action.FREEZE, None]
    assert steps(policy, [(1_250, 7), (1_500, 8), (5_000, 9)]) == [
        None,
        Action.FREEZE,
        Action.FREEZE,
    ]


def test_thaws_when_they_fall_to_half_or_after_a_while() -> None:
    policy = FreezePolicy(min_growth=500, refresh_after_s=3600)
    assert steps(policy, [(4_000, 0), (2_001, 10), (2_000, 20)]) == [
        Action.FREEZE,
        None,
        Action.THAW,
    ]
    assert policy.frozen_at == 2_000
    assert steps(policy, [(2_100, 3_619), (2_100, 3_620)]) == [None, Action.THAW]


def test_nothing_while_few_subscriptions() -> None:
    policy = FreezePolicy(min_growth=500)
    assert steps(policy, [(n, float(n)) for n in range(0, 500, 50)]) == [None] * 10


def test_a_freeze_keeps_live_objects_and_a_thaw_collects_closed_cycles() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    gc.collect()
    before = gc.get_freeze_count()
    try:
        kept, dropped = Node(), Node()
        apply(Action.FREEZE)
        assert gc.get_freeze_count() > before
        del dropped
        gc.collect()
        assert any(type(o) is Node for o in gc.get_objects()) is False  # frozen: not walked
        apply(Action.THAW)
        nodes = [o for o in gc.get_objects() if type(o) is Node]
        assert nodes == []  # frozen again, the live one with the rest
        assert kept.me is kept
    finally:
        gc.unfreeze()


async def test_the_loop_applies_what_is_due_until_stopped() -> None:
    counts = iter([600, 600, 200])
    done: list[Action] = []
    stop = asyncio.Event()

    def act(action: Action) -> None:
        done.append(action)
        if len(done) == 2:
            stop.set()

    await asyncio.wait_for(
        run_gc_policy(lambda: next(counts), stop, interval_s=0.01, act=act), timeout=5
    )
    assert done == [Action.FREEZE, Action.THAW]


def test_long_full_collections_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    stop = install_pause_log(threshold_s=0.0)
    try:
        with caplog.at_level(logging.WARNING, logger="creneau.gc"):
            gc.collect(1)
            assert caplog.records == []  # young generations: not timed
            gc.collect()
    finally:
        stop()
    assert [r.getMessage().startswith("gc: full collection took") for r in caplog.records] == [True]
    gc.collect()
    assert len(caplog.records) == 1  # stopped
