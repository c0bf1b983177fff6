"""What the report tests share: the month they report on, a query builder and groups by key."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.reporting import Dimension, ReportFilter, ReportQuery, ReportResult
from tests.factories.reporting import ReportTown

MARCH = ReportFilter(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))


def _query(session: AsyncSession, town: ReportTown, *dims: Dimension, **kw: Any) -> ReportQuery:
    values: dict[str, Any] = {
        "tenant_id": town.tenant.id,
        "dialect": session.get_bind().dialect.name,
        "group_by": dims,
        "where": MARCH,
        "min_group_size": 1,
        "today": dt.date(2026, 3, 31),
    }
    values.update(kw)
    return ReportQuery(**values)


def _by(result: ReportResult, dim: Dimension) -> dict[Any, Any]:
    return {g.keys[dim]: g for g in result.groups}
