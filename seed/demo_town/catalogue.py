"""The tenant, its establishments and calendar, its activities with slots and prices."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from domain.calendar.french_calendar import public_holidays, school_year_bounds
from domain.calendar.opening_days import ClosedPeriod, opening_days
from domain.catalogue.activities import ActivityValues, activity_columns
from domain.catalogue.establishments import EstablishmentValues, establishment_columns
from domain.catalogue.price_lists import BracketValues, PriceListValues, check_price_list
from domain.catalogue.slots import SlotValues, slot_dates
from models.calendar import CalendarPeriod, CalendarPeriodKind, SchoolYear
from models.tenant import SchoolZone
from seed import builders
from seed.demo_town.activity_data import ACTIVITIES, PRICES_VALID_FROM, ActivityData
from seed.demo_town.base import _BuilderState
from seed.demo_town.dates import _at
from seed.demo_town.town_data import (
    CALENDAR_END,
    CALENDAR_START,
    ESTABLISHMENTS,
    GARDERIE_MATIN,
    LUX,
    SCHOOL_YEAR_LABEL,
    STRIKE_LABEL,
    TENANT_MAIL_FROM,
    TENANT_NAME,
    TENANT_POSTAL_ADDRESS,
    TENANT_SERVICE_NAME,
    TENANT_SETTINGS,
    TENANT_SLUG,
    YOUTH,
    YOUTH_CLOSURE,
)

_OFFICIAL_KINDS = frozenset({CalendarPeriodKind.SCHOOL_HOLIDAY, CalendarPeriodKind.PUBLIC_HOLIDAY})


class _Catalogue(_BuilderState):
    """Tenant, school year, calendar periods, establishments, activities and price lists."""

    async def _tenant_and_establishments(self) -> None:
        self.tenant = await builders.add_tenant(
            self.session,
            slug=TENANT_SLUG,
            name=TENANT_NAME,
            service_name=TENANT_SERVICE_NAME,
            timezone="Europe/Paris",
            school_zone=SchoolZone.A,
            mail_from=TENANT_MAIL_FROM,
            postal_address=TENANT_POSTAL_ADDRESS,
            settings=dict(TENANT_SETTINGS),
            created_at=_at(dt.date(2025, 5, 12), 9),
        )
        start, end = school_year_bounds(SCHOOL_YEAR_LABEL)
        self.school_year = builders.school_year_row(
            self.tenant_id, label=SCHOOL_YEAR_LABEL, start_date=start, end_date=end
        )
        self.session.add(self.school_year)
        for item in ESTABLISHMENTS:
            self.establishments[item.code] = builders.establishment_row(
                self.tenant_id,
                **establishment_columns(
                    EstablishmentValues(
                        code=item.code,
                        name=item.name,
                        kind=item.kind,
                        address=item.address,
                        postal_code=item.postal_code,
                        city=item.city,
                        phone=item.phone,
                        email=item.email,
                    )
                ),
            )
        self.session.add_all(self.establishments.values())
        await self.session.flush()

    async def _calendar(self) -> None:
        rows: list[CalendarPeriod] = []

        def add(
            kind: CalendarPeriodKind,
            label: str,
            start: dt.date,
            end: dt.date,
            est: str | None = None,
        ) -> None:
            establishment_id = self.establishments[est].id if est else None
            rows.append(
                builders.calendar_period_row(
                    self.tenant_id,
                    school_year_id=self.school_year.id,
                    establishment_id=establishment_id,
                    kind=kind,
                    label=label,
                    start_date=start,
                    end_date=end,
                    # School and public holidays come from the official data (calendarImport
                    # would write the same rows); the closure and the strike are the town's.
                    official=kind in _OFFICIAL_KINDS,
                )
            )
            self.periods.append(ClosedPeriod(kind, start, end, establishment_id))

        for holiday in self.holidays:
            add(
                CalendarPeriodKind.SCHOOL_HOLIDAY,
                holiday.label,
                holiday.first_day_off,
                holiday.last_day_off,
            )
        for year in (CALENDAR_START.year, CALENDAR_END.year):
            for day, label in public_holidays(year).items():
                if CALENDAR_START <= day <= CALENDAR_END:
                    add(CalendarPeriodKind.PUBLIC_HOLIDAY, label, day, day)
        closure_day, closure_label = YOUTH_CLOSURE
        add(CalendarPeriodKind.CLOSURE, closure_label, closure_day, closure_day, YOUTH)
        # A strike at Ecole Lux on a Tuesday some five weeks before today, so that a
        # reservation refused for that reason sits in the family's recent history.
        tuesdays = [
            day
            for day in self._open_days(GARDERIE_MATIN)
            if day < self.today and day.isoweekday() == 2
        ]
        self.strike_day = tuesdays[-4]
        add(
            CalendarPeriodKind.STRIKE,
            STRIKE_LABEL,
            self.strike_day,
            self.strike_day,
            LUX,
        )
        self._days_cache.clear()
        self.session.add_all(rows)

    def _slot_valid_to(self, code: str) -> dt.date:
        item = self.activity_data[code]
        return CALENDAR_END if item.runs_in_holidays else self.school_year.end_date

    def _open_days(self, code: str) -> list[dt.date]:
        """The dates ``code`` runs on this school year (cached; calendar must be complete)."""
        if code not in self._days_cache:
            item = self.activity_data[code]
            self._days_cache[code] = opening_days(
                CALENDAR_START,
                self._slot_valid_to(code),
                establishment_id=self.establishments[item.establishment].id,
                operating_days=item.operating_days,
                weekdays=item.weekdays,
                periods=self.periods,
            )
        return self._days_cache[code]

    async def _activities(self) -> None:
        await self._activity_rows(
            ACTIVITIES,
            self.school_year,
            valid_from=CALENDAR_START,
            valid_to=self._slot_valid_to,
            prices_from=PRICES_VALID_FROM,
        )

    async def _activity_rows(
        self,
        items: Iterable[ActivityData],
        school_year: SchoolYear,
        *,
        valid_from: dt.date,
        valid_to: Callable[[str], dt.date],
        prices_from: dt.date,
    ) -> None:
        """Activities of one school year with their slots and price lists, by code."""
        items = tuple(items)
        sort_orders: dict[str, int] = defaultdict(int)
        for item in items:
            sort_orders[item.establishment] += 10
            # The administrators' checks and defaults (domain.catalogue) build the row.
            columns = activity_columns(
                ActivityValues(
                    establishment_id=None,
                    school_year_id=school_year.id,
                    code=item.code,
                    name=item.name,
                    description=item.description,
                    category=item.category,
                    operating_days=item.operating_days,
                    is_childcare=item.is_childcare,
                    sort_order=sort_orders[item.establishment],
                    rules={
                        "booking_deadline_kind": item.booking.kind,
                        "booking_deadline_offset": item.booking.offset,
                        "booking_deadline_time": item.booking.time,
                        "booking_deadline_weekday": item.booking.weekday,
                        "cancellation_deadline_kind": item.cancellation.kind,
                        "cancellation_deadline_offset": item.cancellation.offset,
                        "cancellation_deadline_time": item.cancellation.time,
                        "cancellation_deadline_weekday": item.cancellation.weekday,
                        "late_absence_billed": item.late_absence_billed,
                        "justification_accepted": item.justification_accepted,
                        "justification_delay_days": item.justification_delay_days,
                        "capacity": item.capacity,
                        "waiting_list_enabled": item.waiting_list,
                        "auto_promote_waiting_list": item.auto_promote,
                        "auto_accept": item.auto_accept,
                        "min_grade": item.min_grade,
                        "max_grade": item.max_grade,
                        "born_on_or_after": item.born_on_or_after,
                        "born_on_or_before": item.born_on_or_before,
                        "exclusivity_group": item.exclusivity_group,
                    },
                )
            )
            self.activities[item.code] = builders.activity_row(
                self.establishments[item.establishment], school_year, is_active=True, **columns
            )
        self.session.add_all(self.activities[item.code] for item in items)
        await self.session.flush()

        for item in items:
            activity = self.activities[item.code]
            for weekday in item.weekdays:
                first, last = slot_dates(
                    activity,
                    school_year,
                    SlotValues(
                        activity.id,
                        weekday,
                        item.start,
                        item.end,
                        valid_from=valid_from,
                        valid_to=valid_to(item.code),
                    ),
                )
                self.slots[item.code, weekday] = builders.slot_row(
                    activity,
                    weekday=weekday,
                    start_time=item.start,
                    end_time=item.end,
                    valid_from=first,
                    valid_to=last,
                )
        self.session.add_all(self.slots[item.code, wd] for item in items for wd in item.weekdays)
        for item in items:
            price = item.price
            check_price_list(
                PriceListValues(
                    activity_id=self.activities[item.code].id,
                    valid_from=prices_from,
                    mode=price.mode,
                    flat_price_cents=price.flat_cents,
                    brackets=[BracketValues(*bracket) for bracket in price.brackets],
                    effort_rate_bp=price.effort_rate_bp,
                    effort_min_cents=price.effort_min_cents,
                    effort_max_cents=price.effort_max_cents,
                    non_resident_price_cents=price.non_resident_cents,
                    pai_price_cents=price.pai_cents,
                    late_absence_charge=price.late_absence_charge,
                    late_absence_fee_cents=price.late_absence_fee_cents,
                    late_absence_rate_bp=price.late_absence_rate_bp,
                    unbooked_presence_charge=price.unbooked_charge,
                    unbooked_presence_fee_cents=price.unbooked_fee_cents,
                    unbooked_presence_rate_bp=price.unbooked_rate_bp,
                    sibling_reductions=price.sibling_reductions,
                )
            )
            await builders.add_price_list(
                self.session,
                self.activities[item.code],
                brackets=price.brackets,
                reductions=price.sibling_reductions,
                valid_from=prices_from,
                valid_to=None,
                mode=price.mode,
                flat_price_cents=price.flat_cents,
                effort_rate_bp=price.effort_rate_bp,
                effort_min_cents=price.effort_min_cents,
                effort_max_cents=price.effort_max_cents,
                non_resident_price_cents=price.non_resident_cents,
                pai_price_cents=price.pai_cents,
                late_absence_charge=price.late_absence_charge,
                late_absence_fee_cents=price.late_absence_fee_cents,
                late_absence_rate_bp=price.late_absence_rate_bp,
                unbooked_presence_charge=price.unbooked_charge,
                unbooked_presence_fee_cents=price.unbooked_fee_cents,
                unbooked_presence_rate_bp=price.unbooked_rate_bp,
            )
