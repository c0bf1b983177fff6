"""The demo town's static content: establishments, activities with their rules and prices,
families, guardians and children — what the Saint-Ismier user guide shows, as plain data.

``server.demo_town`` turns this into rows and adds everything that depends on "today"
(bookings, requests, invoices). Keeping the content here lets a reader review the town
without reading loader code, and lets tests refer to the same constants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.account import Civility, Role
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge
from models.child import Diet, Grade, Sex
from models.establishment import EstablishmentKind
from models.family import (
    AllowanceRegime,
    FamilyStatus,
    MaritalStatus,
    QuotientSource,
    Relationship,
)

_d = dt.date
_t = dt.time

SCHOOL_YEAR_LABEL = "2025-2026"
# Classes of 2025-2026 start on Monday 1 September 2025; holiday activities run until the
# eve of the next rentrée, so the calendar and holiday registrations cover the whole year.
CALENDAR_START = _d(2025, 9, 1)
CALENDAR_END = _d(2026, 8, 31)

TENANT_SLUG = "saint-ismier"
TENANT_NAME = "Mairie de Saint-Ismier"
TENANT_SERVICE_NAME = "Le service enfance jeunesse et scolaire"
TENANT_MAIL_FROM = "Espace Famille Saint-Ismier <nepasrepondre@saint-ismier.example>"
TENANT_POSTAL_ADDRESS = "Mairie de Saint-Ismier, 89 place de l'Hôtel de Ville, 38330 Saint-Ismier"
TENANT_SETTINGS = {"autoAcceptedChanges": ["CHILD_PHOTO_CHANGE"]}

INVOICE_ISSUER = "Régie Enfance – Mairie de Saint-Ismier"
# The Secteur Jeunes is closed on the Friday between New Year's Day and the weekend.
YOUTH_CLOSURE = (_d(2026, 1, 2), "Fermeture du Secteur Jeunes (pont du Nouvel An)")
STRIKE_LABEL = "Grève des agents municipaux – accueil périscolaire non assuré"

# Establishment codes.
LUX = "LUX"
BOURG = "BOURG"
ALSH = "ALSH"
YOUTH = "JEUNES"

# Activity codes (the "libellé court" the guide's activity filter shows).
GARDERIE_MATIN = "01/Péri MATIN/Lux"
REPAS_LUX = "02/Repas/Lux"
ETUDE = "03/Etude/Lux"
ETUDE_GARDERIE_2 = "03/Etude Garderie 2/Lux"
GARDERIE_LUDIQUE_1730 = "03/Garderie Ludique 17h30/Lux"
GARDERIE_LUDIQUE_1830 = "03/Garderie Ludique 18h30/Lux"
MERCREDI_MATIN = "04/Mercredi Matin"
MERCREDI_REPAS = "04/Mercredi Repas"
MERCREDI_APRES_MIDI = "04/Mercredi Après-midi"
JEUNES_MATIN = "05/Sect. Jeunes Matin"
JEUNES_REPAS = "06/Sect. Jeunes Repas"
JEUNES_APRES_MIDI = "07/Sect. Jeunes Après-midi"
GARDERIE_BOURG = "08/Péri MATIN/Bourg"
REPAS_BOURG = "09/Repas/Bourg"

EVENING_GROUP = "SOIR_LUX"
SCHOOL_WEEK = (1, 2, 4, 5)  # Monday, Tuesday, Thursday, Friday: the four-day school week
WEDNESDAY = (3,)
WORKING_WEEK = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class EstablishmentData:
    """A school or centre of the town."""

    code: str
    name: str
    kind: EstablishmentKind
    address: str
    phone: str
    email: str
    postal_code: str = "38330"
    city: str = "Saint-Ismier"


ESTABLISHMENTS: tuple[EstablishmentData, ...] = (
    EstablishmentData(
        LUX,
        "Ecole Lux",
        EstablishmentKind.PRIMARY_SCHOOL,
        "140 chemin de Lux",
        "04 76 52 10 21",
        "ecole.lux@saint-ismier.example",
    ),
    EstablishmentData(
        BOURG,
        "Ecole maternelle du Bourg",
        EstablishmentKind.NURSERY_SCHOOL,
        "12 rue du Bourg",
        "04 76 52 17 40",
        "maternelle.bourg@saint-ismier.example",
    ),
    EstablishmentData(
        ALSH,
        "Accueil de loisirs",
        EstablishmentKind.LEISURE_CENTRE,
        "260 chemin du Rozat",
        "04 76 52 26 63",
        "accueil.loisirs@saint-ismier.example",
    ),
    EstablishmentData(
        YOUTH,
        "Secteur Jeunes",
        EstablishmentKind.YOUTH_CENTRE,
        "1 allée de l'Espace Jeunes",
        "04 76 52 31 05",
        "secteur.jeunes@saint-ismier.example",
    ),
)


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


@dataclass(frozen=True, slots=True)
class StaffAccountData:
    """A login of the town's staff."""

    email: str
    role: Role
    civility: Civility
    first_name: str
    last_name: str


STAFF_ACCOUNTS: tuple[StaffAccountData, ...] = (
    StaffAccountData(
        "agent@saint-ismier.example", Role.STAFF, Civility.MADAME, "Sophie", "GARNIER"
    ),
    StaffAccountData(
        "admin@saint-ismier.example", Role.ADMIN, Civility.MONSIEUR, "Laurent", "PERRIN"
    ),
    StaffAccountData(
        "reporting@saint-ismier.example", Role.REPORTING, Civility.MADAME, "Claire", "VIAL"
    ),
)


@dataclass(frozen=True, slots=True)
class GuardianData:
    """A responsible adult; ``email`` doubles as the login of their parent account."""

    key: str
    rank: int
    civility: Civility
    first_name: str
    last_name: str
    relationship: Relationship
    marital_status: MaritalStatus
    email: str
    mobile_phone: str
    address_line1: str
    phone: str | None = None
    work_phone: str | None = None
    birth_name: str | None = None
    postal_code: str = "38330"
    city: str = "Saint-Ismier"
    profession: str | None = None
    employer: str | None = None
    is_payer: bool = False
    allowance_regime: AllowanceRegime | None = None
    allocataire_number: str | None = None
    consents_quotient_lookup: bool = True


@dataclass(frozen=True, slots=True)
class HealthData:
    """Données sanitaires of a child."""

    diet: Diet = Diet.STANDARD
    food_allergies: str | None = None
    other_allergies: str | None = None
    medical_notes: str | None = None
    pai_details: str | None = None
    doctor_name: str | None = None
    doctor_phone: str | None = None


@dataclass(frozen=True, slots=True)
class AuthorizedPersonData:
    """An adult who may fetch the child and/or is called in an emergency."""

    first_name: str
    last_name: str
    relationship: str
    phone: str
    can_pick_up: bool = True
    emergency_contact: bool = False


@dataclass(frozen=True, slots=True)
class ChildData:
    """A child, its file and the activities it is registered to for the school year."""

    key: str
    first_name: str
    last_name: str
    birth_date: dt.date
    sex: Sex
    school: str | None
    grade: Grade | None
    # photo, leave alone, hospitalisation, outings with staff
    authorizations: tuple[bool, bool, bool, bool]
    health: HealthData
    registrations: tuple[str, ...]
    authorized_persons: tuple[AuthorizedPersonData, ...] = ()


@dataclass(frozen=True, slots=True)
class BankAccountData:
    """The primary bank account of a family on direct debit, with its SEPA mandate."""

    holder_key: str
    holder_name: str
    iban: str
    bic: str
    mandate_reference: str
    mandate_signed_on: dt.date


@dataclass(frozen=True, slots=True)
class FamilyData:
    """A household file as the family form fills it."""

    key: str
    name: str
    status: FamilyStatus
    subscriber_code: str | None
    guardians: tuple[GuardianData, ...]
    children: tuple[ChildData, ...]
    # (value, source, valid from, valid to)
    quotients: tuple[tuple[int, QuotientSource, dt.date, dt.date | None], ...] = ()
    bank_account: BankAccountData | None = None
    accepts_email: bool = True
    accepts_sms: bool = True
    accepts_post: bool = False
    paper_invoice: bool = False
    reminder_by_email: bool = True
    reminder_by_sms: bool = False
    reminder_by_post: bool = False
    direct_debit: bool = False
    resident: bool = True
    # Validated families were filed before the rentrée; the pending one is recent.
    created_on: dt.date | None = None
    validated_on: dt.date | None = None
    # Accounts are created for every guardian listed here (by key).
    account_holders: tuple[str, ...] = field(default_factory=tuple)


_DR_CHABERT = ("Dr Anne CHABERT", "04 76 52 08 14")
_DR_ROUX = ("Dr Pierre ROUX", "04 76 52 44 90")
_GRANDMOTHER_DEVAILLE = AuthorizedPersonData(
    "Monique", "BERTRAND", "Grand-mère", "06 33 21 47 80", emergency_contact=True
)

DEVAILLE = FamilyData(
    key="devaille",
    name="DEVAILLÉ",
    status=FamilyStatus.VALIDATED,
    subscriber_code="004127",
    accepts_post=True,
    reminder_by_sms=True,
    created_on=_d(2025, 6, 10),
    validated_on=_d(2025, 6, 18),
    quotients=(
        (1120, QuotientSource.CAF, _d(2025, 1, 1), _d(2025, 12, 31)),
        (1085, QuotientSource.CAF, _d(2026, 1, 1), None),
    ),
    guardians=(
        GuardianData(
            "elodie",
            1,
            Civility.MADAME,
            "Élodie",
            "DEVAILLÉ",
            Relationship.MERE,
            MaritalStatus.MARIE,
            "elodie.devaille@example.fr",
            "06 12 48 73 25",
            "145 chemin de la Bâtie",
            phone="04 76 52 33 18",
            birth_name="BERTRAND",
            profession="Infirmière",
            employer="CHU Grenoble Alpes",
            is_payer=True,
        ),
        GuardianData(
            "marc",
            2,
            Civility.MONSIEUR,
            "Marc",
            "DEVAILLÉ",
            Relationship.PERE,
            MaritalStatus.MARIE,
            "marc.devaille@example.fr",
            "06 87 20 41 09",
            "145 chemin de la Bâtie",
            phone="04 76 52 33 18",
            work_phone="04 76 57 60 00",
            profession="Ingénieur",
            employer="Schneider Electric",
            allowance_regime=AllowanceRegime.CAF,
            allocataire_number="2841937",
        ),
    ),
    children=(
        ChildData(
            "elsa",
            "Elsa",
            "DEVAILLÉ",
            _d(2015, 3, 14),
            Sex.F,
            LUX,
            Grade.CM2,
            (True, False, True, True),
            HealthData(doctor_name=_DR_CHABERT[0], doctor_phone=_DR_CHABERT[1]),
            (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI),
            (_GRANDMOTHER_DEVAILLE,),
        ),
        ChildData(
            "simon",
            "Simon",
            "DEVAILLÉ",
            _d(2020, 6, 2),
            Sex.M,
            LUX,
            Grade.GS,
            (True, False, True, False),
            HealthData(
                other_allergies="Pollens de graminées",
                medical_notes="Asthme d'effort : Ventoline dans le cartable.",
                doctor_name=_DR_CHABERT[0],
                doctor_phone=_DR_CHABERT[1],
            ),
            (GARDERIE_MATIN,),
            (
                _GRANDMOTHER_DEVAILLE,
                AuthorizedPersonData("Karine", "FABRE", "Voisine", "06 45 78 12 36"),
            ),
        ),
        ChildData(
            "georgette",
            "Georgette",
            "DEVAILLÉ",
            _d(2012, 11, 23),
            Sex.F,
            None,
            None,
            (True, True, True, True),
            HealthData(
                diet=Diet.SANS_PORC, doctor_name=_DR_CHABERT[0], doctor_phone=_DR_CHABERT[1]
            ),
            (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI),
            (_GRANDMOTHER_DEVAILLE,),
        ),
    ),
    account_holders=("elodie", "marc"),
)

ROUSSEL = FamilyData(
    key="roussel",
    name="ROUSSEL",
    status=FamilyStatus.VALIDATED,
    subscriber_code="004215",
    created_on=_d(2025, 6, 23),
    validated_on=_d(2025, 7, 2),
    quotients=(
        (780, QuotientSource.CAF, _d(2025, 1, 1), _d(2025, 12, 31)),
        (812, QuotientSource.CAF, _d(2026, 1, 1), None),
    ),
    guardians=(
        GuardianData(
            "julien",
            1,
            Civility.MONSIEUR,
            "Julien",
            "ROUSSEL",
            Relationship.PERE,
            MaritalStatus.PACSE,
            "julien.roussel@example.fr",
            "06 24 91 37 58",
            "8 allée des Chênes",
            profession="Technicien de maintenance",
            employer="STMicroelectronics",
            is_payer=True,
            allowance_regime=AllowanceRegime.CAF,
            allocataire_number="3107552",
        ),
        GuardianData(
            "camille",
            2,
            Civility.MADAME,
            "Camille",
            "LEFEBVRE",
            Relationship.MERE,
            MaritalStatus.PACSE,
            "camille.lefebvre@example.fr",
            "06 58 14 62 07",
            "8 allée des Chênes",
            profession="Professeure des écoles",
            employer="Éducation nationale",
        ),
    ),
    children=(
        ChildData(
            "lenny",
            "Lenny",
            "ROUSSEL",
            _d(2018, 4, 9),
            Sex.M,
            LUX,
            Grade.CE1,
            # Photo authorisation granted by an accepted request in September.
            (True, False, True, True),
            HealthData(
                food_allergies="Kiwi (démangeaisons de la bouche, pas de PAI)",
                doctor_name=_DR_ROUX[0],
                doctor_phone=_DR_ROUX[1],
            ),
            (
                GARDERIE_MATIN,
                REPAS_LUX,
                ETUDE,
                ETUDE_GARDERIE_2,
                GARDERIE_LUDIQUE_1730,
                GARDERIE_LUDIQUE_1830,
                MERCREDI_MATIN,
                MERCREDI_REPAS,
                MERCREDI_APRES_MIDI,
            ),
            (
                AuthorizedPersonData(
                    "Martine",
                    "ROUSSEL",
                    "Grand-mère",
                    "06 11 52 89 43",
                    emergency_contact=True,
                ),
            ),
        ),
    ),
    account_holders=("julien", "camille"),
)

MOREL = FamilyData(
    key="morel",
    name="MOREL",
    status=FamilyStatus.VALIDATED,
    subscriber_code="004388",
    direct_debit=True,
    accepts_sms=False,
    created_on=_d(2025, 8, 26),
    validated_on=_d(2025, 8, 29),
    quotients=((640, QuotientSource.MSA, _d(2025, 1, 1), None),),
    bank_account=BankAccountData(
        "nathalie",
        "MOREL Nathalie",
        "FR7630006000011234567890189",
        "AGRIFRPPXXX",
        "SI-ENF-004388-01",
        _d(2025, 9, 12),
    ),
    guardians=(
        GuardianData(
            "nathalie",
            1,
            Civility.MADAME,
            "Nathalie",
            "MOREL",
            Relationship.MERE,
            MaritalStatus.DIVORCE,
            "nathalie.morel@example.fr",
            "06 72 35 18 94",
            "27 route de la Doux",
            profession="Exploitante agricole",
            is_payer=True,
            allowance_regime=AllowanceRegime.MSA,
            allocataire_number="0456123",
        ),
        GuardianData(
            "thomas",
            2,
            Civility.MONSIEUR,
            "Thomas",
            "MOREL",
            Relationship.PERE,
            MaritalStatus.DIVORCE,
            "thomas.morel@example.fr",
            "06 03 84 26 71",
            "5 rue des Écoles",
            postal_code="38920",
            city="Crolles",
            profession="Chauffeur routier",
        ),
    ),
    children=(
        ChildData(
            "leo",
            "Léo",
            "MOREL",
            _d(2021, 2, 17),
            Sex.M,
            BOURG,
            Grade.MS,
            (True, False, True, True),
            HealthData(doctor_name=_DR_ROUX[0], doctor_phone=_DR_ROUX[1]),
            (GARDERIE_BOURG,),
            (AuthorizedPersonData("Sylvie", "MOREL", "Tante", "06 49 27 15 80"),),
        ),
        ChildData(
            "lea",
            "Léa",
            "MOREL",
            _d(2022, 9, 30),
            Sex.F,
            BOURG,
            Grade.PS,
            (False, False, True, True),
            HealthData(
                diet=Diet.PAI,
                food_allergies="Protéines de lait de vache",
                pai_details=(
                    "PAI alimentaire signé le 15/09/2025 : panier repas fourni par la famille ; "
                    "trousse d'urgence (antihistaminique) dans le bureau de la direction."
                ),
                doctor_name=_DR_ROUX[0],
                doctor_phone=_DR_ROUX[1],
            ),
            (REPAS_BOURG,),
            (AuthorizedPersonData("Sylvie", "MOREL", "Tante", "06 49 27 15 80"),),
        ),
    ),
    account_holders=("nathalie", "thomas"),
)

BENALI = FamilyData(
    key="benali",
    name="BENALI",
    status=FamilyStatus.SUBMITTED,
    subscriber_code=None,
    resident=False,
    guardians=(
        GuardianData(
            "yasmine",
            1,
            Civility.MADAME,
            "Yasmine",
            "BENALI",
            Relationship.MERE,
            MaritalStatus.CELIBATAIRE,
            "yasmine.benali@example.fr",
            "07 61 29 44 83",
            "3 impasse des Saules",
            postal_code="38330",
            city="Montbonnot-Saint-Martin",
            profession="Pharmacienne",
            is_payer=True,
            allowance_regime=AllowanceRegime.CAF,
            allocataire_number="5522019",
        ),
    ),
    children=(
        ChildData(
            "ines",
            "Inès",
            "BENALI",
            _d(2019, 7, 11),
            Sex.F,
            LUX,
            Grade.CP,
            (True, False, True, True),
            HealthData(diet=Diet.SANS_VIANDE),
            (GARDERIE_MATIN, REPAS_LUX, ETUDE),
            (AuthorizedPersonData("Karim", "BENALI", "Oncle", "06 98 31 70 52"),),
        ),
    ),
    account_holders=("yasmine",),
)

FAMILIES: tuple[FamilyData, ...] = (DEVAILLE, ROUSSEL, MOREL, BENALI)

# Vaccines of the French infant schedule: (label, age in months at injection).
VACCINE_SCHEDULE: tuple[tuple[str, int], ...] = (
    ("Hexavalent (DTCaP-Hib-Hépatite B) – 1re dose", 2),
    ("Hexavalent (DTCaP-Hib-Hépatite B) – 2e dose", 4),
    ("Méningocoque C – 1re dose", 5),
    ("Hexavalent (DTCaP-Hib-Hépatite B) – rappel", 11),
    ("ROR (rougeole, oreillons, rubéole) – 1re dose", 12),
    ("Méningocoque C – rappel", 12),
    ("ROR (rougeole, oreillons, rubéole) – 2e dose", 16),
    ("DTCaP – rappel 6 ans", 72),
    ("dTcaP – rappel 11-13 ans", 132),
)


@dataclass(frozen=True, slots=True)
class BookingPlan:
    """Standing reservations made with the registration: a child, an activity, weekdays.

    ``until_horizon`` plans run from the rentrée to a few weeks after today; the others
    stop the day before today (holiday activities already attended).
    """

    child: str
    activity: str
    weekdays: tuple[int, ...]
    until_horizon: bool = True


BOOKING_PLANS: tuple[BookingPlan, ...] = (
    BookingPlan("lenny", GARDERIE_MATIN, SCHOOL_WEEK),
    BookingPlan("lenny", REPAS_LUX, SCHOOL_WEEK),
    BookingPlan("lenny", ETUDE_GARDERIE_2, SCHOOL_WEEK),
    BookingPlan("lenny", MERCREDI_MATIN, WEDNESDAY),
    BookingPlan("lenny", MERCREDI_REPAS, WEDNESDAY),
    BookingPlan("lenny", MERCREDI_APRES_MIDI, WEDNESDAY),
    BookingPlan("simon", GARDERIE_MATIN, (1, 4)),
    BookingPlan("georgette", JEUNES_MATIN, WORKING_WEEK, until_horizon=False),
    BookingPlan("georgette", JEUNES_REPAS, WORKING_WEEK, until_horizon=False),
    BookingPlan("georgette", JEUNES_APRES_MIDI, WORKING_WEEK, until_horizon=False),
    BookingPlan("elsa", JEUNES_REPAS, (1, 2, 4), until_horizon=False),
    BookingPlan("elsa", JEUNES_APRES_MIDI, (1, 2, 4), until_horizon=False),
    BookingPlan("leo", GARDERIE_BOURG, (1, 2, 4)),
    BookingPlan("lea", REPAS_BOURG, (1, 2, 4)),
)

# Standing reservations are booked this many days past "today".
HORIZON_DAYS = 28

# Payment stories of each family's invoices, most recent month first; older months get the
# family's usual way of paying. Together they show what the guide's invoice list shows — a
# card payment, an invoice sent to the treasury, one to pay, one partly paid — and a family
# on direct debit.
INVOICE_STORIES: dict[str, tuple[str, ...]] = {
    "devaille": ("ISSUED", "PAID_CARD", "TRANSMITTED"),
    "roussel": ("ISSUED", "PARTIALLY_PAID", "PAID_CARD"),
    "morel": ("ISSUED",),
}
USUAL_PAYMENT: dict[str, str] = {
    "devaille": "PAID_CARD",
    "roussel": "PAID_CHEQUE",
    "morel": "PAID_DEBIT",
}

# The guide's paid invoice: "Règlement en ligne - Transaction n° 3fe56d", n° 160509454,
# given to the DEVAILLÉ family's first card payment.
GUIDE_PAYMENT_FAMILY = "devaille"
GUIDE_TRANSACTION = "3fe56d"
GUIDE_OPERATION_NUMBER = 160509454
FIRST_INVOICE_SEQUENCE = 3841

# The guide's "Mes demandes" screen: six file-change requests made within two minutes.
GUIDE_REQUEST_REFERENCES = (17378896, 17378916, 17378924, 17378936, 17378956, 17378981)

del _d, _t
