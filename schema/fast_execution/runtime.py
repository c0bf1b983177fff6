"""What the compiled functions (``compiler``) call at run time: graphql-core's completion
of a resolver's result, a resolver of ours called with ``info``, the reporting of a field's
error, and the gathering of awaitable fields (eagerly, ``eager``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLField, GraphQLObjectType
from graphql.execution import Executor
from graphql.execution.executor import to_nodes
from graphql.pyutils import Path

from schema.fast_execution.eager import gather_eagerly


async def gather_fields(result: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    """``result`` with its awaitable fields awaited (``Executor.execute_fields``' way)."""
    if len(keys) == 1:
        result[keys[0]] = await result[keys[0]]
    else:
        values = await gather_eagerly([result[key] for key in keys])
        result.update(zip(keys, values, strict=True))
    return result


def settle(executor: Executor[Any], result_so_far: dict[str, Awaitable[Any]]) -> None:
    """Settle the awaitables of the fields already executed when a later one raised."""
    executor.settle_in_background(list(result_so_far.values()))


def failed(
    executor: Executor[Any], error: Exception, field: GraphQLField, details: Any, path: Path
) -> None:
    """A resolver called directly raised: the field's error, as ``execute_field`` reports
    it (null for a nullable field, raised on for a non-null one)."""
    executor.handle_field_error(error, field.type, details, path)


def complete(
    executor: Executor[Any],
    parent_type: GraphQLObjectType,
    field: GraphQLField,
    details: Any,
    path: Path,
    result: Any,
) -> Any:
    """What ``execute_field`` does with a resolver's result (the resolver already ran):
    graphql-core's completion, awaitables and errors included."""
    info = executor.build_resolve_info(field, to_nodes(details), parent_type, path)
    return complete_with_info(executor, field, details, info, path, result)


def call_with_info(
    executor: Executor[Any],
    parent_type: GraphQLObjectType,
    field: GraphQLField,
    details: Any,
    path: Path,
    source: Any,
    resolver: Callable[..., Any],
    info_name: str,
    make_info: Callable[[Any], Any],
) -> Any:
    """What ``execute_field`` does for a resolver taking the parent object and ``info``
    alone, without Strawberry's wrapper: the same ``Info``, errors and completion."""
    info = executor.build_resolve_info(field, to_nodes(details), parent_type, path)
    try:
        result = resolver(source, **{info_name: make_info(info)})
    except Exception as raw_error:
        executor.handle_field_error(raw_error, field.type, details, path)
        return None
    return complete_with_info(executor, field, details, info, path, result)


def complete_with_info(
    executor: Executor[Any],
    field: GraphQLField,
    details: Any,
    info: Any,
    path: Path,
    result: Any,
) -> Any:
    """graphql-core's completion of a resolver's result, ``info`` already built."""
    return_type = field.type
    try:
        if executor.is_awaitable(result):
            return executor.complete_awaitable_value(return_type, details, info, path, result, None)
        completed = executor.complete_value(return_type, details, info, path, result, None)
        if executor.is_awaitable(completed):
            return _await_completed(executor, completed, field, details, path)
    except Exception as raw_error:
        executor.handle_field_error(raw_error, return_type, details, path)
        return None
    return completed


async def _await_completed(
    executor: Executor[Any],
    completed: Awaitable[Any],
    field: GraphQLField,
    details: Any,
    path: Path,
) -> Any:
    try:
        return await completed
    except Exception as raw_error:
        executor.handle_field_error(raw_error, field.type, details, path)
        return None
