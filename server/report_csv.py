"""``GET /{tenant}/reports/{name}.csv``: any report as CSV, for spreadsheets and connectors.

Authenticated like the GraphQL endpoint (``Authorization: Bearer``; reporting, staff and
admin accounts — a parent gets 403, no token 401, a token of another tenant 403). Query
parameters mirror the GraphQL arguments:

- ``groupBy=MONTH,ACTIVITY`` (``ReportDimension`` values, comma-separated or repeated);
- ``from=2026-01-01&to=2026-03-31`` (inclusive days);
- ``establishmentId=…`` / ``activityId=…`` (global IDs, repeated or comma-separated);
- ``grade=CP,CE1``; ``year=2026`` (the ``caf`` report).

The body is ``domain.reporting.export`` CSV (UTF-8 with BOM, ``;``, decimal commas); the
number of suppressed groups and the threshold are in ``X-Suppressed-Groups`` and
``X-Min-Group-Size``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from domain.reporting import REPORTS, Dimension, ReportFilter, ReportingError
from domain.reporting.export import to_csv
from kernel.settings import Settings
from kernel.tenancy import TenantDirectory
from models.child import Grade
from resolvers.reporting import report_on_session
from schema.ids import pk_from_text
from server.http_auth import authenticate_request, reporting
from server.http_errors import json_error


def _values(params: QueryParams, name: str) -> list[str]:
    return [v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip()]


def _date(params: QueryParams, name: str) -> dt.date | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ReportingError(f"« {name} » n'est pas une date AAAA-MM-JJ.") from exc


def _pks(values: Sequence[str], type_name: str, name: str) -> tuple[int, ...]:
    pks = []
    for value in values:
        pk = pk_from_text(value, type_name)
        if pk is None:
            raise ReportingError(f"« {name} » n'est pas un identifiant de {type_name}.")
        pks.append(pk)
    return tuple(pks)


def parse(params: QueryParams) -> tuple[list[Dimension], ReportFilter, int | None]:
    """Grouping, filter and year of a CSV request (ReportingError on bad values)."""
    try:
        group_by = [Dimension(v.upper()) for v in _values(params, "groupBy")]
        grades = tuple(Grade(v.upper()) for v in _values(params, "grade"))
    except ValueError as exc:
        raise ReportingError(f"Valeur inconnue : {exc}.") from exc
    year_raw = params.get("year")
    if year_raw is not None and not year_raw.isdigit():
        raise ReportingError("« year » doit être une année (« 2026 »).")
    where = ReportFilter(
        date_from=_date(params, "from"),
        date_to=_date(params, "to"),
        establishment_ids=_pks(
            _values(params, "establishmentId"), "Establishment", "establishmentId"
        ),
        activity_ids=_pks(_values(params, "activityId"), "Activity", "activityId"),
        grades=grades,
    )
    return group_by, where, int(year_raw) if year_raw else None


def _forbidden() -> Response:
    """Reports are refused with a 403, like the ``reports`` root field's Reporting permission."""
    return json_error("Vous n'avez pas accès aux rapports.", "FORBIDDEN", 403)


class ReportCsv:
    """The ASGI endpoint serving reports as CSV."""

    def __init__(
        self,
        tenants: TenantDirectory,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
    ) -> None:
        self.tenants = tenants
        self.sessions = sessions
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.respond(Request(scope, receive))
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        """Authenticate, authorize, run the report and encode it."""
        authenticated = await authenticate_request(
            request, self.tenants, self.sessions, may_call=reporting, refused=_forbidden
        )
        if isinstance(authenticated, Response):
            return authenticated
        tenant, _ = authenticated
        name = request.path_params["name"]
        if name not in REPORTS:
            return json_error(f"Rapport inconnu : « {name} ».", "NOT_FOUND", 404)
        try:
            group_by, where, year = parse(request.query_params)
            async with self.sessions() as session:
                result = await report_on_session(
                    session,
                    name,
                    tenant_id=tenant.id,
                    timezone=tenant.timezone,
                    default_min_group_size=self.settings.report_min_group_size,
                    group_by=group_by,
                    where=where,
                    year=year,
                )
        except ReportingError as exc:
            return json_error(str(exc), "BAD_USER_INPUT", 400)
        filename = f"{tenant.slug}-{name}.csv"
        return Response(
            to_csv(result).encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={
                "content-disposition": f'attachment; filename="{filename}"',
                "cache-control": "private, no-store",
                "x-content-type-options": "nosniff",
                "x-suppressed-groups": str(result.suppressed_groups),
                "x-min-group-size": str(result.min_group_size),
            },
        )
