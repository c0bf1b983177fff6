"""Lists of objects completed item by item by a compiled function, each item that the
function gives up on completed by graphql-core, exactly as ``complete_iterable_value``
and ``complete_list_item_value`` would (same results, errors, paths and awaitables)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from graphql import GraphQLResolveInfo
from graphql.execution import Executor
from graphql.pyutils import Path

from schema.fast_execution.compiler import Build
from schema.fast_execution.eager import gather_eagerly
from schema.fast_execution.leaves import USES, Bail


def _stock_item(
    executor: Executor[Any],
    item: Any,
    completed: list[Any],
    waiting: list[int],
    index: int,
    item_type: Any,
    details: Any,
    info: GraphQLResolveInfo[Any],
    item_path: Path,
) -> None:
    """graphql-core's completion of one item the plan gave up on."""
    USES["gave_up"] += 1
    _core_item(executor, item, completed, waiting, index, item_type, details, info, item_path)


def _core_item(
    executor: Executor[Any],
    item: Any,
    completed: list[Any],
    waiting: list[int],
    index: int,
    item_type: Any,
    details: Any,
    info: GraphQLResolveInfo[Any],
    item_path: Path,
) -> None:
    """graphql-core's completion of one item (``complete_iterable_value``'s loop body)."""
    if executor.is_awaitable(item):
        completed.append(
            executor.complete_awaitable_list_item_value(
                item, item_type, details, info, item_path, None
            )
        )
        waiting.append(index)
    elif executor.complete_list_item_value(
        item, completed, item_type, details, info, item_path, None
    ):
        waiting.append(index)


def _settle(executor: Executor[Any], completed: list[Any], waiting: list[int], rest: Any) -> None:
    """A later item raised: settle the awaitables already started and those still in the
    list, as graphql-core does before raising on."""
    pending = [completed[i] for i in waiting]
    pending.extend(x for x in rest if executor.is_awaitable(x))
    if pending:
        executor.settle_in_background(pending)


def complete_pure_items(
    executor: Executor[Any],
    build: Build,
    item_nonnull: bool,
    item_type: Any,
    details: Any,
    info: GraphQLResolveInfo[Any],
    path: Path,
    items: list[Any] | tuple[Any, ...],
) -> Any:
    """Items whose plan is pure: ``build(item)``, or graphql-core for that item."""
    completed: list[Any] = []
    append = completed.append
    waiting: list[int] = []
    index = -1
    try:
        for index, item in enumerate(items):
            try:
                if item is None:
                    if item_nonnull:
                        raise Bail
                    append(None)
                else:
                    append(build(item))
                continue
            except Exception:
                pass
            item_path = path.add_key(index, None)
            _stock_item(
                executor, item, completed, waiting, index, item_type, details, info, item_path
            )
    except Exception:
        _settle(executor, completed, waiting, items[index + 1 :])
        raise
    return _gather_items(completed, waiting) if waiting else completed


def complete_bound_items(
    executor: Executor[Any],
    build: Build,
    bound: tuple[Any, ...],
    item_type: Any,
    details: Any,
    info: GraphQLResolveInfo[Any],
    path: Path,
    items: list[Any] | tuple[Any, ...],
) -> Any:
    """Items whose plan runs fields through graphql-core (``build(item, path, executor,
    bound)``); its errors are the item's, as ``complete_list_item_value`` handles them."""
    completed: list[Any] = []
    append = completed.append
    waiting: list[int] = []
    is_awaitable = executor.is_awaitable
    index = -1
    try:
        for index, item in enumerate(items):
            item_path = path.add_key(index, None)
            if item is None:
                _stock_item(
                    executor, item, completed, waiting, index, item_type, details, info, item_path
                )
                continue
            try:
                value = build(item, item_path, executor, bound)
            except Bail:
                _stock_item(
                    executor, item, completed, waiting, index, item_type, details, info, item_path
                )
                continue
            except Exception as raw_error:
                executor.handle_field_error(raw_error, item_type, details, item_path)
                append(None)
                continue
            if is_awaitable(value):
                append(_await_item(executor, value, item_type, details, item_path))
                waiting.append(index)
            else:
                append(value)
    except Exception:
        _settle(executor, completed, waiting, items[index + 1 :])
        raise
    return _gather_items(completed, waiting) if waiting else completed


def complete_stock_items(
    executor: Executor[Any],
    item_type: Any,
    details: Any,
    info: GraphQLResolveInfo[Any],
    path: Path,
    items: list[Any] | tuple[Any, ...],
) -> Any:
    """Items without a plan, completed by graphql-core one by one exactly as
    ``complete_iterable_value`` does (no ``@stream`` here), but gathered eagerly: an edge
    whose node completes at once costs no task."""
    completed: list[Any] = []
    waiting: list[int] = []
    index = -1
    try:
        for index, item in enumerate(items):
            item_path = path.add_key(index, None)
            _core_item(
                executor, item, completed, waiting, index, item_type, details, info, item_path
            )
    except Exception:
        _settle(executor, completed, waiting, items[index + 1 :])
        raise
    return _gather_items(completed, waiting) if waiting else completed


async def _await_item(
    executor: Executor[Any], value: Awaitable[Any], item_type: Any, details: Any, path: Path
) -> Any:
    try:
        return await value
    except Exception as raw_error:
        executor.handle_field_error(raw_error, item_type, details, path)
        return None


async def _gather_items(completed: list[Any], waiting: list[int]) -> list[Any]:
    """The list with its awaitable items awaited (``complete_iterable_value``'s way)."""
    if len(waiting) == 1:
        completed[waiting[0]] = await completed[waiting[0]]
    else:
        values = await gather_eagerly([completed[i] for i in waiting])
        for i, value in zip(waiting, values, strict=True):
            completed[i] = value
    return completed
