"""``GET /{tenant}/children/{childGlobalId}/planning.ics``: a child's planning as iCalendar.

Parents subscribe to it (or import it) in their phone's calendar, so the reserved slots
show up next to the rest of the family's week. Same authentication as the document
downloads (``Authorization: Bearer``, never a token in the URL): anonymous 401, a token of
another tenant 403, a child the viewer may not see — another family's, another tenant's,
or none at all — the same 404.

The occurrences come from the very read the GraphQL ``planning`` field uses
(``resolvers.planning.planning``); only those the child actually attends or is waiting
for (reserved, present, pending, waiting list) become events.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from domain.labels import LABELS
from domain.mail import format_datetime_fr
from domain.planning import MAX_PLANNING_DAYS, Occurrence, OccurrenceStatus
from kernel.clock import local_date
from kernel.settings import Settings
from kernel.tenancy import TenantDirectory, TenantRef
from models import Activity, Child
from models.base import utcnow
from resolvers.context import Context
from resolvers.planning import planning
from server.document_download import content_disposition
from server.http_auth import authenticate_request, global_pk
from server.http_errors import json_error

EXPORTED_STATUSES = frozenset(
    {
        OccurrenceStatus.RESERVED,
        OccurrenceStatus.PRESENT,
        OccurrenceStatus.PENDING,
        OccurrenceStatus.WAITING_LIST,
    }
)
TENTATIVE_STATUSES = frozenset({OccurrenceStatus.PENDING, OccurrenceStatus.WAITING_LIST})
DEFAULT_DAYS = MAX_PLANNING_DAYS - 1  # today → today + 92 days: the largest allowed range


def _not_found() -> JSONResponse:
    return json_error("Enfant introuvable.", "NOT_FOUND", 404)


def _bad_request(message: str) -> JSONResponse:
    return json_error(message, "BAD_REQUEST", 400)


def requested_range(
    raw_from: str | None, raw_to: str | None, today: dt.date
) -> tuple[dt.date, dt.date] | str:
    """The ``from``/``to`` dates asked for (defaults: today and today + 92 days), or the
    French reason they are refused."""
    try:
        start = dt.date.fromisoformat(raw_from) if raw_from else today
        end = dt.date.fromisoformat(raw_to) if raw_to else start + dt.timedelta(DEFAULT_DAYS)
    except ValueError:
        return "Dates invalides : format AAAA-MM-JJ attendu pour « from » et « to »."
    if end < start:
        return "La date de fin précède la date de début."
    if (end - start).days >= MAX_PLANNING_DAYS:
        return f"La période demandée est limitée à {MAX_PLANNING_DAYS} jours."
    return start, end


def build_calendar(
    *,
    tenant: TenantRef,
    child_id: int,
    first_name: str,
    occurrences: list[Occurrence],
    activity_names: dict[int, str],
    stamp: dt.datetime,
    dates: tuple[dt.date, dt.date],
) -> bytes:
    """The VCALENDAR of a child's attended (or awaited) occurrences, one VEVENT each."""
    timezone = ZoneInfo(tenant.timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Créneau//Espace Famille//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"Planning de {first_name} – {tenant.name}"
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", tenant.timezone)
    for occurrence in occurrences:
        if occurrence.status not in EXPORTED_STATUSES:
            continue
        event = icalendar.Event()
        event.add(
            "uid",
            f"{tenant.slug}-{child_id}-{occurrence.slot_id}-{occurrence.date.isoformat()}@creneau",
        )
        event.add("dtstamp", stamp)
        event.add("summary", f"{activity_names[occurrence.activity_id]} – {first_name}")
        event.add("dtstart", dt.datetime.combine(occurrence.date, occurrence.start_time, timezone))
        event.add("dtend", dt.datetime.combine(occurrence.date, occurrence.end_time, timezone))
        event.add(
            "description",
            f"{LABELS[OccurrenceStatus][occurrence.status.value]}\n"
            "Annulation possible jusqu'au "
            f"{format_datetime_fr(occurrence.cancellation_deadline, timezone)}",
        )
        event.add(
            "status",
            "TENTATIVE" if occurrence.status in TENTATIVE_STATUSES else "CONFIRMED",
        )
        calendar.add_component(event)
    # The VTIMEZONE only describes the requested range (not every transition since 1970).
    calendar.add_missing_timezones(
        first_date=dates[0] - dt.timedelta(days=1), last_date=dates[1] + dt.timedelta(days=1)
    )
    body: bytes = calendar.to_ical()
    return body


class PlanningCalendar:
    """The ASGI endpoint serving a child's planning to its family and the tenant's staff."""

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
        """Authenticate, authorize, check the range, then answer the ``.ics`` file."""
        authenticated = await authenticate_request(request, self.tenants, self.sessions)
        if isinstance(authenticated, Response):
            return authenticated
        tenant, viewer = authenticated
        pk = global_pk(request.path_params["child_id"], "Child")
        if pk is None:
            return _not_found()
        now = utcnow()
        dates = requested_range(
            request.query_params.get("from"),
            request.query_params.get("to"),
            local_date(now, tenant.timezone),
        )
        if isinstance(dates, str):
            return _bad_request(dates)
        ctx = Context(tenant=tenant, settings=self.settings, sessions=self.sessions, viewer=viewer)
        try:
            rows = await ctx.db.rows(
                select(Child.family_id, Child.first_name).where(
                    Child.id == pk, Child.tenant_id == tenant.id
                )
            )
            child = rows[0] if rows else None
            if child is None or not viewer.can_read_family(child.family_id):
                return _not_found()
            occurrences = await planning(ctx, dates[0], dates[1], [pk], None)
            activity_pks = sorted({o.activity_id for o in occurrences})
            names: dict[int, str] = (
                {
                    row.id: row.name
                    for row in await ctx.db.rows(
                        select(Activity.id, Activity.name).where(
                            Activity.tenant_id == tenant.id, Activity.id.in_(activity_pks)
                        )
                    )
                }
                if activity_pks
                else {}
            )
        finally:
            await ctx.close()
        body = build_calendar(
            tenant=tenant,
            child_id=pk,
            first_name=child.first_name,
            occurrences=occurrences,
            activity_names=names,
            stamp=now.replace(microsecond=0),
            dates=dates,
        )
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={
                "content-disposition": content_disposition(f"planning-{child.first_name}.ics"),
                "x-content-type-options": "nosniff",
                "cache-control": "private, no-store",
            },
        )
