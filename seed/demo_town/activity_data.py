"""The activities of the demo town: slot times, booking rules, deadlines and prices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from models.child import Grade
from seed.demo_town.town_data import (
    ALSH,
    BOURG,
    CALENDAR_START,
    ETUDE,
    ETUDE_GARDERIE_2,
    EVENING_GROUP,
    GARDERIE_BOURG,
    GARDERIE_LUDIQUE_1730,
    GARDERIE_LUDIQUE_1830,
    GARDERIE_MATIN,
    JEUNES_APRES_MIDI,
    JEUNES_MATIN,
    JEUNES_REPAS,
    LUX,
    MERCREDI_APRES_MIDI,
    MERCREDI_MATIN,
    MERCREDI_REPAS,
    REPAS_BOURG,
    REPAS_LUX,
    SCHOOL_WEEK,
    WEDNESDAY,
    WORKING_WEEK,
    YOUTH,
)

_d = dt.date
_t = dt.time


@dataclass(frozen=True, slots=True)
class Deadline:
    """A booking or cancellation deadline (délai de prévenance), as the activity stores it."""

    kind: DeadlineKind
    offset: int = 0
    time: dt.time | None = None
    weekday: int | None = None


NO_DEADLINE = Deadline(DeadlineKind.NONE)

# Family-quotient brackets of every meal (0.50 € below QF 400 … 4.90 € from QF 1 900).
MEAL_BRACKETS: tuple[tuple[int, int | None, int], ...] = (
    (0, 400, 50),
    (400, 600, 120),
    (600, 800, 200),
    (800, 1000, 270),
    (1000, 1300, 330),
    (1300, 1600, 390),
    (1600, 1900, 440),
    (1900, None, 490),
)


@dataclass(frozen=True, slots=True)
class PriceData:
    """The price list of an activity from the rentrée, with its penalties."""

    mode: PricingMode
    flat_cents: int | None = None
    brackets: tuple[tuple[int, int | None, int], ...] = ()
    effort_rate_bp: int | None = None
    effort_min_cents: int | None = None
    effort_max_cents: int | None = None
    non_resident_cents: int | None = None
    pai_cents: int | None = None
    late_absence_charge: LateAbsenceCharge = LateAbsenceCharge.FULL_PRICE
    late_absence_fee_cents: int = 0
    late_absence_rate_bp: int = 10000
    unbooked_charge: UnbookedPresenceCharge = UnbookedPresenceCharge.NONE
    unbooked_fee_cents: int = 0
    unbooked_rate_bp: int = 0
    # (from child rank, reduction in basis points): the 3rd child pays half.
    sibling_reductions: tuple[tuple[int, int], ...] = ()


PRICES_VALID_FROM = CALENDAR_START
THIRD_CHILD_HALF_PRICE = ((3, 5000),)

MEAL_PRICE = PriceData(
    PricingMode.QF_BRACKETS,
    brackets=MEAL_BRACKETS,
    non_resident_cents=650,
    pai_cents=150,
    unbooked_charge=UnbookedPresenceCharge.FIXED_FEE,
    unbooked_fee_cents=1000,
    sibling_reductions=THIRD_CHILD_HALF_PRICE,
)
WEDNESDAY_PRICE = PriceData(
    PricingMode.EFFORT_RATE,
    effort_rate_bp=36,
    effort_min_cents=260,
    effort_max_cents=450,
    non_resident_cents=650,
    late_absence_charge=LateAbsenceCharge.RATE,
    late_absence_rate_bp=5000,
    unbooked_charge=UnbookedPresenceCharge.FIXED_FEE,
    unbooked_fee_cents=1000,
    sibling_reductions=THIRD_CHILD_HALF_PRICE,
)


def _evening_price(flat_cents: int) -> PriceData:
    return PriceData(
        PricingMode.FLAT,
        flat_cents=flat_cents,
        non_resident_cents=flat_cents + 100,
        unbooked_charge=UnbookedPresenceCharge.SURCHARGE_RATE,
        unbooked_rate_bp=5000,
    )


def _youth_price(flat_cents: int) -> PriceData:
    return PriceData(PricingMode.FLAT, flat_cents=flat_cents, non_resident_cents=900)


@dataclass(frozen=True, slots=True)
class ActivityData:
    """An activity, its weekly slot times and every rule a town configures for it."""

    code: str
    name: str
    establishment: str
    category: ActivityCategory
    start: dt.time
    end: dt.time
    weekdays: tuple[int, ...]
    price: PriceData
    description: str
    operating_days: OperatingDays = OperatingDays.SCHOOL_DAYS
    is_childcare: bool = True
    booking: Deadline = NO_DEADLINE
    cancellation: Deadline = NO_DEADLINE
    capacity: int | None = None
    waiting_list: bool = True
    auto_promote: bool = False
    auto_accept: bool = False
    late_absence_billed: bool = True
    justification_accepted: bool = True
    justification_delay_days: int = 2
    min_grade: Grade | None = None
    max_grade: Grade | None = None
    born_on_or_after: dt.date | None = None
    born_on_or_before: dt.date | None = None
    exclusivity_group: str | None = None

    @property
    def runs_in_holidays(self) -> bool:
        """Holiday activities stay open until the eve of the next rentrée."""
        return self.operating_days is not OperatingDays.SCHOOL_DAYS


_DAY_BEFORE_18H = Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, _t(18, 0))
_MEAL_3_WORKING_DAYS = Deadline(DeadlineKind.WORKING_DAYS_BEFORE, 3, _t(12, 0))
_THURSDAY_9H = Deadline(DeadlineKind.WEEKLY_CUTOFF, 0, _t(9, 0), 4)
_J_MINUS_2_NOON = Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 2, _t(12, 0))
_HOURS_48 = Deadline(DeadlineKind.HOURS_BEFORE, 48)
_HOURS_24 = Deadline(DeadlineKind.HOURS_BEFORE, 24)
_YOUTH_BOOKING = Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 7, _t(12, 0))
_YOUTH_CANCELLATION = Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 2, _t(12, 0))
_SAME_DAY_7H = Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 0, _t(7, 0))
_WORKING_J_MINUS_2 = Deadline(DeadlineKind.WORKING_DAYS_BEFORE, 2, _t(12, 0))

# Youth sector: from the year of the 10th birthday (CM2) to 17.
_YOUTH_BORN_FROM = _d(2008, 1, 1)
_YOUTH_BORN_TO = _d(2015, 12, 31)

ACTIVITIES: tuple[ActivityData, ...] = (
    ActivityData(
        GARDERIE_MATIN,
        "Garderie Matin",
        LUX,
        ActivityCategory.MORNING_CARE,
        _t(7, 30),
        _t(8, 5),
        SCHOOL_WEEK,
        PriceData(
            PricingMode.FLAT,
            flat_cents=160,
            non_resident_cents=240,
            late_absence_charge=LateAbsenceCharge.FIXED_FEE,
            late_absence_fee_cents=299,
            unbooked_charge=UnbookedPresenceCharge.SURCHARGE_RATE,
            unbooked_rate_bp=5000,
        ),
        "Dès la maternelle (07h30 – 08h05). Réservation et annulation au plus tard la veille "
        "à 18h00 ; absence signalée plus tard facturée 2,99 €.",
        booking=_DAY_BEFORE_18H,
        cancellation=_DAY_BEFORE_18H,
        capacity=40,
        min_grade=Grade.PS,
    ),
    ActivityData(
        REPAS_LUX,
        "Repas",
        LUX,
        ActivityCategory.MEAL,
        _t(11, 30),
        _t(13, 20),
        SCHOOL_WEEK,
        MEAL_PRICE,
        "Restaurant scolaire (11h30 – 13h20). Réservation et annulation au plus tard 3 jours "
        "ouvrés avant, à 12h00 ; au-delà le repas est facturé sauf certificat médical "
        "fourni sous 48 h.",
        is_childcare=False,
        booking=_MEAL_3_WORKING_DAYS,
        cancellation=_MEAL_3_WORKING_DAYS,
        capacity=180,
        waiting_list=False,
        auto_accept=True,
        min_grade=Grade.PS,
    ),
    ActivityData(
        ETUDE,
        "Etude Surveillée",
        LUX,
        ActivityCategory.STUDY,
        _t(16, 15),
        _t(17, 30),
        SCHOOL_WEEK,
        _evening_price(200),
        "Uniquement à partir du CP (16h15 – 17h30)",
        booking=_J_MINUS_2_NOON,
        cancellation=_J_MINUS_2_NOON,
        capacity=28,
        late_absence_billed=False,
        min_grade=Grade.CP,
        exclusivity_group=EVENING_GROUP,
    ),
    ActivityData(
        ETUDE_GARDERIE_2,
        "Etude Surveillée et Garderie Ludique 2 16h15-18h30",
        LUX,
        ActivityCategory.STUDY,
        _t(16, 15),
        _t(18, 30),
        SCHOOL_WEEK,
        _evening_price(340),
        "Uniquement à partir du CP (16h15 – 17h30) comprenant 2 créneaux",
        booking=_HOURS_48,
        cancellation=_HOURS_48,
        capacity=28,
        min_grade=Grade.CP,
        exclusivity_group=EVENING_GROUP,
    ),
    ActivityData(
        GARDERIE_LUDIQUE_1730,
        "Garderie Ludique 16h15-17h30",
        LUX,
        ActivityCategory.EVENING_CARE,
        _t(16, 15),
        _t(17, 30),
        SCHOOL_WEEK,
        _evening_price(180),
        "Dès la maternelle (16h15 – 17h30)",
        booking=_HOURS_24,
        cancellation=_HOURS_24,
        capacity=50,
        min_grade=Grade.PS,
        exclusivity_group=EVENING_GROUP,
    ),
    ActivityData(
        GARDERIE_LUDIQUE_1830,
        "Garderie Ludique 16h15-18h30",
        LUX,
        ActivityCategory.EVENING_CARE,
        _t(16, 15),
        _t(18, 30),
        SCHOOL_WEEK,
        _evening_price(300),
        "Dès la maternelle (16h15 – 18h30) comprenant 2 créneaux",
        booking=_HOURS_24,
        cancellation=_HOURS_24,
        capacity=50,
        min_grade=Grade.PS,
        exclusivity_group=EVENING_GROUP,
    ),
    ActivityData(
        MERCREDI_MATIN,
        "Mercredi Matin",
        ALSH,
        ActivityCategory.WEDNESDAY,
        _t(8, 0),
        _t(12, 0),
        WEDNESDAY,
        WEDNESDAY_PRICE,
        "Accueil de loisirs du mercredi matin (08h00 – 12h00), dès la maternelle. Réservation "
        "au plus tard le jeudi 9h00 pour la semaine suivante ; liste d'attente si complet.",
        booking=_THURSDAY_9H,
        cancellation=_THURSDAY_9H,
        capacity=24,
        auto_promote=True,
        min_grade=Grade.PS,
    ),
    ActivityData(
        MERCREDI_REPAS,
        "Mercredi Repas",
        ALSH,
        ActivityCategory.MEAL,
        _t(12, 0),
        _t(13, 30),
        WEDNESDAY,
        MEAL_PRICE,
        "Repas du mercredi à l'accueil de loisirs (12h00 – 13h30). Réservation au plus tard "
        "le jeudi 9h00 pour la semaine suivante.",
        is_childcare=False,
        booking=_THURSDAY_9H,
        cancellation=_THURSDAY_9H,
        capacity=24,
        auto_promote=True,
        min_grade=Grade.PS,
    ),
    ActivityData(
        MERCREDI_APRES_MIDI,
        "Mercredi Après-Midi",
        ALSH,
        ActivityCategory.WEDNESDAY,
        _t(13, 30),
        _t(18, 0),
        WEDNESDAY,
        WEDNESDAY_PRICE,
        "Accueil de loisirs du mercredi après-midi (13h30 – 18h00), dès la maternelle. "
        "Réservation au plus tard le jeudi 9h00 pour la semaine suivante.",
        booking=_THURSDAY_9H,
        cancellation=_THURSDAY_9H,
        capacity=24,
        auto_promote=True,
        min_grade=Grade.PS,
    ),
    ActivityData(
        JEUNES_MATIN,
        JEUNES_MATIN,
        YOUTH,
        ActivityCategory.HOLIDAY,
        _t(7, 30),
        _t(12, 0),
        WORKING_WEEK,
        _youth_price(600),
        "Secteur Jeunes pendant les vacances scolaires (07h30 – 12h00), de 10 à 17 ans. "
        "Réservation au plus tard 7 jours avant à 12h00.",
        operating_days=OperatingDays.SCHOOL_HOLIDAYS,
        booking=_YOUTH_BOOKING,
        cancellation=_YOUTH_CANCELLATION,
        capacity=16,
        born_on_or_after=_YOUTH_BORN_FROM,
        born_on_or_before=_YOUTH_BORN_TO,
    ),
    ActivityData(
        JEUNES_REPAS,
        JEUNES_REPAS,
        YOUTH,
        ActivityCategory.MEAL,
        _t(12, 0),
        _t(13, 0),
        WORKING_WEEK,
        MEAL_PRICE,
        "Repas du Secteur Jeunes pendant les vacances scolaires (12h00 – 13h00).",
        operating_days=OperatingDays.SCHOOL_HOLIDAYS,
        is_childcare=False,
        booking=_YOUTH_BOOKING,
        cancellation=_YOUTH_CANCELLATION,
        capacity=16,
        born_on_or_after=_YOUTH_BORN_FROM,
        born_on_or_before=_YOUTH_BORN_TO,
    ),
    ActivityData(
        JEUNES_APRES_MIDI,
        JEUNES_APRES_MIDI,
        YOUTH,
        ActivityCategory.HOLIDAY,
        _t(13, 0),
        _t(17, 0),
        WORKING_WEEK,
        _youth_price(600),
        "Secteur Jeunes pendant les vacances scolaires (13h00 – 17h00), de 10 à 17 ans : "
        "sorties, ateliers, grands jeux.",
        operating_days=OperatingDays.SCHOOL_HOLIDAYS,
        booking=_YOUTH_BOOKING,
        cancellation=_YOUTH_CANCELLATION,
        capacity=16,
        born_on_or_after=_YOUTH_BORN_FROM,
        born_on_or_before=_YOUTH_BORN_TO,
    ),
    ActivityData(
        GARDERIE_BOURG,
        "Garderie matin",
        BOURG,
        ActivityCategory.MORNING_CARE,
        _t(7, 0),
        _t(9, 0),
        SCHOOL_WEEK,
        PriceData(
            PricingMode.FLAT,
            flat_cents=220,
            late_absence_charge=LateAbsenceCharge.FIXED_FEE,
            late_absence_fee_cents=299,
        ),
        "Accueil du matin de l'école maternelle du Bourg (07h00 – 09h00). Réservation "
        "possible le jour même jusqu'à 7h00.",
        booking=_SAME_DAY_7H,
        cancellation=_SAME_DAY_7H,
        capacity=20,
        max_grade=Grade.GS,
    ),
    ActivityData(
        REPAS_BOURG,
        "Repas",
        BOURG,
        ActivityCategory.MEAL,
        _t(12, 0),
        _t(13, 0),
        SCHOOL_WEEK,
        PriceData(
            PricingMode.QF_BRACKETS,
            brackets=MEAL_BRACKETS,
            non_resident_cents=650,
            pai_cents=150,
            late_absence_charge=LateAbsenceCharge.FIXED_FEE,
            late_absence_fee_cents=375,
            sibling_reductions=THIRD_CHILD_HALF_PRICE,
        ),
        "Restaurant scolaire de la maternelle du Bourg (12h00 – 13h00). Réservation et "
        "annulation à J-2 avant 12h00 (jours ouvrés) ; absence non signalée facturée 3,75 €.",
        is_childcare=False,
        booking=_WORKING_J_MINUS_2,
        cancellation=_WORKING_J_MINUS_2,
        capacity=60,
        waiting_list=False,
        auto_accept=True,
        max_grade=Grade.GS,
    ),
)

del _d, _t
