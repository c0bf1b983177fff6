"""The 2026-2027 school year: calendar, activities, registrations, bookings and the
requests of the current year, told from ``NEXT_YEAR_TODAY`` (fixed, not the clock).

Written after the 2025-2026 bookings and before the requests (whose writer stores the
drafts of both years). Its bookings live apart from 2025-2026's (``next_bookings``) so the
2025-2026 invoices stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt

from domain.bookings.decisions.decide import STAFF_REFUSAL
from domain.calendar.french_calendar import public_holidays
from domain.calendar.opening_days import ClosedPeriod, opening_days
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriod, CalendarPeriodKind, SchoolYear
from models.registration import RegistrationStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed import builders
from seed.demo_town.constants import _STAFF
from seed.demo_town.dates import _at, _fr
from seed.demo_town.drafts import BookingKey, _BookingDraft, _LineDraft, _MessageDraft
from seed.demo_town.next_year_data import (
    ATELIER_VIDEO,
    NEXT_YEAR_ACTIVITIES,
    NEXT_YEAR_CLASSES_END,
    NEXT_YEAR_END,
    NEXT_YEAR_HOLIDAYS,
    NEXT_YEAR_HORIZON,
    NEXT_YEAR_LABEL,
    NEXT_YEAR_PLANS,
    NEXT_YEAR_REGISTRATIONS,
    NEXT_YEAR_START,
    NEXT_YEAR_TODAY,
    year_code,
)
from seed.demo_town.requests import _Requests
from seed.demo_town.town_data import (
    GARDERIE_BOURG,
    GARDERIE_MATIN,
    MERCREDI_APRES_MIDI,
    REPAS_LUX,
    TENANT_SERVICE_NAME,
)

_TODAY = NEXT_YEAR_TODAY


class _NextYear(_Requests):
    """Rows of 2026-2027; bookings keyed by (child, 2026-2027 code, date)."""

    next_year: SchoolYear

    async def _next_school_year(self) -> None:
        """Everything of 2026-2027 but the request rows (written with 2025-2026's)."""
        self.next_bookings: dict[BookingKey, _BookingDraft] = {}
        self._next_days: dict[str, list[dt.date]] = {}
        self.next_year = builders.school_year_row(
            self.tenant_id,
            label=NEXT_YEAR_LABEL,
            start_date=NEXT_YEAR_START,
            end_date=NEXT_YEAR_CLASSES_END,
        )
        self.session.add(self.next_year)
        await self.session.flush()
        self._next_calendar()
        for item in NEXT_YEAR_ACTIVITIES:
            self.activity_data[item.code] = item
        await self._activity_rows(
            NEXT_YEAR_ACTIVITIES,
            self.next_year,
            valid_from=NEXT_YEAR_START,
            valid_to=self._next_valid_to,
            prices_from=NEXT_YEAR_START,
        )
        await self._next_registrations()
        self._next_standing()
        self._next_scenarios()
        await self._insert_bookings(self.next_bookings)

    def _next_valid_to(self, code: str) -> dt.date:
        item = self.activity_data[code]
        return NEXT_YEAR_END if item.runs_in_holidays else NEXT_YEAR_CLASSES_END

    def _next_calendar(self) -> None:
        rows: list[CalendarPeriod] = []

        def add(kind: CalendarPeriodKind, label: str, start: dt.date, end: dt.date) -> None:
            rows.append(
                builders.calendar_period_row(
                    self.tenant_id,
                    school_year_id=self.next_year.id,
                    establishment_id=None,
                    kind=kind,
                    label=label,
                    start_date=start,
                    end_date=end,
                    official=True,  # the official data's periods, as calendarImport writes
                )
            )
            self.periods.append(ClosedPeriod(kind, start, end, None))

        for label, first, last in NEXT_YEAR_HOLIDAYS:
            add(CalendarPeriodKind.SCHOOL_HOLIDAY, label, first, last)
        for year in (NEXT_YEAR_START.year, NEXT_YEAR_END.year):
            for day, label in public_holidays(year).items():
                if NEXT_YEAR_START <= day <= NEXT_YEAR_END:
                    add(CalendarPeriodKind.PUBLIC_HOLIDAY, label, day, day)
        self.session.add_all(rows)

    def _next_open_days(self, code: str) -> list[dt.date]:
        """The dates a 2026-2027 activity (given by its 2025-2026 code) runs on."""
        code = year_code(code)
        if code not in self._next_days:
            item = self.activity_data[code]
            self._next_days[code] = opening_days(
                NEXT_YEAR_START,
                self._next_valid_to(code),
                establishment_id=self.establishments[item.establishment].id,
                operating_days=item.operating_days,
                weekdays=item.weekdays,
                periods=self.periods,
            )
        return self._next_days[code]

    async def _next_registrations(self) -> None:
        decided = _at(dt.date(2026, 7, 6), 10, 15)
        for child, codes in NEXT_YEAR_REGISTRATIONS.items():
            for code in codes:
                year = year_code(code)
                self.registrations[child, year] = builders.registration_row(
                    self.children[child],
                    self.activities[year],
                    start_date=NEXT_YEAR_START,
                    end_date=self._next_valid_to(year),
                    status=RegistrationStatus.ACTIVE,
                    created_at=decided - dt.timedelta(days=12),
                    decided_at=decided,
                )
                self.session.add(self.registrations[child, year])
        await self.session.flush()

    def _next_book(
        self,
        child: str,
        code: str,
        day: dt.date,
        at: dt.datetime,
        status: BookingStatus = BookingStatus.RESERVED,
    ) -> BookingKey:
        key = (child, year_code(code), day)
        assert key not in self.next_bookings, key
        assert day in self._next_open_days(code), key
        past = day < _TODAY
        self.next_bookings[key] = _BookingDraft(
            status=status,
            attendance=Attendance.PRESENT if past and status is BookingStatus.RESERVED else None,
            created_at=at,
            updated_at=_at(day, 19) if past else at,
            waiting_since=at if status is BookingStatus.WAITING_LIST else None,
        )
        return key

    def _next_standing(self) -> None:
        """Booked with the registration: attended until today, reserved until Christmas."""
        booked_at = _at(dt.date(2026, 7, 6), 10, 20)
        for plan in NEXT_YEAR_PLANS:
            for day in self._next_open_days(plan.activity):
                if day <= NEXT_YEAR_HORIZON and day.isoweekday() in plan.weekdays:
                    self._next_book(plan.child, plan.activity, day, booked_at)

    def _next_line(
        self,
        child: str,
        code: str,
        day: dt.date,
        action: RequestLineAction,
        status: RequestLineStatus,
        **fields: object,
    ) -> _LineDraft:
        return _LineDraft(child, year_code(code), day, action, status, **fields)  # type: ignore[arg-type]

    def _next_scenarios(self) -> None:
        """Absences, a no-show, processed and pending requests, a waiting list."""
        # Lenny ill on Thursday 8 and Friday 9 October: absences accepted, justified.
        asked = _at(dt.date(2026, 10, 8), 7, 41)
        decided = _at(dt.date(2026, 10, 12), 9, 5)
        lines = []
        for day in (dt.date(2026, 10, 8), dt.date(2026, 10, 9)):
            for code in (GARDERIE_MATIN, REPAS_LUX):
                key = ("lenny", year_code(code), day)
                draft = self.next_bookings[key]
                draft.status, draft.attendance = BookingStatus.ABSENT, Attendance.ABSENT
                draft.justified, draft.updated_at = True, decided
                lines.append(
                    self._next_line(
                        "lenny",
                        code,
                        day,
                        RequestLineAction.ABSENCE,
                        RequestLineStatus.ACCEPTED,
                        booking=key,
                        decided_at=decided,
                    )
                )
        self._request(
            "roussel",
            RequestType.ABSENCE,
            RequestStatus.ACCEPTED,
            asked,
            "julien",
            transmitted_at=asked + dt.timedelta(minutes=1),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="Certificat médical reçu : absences non facturées",
            child="lenny",
            reason="malade",
            comment="Angine, certificat médical déposé dans Mes documents.",
            lines=lines,
        )
        # Simon did not come on Monday 16 November although booked (no absence declared).
        key = ("simon", year_code(GARDERIE_MATIN), dt.date(2026, 11, 16))
        self.next_bookings[key].attendance = Attendance.ABSENT

        self._next_atelier()
        self._next_pending()

    def _next_atelier(self) -> None:
        """The video workshop is full on Wednesdays 2 and 9 December: Lenny waits."""
        asked = _at(dt.date(2026, 11, 19), 21, 3)
        decided = _at(dt.date(2026, 11, 20), 10, 12)
        lines = []
        for day in (dt.date(2026, 12, 2), dt.date(2026, 12, 9)):
            key = self._next_book("lenny", ATELIER_VIDEO, day, decided, BookingStatus.WAITING_LIST)
            lines.append(
                self._next_line(
                    "lenny",
                    ATELIER_VIDEO,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.WAITING_LIST,
                    booking=key,
                    message="Créneau complet : l'enfant est inscrit en liste d'attente.",
                    decided_at=decided,
                )
            )
        self._request(
            "roussel",
            RequestType.RESERVATION,
            RequestStatus.ACCEPTED,
            asked,
            "julien",
            transmitted_at=asked + dt.timedelta(minutes=1),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="Atelier complet : Lenny est en liste d'attente",
            child="lenny",
            activity=year_code(ATELIER_VIDEO),
            lines=lines,
            messages=[
                _MessageDraft(
                    "Atelier montage vidéo : liste d'attente",
                    "Bonjour,\n\nL'atelier montage vidéo est complet les mercredis 2 et 9 "
                    "décembre : Lenny est inscrit en liste d'attente et vous serez prévenus "
                    f"si une place se libère.\n\nCordialement,\n{TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=3),
                )
            ],
        )

    def _next_pending(self) -> None:
        """The staff inbox of today: requests waiting for a decision."""
        # Élodie asks for Simon's Tuesday mornings of December (staff validation).
        asked = _at(dt.date(2026, 11, 26), 20, 14)
        tuesdays = [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15)]
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.TRANSMITTED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=1),
            child="simon",
            activity=year_code(GARDERIE_MATIN),
            comment="Nouveaux horaires de travail le mardi à partir de décembre.",
            lines=[
                self._next_line(
                    "simon", GARDERIE_MATIN, d, RequestLineAction.RESERVE, RequestLineStatus.PENDING
                )
                for d in tuesdays
            ],
        )
        # Élodie: Elsa will miss the workshop on 9 December (a place for Lenny).
        day = dt.date(2026, 12, 9)
        key = ("elsa", year_code(ATELIER_VIDEO), day)
        asked = _at(dt.date(2026, 11, 27), 18, 32)
        self._request(
            "devaille",
            RequestType.ABSENCE,
            RequestStatus.TRANSMITTED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=1),
            child="elsa",
            activity=year_code(ATELIER_VIDEO),
            reason="rendez-vous médical",
            lines=[
                self._next_line(
                    "elsa",
                    ATELIER_VIDEO,
                    day,
                    RequestLineAction.ABSENCE,
                    RequestLineStatus.PENDING,
                    booking=key,
                    message="Absence déclarée dans les délais : non facturée.",
                )
            ],
        )
        # Julien: Lenny's Wednesday afternoons of December at the accueil de loisirs.
        asked = _at(dt.date(2026, 11, 27), 21, 48)
        wednesdays = [dt.date(2026, 12, 2), dt.date(2026, 12, 9), dt.date(2026, 12, 16)]
        self._request(
            "roussel",
            RequestType.RESERVATION,
            RequestStatus.TRANSMITTED,
            asked,
            "julien",
            transmitted_at=asked + dt.timedelta(minutes=1),
            child="lenny",
            activity=year_code(MERCREDI_APRES_MIDI),
            lines=[
                self._next_line(
                    "lenny",
                    MERCREDI_APRES_MIDI,
                    d,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.PENDING,
                )
                for d in wednesdays
            ],
        )
        # MOREL: Léo's Friday mornings, one of them refused (strike notice) earlier.
        asked = _at(dt.date(2026, 11, 24), 7, 2)
        fridays = [dt.date(2026, 12, 4), dt.date(2026, 12, 11)]
        self._request(
            "morel",
            RequestType.RESERVATION,
            RequestStatus.PENDING,
            asked,
            self._morel_account(),
            child="leo",
            activity=year_code(GARDERIE_BOURG),
            lines=[
                self._next_line(
                    "leo", GARDERIE_BOURG, d, RequestLineAction.RESERVE, RequestLineStatus.PENDING
                )
                for d in fridays
            ],
        )
        # A processed one: Simon's extra meal of Friday 13 November, refused by staff.
        asked = _at(dt.date(2026, 11, 5), 19, 20)
        decided = _at(dt.date(2026, 11, 6), 8, 50)
        refusal = (
            f"Sortie scolaire le {_fr(dt.date(2026, 11, 13))} : pique-nique fourni par la "
            "famille, pas de service de restauration ce jour-là."
        )
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.REFUSED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=1),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note=refusal,
            child="simon",
            activity=year_code(REPAS_LUX),
            lines=[
                self._next_line(
                    "simon",
                    REPAS_LUX,
                    dt.date(2026, 11, 13),
                    RequestLineAction.RESERVE,
                    RequestLineStatus.REFUSED,
                    refusal_code=STAFF_REFUSAL,
                    message=refusal,
                    decided_at=decided,
                )
            ],
        )

    def _morel_account(self) -> str:
        family = self.family_data["morel"]
        return family.account_holders[0]
