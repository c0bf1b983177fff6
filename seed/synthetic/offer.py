"""The town's offer: its schools and leisure centre, and the activities each one runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.establishment import EstablishmentKind
from seed.synthetic.catalogue import _Catalogue
from seed.synthetic.constants import _SCHOOL_WEEKDAYS, CHILDREN_PER_SCHOOL
from seed.synthetic.names import _SCHOOL_NAMES
from seed.synthetic.plan import _Price, _School
from seed.synthetic.school_calendar import _Calendar


class _Offer(_Calendar, _Catalogue):
    """Schools (morning care, meal, evenings) and the centre (Wednesdays, holidays)."""

    def _establishments_and_activities(self) -> None:
        count = max(1, round(self.children_wanted / CHILDREN_PER_SCHOOL))
        school_ids = []
        for index in range(count):
            base = _SCHOOL_NAMES[index % len(_SCHOOL_NAMES)]
            name = base if index < len(_SCHOOL_NAMES) else f"{base} {index // len(_SCHOOL_NAMES)}"
            school_ids.append(
                self._establishment(f"EC{index + 1:02d}", name, EstablishmentKind.PRIMARY_SCHOOL)
            )
        centre_id = self._establishment(
            "ALSH", "Accueil de loisirs Les Lutins", EstablishmentKind.LEISURE_CENTRE
        )
        # Closures: the first school for works, the leisure centre between Christmas and
        # New Year (its own calendar, not the schools').
        self._period(
            CalendarPeriodKind.CLOSURE,
            "Fermeture exceptionnelle – travaux",
            dt.date(2026, 6, 5),
            dt.date(2026, 6, 5),
            school_ids[0],
        )
        self._period(
            CalendarPeriodKind.CLOSURE,
            "Fermeture de fin d'année",
            dt.date(2025, 12, 24),
            dt.date(2026, 1, 2),
            centre_id,
        )
        for index, school_id in enumerate(school_ids):
            self.schools.append(self._school_activities(school_id, f"EC{index + 1:02d}"))
        self._centre_activities(centre_id)

    def _school_activities(self, school_id: int, code: str) -> _School:
        noon = dt.time(12)
        meal_brackets = _Price(
            PricingMode.QF_BRACKETS,
            brackets=(
                (0, 400, 50),
                (400, 700, 120),
                (700, 900, 190),
                (900, 1100, 260),
                (1100, 1300, 330),
                (1300, 1600, 390),
                (1600, 1900, 440),
                (1900, None, 490),
            ),
            non_resident=650,
            pai=150,
            unbooked_charge=UnbookedPresenceCharge.SURCHARGE_RATE,
            unbooked_rate_bp=5000,
            sibling_reduction=(3, 5000),
        )
        morning = self._activity(
            school_id,
            f"{code}-MATIN",
            "Garderie Matin",
            ActivityCategory.MORNING_CARE,
            (dt.time(7, 30), dt.time(8, 30)),
            _SCHOOL_WEEKDAYS,
            _Price(
                PricingMode.FLAT,
                flat=160,
                unbooked_charge=UnbookedPresenceCharge.FIXED_FEE,
                unbooked_fee=200,
            ),
            sort_order=10,
            deadline=(DeadlineKind.CALENDAR_DAYS_BEFORE, 0, dt.time(7), None),
            auto_accept=True,
            waiting_list_enabled=False,
        )
        meal = self._activity(
            school_id,
            f"{code}-REPAS",
            "Repas",
            ActivityCategory.MEAL,
            (dt.time(11, 30), dt.time(13, 20)),
            _SCHOOL_WEEKDAYS,
            meal_brackets,
            sort_order=20,
            deadline=(DeadlineKind.WORKING_DAYS_BEFORE, 3, noon, None),
            auto_accept=True,
            waiting_list_enabled=False,
        )
        group = f"{code}-SOIR"
        evening_deadline = (DeadlineKind.WORKING_DAYS_BEFORE, 2, noon, None)
        evenings = [
            self._activity(
                school_id,
                f"{code}-SOIR-GL1730",
                "Garderie Ludique 16h15-17h30",
                ActivityCategory.EVENING_CARE,
                (dt.time(16, 15), dt.time(17, 30)),
                _SCHOOL_WEEKDAYS,
                _Price(
                    PricingMode.QF_BRACKETS,
                    brackets=((0, 700, 90), (700, 1200, 130), (1200, 1800, 170), (1800, None, 210)),
                    late_charge=LateAbsenceCharge.FIXED_FEE,
                    late_fee=375,
                ),
                sort_order=30,
                deadline=evening_deadline,
                auto_accept=True,
                exclusivity_group=group,
            ),
            self._activity(
                school_id,
                f"{code}-SOIR-GL1830",
                "Garderie Ludique 16h15-18h30",
                ActivityCategory.EVENING_CARE,
                (dt.time(16, 15), dt.time(18, 30)),
                _SCHOOL_WEEKDAYS,
                _Price(
                    PricingMode.QF_BRACKETS,
                    brackets=(
                        (0, 700, 150),
                        (700, 1200, 210),
                        (1200, 1800, 270),
                        (1800, None, 330),
                    ),
                    late_charge=LateAbsenceCharge.FIXED_FEE,
                    late_fee=375,
                ),
                sort_order=31,
                deadline=evening_deadline,
                auto_accept=True,
                exclusivity_group=group,
            ),
            self._activity(
                school_id,
                f"{code}-SOIR-ETUDE",
                "Etude Surveillée",
                ActivityCategory.STUDY,
                (dt.time(16, 15), dt.time(17, 30)),
                _SCHOOL_WEEKDAYS,
                _Price(
                    PricingMode.FLAT,
                    flat=200,
                    late_charge=LateAbsenceCharge.FIXED_FEE,
                    late_fee=299,
                ),
                sort_order=32,
                deadline=evening_deadline,
                auto_accept=True,
                exclusivity_group=group,
                min_grade=Grade.CP,
            ),
            self._activity(
                school_id,
                f"{code}-SOIR-ETUDE-GL",
                "Etude Surveillée et Garderie Ludique 2 16h15-18h30",
                ActivityCategory.STUDY,
                (dt.time(16, 15), dt.time(18, 30)),
                _SCHOOL_WEEKDAYS,
                _Price(
                    PricingMode.EFFORT_RATE,
                    effort=(30, 180, 420),
                    late_charge=LateAbsenceCharge.RATE,
                    late_rate_bp=5000,
                ),
                sort_order=33,
                deadline=evening_deadline,
                auto_accept=True,
                exclusivity_group=group,
                min_grade=Grade.CP,
            ),
        ]
        return _School(school_id, morning, meal, evenings)

    def _centre_activities(self, centre_id: int) -> None:
        cutoff = (DeadlineKind.WEEKLY_CUTOFF, 0, dt.time(9), 4)
        wednesday = (3,)
        self.wednesday_morning = self._activity(
            centre_id,
            "ALSH-MER-MATIN",
            "Mercredi Matin",
            ActivityCategory.WEDNESDAY,
            (dt.time(8), dt.time(12)),
            wednesday,
            _Price(PricingMode.EFFORT_RATE, effort=(40, 300, 900)),
            sort_order=40,
            deadline=cutoff,
            auto_promote_waiting_list=True,
        )
        self.wednesday_meal = self._activity(
            centre_id,
            "ALSH-MER-REPAS",
            "Mercredi Repas",
            ActivityCategory.MEAL,
            (dt.time(12), dt.time(13, 30)),
            wednesday,
            _Price(
                PricingMode.QF_BRACKETS,
                brackets=((0, 700, 120), (700, 1300, 260), (1300, None, 440)),
                non_resident=650,
                pai=150,
            ),
            sort_order=41,
            deadline=cutoff,
            waiting_list_enabled=False,
        )
        self.wednesday_afternoon = self._activity(
            centre_id,
            "ALSH-MER-APM",
            "Mercredi Après-Midi",
            ActivityCategory.WEDNESDAY,
            (dt.time(13, 30), dt.time(18)),
            wednesday,
            _Price(PricingMode.EFFORT_RATE, effort=(36, 260, 450)),
            sort_order=42,
            deadline=cutoff,
            auto_promote_waiting_list=True,
        )
        holiday_price = _Price(
            PricingMode.EFFORT_RATE,
            effort=(100, 600, 2000),
            late_charge=LateAbsenceCharge.FIXED_FEE,
            late_fee=600,
        )
        common: dict[str, Any] = {
            "operating_days": OperatingDays.SCHOOL_HOLIDAYS,
            "deadline": (DeadlineKind.HOURS_BEFORE, 72, None, None),
            "justification_delay_days": 3,
        }
        self.holiday_nursery = self._activity(
            centre_id,
            "ALSH-VAC-MAT",
            "Vacances – Accueil de loisirs maternel",
            ActivityCategory.HOLIDAY,
            (dt.time(8), dt.time(18)),
            (1, 2, 3, 4, 5),
            holiday_price,
            sort_order=50,
            max_grade=Grade.GS,
            **common,
        )
        self.holiday_elementary = self._activity(
            centre_id,
            "ALSH-VAC-ELEM",
            "Vacances – Accueil de loisirs élémentaire",
            ActivityCategory.HOLIDAY,
            (dt.time(8), dt.time(18)),
            (1, 2, 3, 4, 5),
            holiday_price,
            sort_order=51,
            min_grade=Grade.CP,
            **common,
        )
