"""Whether the schema executes with the compiled path (``CRENEAU_FAST_EXECUTION``, on by
default): the executor class handed to Strawberry (``execution_context_class``)."""

from __future__ import annotations

from typing import Any

from graphql.execution import Executor

from kernel.settings import Settings
from schema.fast_execution.context import FastExecutionContext


def execution_context_class(settings: Settings) -> type[Executor[Any]] | None:
    """The executor for ``settings``: the compiled path, or None for Strawberry's own."""
    return FastExecutionContext if settings.fast_execution else None
