"""A deterministic synthetic town: families, children, a school year of bookings, invoices.

Benchmarks and scale tests need a town of a chosen size whose data look like a real
Espace Famille in mid-March (a school year half lived: past days pointed, future days
booked, requests in every state, invoices September to February), and that is the same
every time for the same seed so that two runs can be compared. ``generate_town`` builds
the whole tenant in memory from ``random.Random(seed)`` and a fixed reference date (no wall
clock in the data), then writes it with SQLAlchemy Core executemany in large batches,
choosing the primary keys itself so that no RETURNING round trip is needed.

The only value that differs between two runs with the same seed is the salt inside the
shared password hash (Argon2 salts are random); every account's password is
``SYNTHETIC_PASSWORD``.

Command line: ``python -m bench.generate_town --children 2000 --seed 1
[--database-url URL]`` (default: a fresh migrated SQLite file under ``var/bench/``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import models
from domain.french_calendar import public_holidays, school_holidays, school_year_bounds
from domain.opening_days import ClosedPeriod, opening_days
from domain.passwords import hash_password
from models.account import AccountStatus, Civility, Role
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.billing import (
    BillingRunStatus,
    InvoiceKind,
    InvoiceLineKind,
    InvoiceStatus,
    LateAbsenceCharge,
    PaymentIntentStatus,
    PaymentMethod,
    PricingMode,
    UnbookedPresenceCharge,
)
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Diet, Grade, Sex
from models.establishment import EstablishmentKind
from models.family import AllowanceRegime, FamilyStatus, MaritalStatus, QuotientSource, Relationship
from models.registration import RegistrationStatus
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)
from models.tenant import SchoolZone

# The town lives in mid-March of the 2025-2026 school year, zone A: Monday 16 March 2026,
# 08:00 in Paris. Everything before is history (pointed, billed); everything after is booked.
REFERENCE_TODAY = dt.date(2026, 3, 16)
SCHOOL_YEAR = "2025-2026"
SCHOOL_ZONE = SchoolZone.A
PARIS = ZoneInfo("Europe/Paris")
REFERENCE_NOW = dt.datetime(2026, 3, 16, 8, 0, tzinfo=PARIS)

SYNTHETIC_PASSWORD = "Synthese-2026!"
STAFF_EMAIL = "agent.enfance@mairie.example"
TOWN_NAME = "Villeneuve-Synthétique"
TOWN_POSTAL_CODE = "38330"
CHILDREN_PER_SCHOOL = 250
BATCH_SIZE = 20_000
# Invoices exist for September to February (the March billing run has not happened yet).
BILLED_MONTHS = tuple(dt.date(2025 + (m < 9), m, 1) for m in (9, 10, 11, 12, 1, 2))
BILLING_END = dt.date(2026, 3, 1)
REQUEST_REFERENCE_BASE = 17_300_000

_ONE_DAY = dt.timedelta(days=1)
_BIRTH_YEAR_GRADE = {
    2022: Grade.PS,
    2021: Grade.MS,
    2020: Grade.GS,
    2019: Grade.CP,
    2018: Grade.CE1,
    2017: Grade.CE2,
    2016: Grade.CM1,
    2015: Grade.CM2,
}
_SCHOOL_WEEKDAYS = (1, 2, 4, 5)


def _words(text: str) -> tuple[str, ...]:
    """The names of a space-separated list (long name lists stay readable that way)."""
    return tuple(text.split())


_GIRLS = _words(
    "Emma Jade Louise Alice Chloé Lina Léa Rose Anna Mila Inès Ambre Julia Mia Léna Manon "
    "Juliette Lou Zoé Camille Agathe Jeanne Lucie Éva Nina Sarah Romane Inaya Charlotte Léonie "
    "Adèle Margaux Iris Victoire Clémence Capucine Anaïs Maëlys Lola Sofia"
)
_BOYS = _words(
    "Gabriel Léo Raphaël Arthur Louis Jules Adam Maël Lucas Hugo Noah Liam Gabin Sacha Paul "
    "Nathan Aaron Mohamed Ethan Tom Éden Léon Noé Tiago Théo Isaac Marius Victor Martin Nolan "
    "Axel Timéo Enzo Mathis Lenny Baptiste Antoine Clément Samuel Malo"
)
_WOMEN = _words(
    "Marie Nathalie Isabelle Sylvie Céline Julie Aurélie Émilie Sandrine Stéphanie Caroline "
    "Sophie Élodie Laure Virginie Audrey Claire Mélanie Karine Delphine Anne Hélène Amandine "
    "Laetitia Fatima Sarah Camille Pauline Marion Charlotte"
)
_MEN = _words(
    "Nicolas Julien Sébastien Christophe Stéphane Frédéric Laurent Olivier David Thomas "
    "Mathieu Jérôme Guillaume Romain Vincent Pierre Alexandre Benjamin Cédric Damien François "
    "Fabien Yannick Karim Mehdi Maxime Antoine Arnaud Jean Éric"
)
_LAST_NAMES = _words(
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel "
    "Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine "
    "Rousseau Vincent Muller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier "
    "François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu "
    "Gautier Masson Marchand Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun "
    "Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche "
    "Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas "
    "Lacroix Olivier Philippe Bourgeois Benoît Rey Leclerc Payet Rolland Guillaume Lecomte"
)
_STREETS = (
    "rue des Tilleuls",
    "avenue de la Gare",
    "chemin du Moulin",
    "rue Victor Hugo",
    "allée des Érables",
    "place de l'Église",
    "rue du Stade",
    "impasse des Lilas",
    "route de Grenoble",
    "rue Jean Jaurès",
    "chemin des Vignes",
    "rue de la Mairie",
    "avenue du Général de Gaulle",
    "rue des Écoles",
    "chemin de la Croix",
    "rue Pasteur",
)
_SCHOOL_NAMES = (
    "École Jules Ferry",
    "École Jean Jaurès",
    "École Victor Hugo",
    "École Jacques Prévert",
    "École Louis Pasteur",
    "École Marie Curie",
    "École Jean de La Fontaine",
    "École Antoine de Saint-Exupéry",
    "École Paul Langevin",
    "École Simone Veil",
    "École Les Tilleuls",
    "École du Centre",
    "École Lux",
    "École Les Marronniers",
    "École Condorcet",
    "École George Sand",
)
_PROFESSIONS = (
    "Infirmier(e)",
    "Enseignant(e)",
    "Ingénieur(e)",
    "Comptable",
    "Commercial(e)",
    "Artisan",
    "Agent administratif",
    "Aide-soignant(e)",
    "Technicien(ne)",
    "Sans profession",
)
_VACCINES = ("DTPolio", "ROR", "Hépatite B")


class TownAlreadyExistsError(ValueError):
    """Raised when the slug asked for already names a tenant (a generated town is never merged)."""


@dataclass(frozen=True)
class GenerationSummary:
    """What a generation wrote: the tenant, rows per table and the time it took."""

    slug: str
    tenant_id: int
    children: int
    seed: int
    rows: dict[str, int] = field(default_factory=dict)
    elapsed_seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        """All rows written, to compare runs and compute a throughput."""
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        """Write throughput of the whole generation (rows over elapsed seconds)."""
        return self.total_rows / self.elapsed_seconds if self.elapsed_seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, for the benchmark results file and the CLI."""
        return {
            "slug": self.slug,
            "tenantId": self.tenant_id,
            "children": self.children,
            "seed": self.seed,
            "elapsedSeconds": round(self.elapsed_seconds, 3),
            "totalRows": self.total_rows,
            "rowsPerSecond": round(self.rows_per_second),
            "rows": dict(self.rows),
        }


# --------------------------------------------------------------------------------------
# In-memory plan of the town (internal).


@dataclass(slots=True, eq=False)
class _Price:
    mode: PricingMode
    flat: int | None = None
    brackets: tuple[tuple[int, int | None, int], ...] = ()
    effort: tuple[int, int, int] | None = None  # basis points, min cents, max cents
    non_resident: int | None = None
    pai: int | None = None
    late_charge: LateAbsenceCharge = LateAbsenceCharge.FULL_PRICE
    late_fee: int = 0
    late_rate_bp: int = 10000
    unbooked_charge: UnbookedPresenceCharge = UnbookedPresenceCharge.NONE
    unbooked_fee: int = 0
    unbooked_rate_bp: int = 0
    sibling_reduction: tuple[int, int] | None = None  # from child rank, basis points

    def unit(self, qf: int | None, resident: bool, pai: bool) -> int:
        """Unit price in cents for a family quotient (None: unknown, pays the most)."""
        if pai and self.pai is not None:
            return self.pai
        if not resident and self.non_resident is not None:
            return self.non_resident
        if self.mode is PricingMode.FLAT:
            assert self.flat is not None
            return self.flat
        if self.mode is PricingMode.QF_BRACKETS:
            if qf is None:
                return self.brackets[-1][2]
            for low, high, cents in self.brackets:
                if low <= qf and (high is None or qf < high):
                    return cents
            return self.brackets[-1][2]
        assert self.effort is not None
        rate, low_cents, high_cents = self.effort
        if qf is None:
            return high_cents
        return min(max((qf * rate + 50) // 100, low_cents), high_cents)


@dataclass(slots=True, eq=False)
class _Activity:
    id: int
    code: str
    name: str
    establishment_id: int
    category: ActivityCategory
    operating_days: OperatingDays
    slot_ids: dict[int, int]  # ISO weekday -> slot id
    price: _Price
    row: dict[str, Any]
    min_grade: Grade | None = None
    max_grade: Grade | None = None
    dates: dict[int, list[dt.date]] = field(default_factory=dict)  # weekday -> opening days

    def eligible(self, grade: Grade) -> bool:
        """Grade eligibility, as the booking rules check it."""
        if self.min_grade is not None and grade.rank < self.min_grade.rank:
            return False
        return self.max_grade is None or grade.rank <= self.max_grade.rank


@dataclass(slots=True, eq=False)
class _School:
    id: int
    morning: _Activity
    meal: _Activity
    evenings: list[_Activity]


@dataclass(slots=True, eq=False)
class _Family:
    id: int
    index: int
    last_name: str
    resident: bool
    direct_debit: bool
    payer_guardian_id: int
    quotients: list[tuple[dt.date, dt.date | None, int]]
    account_ids: list[int] = field(default_factory=list)
    children: list[_Child] = field(default_factory=list)

    def quotient_on(self, day: dt.date) -> int | None:
        """The family quotient valid on a date (None when the family has none)."""
        for start, end, value in self.quotients:
            if start <= day and (end is None or day <= end):
                return value
        return None


@dataclass(slots=True, eq=False)
class _Child:
    id: int
    family: _Family
    first_name: str
    birth_date: dt.date
    grade: Grade
    school: _School
    pai: bool
    start: dt.date
    end: dt.date
    registrations: dict[int, int] = field(default_factory=dict)  # activity id -> registration


@dataclass(slots=True, eq=False)
class _Line:
    child_id: int
    activity_id: int
    slot_id: int
    date: dt.date
    action: RequestLineAction
    status: RequestLineStatus = RequestLineStatus.PENDING
    refusal_code: str | None = None
    message: str | None = None
    booking_id: int | None = None


@dataclass(slots=True, eq=False)
class _Request:
    family: _Family
    type: RequestType
    created_at: dt.datetime
    status: RequestStatus = RequestStatus.PENDING
    child_id: int | None = None
    guardian_id: int | None = None
    activity_id: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reason: str | None = None
    payload: dict[str, Any] | None = None
    lines: list[_Line] = field(default_factory=list)
    transmitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    id: int = 0
    reference: int = 0


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A timezone-aware instant of a calendar day in the tenant's zone."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _ascii(name: str) -> str:
    """An e-mail-friendly form of a French name ("Léa Lefèvre" -> "lea-lefevre")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "-").replace("'", "")


def _iban(rng: random.Random) -> str:
    """A French IBAN with valid check digits (the RIB key itself is random)."""
    bban = "".join(str(rng.randrange(10)) for _ in range(23))
    check = 98 - int(bban + "152700") % 97  # "FR00" with F=15, R=27
    return f"FR{check:02d}{bban}"


def _phone(rng: random.Random, prefix: str) -> str:
    """A French phone number in the usual pairs of digits."""
    return prefix + "".join(f" {rng.randrange(100):02d}" for _ in range(4))


def _pick_status(rng: random.Random, weights: Sequence[tuple[Any, float]]) -> Any:
    """One value drawn from (value, weight) pairs."""
    values, chances = zip(*weights, strict=True)
    return rng.choices(values, chances)[0]


# --------------------------------------------------------------------------------------
# The builder: everything in memory, ids chosen from the tables' current maxima.


class _TownBuilder:
    """Builds every row of one synthetic tenant from a seed, in insertion-ready dicts."""

    def __init__(
        self, *, children: int, seed: int, slug: str, first_ids: dict[str, int], password: str
    ) -> None:
        self.children_wanted = children
        self.seed = seed
        self.slug = slug
        self.rng = random.Random(seed)
        self._next_id = dict(first_ids)
        self.password_hash = password
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.tenant_id = self._id("tenant")
        self.periods: list[ClosedPeriod] = []
        self.schools: list[_School] = []
        self.activities: list[_Activity] = []
        self.families: list[_Family] = []
        self.children: list[_Child] = []
        self.requests: list[_Request] = []
        self.bookings: list[dict[str, Any]] = self.rows["booking"]
        self.staff_account_id = 0
        self.year_start, self.year_end = school_year_bounds(SCHOOL_YEAR)
        self._attendance_time: dict[dt.date, dt.datetime] = {}
        self._future_statuses: list[RequestStatus] = []

    # -- helpers -------------------------------------------------------------------

    def _id(self, table: str) -> int:
        value = self._next_id[table]
        self._next_id[table] = value + 1
        return value

    def _add(self, table: str, **values: Any) -> dict[str, Any]:
        row = {"id": self._id(table), "tenant_id": self.tenant_id, **values}
        self.rows[table].append(row)
        return row

    def _pointed_at(self, day: dt.date) -> dt.datetime:
        stamp = self._attendance_time.get(day)
        if stamp is None:
            stamp = self._attendance_time[day] = _at(day, 18, 45)
        return stamp

    def _booking(
        self,
        child: _Child,
        activity: _Activity,
        day: dt.date,
        status: BookingStatus,
        attendance: Attendance | None,
        created_at: dt.datetime,
        waiting_since: dt.datetime | None = None,
    ) -> dict[str, Any]:
        row = {
            "id": self._id("booking"),
            "tenant_id": self.tenant_id,
            "child_id": child.id,
            "slot_id": activity.slot_ids[day.isoweekday()],
            "activity_id": activity.id,
            "registration_id": child.registrations[activity.id],
            "date": day,
            "status": status,
            "attendance": attendance,
            "waiting_since": waiting_since,
            "absence_justified": False,
            "justification_document_id": None,
            "created_at": created_at,
            "updated_at": self._pointed_at(day) if day < REFERENCE_TODAY else created_at,
        }
        self.bookings.append(row)
        return row

    def _past_outcome(self, absent: float, billed: float) -> tuple[BookingStatus, Attendance]:
        draw = self.rng.random()
        if draw < absent:
            return BookingStatus.ABSENT, Attendance.ABSENT
        if draw < absent + billed:
            return BookingStatus.ABSENT_BILLED, Attendance.ABSENT
        return BookingStatus.RESERVED, Attendance.PRESENT

    # -- the build -----------------------------------------------------------------

    def build(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of the town, keyed by table name."""
        self._tenant_and_calendar()
        self._establishments_and_activities()
        self._staff()
        self._families()
        self._registrations_and_bookings()
        self._file_change_requests()
        self._finalize_requests()
        self._messages()
        self._invoices()
        self._activity_rows()
        return self.rows

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
        calendar_end = dt.date(2026, 8, 31)
        for holiday in school_holidays(SCHOOL_YEAR, SCHOOL_ZONE.value):
            self._period(
                CalendarPeriodKind.SCHOOL_HOLIDAY,
                holiday.label,
                holiday.first_day_off,
                holiday.last_day_off,
            )
        for year in (2025, 2026):
            for day, label in public_holidays(year).items():
                if self.year_start <= day <= calendar_end:
                    self._period(CalendarPeriodKind.PUBLIC_HOLIDAY, label, day, day)
        strike = dt.date(2026, 1, 27)
        self._period(CalendarPeriodKind.STRIKE, "Grève – service non assuré", strike, strike)

    def _period(
        self,
        kind: CalendarPeriodKind,
        label: str,
        start: dt.date,
        end: dt.date,
        establishment_id: int | None = None,
    ) -> None:
        self._add(
            "calendar_period",
            school_year_id=self.school_year_id,
            establishment_id=establishment_id,
            kind=kind,
            label=label,
            start_date=start,
            end_date=end,
        )
        self.periods.append(ClosedPeriod(kind, start, end, establishment_id))

    def _establishment(self, code: str, name: str, kind: EstablishmentKind) -> int:
        street = self.rng.choice(_STREETS)
        return int(
            self._add(
                "establishment",
                code=code,
                name=name,
                kind=kind,
                address=f"{self.rng.randint(1, 60)} {street}",
                postal_code=TOWN_POSTAL_CODE,
                city=TOWN_NAME,
                phone=_phone(self.rng, "04"),
                email=f"{code.lower()}@{self.slug}.example",
            )["id"]
        )

    def _activity(
        self,
        establishment_id: int,
        code: str,
        name: str,
        category: ActivityCategory,
        times: tuple[dt.time, dt.time],
        weekdays: Iterable[int],
        price: _Price,
        *,
        sort_order: int,
        operating_days: OperatingDays = OperatingDays.SCHOOL_DAYS,
        deadline: tuple[DeadlineKind, int, dt.time | None, int | None] = (
            DeadlineKind.NONE,
            0,
            None,
            None,
        ),
        **rules: Any,
    ) -> _Activity:
        kind, offset, at_time, weekday = deadline
        row: dict[str, Any] = {
            "id": self._id("activity"),
            "tenant_id": self.tenant_id,
            "establishment_id": establishment_id,
            "school_year_id": self.school_year_id,
            "code": code,
            "name": name,
            "description": None,
            "category": category,
            "operating_days": operating_days,
            "is_childcare": category is not ActivityCategory.MEAL,
            "sort_order": sort_order,
            "is_active": True,
            "booking_deadline_kind": kind,
            "booking_deadline_offset": offset,
            "booking_deadline_time": at_time,
            "booking_deadline_weekday": weekday,
            "cancellation_deadline_kind": kind,
            "cancellation_deadline_offset": offset,
            "cancellation_deadline_time": at_time,
            "cancellation_deadline_weekday": weekday,
            "late_absence_billed": True,
            "justification_accepted": True,
            "justification_delay_days": 2,
            "capacity": None,
            "waiting_list_enabled": True,
            "auto_promote_waiting_list": False,
            "auto_accept": False,
            "min_grade": None,
            "max_grade": None,
            "born_on_or_after": None,
            "born_on_or_before": None,
            "exclusivity_group": None,
        }
        unknown = set(rules) - set(row)
        assert not unknown, unknown
        row.update(rules)
        activity = _Activity(
            id=row["id"],
            code=code,
            name=name,
            establishment_id=establishment_id,
            category=category,
            operating_days=operating_days,
            slot_ids={},
            price=price,
            row=row,
            min_grade=row["min_grade"],
            max_grade=row["max_grade"],
        )
        for weekday_number in weekdays:
            activity.slot_ids[weekday_number] = self._add(
                "slot",
                activity_id=activity.id,
                weekday=weekday_number,
                start_time=times[0],
                end_time=times[1],
                valid_from=self.year_start,
                valid_to=self.year_end,
                capacity=None,
            )["id"]
            activity.dates[weekday_number] = opening_days(
                self.year_start,
                self.year_end,
                establishment_id=establishment_id,
                operating_days=operating_days,
                weekdays=[weekday_number],
                periods=self.periods,
            )
        self.activities.append(activity)
        return activity

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

    def _activity_rows(self) -> None:
        """Activities and their price lists go in last: capacities are known only now."""
        for activity in self.activities:
            self.rows["activity"].append(activity.row)
            price = activity.price
            price_list_id = self._add(
                "price_list",
                activity_id=activity.id,
                valid_from=self.year_start,
                valid_to=None,
                mode=price.mode,
                flat_price_cents=price.flat,
                effort_rate_bp=price.effort[0] if price.effort else None,
                effort_min_cents=price.effort[1] if price.effort else None,
                effort_max_cents=price.effort[2] if price.effort else None,
                non_resident_price_cents=price.non_resident,
                pai_price_cents=price.pai,
                late_absence_charge=price.late_charge,
                late_absence_fee_cents=price.late_fee,
                late_absence_rate_bp=price.late_rate_bp,
                unbooked_presence_charge=price.unbooked_charge,
                unbooked_presence_fee_cents=price.unbooked_fee,
                unbooked_presence_rate_bp=price.unbooked_rate_bp,
            )["id"]
            for low, high, cents in price.brackets:
                self._add(
                    "price_bracket",
                    price_list_id=price_list_id,
                    qf_min=low,
                    qf_max=high,
                    unit_price_cents=cents,
                )
            if price.sibling_reduction is not None:
                rank, reduction = price.sibling_reduction
                self._add(
                    "sibling_reduction",
                    price_list_id=price_list_id,
                    from_child_rank=rank,
                    reduction_bp=reduction,
                )

    # -- people --------------------------------------------------------------------

    def _account(
        self,
        email: str,
        civility: Civility | None,
        first_name: str,
        last_name: str,
        role: Role,
        guardian_id: int | None,
        created: dt.datetime,
        status: AccountStatus = AccountStatus.ACTIVE,
    ) -> int:
        active = status is AccountStatus.ACTIVE
        return int(
            self._add(
                "account",
                email=email,
                password_hash=self.password_hash,
                civility=civility,
                first_name=first_name,
                last_name=last_name,
                role=role,
                status=status,
                guardian_id=guardian_id,
                created_at=created,
                activated_at=created + dt.timedelta(minutes=17) if active else None,
                last_login_at=(
                    _at(REFERENCE_TODAY - dt.timedelta(days=self.rng.randint(1, 40)), 20, 30)
                    if active
                    else None
                ),
            )["id"]
        )

    def _staff(self) -> None:
        self.staff_account_id = self._account(
            STAFF_EMAIL,
            Civility.MADAME,
            "Sandrine",
            "Agent",
            Role.STAFF,
            None,
            _at(dt.date(2025, 6, 2), 9, 30),
        )

    def _families(self) -> None:
        rng = self.rng
        sizes = (1, 2, 3, 4)
        size_weights = (48, 37, 12, 3)  # mean 1.70 children per family
        remaining = self.children_wanted
        index = 0
        while remaining > 0:
            size = min(rng.choices(sizes, size_weights)[0], remaining)
            self._family(index, size)
            remaining -= size
            index += 1

    def _family(self, index: int, size: int) -> None:
        rng = self.rng
        last_name = rng.choice(_LAST_NAMES)
        code = f"{index + 1:06d}"
        created = _at(dt.date(2025, 5, 5) + dt.timedelta(days=rng.randrange(100)), 19, 10)
        resident = rng.random() < 0.95
        direct_debit = rng.random() < 0.4
        family_id = self._add(
            "family",
            subscriber_code=code,
            name=f"Famille {last_name}",
            status=FamilyStatus.VALIDATED,
            rejection_reason=None,
            accepts_email=True,
            accepts_sms=rng.random() < 0.6,
            accepts_post=rng.random() < 0.1,
            paper_invoice=rng.random() < 0.1,
            reminder_by_email=True,
            reminder_by_sms=rng.random() < 0.3,
            reminder_by_post=False,
            direct_debit=direct_debit,
            resident=resident,
            created_at=created,
            validated_at=created + dt.timedelta(days=2, hours=14),
        )["id"]
        # Guardians: RL1 pays; most families have two; at most one is the allocataire.
        two = rng.random() < 0.85
        separated = two and rng.random() < 0.12
        mother_first = rng.random() < 0.7
        roles = [(Civility.MADAME, Relationship.MERE), (Civility.MONSIEUR, Relationship.PERE)]
        if not mother_first:
            roles.reverse()
        if not two:
            roles = roles[:1]
        if separated:
            marital = rng.choice((MaritalStatus.SEPARE, MaritalStatus.DIVORCE))
        elif two:
            marital = _pick_status(
                rng,
                (
                    (MaritalStatus.MARIE, 55),
                    (MaritalStatus.PACSE, 25),
                    (MaritalStatus.CONCUBINAGE, 20),
                ),
            )
        else:
            marital = _pick_status(
                rng,
                (
                    (MaritalStatus.CELIBATAIRE, 40),
                    (MaritalStatus.DIVORCE, 40),
                    (MaritalStatus.VEUF, 5),
                    (MaritalStatus.SEPARE, 15),
                ),
            )
        allocataire_rank = (
            rng.randint(1, len(roles)) if rng.random() < 0.9 else None
        )  # 10 %: no CAF/MSA
        regime = AllowanceRegime.MSA if rng.random() < 0.07 else AllowanceRegime.CAF
        home = f"{rng.randint(1, 120)} {rng.choice(_STREETS)}"
        guardian_ids: list[int] = []
        family_accounts: list[int] = []
        for rank, (civility, relationship) in enumerate(roles, start=1):
            female = civility is Civility.MADAME
            first = rng.choice(_WOMEN if female else _MEN)
            own_name = rank == 1 or rng.random() < 0.75
            guardian_last = last_name if own_name else rng.choice(_LAST_NAMES)
            has_email = rng.random() < 0.96
            email = (
                f"{_ascii(first)}.{_ascii(guardian_last)}.{code}-{rank}@famille.example"
                if has_email
                else None
            )
            allocataire = allocataire_rank == rank
            address = (
                home
                if not (separated and rank == 2)
                else (f"{rng.randint(1, 120)} {rng.choice(_STREETS)}")
            )
            guardian_id = self._add(
                "guardian",
                family_id=family_id,
                rank=rank,
                civility=civility,
                first_name=first,
                last_name=guardian_last,
                birth_name=rng.choice(_LAST_NAMES) if female and rng.random() < 0.3 else None,
                relationship=relationship,
                marital_status=marital,
                email=email,
                phone=_phone(rng, "04") if rng.random() < 0.3 else None,
                mobile_phone=_phone(rng, rng.choice(("06", "07"))),
                work_phone=_phone(rng, "04") if rng.random() < 0.2 else None,
                address_line1=address,
                address_line2=None,
                postal_code=TOWN_POSTAL_CODE if resident else "38000",
                city=TOWN_NAME if resident else "Grenoble",
                country="FR",
                profession=rng.choice(_PROFESSIONS),
                employer=None,
                is_payer=rank == 1,
                is_allocataire=allocataire,
                allowance_regime=regime if allocataire else None,
                allocataire_number=f"{rng.randrange(10**7):07d}" if allocataire else None,
                consents_quotient_lookup=rng.random() < 0.92,
            )["id"]
            guardian_ids.append(guardian_id)
            # Parent logins: about half of the guardians (most payers, some second parents).
            if email is not None and rng.random() < (0.8 if rank == 1 else 0.25):
                status = _pick_status(
                    rng,
                    (
                        (AccountStatus.ACTIVE, 94),
                        (AccountStatus.PENDING_ACTIVATION, 5),
                        (AccountStatus.DISABLED, 1),
                    ),
                )
                account_id = self._account(
                    email,
                    civility,
                    first,
                    guardian_last,
                    Role.PARENT,
                    guardian_id,
                    created - dt.timedelta(minutes=30),
                    status,
                )
                family_accounts.append(account_id)
        # Family quotient: spread over 0-2500; some families get a new value in January.
        quotients: list[tuple[dt.date, dt.date | None, int]] = []
        if rng.random() < 0.97:
            source = (
                QuotientSource(regime.value)
                if allocataire_rank is not None
                else QuotientSource.MANUAL
            )
            value = int(rng.triangular(0, 2500, 850))
            if rng.random() < 0.12:
                quotients.append((dt.date(2025, 1, 1), dt.date(2025, 12, 31), value))
                value = max(0, min(2500, value + rng.randint(-300, 300)))
                quotients.append((dt.date(2026, 1, 1), None, value))
            else:
                quotients.append((dt.date(2025, 1, 1), None, value))
            for start, end, quotient in quotients:
                self._add(
                    "family_quotient",
                    family_id=family_id,
                    value=quotient,
                    source=source,
                    valid_from=start,
                    valid_to=end,
                    recorded_at=_at(max(start, created.date()), 10),
                )
        if direct_debit:
            self._add(
                "bank_account",
                family_id=family_id,
                holder_guardian_id=guardian_ids[0],
                holder_name=f"{last_name.upper()}",
                iban=_iban(rng),
                bic="CCBPFRPPGRE",
                is_primary=True,
                mandate_reference=f"RUM-{self.slug[:20]}-{code}",
                mandate_signed_on=created.date(),
                created_at=created,
            )
        family = _Family(
            id=family_id,
            index=index,
            last_name=last_name,
            resident=resident,
            direct_debit=direct_debit,
            payer_guardian_id=guardian_ids[0],
            quotients=quotients,
            account_ids=family_accounts,
        )
        self.families.append(family)
        self._children_of(family, size, created)

    def _children_of(self, family: _Family, size: int, created: dt.datetime) -> None:
        rng = self.rng
        school = rng.choice(self.schools)
        years = sorted(rng.sample(sorted(_BIRTH_YEAR_GRADE), size))
        for year in years:
            girl = rng.random() < 0.5
            birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            pai = rng.random() < 0.03
            arrival = self.year_start
            departure = self.year_end
            draw = rng.random()
            if draw < 0.04:
                arrival = rng.choice(
                    (dt.date(2025, 11, 3), dt.date(2026, 1, 5), dt.date(2026, 2, 23))
                )
            elif draw < 0.06:
                departure = dt.date(2026, 2, 6)
            child_id = self._add(
                "child",
                family_id=family.id,
                first_name=rng.choice(_GIRLS if girl else _BOYS),
                last_name=family.last_name,
                birth_date=birth,
                sex=Sex.F if girl else Sex.M,
                school_id=school.id,
                grade=_BIRTH_YEAR_GRADE[year],
                created_at=created,
            )["id"]
            child = _Child(
                id=child_id,
                family=family,
                first_name=self.rows["child"][-1]["first_name"],
                birth_date=birth,
                grade=_BIRTH_YEAR_GRADE[year],
                school=school,
                pai=pai,
                start=arrival,
                end=departure,
            )
            family.children.append(child)
            self.children.append(child)
            self._child_file(child, created)

    def _child_file(self, child: _Child, created: dt.datetime) -> None:
        rng = self.rng
        self.rows["child_authorizations"].append(
            {
                "child_id": child.id,
                "tenant_id": self.tenant_id,
                "photo": rng.random() < 0.85,
                "leave_alone": child.grade.rank >= Grade.CM1.rank and rng.random() < 0.4,
                "hospitalisation": rng.random() < 0.97,
                "outings_with_staff": rng.random() < 0.95,
                "updated_at": created,
            }
        )
        diet = (
            Diet.PAI
            if child.pai
            else _pick_status(
                rng,
                (
                    (Diet.STANDARD, 82),
                    (Diet.SANS_PORC, 10),
                    (Diet.SANS_VIANDE, 4),
                    (Diet.VEGETARIEN, 4),
                ),
            )
        )
        allergy = rng.random() < 0.08
        self.rows["health_record"].append(
            {
                "child_id": child.id,
                "tenant_id": self.tenant_id,
                "diet": diet,
                "food_allergies": rng.choice(("Arachide", "Lait", "Œuf", "Gluten"))
                if allergy or child.pai
                else None,
                "other_allergies": "Pollens" if rng.random() < 0.05 else None,
                "medical_notes": None,
                "has_pai": child.pai,
                "pai_details": "PAI alimentaire : panier repas fourni" if child.pai else None,
                "doctor_name": f"Dr {rng.choice(_LAST_NAMES)}",
                "doctor_phone": _phone(rng, "04"),
                "updated_at": created,
            }
        )
        for months, vaccine in ((2, _VACCINES[0]), (12, _VACCINES[1]), (4, _VACCINES[2])):
            self._add(
                "vaccination",
                child_id=child.id,
                vaccine=vaccine,
                injected_on=child.birth_date + dt.timedelta(days=30 * months + rng.randrange(20)),
            )
        for _ in range(rng.choice((1, 1, 2))):
            grandmother = rng.random() < 0.6
            self._add(
                "authorized_person",
                child_id=child.id,
                first_name=rng.choice(_WOMEN if grandmother else _MEN),
                last_name=rng.choice((child.family.last_name, *_LAST_NAMES[:20])),
                relationship=rng.choice(("Grand-mère", "Voisine", "Tante"))
                if grandmother
                else rng.choice(("Grand-père", "Oncle", "Voisin")),
                phone=_phone(rng, "06"),
                can_pick_up=True,
                emergency_contact=rng.random() < 0.6,
            )

    # -- registrations and bookings ---------------------------------------------------

    def _register(self, child: _Child, activity: _Activity) -> None:
        decided = _at(child.start - dt.timedelta(days=5), 10)
        child.registrations[activity.id] = self._add(
            "registration",
            child_id=child.id,
            activity_id=activity.id,
            start_date=child.start,
            end_date=child.end,
            status=RegistrationStatus.ACTIVE,
            created_at=decided - dt.timedelta(days=12),
            decided_at=decided,
        )["id"]

    def _registrations_and_bookings(self) -> None:
        rng = self.rng
        wednesday_habitual: list[tuple[_Child, list[_Activity]]] = []
        wednesday_occasional: list[tuple[_Child, list[_Activity]]] = []
        holiday_children: list[tuple[_Child, _Activity]] = []
        for child in self.children:
            school = child.school
            # Habitual weekly patterns: activity -> fixed weekdays.
            pattern: list[tuple[_Activity, list[int]]] = []
            if rng.random() < 0.80:
                days = (
                    list(_SCHOOL_WEEKDAYS)
                    if rng.random() < 0.6
                    else sorted(rng.sample(_SCHOOL_WEEKDAYS, rng.choice((2, 3))))
                )
                pattern.append((school.meal, days))
            if rng.random() < 0.35:
                days = sorted(rng.sample(_SCHOOL_WEEKDAYS, rng.choice((1, 2, 2, 3, 4, 4))))
                pattern.append((school.morning, days))
            if rng.random() < 0.50:
                eligible = [a for a in school.evenings if a.eligible(child.grade)]
                main = rng.choice(eligible)
                count = rng.choices((1, 2, 3, 4), (15, 30, 25, 30))[0]
                by_activity: dict[int, list[int]] = defaultdict(list)
                chosen: dict[int, _Activity] = {}
                for weekday in sorted(rng.sample(_SCHOOL_WEEKDAYS, count)):
                    activity = main if rng.random() < 0.75 else rng.choice(eligible)
                    by_activity[activity.id].append(weekday)
                    chosen[activity.id] = activity
                pattern.extend((chosen[key], days) for key, days in sorted(by_activity.items()))
            wednesday: list[_Activity] = []
            if rng.random() < 0.30:
                combo = rng.choices(("FULL", "MORNING", "AFTERNOON"), (45, 25, 30))[0]
                wednesday = {
                    "FULL": [self.wednesday_morning, self.wednesday_meal, self.wednesday_afternoon],
                    "MORNING": [self.wednesday_morning, self.wednesday_meal],
                    "AFTERNOON": [self.wednesday_afternoon],
                }[combo]
                if rng.random() < 0.8:
                    pattern.extend((activity, [3]) for activity in wednesday)
                    wednesday_habitual.append((child, wednesday))
                else:
                    wednesday_occasional.append((child, wednesday))
            for activity, _days in pattern:
                self._register(child, activity)
            for activity in wednesday:
                if activity.id not in child.registrations:
                    self._register(child, activity)
            if rng.random() < 0.25:
                holiday = (
                    self.holiday_nursery
                    if self.holiday_nursery.eligible(child.grade)
                    else self.holiday_elementary
                )
                self._register(child, holiday)
                holiday_children.append((child, holiday))
            self._pending_registration(child)
            self._habitual_bookings(child, pattern)
        self._wednesday_requests(wednesday_habitual, wednesday_occasional)
        self._holiday_requests(holiday_children)

    def _pending_registration(self, child: _Child) -> None:
        """A few wished registrations still waiting for (or refused by) staff."""
        rng = self.rng
        draw = rng.random()
        if draw >= 0.04:
            return
        candidates = [
            a
            for a in (child.school.morning, *child.school.evenings)
            if a.id not in child.registrations and a.eligible(child.grade)
        ]
        if not candidates or child.end < dt.date(2026, 4, 20):
            return
        activity = rng.choice(candidates)
        created = _at(REFERENCE_TODAY - dt.timedelta(days=rng.randint(2, 20)), 21)
        refused = draw < 0.01
        self._add(
            "registration",
            child_id=child.id,
            activity_id=activity.id,
            start_date=dt.date(2026, 4, 20),
            end_date=child.end,
            status=RegistrationStatus.REFUSED if refused else RegistrationStatus.REQUESTED,
            created_at=created,
            decided_at=created + dt.timedelta(days=1) if refused else None,
        )

    def _habitual_bookings(self, child: _Child, pattern: list[tuple[_Activity, list[int]]]) -> None:
        """The child's fixed weekdays over the whole year, with the past as it happened."""
        rng = self.rng
        by_date: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
        school_dates: set[dt.date] = set()
        for activity, days in pattern:
            created = _at(child.start - dt.timedelta(days=5), 10, 5)
            school_day = activity.establishment_id == child.school.id
            for weekday in days:
                for day in activity.dates[weekday]:
                    if day < child.start or day > child.end:
                        continue
                    if day >= REFERENCE_TODAY:
                        row = self._booking(
                            child, activity, day, BookingStatus.RESERVED, None, created
                        )
                    elif school_day:
                        # Absences of school-day activities come from episodes below, plus
                        # a few no-shows (billed).
                        status, attendance = self._past_outcome(0.0, 0.004)
                        row = self._booking(child, activity, day, status, attendance, created)
                    else:
                        status, attendance = self._past_outcome(0.04, 0.01)
                        row = self._booking(child, activity, day, status, attendance, created)
                    if school_day:
                        by_date[day].append(row)
                        school_dates.add(day)
        if not school_dates:
            return
        dates = sorted(school_dates)
        past = [d for d in dates if d < REFERENCE_TODAY]
        taken: set[dt.date] = set()
        episodes = rng.choices((0, 1, 2, 3, 4, 5), (15, 25, 25, 18, 10, 7))[0]
        for _ in range(episodes if past else 0):
            length = rng.choices((1, 2, 3), (40, 35, 25))[0]
            start = rng.randrange(len(past))
            episode = [d for d in past[start : start + length] if d not in taken]
            if not episode:
                continue
            taken.update(episode)
            self._past_absence(child, episode, by_date)
        self._unbooked_presences(child, pattern, taken)
        future = [
            d for d in dates if REFERENCE_TODAY < d <= REFERENCE_TODAY + dt.timedelta(days=60)
        ]
        forced = len(self._future_statuses) < len(RequestStatus)
        if future and (forced or rng.random() < 0.3):
            self._future_absence(child, future, by_date)

    def _absence_request(
        self,
        child: _Child,
        days: list[dt.date],
        by_date: dict[dt.date, list[dict[str, Any]]],
        created: dt.datetime,
    ) -> _Request:
        rows = [row for day in days for row in by_date[day]]
        activities = {row["activity_id"] for row in rows}
        request = _Request(
            family=child.family,
            type=RequestType.ABSENCE,
            created_at=created,
            child_id=child.id,
            activity_id=next(iter(activities)) if len(activities) == 1 else None,
            period_start=days[0],
            period_end=days[-1],
            reason=self.rng.choice(
                ("Enfant malade", "Rendez-vous médical", "Convenance familiale")
            ),
        )
        request.lines = [
            _Line(
                child.id,
                row["activity_id"],
                row["slot_id"],
                row["date"],
                RequestLineAction.ABSENCE,
                booking_id=row["id"],
            )
            for row in rows
        ]
        self.requests.append(request)
        return request

    def _past_absence(
        self, child: _Child, days: list[dt.date], by_date: dict[dt.date, list[dict[str, Any]]]
    ) -> None:
        """A sick child: every booking of those days absent; told late, the first is billed."""
        rng = self.rng
        late = rng.random() < 0.2
        if late:
            created = _at(days[0], 8, rng.randrange(60))
        else:
            created = _at(days[0] - dt.timedelta(days=rng.randint(1, 3)), rng.randint(7, 21))
        request = self._absence_request(child, days, by_date, created)
        request.status = RequestStatus.ACCEPTED
        request.transmitted_at = created + dt.timedelta(minutes=2)
        request.decided_at = created + dt.timedelta(minutes=rng.randint(10, 240))
        for line in request.lines:
            line.status = RequestLineStatus.ACCEPTED
        for day in days:
            billed = late and day == days[0]
            for row in by_date[day]:
                row["status"] = BookingStatus.ABSENT_BILLED if billed else BookingStatus.ABSENT
                row["attendance"] = Attendance.ABSENT
        if late:
            for line in request.lines:
                if line.date == days[0]:
                    line.message = "Absence signalée après le délai : facturée."

    def _future_absence(
        self, child: _Child, future: list[dt.date], by_date: dict[dt.date, list[dict[str, Any]]]
    ) -> None:
        """A planned absence, in whatever state it is in today (every state is represented)."""
        rng = self.rng
        if len(self._future_statuses) < len(RequestStatus):
            # The first planned absences of the town go through every state in turn.
            status = list(RequestStatus)[len(self._future_statuses)]
            if status is RequestStatus.PARTIALLY_ACCEPTED and len(future) < 2:
                return
        else:
            status = _pick_status(
                rng,
                (
                    (RequestStatus.PENDING, 25),
                    (RequestStatus.TRANSMITTED, 15),
                    (RequestStatus.ACCEPTED, 40),
                    (RequestStatus.PARTIALLY_ACCEPTED, 5),
                    (RequestStatus.REFUSED, 5),
                    (RequestStatus.CANCELLED, 10),
                ),
            )
        self._future_statuses.append(status)
        length = rng.choices((1, 2, 3), (40, 35, 25))[0]
        if status is RequestStatus.PARTIALLY_ACCEPTED:
            length = max(length, 2)
        length = min(length, len(future))
        start = rng.randrange(len(future) - length + 1)
        days = future[start : start + length]
        created = _at(REFERENCE_TODAY - dt.timedelta(days=rng.randint(1, 5)), rng.randint(8, 21))
        request = self._absence_request(child, days, by_date, created)
        request.status = status
        if status is not RequestStatus.PENDING:
            request.transmitted_at = created + dt.timedelta(minutes=2)
        if status is RequestStatus.CANCELLED:
            request.transmitted_at = None
            request.decided_at = created + dt.timedelta(hours=1)
            for line in request.lines:
                line.status = RequestLineStatus.CANCELLED
            return
        if status in (RequestStatus.PENDING, RequestStatus.TRANSMITTED):
            return
        request.decided_at = created + dt.timedelta(hours=rng.randint(1, 10))
        for line in request.lines:
            refused = status is RequestStatus.REFUSED or (
                status is RequestStatus.PARTIALLY_ACCEPTED and line.date == days[0]
            )
            if refused:
                line.status = RequestLineStatus.REFUSED
                line.refusal_code = "DEADLINE_PASSED"
                line.message = "Délai d'annulation dépassé : la réservation est maintenue."
            else:
                line.status = RequestLineStatus.ACCEPTED
        accepted_days = {
            line.date for line in request.lines if line.status is RequestLineStatus.ACCEPTED
        }
        for day in sorted(accepted_days):
            for row in by_date[day]:
                row["status"] = BookingStatus.ABSENT
                row["updated_at"] = request.decided_at

    def _unbooked_presences(
        self, child: _Child, pattern: list[tuple[_Activity, list[int]]], taken: set[dt.date]
    ) -> None:
        """A few days a child came to morning care or the canteen without a booking."""
        rng = self.rng
        for activity, days in pattern:
            if activity.category not in (ActivityCategory.MORNING_CARE, ActivityCategory.MEAL):
                continue
            if activity.establishment_id != child.school.id:
                continue
            other = [w for w in _SCHOOL_WEEKDAYS if w not in days]
            if not other or rng.random() >= 0.15:
                continue
            weekday = rng.choice(other)
            candidates = [
                d
                for d in activity.dates[weekday]
                if child.start <= d <= child.end and d < REFERENCE_TODAY and d not in taken
            ]
            for day in sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))):
                self._booking(
                    child,
                    activity,
                    day,
                    BookingStatus.UNBOOKED,
                    Attendance.PRESENT,
                    self._pointed_at(day),
                )

    def _decide_with_capacity(
        self,
        requests: list[_Request],
        child_of: dict[int, _Child],
        activity_of: dict[int, _Activity],
        capacity: dict[int, int],
        used: dict[tuple[int, dt.date], int],
        waiting_list: bool,
    ) -> None:
        """Decide reservation requests in arrival order against slot capacities."""
        for request in sorted(requests, key=lambda r: r.created_at):
            if request.status in (
                RequestStatus.PENDING,
                RequestStatus.TRANSMITTED,
                RequestStatus.CANCELLED,
            ):
                continue
            assert request.decided_at is not None
            for line in request.lines:
                key = (line.slot_id, line.date)
                activity = activity_of[line.activity_id]
                child = child_of[line.child_id]
                if used[key] < capacity[line.activity_id]:
                    used[key] += 1
                    line.status = RequestLineStatus.ACCEPTED
                    if line.date < REFERENCE_TODAY:
                        status, attendance = self._past_outcome(0.04, 0.01)
                    else:
                        status, attendance = BookingStatus.RESERVED, None
                    line.booking_id = self._booking(
                        child, activity, line.date, status, attendance, request.decided_at
                    )["id"]
                elif waiting_list and line.date >= REFERENCE_TODAY:
                    line.status = RequestLineStatus.WAITING_LIST
                    line.booking_id = self._booking(
                        child,
                        activity,
                        line.date,
                        BookingStatus.WAITING_LIST,
                        None,
                        request.decided_at,
                        waiting_since=request.created_at,
                    )["id"]
                else:
                    line.status = RequestLineStatus.REFUSED
                    line.refusal_code = "SLOT_FULL"
                    line.message = "Plus de place disponible sur ce créneau."
            statuses = {line.status for line in request.lines}
            if statuses == {RequestLineStatus.ACCEPTED}:
                request.status = RequestStatus.ACCEPTED
            elif statuses == {RequestLineStatus.REFUSED}:
                request.status = RequestStatus.REFUSED
            elif statuses == {RequestLineStatus.WAITING_LIST}:
                request.status = RequestStatus.TRANSMITTED
                request.decided_at = None
            else:
                request.status = RequestStatus.PARTIALLY_ACCEPTED

    def _reservation_request(
        self,
        child: _Child,
        activity: _Activity,
        days: list[dt.date],
        created: dt.datetime,
        status: RequestStatus,
    ) -> _Request:
        """A period reservation as the form makes it: one line per date."""
        request = _Request(
            family=child.family,
            type=RequestType.RESERVATION,
            created_at=created,
            status=status,
            child_id=child.id,
            activity_id=activity.id,
            period_start=days[0],
            period_end=days[-1],
        )
        request.lines = [
            _Line(
                child.id,
                activity.id,
                activity.slot_ids[day.isoweekday()],
                day,
                RequestLineAction.RESERVE,
            )
            for day in days
        ]
        if status is not RequestStatus.PENDING:
            request.transmitted_at = created + dt.timedelta(minutes=3)
        if status is RequestStatus.CANCELLED:
            request.transmitted_at = None
            request.decided_at = min(created + dt.timedelta(hours=5), REFERENCE_NOW)
            for line in request.lines:
                line.status = RequestLineStatus.CANCELLED
        elif status not in (RequestStatus.PENDING, RequestStatus.TRANSMITTED):
            request.decided_at = min(
                created + dt.timedelta(hours=self.rng.randint(2, 40)),
                REFERENCE_NOW - dt.timedelta(minutes=30),
            )
        self.requests.append(request)
        return request

    def _wednesday_requests(
        self,
        habitual: list[tuple[_Child, list[_Activity]]],
        occasional: list[tuple[_Child, list[_Activity]]],
    ) -> None:
        """Occasional Wednesdays: reservations by term against limited places."""
        rng = self.rng
        limited = (self.wednesday_morning, self.wednesday_afternoon)
        used: dict[tuple[int, dt.date], int] = defaultdict(int)
        for child, activities in habitual:
            for activity in activities:
                for day in activity.dates[3]:
                    if child.start <= day <= child.end:
                        used[(activity.slot_ids[3], day)] += 1
        blocks = (
            (self.year_start, dt.date(2025, 12, 19), dt.date(2025, 8, 26)),
            (dt.date(2026, 1, 5), REFERENCE_TODAY - _ONE_DAY, dt.date(2025, 12, 15)),
            (REFERENCE_TODAY, self.year_end, dt.date(2026, 3, 9)),
        )
        requests: list[_Request] = []
        demand: dict[tuple[int, dt.date], int] = defaultdict(int)
        for child, activities in occasional:
            for first, last, asked_on in blocks:
                wednesdays = [
                    d
                    for d in activities[0].dates[3]
                    if first <= d <= last and child.start <= d <= child.end
                ]
                chosen = [d for d in wednesdays if rng.random() < 0.5]
                if not chosen:
                    continue
                created = _at(asked_on, rng.randint(7, 22), rng.randrange(60))
                for activity in activities:
                    requests.append(
                        self._reservation_request(
                            child, activity, chosen, created, RequestStatus.ACCEPTED
                        )
                    )
                    for day in chosen:
                        demand[(activity.id, day)] += 1
        capacity: dict[int, int] = {self.wednesday_meal.id: 10**6}
        for activity in limited:
            habitual_peak = max(
                (used[(activity.slot_ids[3], d)] for d in activity.dates[3]), default=0
            )
            asked = sorted(demand[(activity.id, d)] for d in activity.dates[3])
            median = asked[len(asked) // 2] if asked else 0
            capacity[activity.id] = max(1, habitual_peak + (median * 6 + 9) // 10)
            activity.row["capacity"] = capacity[activity.id]
        self._decide_with_capacity(
            requests,
            {c.id: c for c in self.children},
            {a.id: a for a in self.activities},
            capacity,
            used,
            waiting_list=True,
        )

    def _holiday_requests(self, holiday_children: list[tuple[_Child, _Activity]]) -> None:
        """Holiday centre reservations per holiday period, decided against capacity."""
        rng = self.rng
        periods = school_holidays(SCHOOL_YEAR, SCHOOL_ZONE.value)
        requests: list[_Request] = []
        demand: dict[tuple[int, dt.date], int] = defaultdict(int)
        for child, activity in holiday_children:
            all_days = sorted(d for days in activity.dates.values() for d in days)
            for period in periods:
                days = [
                    d
                    for d in all_days
                    if period.first_day_off <= d <= period.last_day_off
                    and child.start <= d <= child.end
                ]
                if not days or rng.random() >= 0.55:
                    continue
                weeks = sorted({d.isocalendar()[1] for d in days})
                week = rng.choice(weeks)
                in_week = [d for d in days if d.isocalendar()[1] == week]
                if rng.random() >= 0.5 and len(in_week) > 2:
                    in_week = sorted(rng.sample(in_week, rng.randint(2, len(in_week) - 1)))
                asked_on = period.first_day_off - dt.timedelta(days=rng.randint(14, 30))
                if asked_on >= REFERENCE_TODAY:
                    continue
                created = _at(asked_on, rng.randint(7, 22), rng.randrange(60))
                if in_week[0] >= REFERENCE_TODAY:
                    status = _pick_status(
                        rng,
                        (
                            (RequestStatus.PENDING, 30),
                            (RequestStatus.TRANSMITTED, 20),
                            (RequestStatus.ACCEPTED, 45),
                            (RequestStatus.CANCELLED, 5),
                        ),
                    )
                else:
                    status = _pick_status(
                        rng, ((RequestStatus.ACCEPTED, 95), (RequestStatus.CANCELLED, 5))
                    )
                requests.append(
                    self._reservation_request(child, activity, in_week, created, status)
                )
                if status is RequestStatus.ACCEPTED:
                    for day in in_week:
                        demand[(activity.id, day)] += 1
        capacity: dict[int, int] = {}
        for activity in (self.holiday_nursery, self.holiday_elementary):
            asked = sorted(v for (aid, _d), v in demand.items() if aid == activity.id)
            capacity[activity.id] = max(1, asked[(len(asked) * 85) // 100] if asked else 1)
            activity.row["capacity"] = capacity[activity.id]
        self._decide_with_capacity(
            requests,
            {c.id: c for c in self.children},
            {a.id: a for a in self.activities},
            capacity,
            defaultdict(int),
            waiting_list=True,
        )

    # -- file changes, requests, messages ---------------------------------------------

    def _file_change_requests(self) -> None:
        """Changes to the family file waiting for staff, or decided."""
        rng = self.rng
        guardians_by_family: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for guardian in self.rows["guardian"]:
            guardians_by_family[guardian["family_id"]].append(guardian)
        kinds = (
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            RequestType.GUARDIAN_CHANGE,
            RequestType.BANK_ACCOUNT_CHANGE,
            RequestType.CHILD_AUTHORIZATIONS_CHANGE,
            RequestType.HEALTH_RECORD_CHANGE,
            RequestType.VACCINATION_CHANGE,
            RequestType.AUTHORIZED_PERSON_ADD,
            RequestType.CHILD_PHOTO_CHANGE,
        )
        for family in self.families:
            if rng.random() >= 0.12:
                continue
            kind = rng.choice(kinds)
            guardian = guardians_by_family[family.id][0]
            child = rng.choice(family.children)
            status = _pick_status(
                rng,
                (
                    (RequestStatus.PENDING, 25),
                    (RequestStatus.TRANSMITTED, 15),
                    (RequestStatus.ACCEPTED, 40),
                    (RequestStatus.REFUSED, 10),
                    (RequestStatus.CANCELLED, 10),
                ),
            )
            recent = status in (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
            back = rng.randint(1, 20) if recent else rng.randint(21, 180)
            created = _at(REFERENCE_TODAY - dt.timedelta(days=back), rng.randint(8, 22))
            payload: dict[str, Any]
            about_child = kind not in (
                RequestType.GUARDIAN_ADDRESS_CHANGE,
                RequestType.GUARDIAN_CHANGE,
                RequestType.BANK_ACCOUNT_CHANGE,
            )
            if kind is RequestType.GUARDIAN_ADDRESS_CHANGE:
                payload = {
                    "addressLine1": f"{rng.randint(1, 120)} {rng.choice(_STREETS)}",
                    "postalCode": TOWN_POSTAL_CODE,
                    "city": TOWN_NAME,
                }
            elif kind is RequestType.GUARDIAN_CHANGE:
                payload = {"mobilePhone": _phone(rng, "06")}
            elif kind is RequestType.BANK_ACCOUNT_CHANGE:
                payload = {"holderName": family.last_name.upper(), "iban": _iban(rng)}
            elif kind is RequestType.CHILD_AUTHORIZATIONS_CHANGE:
                payload = {"photo": rng.random() < 0.5, "leaveAlone": False}
            elif kind is RequestType.HEALTH_RECORD_CHANGE:
                payload = {"foodAllergies": rng.choice(("Arachide", "Kiwi", "Lait"))}
            elif kind is RequestType.VACCINATION_CHANGE:
                payload = {"vaccine": "DTPolio", "injectedOn": "2026-01-12"}
            elif kind is RequestType.AUTHORIZED_PERSON_ADD:
                payload = {
                    "firstName": rng.choice(_WOMEN),
                    "lastName": rng.choice(_LAST_NAMES),
                    "relationship": "Grand-mère",
                    "phone": _phone(rng, "06"),
                    "canPickUp": True,
                    "emergencyContact": True,
                }
            else:
                payload = {"documentType": "CHILD_PHOTO", "filename": "photo.jpg"}
            request = _Request(
                family=family,
                type=kind,
                created_at=created,
                status=status,
                child_id=child.id if about_child else None,
                guardian_id=None if about_child else guardian["id"],
                payload=payload,
            )
            if status is not RequestStatus.PENDING and status is not RequestStatus.CANCELLED:
                request.transmitted_at = created + dt.timedelta(minutes=2)
            if status not in (RequestStatus.PENDING, RequestStatus.TRANSMITTED):
                request.decided_at = created + dt.timedelta(days=rng.randint(1, 6))
            if status is RequestStatus.REFUSED:
                request.reason = "Justificatif manquant"
            self.requests.append(request)

    def _finalize_requests(self) -> None:
        """Ids and references in creation order, then the rows: headers, lines, history."""
        self.requests.sort(key=lambda r: r.created_at)
        for number, request in enumerate(self.requests):
            request.id = self._id("request")
            request.reference = REQUEST_REFERENCE_BASE + number * 7 + self.rng.randrange(7)
        staff = self.staff_account_id
        for request in self.requests:
            author = request.family.account_ids[0] if request.family.account_ids else staff
            decided_by = (
                staff
                if request.decided_at is not None and request.status != RequestStatus.CANCELLED
                else None
            )
            self.rows["request"].append(
                {
                    "id": request.id,
                    "tenant_id": self.tenant_id,
                    "family_id": request.family.id,
                    "reference": request.reference,
                    "type": request.type,
                    "status": request.status,
                    "created_by_account_id": author,
                    "decided_by_account_id": decided_by,
                    "idempotency_key": None,
                    "child_id": request.child_id,
                    "guardian_id": request.guardian_id,
                    "activity_id": request.activity_id,
                    "period_start": request.period_start,
                    "period_end": request.period_end,
                    "reason": request.reason,
                    "comment": None,
                    "payload": request.payload,
                    "created_at": request.created_at,
                    "transmitted_at": request.transmitted_at,
                    "decided_at": request.decided_at,
                }
            )
            line_decided = request.decided_at
            for line in request.lines:
                decided = line.status not in (
                    RequestLineStatus.PENDING,
                    RequestLineStatus.WAITING_LIST,
                )
                self.rows["request_line"].append(
                    {
                        "id": self._id("request_line"),
                        "tenant_id": self.tenant_id,
                        "request_id": request.id,
                        "child_id": line.child_id,
                        "activity_id": line.activity_id,
                        "slot_id": line.slot_id,
                        "date": line.date,
                        "action": line.action,
                        "status": line.status,
                        "refusal_code": line.refusal_code,
                        "message": line.message,
                        "booking_id": line.booking_id,
                        "decided_at": line_decided if decided else None,
                    }
                )
            self._history(request, author)

    def _history(self, request: _Request, author: int) -> None:
        def step(kind: HistoryStep, status: RequestStatus, at: dt.datetime, actor: int) -> None:
            self._add(
                "request_history",
                request_id=request.id,
                step=kind,
                status=status,
                actor_account_id=actor,
                note=None,
                occurred_at=at,
            )

        step(HistoryStep.CREATED, RequestStatus.PENDING, request.created_at, author)
        if request.transmitted_at is not None:
            step(
                HistoryStep.TRANSMITTED,
                RequestStatus.TRANSMITTED,
                request.transmitted_at,
                self.staff_account_id,
            )
        if request.status is RequestStatus.CANCELLED:
            assert request.decided_at is not None
            step(HistoryStep.CANCELLED, RequestStatus.CANCELLED, request.decided_at, author)
        elif request.decided_at is not None:
            step(HistoryStep.DECIDED, request.status, request.decided_at, self.staff_account_id)

    def _messages(self) -> None:
        """Staff messages about decisions, a few parent replies, one circular per family."""
        rng = self.rng
        staff = self.staff_account_id
        for request in self.requests:
            if request.decided_at is None or request.status is RequestStatus.CANCELLED:
                continue
            needs = request.status in (RequestStatus.REFUSED, RequestStatus.PARTIALLY_ACCEPTED)
            if not needs and rng.random() >= 0.1:
                continue
            at = request.decided_at + dt.timedelta(minutes=5)
            reference = f"{request.reference:,}".replace(",", " ")
            body = {
                RequestStatus.REFUSED: "Votre demande n'a pas pu être acceptée. "
                "Consultez le détail de chaque date dans la demande.",
                RequestStatus.PARTIALLY_ACCEPTED: "Votre demande a été acceptée en partie. "
                "Les dates refusées ou en liste d'attente sont indiquées dans la demande.",
            }.get(request.status, "Votre demande a bien été traitée.")
            self._message(
                request.family,
                request.id,
                staff,
                True,
                f"Votre demande n° {reference}",
                body,
                at,
            )
            if request.family.account_ids and rng.random() < 0.1:
                self._message(
                    request.family,
                    request.id,
                    request.family.account_ids[0],
                    False,
                    f"Re: Votre demande n° {reference}",
                    "Merci pour votre retour.",
                    min(at + dt.timedelta(hours=rng.randint(1, 30)), REFERENCE_NOW),
                )
        circular_at = _at(dt.date(2026, 3, 2), 9)
        for family in self.families:
            self._message(
                family,
                None,
                staff,
                True,
                "Inscriptions aux vacances de printemps",
                "Les réservations pour l'accueil de loisirs des vacances de printemps sont "
                "ouvertes jusqu'au 1er avril.",
                circular_at,
            )

    def _message(
        self,
        family: _Family,
        request_id: int | None,
        author: int,
        from_staff: bool,
        subject: str,
        body: str,
        at: dt.datetime,
    ) -> None:
        message_id = self._add(
            "message",
            family_id=family.id,
            request_id=request_id,
            author_account_id=author,
            from_staff=from_staff,
            subject=subject,
            body=body,
            created_at=at,
        )["id"]
        readers = family.account_ids if from_staff else [self.staff_account_id]
        for reader in readers:
            if self.rng.random() < (0.6 if from_staff else 0.9):
                self.rows["message_receipt"].append(
                    {
                        "message_id": message_id,
                        "account_id": reader,
                        "tenant_id": self.tenant_id,
                        "read_at": min(
                            at + dt.timedelta(hours=self.rng.randint(1, 72)), REFERENCE_NOW
                        ),
                    }
                )

    # -- billing -------------------------------------------------------------------

    def _invoices(self) -> None:
        """Monthly invoices September to February from the pointed bookings, and payments."""
        rng = self.rng
        month_of: dict[dt.date, dt.date] = {}
        counts: dict[tuple[int, int, dt.date], list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in self.bookings:
            day = row["date"]
            if day >= BILLING_END:
                continue
            status = row["status"]
            month = month_of.get(day)
            if month is None:
                month = month_of[day] = day.replace(day=1)
            if status is BookingStatus.ABSENT_BILLED:
                counts[(row["child_id"], row["activity_id"], month)][1] += 1
            elif row["attendance"] is Attendance.PRESENT:
                entry = counts[(row["child_id"], row["activity_id"], month)]
                entry[0] += 1
                if status is BookingStatus.UNBOOKED:
                    entry[2] += 1
        activities = sorted(self.activities, key=lambda a: a.row["sort_order"])
        # Sibling rank per family and activity: eldest first.
        ranks: dict[tuple[int, int], int] = {}
        for family in self.families:
            eldest_first = sorted(family.children, key=lambda c: c.birth_date)
            for activity in activities:
                rank = 0
                for child in eldest_first:
                    if activity.id in child.registrations:
                        rank += 1
                        ranks[(child.id, activity.id)] = rank
        month_names = _words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        )
        payment_seq = 0
        issuer = f"Régie Enfance – Mairie de {TOWN_NAME}"
        for month in BILLED_MONTHS:
            next_month = (month + dt.timedelta(days=32)).replace(day=1)
            issued = next_month.replace(day=5)
            due = issued + dt.timedelta(days=30)
            run_id = self._id("billing_run")
            invoice_count = 0
            for family in self.families:
                qf = family.quotient_on(month)
                lines: list[dict[str, Any]] = []
                for child in family.children:
                    for activity in activities:
                        found = counts.get((child.id, activity.id, month))
                        if found is None:
                            continue
                        present, billed, unbooked = found
                        price = activity.price
                        pai = child.pai and activity.category is ActivityCategory.MEAL
                        unit = price.unit(qf, family.resident, pai)
                        if present:
                            lines.append(
                                self._line(
                                    child, activity, InvoiceLineKind.ATTENDANCE, present, unit
                                )
                            )
                        if billed:
                            if price.late_charge is LateAbsenceCharge.FIXED_FEE:
                                fee = price.late_fee
                            elif price.late_charge is LateAbsenceCharge.RATE:
                                fee = (unit * price.late_rate_bp + 5000) // 10000
                            else:
                                fee = unit
                            lines.append(
                                self._line(
                                    child, activity, InvoiceLineKind.BILLED_ABSENCE, billed, fee
                                )
                            )
                        if unbooked and price.unbooked_charge is not UnbookedPresenceCharge.NONE:
                            if price.unbooked_charge is UnbookedPresenceCharge.FIXED_FEE:
                                fee = price.unbooked_fee
                            else:
                                fee = (unit * price.unbooked_rate_bp + 5000) // 10000
                            lines.append(
                                self._line(child, activity, InvoiceLineKind.PENALTY, unbooked, fee)
                            )
                        reduction = price.sibling_reduction
                        rank = ranks.get((child.id, activity.id), 0)
                        if present and reduction is not None and rank >= reduction[0] and not pai:
                            lines.append(
                                self._line(
                                    child,
                                    activity,
                                    InvoiceLineKind.REDUCTION,
                                    present,
                                    -((unit * reduction[1] + 5000) // 10000),
                                )
                            )
                total = sum(line["amount_cents"] for line in lines)
                if total <= 0:
                    continue
                invoice_count += 1
                invoice_id = self._id("invoice")
                for line in lines:
                    line["id"] = self._id("invoice_line")
                    line["tenant_id"] = self.tenant_id
                    line["invoice_id"] = invoice_id
                self.rows["invoice_line"].extend(lines)
                status, paid = self._invoice_outcome(family, total, due)
                self.rows["invoice"].append(
                    {
                        "id": invoice_id,
                        "tenant_id": self.tenant_id,
                        "family_id": family.id,
                        "payer_guardian_id": family.payer_guardian_id,
                        "billing_run_id": run_id,
                        "kind": InvoiceKind.INVOICE,
                        "credited_invoice_id": None,
                        "number": f"{month.year}-{month.month:02d}-{invoice_count:04d}",
                        "period_start": month,
                        "period_end": next_month - _ONE_DAY,
                        "issued_on": issued,
                        "due_on": due,
                        "issuer": issuer,
                        "total_cents": total,
                        "status": status,
                        "transmitted_on": due + dt.timedelta(days=30)
                        if status is InvoiceStatus.TRANSMITTED_TO_TREASURY
                        else None,
                        "created_at": _at(issued, 2, 10),
                    }
                )
                for amount, method in paid:
                    payment_seq += 1
                    self._payment(
                        family,
                        invoice_id,
                        amount,
                        method,
                        issued,
                        due,
                        payment_seq,
                        f"{month_names[month.month - 1]} {month.year}",
                    )
                if (
                    status is InvoiceStatus.ISSUED
                    and not family.direct_debit
                    and rng.random() < 0.1
                ):
                    payment_seq += 1
                    self._add(
                        "payment_intent",
                        invoice_id=invoice_id,
                        provider="payfip",
                        provider_reference=f"payfip-{self.slug}-{payment_seq:07d}",
                        amount_cents=total,
                        status=rng.choice(
                            (PaymentIntentStatus.FAILED, PaymentIntentStatus.EXPIRED)
                        ),
                        created_at=_at(min(due, REFERENCE_TODAY - _ONE_DAY), 21),
                        completed_at=_at(min(due, REFERENCE_TODAY - _ONE_DAY), 21, 20),
                    )
            self.rows["billing_run"].append(
                {
                    "id": run_id,
                    "tenant_id": self.tenant_id,
                    "month": month,
                    "status": BillingRunStatus.COMPLETED,
                    "started_at": _at(issued, 2),
                    "finished_at": _at(issued, 2, 25),
                    "invoice_count": invoice_count,
                }
            )

    @staticmethod
    def _line(
        child: _Child, activity: _Activity, kind: InvoiceLineKind, quantity: int, unit: int
    ) -> dict[str, Any]:
        label = {
            InvoiceLineKind.ATTENDANCE: "",
            InvoiceLineKind.BILLED_ABSENCE: "Absences facturées ",
            InvoiceLineKind.PENALTY: "Majoration présence sans réservation ",
            InvoiceLineKind.REDUCTION: "Réduction fratrie ",
        }[kind] + f"{activity.name} – {child.first_name}"
        return {
            "child_id": child.id,
            "activity_id": activity.id,
            "kind": kind,
            "label": label[:200],
            "quantity": quantity,
            "unit_price_cents": unit,
            "amount_cents": quantity * unit,
        }

    def _invoice_outcome(
        self, family: _Family, total: int, due: dt.date
    ) -> tuple[InvoiceStatus, list[tuple[int, PaymentMethod]]]:
        """Invoice status and payments: most paid, some partly, some unpaid or with the treasury."""
        rng = self.rng
        if family.direct_debit:
            if due < REFERENCE_TODAY and rng.random() < 0.97:
                return InvoiceStatus.PAID, [(total, PaymentMethod.DIRECT_DEBIT)]
            late = due + dt.timedelta(days=30) < REFERENCE_TODAY
            if due < REFERENCE_TODAY and late:
                return InvoiceStatus.TRANSMITTED_TO_TREASURY, []
            return InvoiceStatus.ISSUED, []
        method = _pick_status(
            rng,
            (
                (PaymentMethod.CARD, 60),
                (PaymentMethod.CHEQUE, 20),
                (PaymentMethod.TRANSFER, 8),
                (PaymentMethod.CASH, 6),
                (PaymentMethod.CESU, 6),
            ),
        )
        if due < REFERENCE_TODAY:
            draw = rng.random()
            if draw < 0.88:
                return InvoiceStatus.PAID, [(total, method)]
            if draw < 0.93 and total > 1:
                part = max(1, total * rng.randint(30, 70) // 100)
                return InvoiceStatus.PARTIALLY_PAID, [(part, method)]
            if draw < 0.97 and due + dt.timedelta(days=30) < REFERENCE_TODAY:
                return InvoiceStatus.TRANSMITTED_TO_TREASURY, []
            return InvoiceStatus.ISSUED, []
        draw = rng.random()
        if draw < 0.55:
            return InvoiceStatus.PAID, [(total, method)]
        if draw < 0.60 and total > 1:
            return InvoiceStatus.PARTIALLY_PAID, [(max(1, total // 2), method)]
        return InvoiceStatus.ISSUED, []

    def _payment(
        self,
        family: _Family,
        invoice_id: int,
        amount: int,
        method: PaymentMethod,
        issued: dt.date,
        due: dt.date,
        seq: int,
        month_label: str,
    ) -> None:
        rng = self.rng
        if method is PaymentMethod.DIRECT_DEBIT:
            paid_on = due
        else:
            last = min(due, REFERENCE_TODAY - _ONE_DAY)
            paid_on = issued + dt.timedelta(days=rng.randint(0, max(0, (last - issued).days)))
        descriptions = {
            PaymentMethod.CARD: "Paiement en ligne par carte bancaire",
            PaymentMethod.DIRECT_DEBIT: "Prélèvement SEPA",
            PaymentMethod.CHEQUE: f"Chèque n° {rng.randrange(10**7):07d}",
            PaymentMethod.CASH: "Espèces – régie",
            PaymentMethod.CESU: "Chèques emploi service universel (CESU)",
            PaymentMethod.TRANSFER: "Virement bancaire",
        }
        reference = f"payfip-{self.slug}-{seq:07d}" if method is PaymentMethod.CARD else None
        self._add(
            "payment",
            invoice_id=invoice_id,
            family_id=family.id,
            method=method,
            amount_cents=amount,
            paid_on=paid_on,
            operation_number=f"{paid_on:%Y%m%d}-{seq:07d}",
            description=f"{descriptions[method]} – facture {month_label}",
            provider_reference=reference,
            recorded_by_account_id=None if method is PaymentMethod.CARD else self.staff_account_id,
            created_at=_at(paid_on, 12),
        )
        if reference is not None:
            self._add(
                "payment_intent",
                invoice_id=invoice_id,
                provider="payfip",
                provider_reference=reference,
                amount_cents=amount,
                status=PaymentIntentStatus.SUCCEEDED,
                created_at=_at(paid_on, 11, 55),
                completed_at=_at(paid_on, 11, 58),
            )


# --------------------------------------------------------------------------------------
# Writing.


def _tables_with_ids() -> list[Table]:
    return [t for t in models.Base.metadata.sorted_tables if "id" in t.c and t.c.id.primary_key]


async def _first_ids(conn: AsyncConnection) -> dict[str, int]:
    """The next free id of every table (this generator is the only writer of its tenant)."""
    first: dict[str, int] = {}
    for table in _tables_with_ids():
        highest = (await conn.execute(select(func.max(table.c.id)))).scalar()
        first[table.name] = int(highest or 0) + 1
    return first


@cache
def _password_hash() -> str:
    """One Argon2 hash shared by every synthetic account (hashing is deliberately slow)."""
    return hash_password(SYNTHETIC_PASSWORD)


async def _insert(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH_SIZE):
        await conn.execute(insert(table), rows[start : start + BATCH_SIZE])


async def _sync_sequences(conn: AsyncConnection, tables: Iterable[Table]) -> None:
    """PostgreSQL: move each id sequence past the ids we chose ourselves."""
    for table in tables:
        await conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'(SELECT max(id) FROM "{table.name}"))'
            )
        )


async def _delete_tenant(engine: AsyncEngine, tenant_id: int, slug: str) -> None:
    """Remove a half-written town; its rows cascade from the tenant."""
    tenant = models.Tenant
    async with engine.begin() as conn:
        await conn.execute(delete(tenant).where(tenant.id == tenant_id, tenant.slug == slug))


async def generate_town(
    engine: AsyncEngine, *, children: int, seed: int, slug: str | None = None
) -> GenerationSummary:
    """Write a synthetic town of ``children`` children, identical for identical seeds.

    This is the entry point for the CLI and the benchmarks: it refuses an existing slug
    (``TownAlreadyExistsError``), builds every row in memory, and inserts them table by
    table (one transaction each, executemany in batches of ``BATCH_SIZE``). If a write
    fails, the half-written tenant is deleted (every owned row cascades from it).
    """
    if children < 1:
        raise ValueError("a town needs at least one child")
    slug = slug or f"synthetic-{children}-{seed}"
    started = time.perf_counter()
    tenant_table = models.Tenant.__table__
    async with engine.begin() as conn:
        exists = await conn.execute(select(tenant_table.c.id).where(tenant_table.c.slug == slug))
        if exists.first() is not None:
            raise TownAlreadyExistsError(f"tenant {slug!r} already exists; choose another slug")
        first_ids = await _first_ids(conn)
    builder = _TownBuilder(
        children=children, seed=seed, slug=slug, first_ids=first_ids, password=_password_hash()
    )
    rows = builder.build()
    tables = [t for t in models.Base.metadata.sorted_tables if rows.get(t.name)]
    assert tables[0].name == "tenant", "the tenant must be written first"
    tenant_written = False
    try:
        for table in tables:
            async with engine.begin() as conn:
                await _insert(conn, table, rows[table.name])
            tenant_written = True
        if engine.dialect.name == "postgresql":
            with_ids = {t.name for t in _tables_with_ids()}
            async with engine.begin() as conn:
                await _sync_sequences(conn, [t for t in tables if t.name in with_ids])
    except BaseException:
        if tenant_written:
            await _delete_tenant(engine, builder.tenant_id, slug)
        raise
    return GenerationSummary(
        slug=slug,
        tenant_id=builder.tenant_id,
        children=children,
        seed=seed,
        rows={table.name: len(rows[table.name]) for table in tables},
        elapsed_seconds=time.perf_counter() - started,
    )


# --------------------------------------------------------------------------------------
# Command line.


def fresh_sqlite_url(name: str) -> str:
    """A new, migrated SQLite database under var/bench/ (any previous file is replaced)."""
    from server.migrate import upgrade

    path = Path(__file__).resolve().parent.parent / "var" / "bench" / f"{name}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    return url


def format_summary(summary: GenerationSummary) -> str:
    """The figures of a generation as a small aligned table, for the terminal."""
    width = max(len(name) for name in summary.rows) if summary.rows else 5
    lines = [
        f"tenant {summary.slug!r} (id {summary.tenant_id}): {summary.children} children, "
        f"seed {summary.seed}",
        *(f"  {name:<{width}} {count:>9,}" for name, count in summary.rows.items()),
        f"  {'total':<{width}} {summary.total_rows:>9,}",
        f"elapsed {summary.elapsed_seconds:.2f} s, {summary.rows_per_second:,.0f} rows/s",
    ]
    return "\n".join(lines)


async def _run(url: str, children: int, seed: int, slug: str | None) -> GenerationSummary:
    from models.engine import create_engine

    engine = create_engine(url)
    try:
        return await generate_town(engine, children=children, seed=seed, slug=slug)
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m bench.generate_town``: generate a town and print its figures."""
    parser = argparse.ArgumentParser(description="Génère une commune synthétique déterministe.")
    parser.add_argument("--children", type=int, default=2000, help="nombre d'enfants")
    parser.add_argument("--seed", type=int, default=1, help="graine du générateur")
    parser.add_argument("--slug", default=None, help="identifiant du tenant")
    parser.add_argument(
        "--database-url",
        default=None,
        help="base cible déjà migrée (défaut : nouveau fichier SQLite sous var/bench/)",
    )
    args = parser.parse_args(argv)
    url = args.database_url or fresh_sqlite_url(f"town-{args.children}-{args.seed}")
    summary = asyncio.run(_run(url, args.children, args.seed, args.slug))
    print(format_summary(summary))


if __name__ == "__main__":
    main()
