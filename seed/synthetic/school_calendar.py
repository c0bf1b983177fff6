"""The tenant, its school year and its calendar (holidays, strike, closures)."""

from __future__ import annotations

import datetime as dt

from domain.calendar.official import official_periods
from domain.calendar.opening_days import ClosedPeriod
from models.calendar import CalendarPeriodKind
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import SCHOOL_YEAR, SCHOOL_ZONE, TOWN_NAME, TOWN_POSTAL_CODE
from seed.synthetic.values import _at


class _Calendar(_BuilderBase):
    """The tenant row, the school year and the calendar periods that close activities."""

    def _tenant_and_calendar(self) -> None:
        created = _at(dt.date(2025, 6, 2), 9)
        self.rows["tenant"].append(
            {
                "id": self.tenant_id,
                "slug": self.slug,
                "name": f"Ville de {TOWN_NAME} ({self.children_wanted} enfants, graine "
                f"{self.seed})",
                "service_name": "Espace Famille",
                "timezone": "Europe/Paris",
                "school_zone": SCHOOL_ZONE,
                "mail_from": f"espace-famille@{self.slug}.example",
                "postal_address": f"Mairie, 1 place de la République, {TOWN_POSTAL_CODE} "
                f"{TOWN_NAME}",
                "settings": {"autoAcceptedChanges": ["CHILD_PHOTO_CHANGE"]},
                "created_at": created,
            }
        )
        self.school_year_id = self._add(
            "school_year", label=SCHOOL_YEAR, start_date=self.year_start, end_date=self.year_end
        )["id"]
        # The official calendar of the zone, as calendarImport writes it.
        for period in official_periods(self.year_start, self.year_end, SCHOOL_ZONE.value):
            self._period(period.kind, period.label, period.start, period.end, official=True)
        strike = dt.date(2026, 1, 27)
        self._period(CalendarPeriodKind.STRIKE, "Grève – service non assuré", strike, strike)

    def _period(
        self,
        kind: CalendarPeriodKind,
        label: str,
        start: dt.date,
        end: dt.date,
        establishment_id: int | None = None,
        *,
        official: bool = False,
    ) -> None:
        self._add(
            "calendar_period",
            school_year_id=self.school_year_id,
            establishment_id=establishment_id,
            kind=kind,
            label=label,
            start_date=start,
            end_date=end,
            official=official,
        )
        self.periods.append(ClosedPeriod(kind, start, end, establishment_id))
