# mypy: disable-error-code="untyped-decorator"
"""A small Strawberry schema made of the edge cases of the compiled execution path: plain
fields of every leaf kind, Node types, enums, nested objects and lists, resolvers of ours
(sync, async, raising), arguments, and data that breaks the schema's promises (None where
non-null, an unknown enum value, an Int out of range, NaN, a missing attribute, an object
of the wrong type, awaitables as attribute values, tuples and generators as lists)."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import decimal
import enum
from collections.abc import AsyncGenerator, Iterator
from typing import Any

import strawberry
from strawberry import relay

from schema.fast_execution.context import FastExecutionContext


@strawberry.enum(description="A colour.")
class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


@strawberry.type(description="A leaf object made of plain fields.")
class Leaf:
    label: str
    score: float | None
    active: bool
    note: str | None
    color: Color | None
    day: dt.date | None
    at: dt.datetime | None
    time: dt.time | None
    amount: decimal.Decimal | None
    tags: list[str | None] | None


@strawberry.type(description="A node with plain and resolved fields.")
class Thing(relay.Node):
    pk: relay.NodeID[int]
    name: str | None
    must: str
    count: int
    status: Color
    best: Leaf | None
    leaves: list[Leaf]
    maybe_leaves: list[Leaf | None] | None
    colors: list[Color]
    ref: relay.GlobalID | None = None

    @strawberry.field(description="Resolved: the name in capitals.")
    def upper(self) -> str:
        return (self.name or "").upper()

    @strawberry.field(description="Resolved asynchronously.")
    async def slow_name(self) -> str | None:
        await asyncio.sleep(0)
        return self.name

    @strawberry.field(description="Raises (nullable).")
    def boom(self) -> str | None:
        raise ValueError("boom")

    @strawberry.field(description="Raises (non-null).")
    def boom_nn(self) -> str:
        raise ValueError("boom non-null")

    @strawberry.field(description="An argument.")
    def echo(self, text: str = "x") -> str:
        return text

    @strawberry.field(description="Resolved object with plain fields.")
    def twin(self) -> Leaf | None:
        return self.best

    @strawberry.field(description="Resolved: None where an object must be.")
    def broken_twin(self) -> Leaf:
        return None  # type: ignore[return-value]

    @strawberry.field(description="Resolved from the root parameter.")
    @staticmethod
    def by_root(root: Thing) -> str:
        return root.must

    @strawberry.field(description="Resolved: a list of plain objects.")
    def leaf_list(self) -> list[Leaf]:
        return self.leaves

    @strawberry.field(description="A synchronous resolver returning an awaitable.")
    def sneaky(self) -> str | None:
        return _later(self.name)  # type: ignore[return-value]

    @strawberry.field(description="Resolved asynchronously, an object.")
    async def later(self) -> Leaf | None:
        await asyncio.sleep(0)
        return self.best


@strawberry.type(description="A node whose id is computed by its own resolve_id.")
class Custom(relay.Node):
    code: relay.NodeID[str]

    @classmethod
    def resolve_id(cls, root: Custom, *, info: Any) -> str:
        return f"custom-{root.code}"


@strawberry.type(description="A wrapper holding things (plain list of Node objects).")
class Box:
    title: str
    things: list[Thing]
    first: Thing | None


class _Coro:
    """An object whose ``name`` is a coroutine (graphql-core awaits it)."""


def leaf(i: int, **changes: Any) -> Leaf:
    values: dict[str, Any] = {
        "label": f"leaf {i}",
        "score": i / 2,
        "active": i % 2 == 0,
        "note": None if i % 3 else "note",
        "color": Color.RED if i % 2 else Color.GREEN,
        "day": dt.date(2026, 3, 1 + i % 28),
        "at": dt.datetime(2026, 3, 1, 8, i % 60, tzinfo=dt.UTC),
        "time": dt.time(8, i % 60),
        "amount": decimal.Decimal("12.50") + i,
        "tags": ["a", None, f"t{i}"],
    }
    values.update(changes)
    return Leaf(**values)


def thing(i: int, **changes: Any) -> Thing:
    values: dict[str, Any] = {
        "pk": i,
        "name": f"thing {i}" if i % 4 else None,
        "must": "m",
        "count": i,
        "status": Color.GREEN if i % 2 else Color.RED,
        "best": leaf(i) if i % 3 else None,
        "leaves": [leaf(i * 10 + k) for k in range(3)],
        "maybe_leaves": [leaf(i), None] if i % 2 else None,
        "colors": [Color.RED, Color.GREEN],
        "ref": relay.GlobalID("Leaf", str(i)) if i % 2 else None,
    }
    values.update(changes)
    return Thing(**values)


async def _later(value: Any) -> Any:
    await asyncio.sleep(0)
    return value


def _things(variant: str, n: int) -> list[Any] | tuple[Any, ...] | Iterator[Any]:
    items: list[Any] = [thing(i) for i in range(1, n + 1)]
    if variant == "bad_nonnull":
        items[1].must = None
    elif variant == "bad_enum":
        items[0].status = "BLUE"
    elif variant == "bad_int":
        items[1].count = 2**40
    elif variant == "bad_float":
        items[0].leaves[1].score = float("nan")
    elif variant == "missing":
        del items[1].name
    elif variant == "wrong_type":
        items[1] = leaf(99)
    elif variant == "coercions":
        items[0].name = 5
        items[1].leaves[0].score = 3
    elif variant == "awaitable_attr":
        items[1].name = _later("awaited name")
    elif variant == "bad_child":
        items[0].leaves[2].label = None
    elif variant == "none_id":
        items[1].pk = None
    elif variant == "tuple":
        return tuple(items)
    elif variant == "generator":
        return iter(items)
    return items


@strawberry.type(description="Entry points.")
class Query:
    @strawberry.field(description="Things, possibly broken on purpose.")
    def things(self, variant: str = "", n: int = 4) -> list[Thing]:
        return _things(variant, n)  # type: ignore[return-value]

    @strawberry.field(description="Asynchronous things.")
    async def things_async(self, n: int = 3) -> list[Thing]:
        await asyncio.sleep(0)
        return [thing(i) for i in range(1, n + 1)]

    @strawberry.field(description="Things as awaitables.")
    def things_awaited(self, n: int = 3) -> list[Thing]:
        return [_later(thing(i)) for i in range(1, n + 1)]  # type: ignore[misc]

    @strawberry.field(description="Nullable items.")
    def nullable_things(self) -> list[Thing | None]:
        return [thing(1), None, thing(2)]

    @strawberry.field(description="A None among non-null items.")
    def strict_things(self) -> list[Thing]:
        return [thing(1), None, thing(2)]  # type: ignore[list-item]

    @strawberry.field(description="One thing.")
    def one(self, i: int = 1, variant: str = "") -> Thing | None:
        found: Thing | None = _things(variant, max(i, 2))[i - 1]  # type: ignore[index]
        return found

    @strawberry.field(description="One thing that must be there.")
    def one_nn(self, variant: str = "") -> Thing:
        found: Thing = _things(variant, 2)[1]  # type: ignore[index]
        return found

    @strawberry.field(description="Boxes of things.")
    def boxes(self, variant: str = "") -> list[Box]:
        return [
            Box(title=f"box {b}", things=_things(variant, 3), first=thing(b))  # type: ignore[arg-type]
            for b in range(2)
        ]

    @strawberry.field(description="Nodes with their own resolve_id.")
    def customs(self) -> list[Custom]:
        return [Custom(code="a"), Custom(code="b")]


@strawberry.type(description="Events.")
class Subscription:
    @strawberry.subscription(description="Things, one per event, broken on purpose.")
    async def things_live(self, variant: str = "") -> AsyncGenerator[Thing, None]:
        for item in _things(variant, 3):
            yield item

    @strawberry.subscription(description="Boxes of things, one per event.")
    async def boxes_live(self) -> AsyncGenerator[Box, None]:
        for b in range(3):
            yield Box(title=f"box {b}", things=_things("", 2), first=thing(b))  # type: ignore[arg-type]


def schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    """(Strawberry's own execution, the compiled path) over the same converted types."""
    stock = strawberry.Schema(query=Query, subscription=Subscription)
    fast = copy.copy(stock)
    fast.execution_context_class = FastExecutionContext
    return stock, fast
