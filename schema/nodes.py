"""``ScopedNode``: how every Relay node of the schema is fetched by ID, written once.

Strawberry resolves ``node(id:)``/``nodes(ids:)`` through ``Node.resolve_nodes``, whose
overloaded signature each type used to override by hand (nineteen copies, each silencing
mypy's override check, each parsing the ID payload itself). A type now
inherits ``ScopedNode`` and only says how to load its nodes for integer keys, through a
viewer-scoped read: a decoded ID is a locator, never a permission, so a key the viewer
may not see gives None, exactly like one that does not exist. For an agent limited to some
establishments, the keys of another establishment's requests, lines, bookings and
registrations are left out before loading (``resolvers.nodes.beyond_establishments``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal, Self, TypeVar, overload

from strawberry import relay
from strawberry.types import Info
from strawberry.utils.await_maybe import AwaitableOrValue

from resolvers.nodes import beyond_establishments, parse_pk

RowT = TypeVar("RowT")
NodeT = TypeVar("NodeT")


def nodes_of(rows: Iterable[RowT | None], make: Callable[[RowT], NodeT]) -> list[NodeT | None]:
    """``make(row)`` for each row found, None where there was none."""
    return [make(row) if row is not None else None for row in rows]


class ScopedNode(relay.Node):
    """A Relay node loaded by integer key through a viewer-scoped read (``load_nodes``)."""

    @classmethod
    async def load_nodes(cls, info: Info, keys: list[int]) -> Sequence[Self | None]:
        """One node or None per key, in the order of ``keys``, as the viewer may see them.

        Each node type implements it; the keys are distinct and valid integers."""
        raise NotImplementedError(f"{cls.__name__} does not say how to load its nodes")

    @overload
    @classmethod
    def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: Literal[True]
    ) -> AwaitableOrValue[Iterable[Self]]: ...

    @overload
    @classmethod
    def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: Literal[False] = ...
    ) -> AwaitableOrValue[Iterable[Self | None]]: ...

    @overload
    @classmethod
    def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool
    ) -> AwaitableOrValue[Iterable[Self]] | AwaitableOrValue[Iterable[Self | None]]: ...

    @classmethod
    def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> AwaitableOrValue[Iterable[Self]] | AwaitableOrValue[Iterable[Self | None]]:
        """The nodes of ``node_ids`` in order; None where an ID is malformed, unknown or
        not the viewer's (``required`` changes nothing: nothing here is an error)."""
        return cls._resolve_scoped(info, list(node_ids))

    @classmethod
    async def _resolve_scoped(cls, info: Info, node_ids: list[str]) -> list[Self | None]:
        keys = [parse_pk(node_id) for node_id in node_ids]
        wanted = list(dict.fromkeys(key for key in keys if key is not None))
        if wanted:
            hidden = await beyond_establishments(info.context, cls.__name__, wanted)
            wanted = [key for key in wanted if key not in hidden]
        if not wanted:
            return [None] * len(keys)
        found = dict(zip(wanted, await cls.load_nodes(info, wanted), strict=True))
        return [found.get(key) if key is not None else None for key in keys]
