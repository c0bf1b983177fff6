"""The root ``Query`` type."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from domain.labels import LABELS
from resolvers import catalogue
from resolvers.pagination import PaginationError
from schema.accounts import AccountQueries
from schema.accounts_oidc import OidcQueries
from schema.administration.audit import AuditQueries
from schema.administration.registrations import RegistrationQueries
from schema.administration.settings import CollectivitySettingsQueries
from schema.administration.staff import StaffQueries
from schema.billing.invoicing import InvoicingQueries
from schema.bookings.attendance_sheet import AttendanceSheetQueries
from schema.calendar.periods import CalendarDay, CalendarPeriod, SchoolCalendar
from schema.calendar.years import SchoolYear
from schema.catalogue.types import (
    Activity,
    ActivityConnection,
    Establishment,
    EstablishmentConnection,
)
from schema.change_requests.queries import ChangeRequestQueries
from schema.connections import edges, page_info
from schema.enums import graphql_name
from schema.errors import PublicError
from schema.family import FamilyQueries
from schema.ids import UnknownNodeType, decode_pk
from schema.inputs import (
    ActivityFilter,
    After,
    Before,
    DateRangeInput,
    EstablishmentFilter,
    First,
    Last,
    choice,
)
from schema.notifications.history import NotificationHistoryQueries
from schema.notifications.preferences import NotificationPreferenceQueries
from schema.notifications.push import PushQueries
from schema.notifications.settings import NotificationSettingsQueries
from schema.payments.roots import PaymentQueries
from schema.permissions import Public
from schema.planning import PlanningQueries
from schema.reporting import ReportingQueries
from schema.requests.lists import RequestListQueries

PAGE_ARGS_DOC = "Relay pagination: first/after forwards, last/before backwards (≤ 100)."


@strawberry.type(description="The collectivity (tenant) this endpoint serves.")
class Collectivity:
    slug: str = strawberry.field(description="Path segment of the endpoint (« saint-ismier »).")
    name: str = strawberry.field(description="« Mairie de Saint-Ismier ».")
    service_name: str = strawberry.field(
        description="Service signing mails (« Le service enfance jeunesse et scolaire »)."
    )
    timezone: str = strawberry.field(description="Time zone of dates and deadlines.")


@strawberry.type(description="The French label of one enum value, for clients' UIs.")
class EnumLabel:
    enum: str = strawberry.field(description="GraphQL enum name.")
    value: str = strawberry.field(
        description="Enum value, as the API returns it (the English name of a renamed one)."
    )
    label: str = strawberry.field(description="French label shown to families and staff.")


def _pagination_error(exc: PaginationError) -> PublicError:
    return PublicError(str(exc))


@strawberry.type(description="Entry points for reading.")
class Query(
    AccountQueries,
    OidcQueries,
    FamilyQueries,
    PushQueries,
    NotificationPreferenceQueries,
    NotificationHistoryQueries,
    NotificationSettingsQueries,
    ChangeRequestQueries,
    RequestListQueries,
    PlanningQueries,
    AttendanceSheetQueries,
    InvoicingQueries,
    PaymentQueries,
    ReportingQueries,
    RegistrationQueries,
    AuditQueries,
    CollectivitySettingsQueries,
    StaffQueries,
):
    node: relay.Node | None = relay.node(
        description="Fetch any object by its global ID.",
        permission_classes=[Public],
        extensions=[UnknownNodeType()],
    )
    nodes: list[relay.Node | None] = relay.node(
        description="Fetch objects by their global IDs (null where not found or not visible).",
        permission_classes=[Public],
        extensions=[UnknownNodeType()],
    )

    @strawberry.field(
        description="The collectivity this endpoint serves.", permission_classes=[Public]
    )
    def collectivity(self, info: strawberry.Info) -> Collectivity:
        tenant = info.context.tenant
        return Collectivity(
            slug=tenant.slug,
            name=tenant.name,
            service_name=tenant.service_name,
            timezone=tenant.timezone,
        )

    @strawberry.field(
        description="Establishments (schools, centres), by name. " + PAGE_ARGS_DOC,
        permission_classes=[Public],
    )
    async def establishments(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[
            EstablishmentFilter | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> EstablishmentConnection:
        where = where or EstablishmentFilter()
        kind = where.kind
        try:
            page = await catalogue.establishments_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                kinds=choice(kind.eq, kind.one_of) if kind else None,
                search=where.search,
            )
        except PaginationError as exc:
            raise _pagination_error(exc) from exc
        return EstablishmentConnection(
            edges=edges(page, Establishment.from_row),
            page_info=page_info(page),
            _count=page.total_count,
        )

    @strawberry.field(
        description="Activities, by establishment then display order. " + PAGE_ARGS_DOC,
        permission_classes=[Public],
    )
    async def activities(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[ActivityFilter | None, strawberry.argument(description="Filters.")] = None,
    ) -> ActivityConnection:
        where = where or ActivityFilter()
        category = where.category
        try:
            page = await catalogue.activities_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                establishment_pk=decode_pk(where.establishment, "Establishment", "establishment"),
                school_year_pk=decode_pk(where.school_year, "SchoolYear", "schoolYear"),
                categories=choice(category.eq, category.one_of) if category else None,
                include_inactive=where.include_inactive,
            )
        except PaginationError as exc:
            raise _pagination_error(exc) from exc
        return ActivityConnection(
            edges=edges(page, Activity.from_row),
            page_info=page_info(page),
            _count=page.total_count,
        )

    @strawberry.field(
        description="School years of the collectivity, latest first.",
        permission_classes=[Public],
    )
    async def school_years(self, info: strawberry.Info) -> list[SchoolYear]:
        return [SchoolYear.from_row(r) for r in await catalogue.school_years(info.context)]

    @strawberry.field(
        description="The calendar between two dates (at most 400 days): holidays, public "
        "holidays, closures and strikes, period by period and day by day.",
        permission_classes=[Public],
    )
    async def calendar(
        self,
        info: strawberry.Info,
        range: Annotated[
            DateRangeInput, strawberry.argument(description="Dates, at most 400 days.")
        ],
        establishment: Annotated[
            relay.GlobalID | None,
            strawberry.argument(
                description="Also count this establishment's own closures and strikes."
            ),
        ] = None,
    ) -> SchoolCalendar:
        if range.lte < range.gte:
            raise PublicError("La date de fin précède la date de début.")
        if (range.lte - range.gte).days >= catalogue.MAX_CALENDAR_DAYS:
            raise PublicError(
                f"La période demandée est limitée à {catalogue.MAX_CALENDAR_DAYS} jours."
            )
        establishment_pk = decode_pk(establishment, "Establishment", "establishment")
        periods, days = await catalogue.calendar(
            info.context, range.gte, range.lte, establishment_pk
        )
        return SchoolCalendar(
            start_date=range.gte,
            end_date=range.lte,
            periods=[CalendarPeriod.from_row(r) for r in periods],
            days=[
                CalendarDay(
                    date=d.date,
                    is_school_day=d.is_school_day,
                    is_school_holiday=d.is_school_holiday,
                    is_public_holiday=d.is_public_holiday,
                    is_closed=d.is_closed,
                    labels=list(d.labels),
                )
                for d in days
            ],
        )

    @strawberry.field(
        description="French labels of enum values (all enums, or those named), so that "
        "clients show the same words as mails and PDFs.",
        permission_classes=[Public],
    )
    def enum_labels(
        self,
        enums: Annotated[
            list[str] | None, strawberry.argument(description="Enum names (null: all).")
        ] = None,
    ) -> list[EnumLabel]:
        wanted = set(enums) if enums is not None else None
        return [
            EnumLabel(enum=enum_cls.__name__, value=graphql_name(enum_cls, value), label=text)
            for enum_cls, labels in LABELS.items()
            if wanted is None or enum_cls.__name__ in wanted
            for value, text in labels.items()
        ]
