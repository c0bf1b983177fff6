"""École Lux scenarios: Lenny's absences and cancelled meal, Simon's extra mornings."""

from __future__ import annotations

import datetime as dt

from models.booking import Attendance, BookingStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed.demo_town.constants import _ONE_DAY, _STAFF
from seed.demo_town.dates import _at, _fr
from seed.demo_town.drafts import _LineDraft, _MessageDraft
from seed.demo_town.requests import _Requests
from seed.demo_town.town_data import (
    ETUDE_GARDERIE_2,
    GARDERIE_MATIN,
    MERCREDI_REPAS,
    REPAS_LUX,
    TENANT_SERVICE_NAME,
)


class _LuxScenarios(_Requests):
    """Requests of the ROUSSEL and DEVAILLÉ children at Ecole Lux."""

    def _lenny_requests(self) -> None:
        """Lenny (ROUSSEL): absences free, billed and pending, a cancelled Wednesday meal."""
        # September: the photo authorisation, accepted by staff.
        asked = _at(dt.date(2025, 9, 10), 20, 47)
        self._request(
            "roussel",
            RequestType.CHILD_AUTHORIZATIONS_CHANGE,
            RequestStatus.ACCEPTED,
            asked,
            "julien",
            transmitted_at=asked + dt.timedelta(minutes=1),
            decided_at=_at(dt.date(2025, 9, 12), 9, 20),
            decided_by=_STAFF,
            decision_note="Autorisation de prise de photos enregistrée",
            child="lenny",
            payload={"fields": {"photo": True}},
        )

        # Sick for two consecutive school days: absences accepted, justified, not billed.
        days = self._past(GARDERIE_MATIN)
        first, second = next(
            (days[i], days[i + 1])
            for i in range(len(days) - 6, 0, -1)
            if days[i + 1] - days[i] == _ONE_DAY
        )
        reported = _at(first, 7, 52)
        decided = _at(next(d for d in [*days, self.today] if d > second), 9, 30)
        codes = (GARDERIE_MATIN, REPAS_LUX, ETUDE_GARDERIE_2)
        lines = []
        for day in (first, second):
            for code in codes:
                key = ("lenny", code, day)
                self._mark_absent(key, BookingStatus.ABSENT, decided, justified=True)
                lines.append(
                    _LineDraft(
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
            reported,
            "camille",
            transmitted_at=reported + dt.timedelta(minutes=1),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="Certificat médical reçu : absences non facturées",
            child="lenny",
            reason="malade",
            comment="Gastro-entérite, certificat médical déposé dans Mes documents.",
            lines=lines,
        )

        # A meal cancelled too late (auto-accepted): the absence is billed.
        meal_day = [d for d in self._past(REPAS_LUX) if d not in (first, second)][-3]
        asked = _at(meal_day, 9, 5)
        accepted = asked + dt.timedelta(seconds=2)
        key = ("lenny", REPAS_LUX, meal_day)
        self._mark_absent(key, BookingStatus.ABSENT_BILLED, accepted, justified=False)
        late = (
            "Absence signalée après le délai d'annulation (3 jours ouvrés avant, 12h00) : "
            "repas facturé."
        )
        self._request(
            "roussel",
            RequestType.ABSENCE,
            RequestStatus.ACCEPTED,
            asked,
            "julien",
            decided_at=accepted,
            decision_note="Acceptée automatiquement",
            child="lenny",
            activity=REPAS_LUX,
            reason="absent",
            lines=[
                _LineDraft(
                    "lenny",
                    REPAS_LUX,
                    meal_day,
                    RequestLineAction.ABSENCE,
                    RequestLineStatus.ACCEPTED,
                    message=late,
                    booking=key,
                    decided_at=accepted,
                )
            ],
            messages=[
                _MessageDraft(
                    f"Absence du {_fr(meal_day)} : repas facturé",
                    "Bonjour,\n\nL'absence de Lenny au repas du "
                    f"{_fr(meal_day)} a bien été enregistrée. Elle a été signalée après le "
                    "délai d'annulation (3 jours ouvrés avant, 12h00) : le repas reste "
                    "facturé, sauf certificat médical transmis sous 48 heures.\n\n"
                    f"Cordialement,\n{TENANT_SERVICE_NAME}",
                    accepted + dt.timedelta(hours=2),
                )
            ],
        )

        # A Wednesday meal cancelled by the service at the family's request (by phone).
        wednesday = self._past(MERCREDI_REPAS)[-3]
        draft = self.bookings["lenny", MERCREDI_REPAS, wednesday]
        draft.status = BookingStatus.CANCELLED
        draft.attendance = None
        draft.updated_at = _at(wednesday - dt.timedelta(days=8), 10, 5)

        # An absence asked this morning for a day later this week, not yet examined.
        away = next(d for d in self._open_days(GARDERIE_MATIN) if d >= self.today + 2 * _ONE_DAY)
        asked = _at(self.today, 8, 12)
        self._request(
            "roussel",
            RequestType.ABSENCE,
            RequestStatus.PENDING,
            asked,
            "camille",
            child="lenny",
            reason="absent",
            comment="Lenny sera chez ses grands-parents ce jour-là.",
            lines=[
                _LineDraft(
                    "lenny",
                    code,
                    away,
                    RequestLineAction.ABSENCE,
                    RequestLineStatus.PENDING,
                    booking=("lenny", code, away),
                )
                for code in (GARDERIE_MATIN, ETUDE_GARDERIE_2)
            ],
        )

    def _simon_requests(self) -> None:
        """Simon (DEVAILLÉ): extra mornings accepted, one refused on the strike day."""
        assert self.strike_day is not None
        strike = self.strike_day
        extra_days = self._past(GARDERIE_MATIN, (2, 5))  # Simon is booked Mon & Thu
        before = [d for d in extra_days if d < strike]
        friday_before = next(d for d in reversed(before) if d.isoweekday() == 5)
        friday_after = next(d for d in self._after(GARDERIE_MATIN, strike, (5,)))

        # Two extra mornings, accepted by staff.
        wanted = [d for d in before if d < friday_before][-2:]
        asked = _at(wanted[0] - dt.timedelta(days=4), 20, 15)
        decided = _at(wanted[0] - dt.timedelta(days=3), 9, 10)
        lines = []
        for day in wanted:
            key = self._book("simon", GARDERIE_MATIN, day, decided)
            lines.append(
                _LineDraft(
                    "simon",
                    GARDERIE_MATIN,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.ACCEPTED,
                    booking=key,
                    decided_at=decided,
                )
            )
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.ACCEPTED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=3),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="Réservations acceptées",
            child="simon",
            activity=GARDERIE_MATIN,
            lines=lines,
        )

        # Three mornings asked; the one on the strike day is refused.
        asked = _at(friday_before - dt.timedelta(days=5), 21, 4)
        decided = _at(friday_before - _ONE_DAY, 10, 15)
        lines = []
        for day in (friday_before, strike, friday_after):
            if day == strike:
                lines.append(
                    _LineDraft(
                        "simon",
                        GARDERIE_MATIN,
                        day,
                        RequestLineAction.RESERVE,
                        RequestLineStatus.REFUSED,
                        refusal_code="CLOSED_DAY",
                        message=f"Accueil fermé le {_fr(day)} : grève des agents municipaux.",
                        decided_at=decided,
                    )
                )
                continue
            key = self._book("simon", GARDERIE_MATIN, day, decided)
            lines.append(
                _LineDraft(
                    "simon",
                    GARDERIE_MATIN,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.ACCEPTED,
                    booking=key,
                    decided_at=decided,
                )
            )
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.PARTIALLY_ACCEPTED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=2),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="2 dates acceptées, 1 date refusée",
            child="simon",
            activity=GARDERIE_MATIN,
            lines=lines,
            messages=[
                _MessageDraft(
                    "Garderie Matin : une date refusée",
                    "Bonjour,\n\nLes réservations de Simon à la Garderie Matin du "
                    f"{_fr(friday_before)} et du {_fr(friday_after)} sont acceptées. Celle du "
                    f"{_fr(strike)} est refusée : en raison d'un mouvement de grève des agents "
                    "municipaux, l'accueil du matin ne sera pas assuré ce jour-là.\n\n"
                    f"Cordialement,\n{TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=5),
                    read_by=(("elodie", decided + dt.timedelta(hours=9)),),
                )
            ],
        )

        # Present one Friday morning without any reservation (billed with a surcharge).
        taken = {day for (child, _, day) in self.bookings if child == "simon"}
        unbooked = next(d for d in reversed(self._past(GARDERIE_MATIN, (5,))) if d not in taken)
        key = self._book(
            "simon", GARDERIE_MATIN, unbooked, _at(unbooked, 7, 41), BookingStatus.UNBOOKED
        )
        self.bookings[key].attendance = Attendance.PRESENT
