"""The calendar's administration (administrators): schoolYearCreate, schoolYearUpdate,
calendarImport (the official calendar), calendarPeriodCreate and calendarPeriodDelete (the
town's own closures, strikes and holidays). Staff read the calendar through the existing
queries (``schoolYears``, ``schoolCalendar``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.calendar.closures import ClosureEffects
from domain.calendar.codes import (
    CalendarImportErrorCode,
    CalendarPeriodCreateErrorCode,
    CalendarPeriodDeleteErrorCode,
    SchoolYearCreateErrorCode,
    SchoolYearUpdateErrorCode,
)
from domain.calendar.periods import ImportReport
from kernel.results import DomainFailure
from models.calendar import CalendarPeriodKind
from resolvers.administration import calendar as actions
from schema.calendar.periods import CalendarPeriod
from schema.calendar.years import SchoolYear
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin


@strawberry.type(description="What an import of the official calendar did.")
class CalendarImportCounts:
    created: int = strawberry.field(description="Official periods added.")
    removed: int = strawberry.field(description="Official periods no longer official, removed.")
    unchanged: int = strawberry.field(description="Official periods already there, kept.")
    bookings_cancelled: int = strawberry.field(
        description="Bookings (reserved or waiting) on days the import closed: cancelled, "
        "free of charge."
    )
    families_notified: int = strawberry.field(description="Families mailed about them.")

    @classmethod
    def of(cls, report: ImportReport | None) -> CalendarImportCounts | None:
        """The API type of an import's report (None: no import)."""
        if report is None:
            return None
        return cls(
            created=report.created,
            removed=report.removed,
            unchanged=report.unchanged,
            bookings_cancelled=report.effects.bookings_cancelled,
            families_notified=report.effects.families_notified,
        )


# --- schoolYearCreate ------------------------------------------------------------------


@strawberry.input(description="A new school year.")
class SchoolYearCreateInput:
    label: str = strawberry.field(description="« 2026-2027 » (unique, ≤ 20 characters).")
    start_date: dt.date = strawberry.field(description="First day of classes.")
    end_date: dt.date = strawberry.field(
        description="Last day of classes (after the first; no overlap with another year)."
    )
    import_official_calendar: bool = strawberry.field(
        default=True,
        description="Import the official calendar of the collectivity's zone (school and "
        "public holidays) at once; a year the official data does not cover is then refused "
        "(DATA_NOT_AVAILABLE): create it without the import and enter the periods.",
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and creates nothing.",
    )


error_code_enum(SchoolYearCreateErrorCode, description="Why schoolYearCreate was refused.")


@strawberry.type(description="A problem with schoolYearCreate's input.")
class SchoolYearCreateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SchoolYearCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of schoolYearCreate.")
class SchoolYearCreatePayload:
    school_year: SchoolYear | None = strawberry.field(
        description="The new year; null when there are errors."
    )
    calendar_import: CalendarImportCounts | None = strawberry.field(
        description="What the official import did; null without import (or on a retry)."
    )
    errors: list[SchoolYearCreateError] = strawberry.field(description=ERRORS_DOC)


# --- schoolYearUpdate ------------------------------------------------------------------


@strawberry.input(description="Correct a school year (null fields stay as they are).")
class SchoolYearUpdateInput:
    school_year: relay.GlobalID = strawberry.field(description="The school year.")
    label: str | None = strawberry.field(default=None, description="New label (≤ 20).")
    start_date: dt.date | None = strawberry.field(
        default=None, description="New first day of classes."
    )
    end_date: dt.date | None = strawberry.field(
        default=None, description="New last day of classes."
    )


error_code_enum(SchoolYearUpdateErrorCode, description="Why schoolYearUpdate was refused.")


@strawberry.type(description="A problem with schoolYearUpdate's input.")
class SchoolYearUpdateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: SchoolYearUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of schoolYearUpdate.")
class SchoolYearUpdatePayload:
    school_year: SchoolYear | None = strawberry.field(
        description="The year as it is now; null when there are errors."
    )
    errors: list[SchoolYearUpdateError] = strawberry.field(description=ERRORS_DOC)


# --- calendarImport --------------------------------------------------------------------


@strawberry.input(description="Import (again) the official calendar of a school year.")
class CalendarImportInput:
    school_year: relay.GlobalID = strawberry.field(description="The school year.")


error_code_enum(CalendarImportErrorCode, description="Why calendarImport was refused.")


@strawberry.type(description="A problem with calendarImport's input.")
class CalendarImportError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: CalendarImportErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of calendarImport.")
class CalendarImportPayload:
    school_year: SchoolYear | None = strawberry.field(
        description="The school year; null when there are errors."
    )
    counts: CalendarImportCounts | None = strawberry.field(
        description="What the import did; null when there are errors."
    )
    errors: list[CalendarImportError] = strawberry.field(description=ERRORS_DOC)


# --- calendarPeriodCreate / calendarPeriodDelete ----------------------------------------


@strawberry.input(description="A period of the town's own: closure, strike, holiday.")
class CalendarPeriodCreateInput:
    school_year: relay.GlobalID = strawberry.field(description="The school year it belongs to.")
    kind: CalendarPeriodKind = strawberry.field(
        description="CLOSURE, STRIKE and PUBLIC_HOLIDAY close the days; SCHOOL_HOLIDAY "
        "closes school-day activities and opens holiday ones."
    )
    label: str = strawberry.field(description="« Grève », « Fermeture exceptionnelle » (≤ 200).")
    start_date: dt.date = strawberry.field(description="First day (within the school year).")
    end_date: dt.date = strawberry.field(description="Last day (inclusive).")
    establishment: relay.GlobalID | None = strawberry.field(
        default=None, description="Only this establishment (null: the whole collectivity)."
    )


error_code_enum(CalendarPeriodCreateErrorCode, description="Why calendarPeriodCreate was refused.")


@strawberry.type(description="A problem with calendarPeriodCreate's input.")
class CalendarPeriodCreateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: CalendarPeriodCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of calendarPeriodCreate.")
class CalendarPeriodCreatePayload:
    period: CalendarPeriod | None = strawberry.field(
        description="The new period; null when there are errors."
    )
    bookings_cancelled: int = strawberry.field(
        description="Bookings (reserved or waiting) on the days it closed: cancelled, free "
        "of charge."
    )
    requests_lines_closed: int = strawberry.field(
        description="Undecided request dates on those days: refused (or, for absences, "
        "cancelled) with the reason."
    )
    families_notified: int = strawberry.field(description="Families mailed (one mail each).")
    errors: list[CalendarPeriodCreateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="Remove one of the town's own periods (its days reopen).")
class CalendarPeriodDeleteInput:
    period: relay.GlobalID = strawberry.field(description="The period (not an official one).")


error_code_enum(CalendarPeriodDeleteErrorCode, description="Why calendarPeriodDelete was refused.")


@strawberry.type(description="A problem with calendarPeriodDelete's input.")
class CalendarPeriodDeleteError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: CalendarPeriodDeleteErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of calendarPeriodDelete.")
class CalendarPeriodDeletePayload:
    deleted_period_id: relay.GlobalID | None = strawberry.field(
        description="The ID of the period removed; null when there are errors."
    )
    errors: list[CalendarPeriodDeleteError] = strawberry.field(description=ERRORS_DOC)


def _period_payload(
    period: CalendarPeriod | None,
    effects: ClosureEffects,
    errors: list[CalendarPeriodCreateError],
) -> CalendarPeriodCreatePayload:
    return CalendarPeriodCreatePayload(
        period=period,
        bookings_cancelled=effects.bookings_cancelled,
        requests_lines_closed=effects.lines_closed,
        families_notified=effects.families_notified,
        errors=errors,
    )


# --- mutations -------------------------------------------------------------------------


@strawberry.type(description="Administrators' management of school years and the calendar.")
class CalendarMutations:
    @strawberry.mutation(
        description="Administrators: create a school year, importing the official calendar "
        "of the collectivity's zone by default.",
        permission_classes=[Admin],
    )
    async def school_year_create(
        self,
        info: strawberry.Info,
        input: Annotated[SchoolYearCreateInput, strawberry.argument(description="The year.")],
    ) -> SchoolYearCreatePayload:
        try:
            done = await actions.create_year(
                info.context,
                label=input.label,
                start=input.start_date,
                end=input.end_date,
                import_official=input.import_official_calendar,
                idempotency_key=input.idempotency_key,
            )
        except DomainFailure as failure:
            return SchoolYearCreatePayload(
                school_year=None,
                calendar_import=None,
                errors=payload_errors(failure, SchoolYearCreateError, SchoolYearCreateErrorCode),
            )
        return SchoolYearCreatePayload(
            school_year=SchoolYear.from_row(done.school_year),
            calendar_import=CalendarImportCounts.of(done.report),
            errors=[],
        )

    @strawberry.mutation(
        description="Administrators: correct a school year's label or dates (the calendar "
        "periods stay: import the official calendar again if the dates moved).",
        permission_classes=[Admin],
    )
    async def school_year_update(
        self,
        info: strawberry.Info,
        input: Annotated[SchoolYearUpdateInput, strawberry.argument(description="The change.")],
    ) -> SchoolYearUpdatePayload:
        try:
            row = await actions.update_year(
                info.context,
                input_pk(input.school_year, "SchoolYear"),
                label=input.label,
                start=input.start_date,
                end=input.end_date,
            )
        except DomainFailure as failure:
            return SchoolYearUpdatePayload(
                school_year=None,
                errors=payload_errors(failure, SchoolYearUpdateError, SchoolYearUpdateErrorCode),
            )
        return SchoolYearUpdatePayload(school_year=SchoolYear.from_row(row), errors=[])

    @strawberry.mutation(
        description="Administrators: import the official calendar (school holidays of the "
        "zone, public holidays) of a school year. Replaces the year's official periods, "
        "never the town's own; running it again changes nothing. Bookings on days it closes "
        "are cancelled free of charge and the families mailed.",
        permission_classes=[Admin],
    )
    async def calendar_import(
        self,
        info: strawberry.Info,
        input: Annotated[CalendarImportInput, strawberry.argument(description="The year.")],
    ) -> CalendarImportPayload:
        try:
            report = await actions.import_calendar(
                info.context, input_pk(input.school_year, "SchoolYear")
            )
        except DomainFailure as failure:
            return CalendarImportPayload(
                school_year=None,
                counts=None,
                errors=payload_errors(failure, CalendarImportError, CalendarImportErrorCode),
            )
        return CalendarImportPayload(
            school_year=SchoolYear.from_row(report.school_year),
            counts=CalendarImportCounts.of(report),
            errors=[],
        )

    @strawberry.mutation(
        description="Administrators: add a closure, strike or holiday (for the whole "
        "collectivity or one establishment). The planning shows it at once; on days it "
        "closes, bookings are cancelled free of charge, undecided request dates refused, "
        "and each family gets one mail.",
        permission_classes=[Admin],
    )
    async def calendar_period_create(
        self,
        info: strawberry.Info,
        input: Annotated[CalendarPeriodCreateInput, strawberry.argument(description="The period.")],
    ) -> CalendarPeriodCreatePayload:
        try:
            done = await actions.create_calendar_period(
                info.context,
                year_id=input_pk(input.school_year, "SchoolYear"),
                kind=input.kind,
                label=input.label,
                start=input.start_date,
                end=input.end_date,
                establishment_id=input_pk(input.establishment, "Establishment"),
                has_establishment=input.establishment is not None,
            )
        except DomainFailure as failure:
            return _period_payload(
                None,
                ClosureEffects(),
                payload_errors(failure, CalendarPeriodCreateError, CalendarPeriodCreateErrorCode),
            )
        return _period_payload(CalendarPeriod.from_row(done.period), done.effects, [])

    @strawberry.mutation(
        description="Administrators: remove one of the town's own periods; its days reopen "
        "(bookings cancelled by it stay cancelled). Official periods are refused.",
        permission_classes=[Admin],
    )
    async def calendar_period_delete(
        self,
        info: strawberry.Info,
        input: Annotated[CalendarPeriodDeleteInput, strawberry.argument(description="The period.")],
    ) -> CalendarPeriodDeletePayload:
        try:
            row = await actions.delete_calendar_period(
                info.context, input_pk(input.period, "CalendarPeriod")
            )
        except DomainFailure as failure:
            return CalendarPeriodDeletePayload(
                deleted_period_id=None,
                errors=payload_errors(
                    failure, CalendarPeriodDeleteError, CalendarPeriodDeleteErrorCode
                ),
            )
        return CalendarPeriodDeletePayload(
            deleted_period_id=relay.GlobalID("CalendarPeriod", str(row.id)), errors=[]
        )
