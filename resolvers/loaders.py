"""Per-request DataLoaders: every list read is batched into one statement per level.

Every loader is scoped to the request's tenant: a decoded global ID of another tenant's
object simply finds nothing.
"""

from __future__ import annotations

from asyncio import Future, gather
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnClause, UnaryExpression, select
from sqlalchemy.orm import QueryableAttribute
from strawberry.dataloader import DataLoader

from models import (
    Activity,
    CalendarPeriod,
    Establishment,
    PriceBracket,
    PriceList,
    SchoolYear,
    SiblingReduction,
    Slot,
)
from resolvers.database import RequestDatabase

RowT = TypeVar("RowT")
KeyT = TypeVar("KeyT")
ValueT = TypeVar("ValueT")


class ReadyDataLoader(DataLoader[KeyT, ValueT]):
    """Strawberry's DataLoader whose ``load_many`` answers at once when every key is
    already loaded: ``asyncio.gather`` always waits a loop turn, even for resolved futures,
    and so makes the caller wait, which costs it a task (see
    ``schema.fast_execution.eager``)."""

    def load_many(self, keys: Iterable[KeyT]) -> Awaitable[list[ValueT]]:
        """The values of ``keys``, in order (batched with the other loads of the turn)."""
        futures = [self.load(key) for key in keys]
        done = [f for f in futures if isinstance(f, Future) and _resolved(f)]
        if len(done) == len(futures):
            ready: Future[list[ValueT]] = self.loop.create_future()
            ready.set_result([f.result() for f in done])
            return ready
        return gather(*futures)


class Loaders:
    """The DataLoaders of one request, created lazily (most requests need few of them)."""

    def __init__(self, db: RequestDatabase, tenant_id: int) -> None:
        self._db = db
        self._tenant_id = tenant_id
        self._loaders: dict[str, DataLoader[Any, Any]] = {}

    def _get(self, name: str, factory: Callable[[], DataLoader[Any, Any]]) -> DataLoader[Any, Any]:
        loader = self._loaders.get(name)
        if loader is None:
            loader = self._loaders[name] = factory()
        return loader

    def by_id(self, model: type[RowT]) -> DataLoader[int, RowT | None]:
        """Rows of ``model`` by primary key, within the tenant (None when absent)."""

        async def load(ids: Sequence[int]) -> list[RowT | None]:
            table: Any = model
            stmt = select(table).where(table.tenant_id == self._tenant_id, table.id.in_(ids))
            found = {row.id: row for row in await self._db.scalars(stmt)}
            return [found.get(i) for i in ids]

        return self._get(f"by_id:{model.__name__}", lambda: ReadyDataLoader(load_fn=load))

    def grouped(
        self,
        model: type[RowT],
        key: Any,
        order_by: Sequence[Any],
        *where: Any,
        filter_name: str = "",
    ) -> DataLoader[int, list[RowT]]:
        """Rows of ``model`` grouped by the foreign key ``key``, in a stable order.

        A filtered loader needs a ``filter_name`` that tells its filter (and the values in
        it) apart: the same table grouped by the same column with another filter is another
        loader, else it would serve the wrong rows. Naming it costs nothing, where printing
        the filter's SQL to tell them apart cost about 0.2 ms a call (one per list item).
        """
        if where and not filter_name:
            raise ValueError("a filtered grouped loader needs a filter_name")

        async def load(keys: Sequence[int]) -> list[list[RowT]]:
            table: Any = model
            stmt = (
                select(table)
                .where(table.tenant_id == self._tenant_id, key.in_(keys), *where)
                .order_by(*order_by)
            )
            groups: dict[int, list[RowT]] = defaultdict(list)
            for row in await self._db.scalars(stmt):
                groups[getattr(row, key.key)].append(row)
            return [groups.get(k, []) for k in keys]

        order = ",".join(_order_name(column) for column in order_by)
        name = f"grouped:{model.__name__}:{key.key}:{order}:{filter_name}"
        return self._get(name, lambda: ReadyDataLoader(load_fn=load))

    def counted(
        self, name: str, load: Callable[[Sequence[int]], Awaitable[Sequence[int]]]
    ) -> DataLoader[int, int]:
        """A per-request loader of counts by key (``load`` answers one count per key, in
        order), created once per ``name``: the name must tell apart everything ``load``
        depends on besides the keys."""
        return self._get(f"counted:{name}", lambda: ReadyDataLoader(load_fn=load))

    @property
    def establishment(self) -> DataLoader[int, Establishment | None]:
        """Establishments by id."""
        return self.by_id(Establishment)

    @property
    def activity(self) -> DataLoader[int, Activity | None]:
        """Activities by id."""
        return self.by_id(Activity)

    @property
    def slot(self) -> DataLoader[int, Slot | None]:
        """Slots by id."""
        return self.by_id(Slot)

    @property
    def school_year(self) -> DataLoader[int, SchoolYear | None]:
        """School years by id."""
        return self.by_id(SchoolYear)

    @property
    def calendar_period(self) -> DataLoader[int, CalendarPeriod | None]:
        """Calendar periods by id."""
        return self.by_id(CalendarPeriod)

    @property
    def slots_by_activity(self) -> DataLoader[int, list[Slot]]:
        """Slots of each activity, by weekday then start time."""
        return self.grouped(
            Slot, Slot.activity_id, [Slot.weekday, Slot.start_time, Slot.valid_from, Slot.id]
        )

    @property
    def price_list(self) -> DataLoader[int, PriceList | None]:
        """Price lists by id."""
        return self.by_id(PriceList)

    @property
    def price_lists_by_activity(self) -> DataLoader[int, list[PriceList]]:
        """Price lists of each activity, latest first."""
        return self.grouped(
            PriceList, PriceList.activity_id, [PriceList.valid_from.desc(), PriceList.id]
        )

    @property
    def brackets_by_price_list(self) -> DataLoader[int, list[PriceBracket]]:
        """QF brackets of each price list, from the lowest quotient."""
        return self.grouped(
            PriceBracket, PriceBracket.price_list_id, [PriceBracket.qf_min, PriceBracket.id]
        )

    @property
    def sibling_reductions_by_price_list(self) -> DataLoader[int, list[SiblingReduction]]:
        """Sibling reductions of each price list, by child rank."""
        return self.grouped(
            SiblingReduction,
            SiblingReduction.price_list_id,
            [SiblingReduction.from_child_rank, SiblingReduction.id],
        )


def _resolved(future: Future[Any]) -> bool:
    """Whether a future holds a value (not pending, cancelled or failed)."""
    return future.done() and not future.cancelled() and future.exception() is None


def _order_name(column: Any) -> str:
    """A short name of an ORDER BY term (``id``, ``uploaded_at desc_op``) without compiling it."""
    if isinstance(column, QueryableAttribute):
        return column.key
    if isinstance(column, UnaryExpression) and isinstance(column.element, ColumnClause):
        return f"{column.element.key} {getattr(column.modifier, '__name__', '')}"
    return str(column)
