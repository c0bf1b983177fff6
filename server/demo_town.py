"""The demo town: Saint-Ismier's Espace Famille, populated as the user guide shows it.

``load_demo_town`` creates, in one transaction, a tenant with its school calendar,
establishments, activities (slot times, rules and prices from the guide), four families
(one still waiting for validation, one on direct debit), accounts for staff and parents,
registrations, bookings around "today", requests in every state with their history and
messages, and monthly invoices computed from the bookings. Loading is idempotent: when the
tenant already exists nothing is written.

The static content lives in ``server.demo_town_data``; this module adds everything that
depends on "today" (default: Wednesday 7 January 2026, so that the guide's planning week of
5–9 January 2026 is populated for Lenny).
"""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.french_calendar import (
    add_working_days,
    public_holidays,
    school_holidays,
    school_year_bounds,
)
from domain.opening_days import ClosedPeriod, opening_days
from domain.passwords import hash_password
from models.account import Account, AccountStatus, Role
from models.activity import Activity, ActivityCategory, Slot
from models.billing import (
    BillingRun,
    BillingRunStatus,
    Invoice,
    InvoiceLine,
    InvoiceLineKind,
    InvoiceStatus,
    LateAbsenceCharge,
    Payment,
    PaymentIntent,
    PaymentIntentStatus,
    PaymentMethod,
    PriceBracket,
    PriceList,
    PricingMode,
    SiblingReduction,
    UnbookedPresenceCharge,
)
from models.booking import Attendance, Booking, BookingStatus
from models.calendar import CalendarPeriod, CalendarPeriodKind, SchoolYear
from models.child import (
    AuthorizedPerson,
    Child,
    ChildAuthorizations,
    Diet,
    HealthRecord,
    Vaccination,
)
from models.establishment import Establishment
from models.family import (
    BankAccount,
    Family,
    FamilyQuotient,
    FamilyStatus,
    Guardian,
    QuotientSource,
)
from models.message import Message, MessageReceipt
from models.registration import Registration, RegistrationStatus
from models.request import (
    HistoryStep,
    Request,
    RequestHistory,
    RequestLine,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)
from models.tenant import SchoolZone, Tenant
from server import demo_town_data as data

__all__ = [
    "DEMO_ADMIN_EMAIL",
    "DEMO_PARENT_EMAILS",
    "DEMO_PASSWORD",
    "DEMO_REFERENCE_DATE",
    "DEMO_REPORTING_EMAIL",
    "DEMO_STAFF_EMAIL",
    "DEMO_TENANT_SLUG",
    "DemoSummary",
    "load_demo_town",
]

DEMO_TENANT_SLUG = data.TENANT_SLUG
# Every demo login shares this password (documented in the README; demo data only).
DEMO_PASSWORD = "Creneau-demo-2026!"
DEMO_STAFF_EMAIL = data.STAFF_ACCOUNTS[0].email
DEMO_ADMIN_EMAIL = data.STAFF_ACCOUNTS[1].email
DEMO_REPORTING_EMAIL = data.STAFF_ACCOUNTS[2].email
# Parent logins, one per guardian; the first is Élodie DEVAILLÉ, the guide's family.
DEMO_PARENT_EMAILS: tuple[str, ...] = tuple(
    guardian.email
    for family in data.FAMILIES
    for guardian in family.guardians
    if guardian.key in family.account_holders
)
# Wednesday in the guide's planning week (Mon 5 – Fri 9 January 2026).
DEMO_REFERENCE_DATE = dt.date(2026, 1, 7)
# "today" must leave a past school holiday, some past billing and a next holiday.
EARLIEST_TODAY = dt.date(2025, 11, 3)
LATEST_TODAY = dt.date(2026, 6, 5)

_PARIS = ZoneInfo("Europe/Paris")
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo town holds, so the CLI can print it and tests can compare loads."""

    tenant_id: int
    created: bool
    establishments: int
    activities: int
    slots: int
    families: int
    children: int
    accounts: int
    bookings: int
    requests: int
    invoices: int

    def describe(self) -> str:
        """A one-line account of the load for the console (English, operator-facing)."""
        verb = "created" if self.created else "already present, left unchanged"
        return (
            f"Demo town {DEMO_TENANT_SLUG!r} (tenant {self.tenant_id}) {verb}: "
            f"{self.establishments} establishments, {self.activities} activities, "
            f"{self.slots} slots, {self.families} families, {self.children} children, "
            f"{self.accounts} accounts, {self.bookings} bookings, {self.requests} requests, "
            f"{self.invoices} invoices."
        )


async def load_demo_town(
    session_factory: async_sessionmaker[AsyncSession], *, today: dt.date | None = None
) -> DemoSummary:
    """Create the Saint-Ismier demo town unless it exists, so `make run` shows a live portal.

    Idempotent: when the tenant ``saint-ismier`` exists (or another process creates it at
    the same moment) nothing is written and the summary says ``created=False``. Otherwise
    everything is created in one transaction. ``today`` anchors bookings, requests and
    invoices (default ``DEMO_REFERENCE_DATE``); it must lie between ``EARLIEST_TODAY`` and
    ``LATEST_TODAY`` so that the 2025-2026 calendar has a past and a future around it.
    """
    today = today or DEMO_REFERENCE_DATE
    if not EARLIEST_TODAY <= today <= LATEST_TODAY:
        raise ValueError(
            f"today must be between {EARLIEST_TODAY} and {LATEST_TODAY} (school year "
            f"{data.SCHOOL_YEAR_LABEL}), got {today}"
        )
    async with session_factory() as session:
        tenant_id = await _tenant_id(session)
        if tenant_id is not None:
            return await _summary(session, tenant_id, created=False)

    # Argon2 is deliberately slow: hash once, off the event loop, and share the hash.
    password_hash = await asyncio.to_thread(hash_password, DEMO_PASSWORD)
    try:
        async with session_factory() as session, session.begin():
            tenant_id = await _TownBuilder(session, today, password_hash).build()
    except IntegrityError:
        # Lost a race with a concurrent load: the other one created the town.
        async with session_factory() as session:
            existing = await _tenant_id(session)
            if existing is None:
                raise
            return await _summary(session, existing, created=False)
    async with session_factory() as session:
        return await _summary(session, tenant_id, created=True)


async def _tenant_id(session: AsyncSession) -> int | None:
    return await session.scalar(select(Tenant.id).where(Tenant.slug == DEMO_TENANT_SLUG))


async def _summary(session: AsyncSession, tenant_id: int, *, created: bool) -> DemoSummary:
    async def count(model: Any) -> int:
        statement = select(func.count()).select_from(model).where(model.tenant_id == tenant_id)
        return int(await session.scalar(statement) or 0)

    return DemoSummary(
        tenant_id=tenant_id,
        created=created,
        establishments=await count(Establishment),
        activities=await count(Activity),
        slots=await count(Slot),
        families=await count(Family),
        children=await count(Child),
        accounts=await count(Account),
        bookings=await count(Booking),
        requests=await count(Request),
        invoices=await count(Invoice),
    )


def _at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """A wall-clock time in Saint-Ismier on ``day`` (stored as UTC by the models)."""
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=_PARIS)


def _fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _round_cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


BookingKey = tuple[str, str, dt.date]  # child key, activity code, date


@dataclass(slots=True)
class _BookingDraft:
    status: BookingStatus
    attendance: Attendance | None
    created_at: dt.datetime
    updated_at: dt.datetime
    waiting_since: dt.datetime | None = None
    justified: bool = False
    row: Booking | None = None


@dataclass(slots=True)
class _LineDraft:
    child: str
    activity: str
    date: dt.date
    action: RequestLineAction
    status: RequestLineStatus
    refusal_code: str | None = None
    message: str | None = None
    booking: BookingKey | None = None
    decided_at: dt.datetime | None = None


@dataclass(slots=True)
class _MessageDraft:
    subject: str
    body: str
    at: dt.datetime
    read_by: tuple[tuple[str, dt.datetime], ...] = ()


@dataclass(slots=True)
class _RequestDraft:
    family: str
    type: RequestType
    status: RequestStatus
    created_at: dt.datetime
    created_by: str
    history: list[tuple[HistoryStep, RequestStatus, dt.datetime, str | None, str]]
    child: str | None = None
    guardian: str | None = None
    activity: str | None = None
    reason: str | None = None
    comment: str | None = None
    payload: dict[str, Any] | None = None
    lines: list[_LineDraft] = field(default_factory=list)
    transmitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    reference: int | None = None
    messages: list[_MessageDraft] = field(default_factory=list)


_STAFF = DEMO_STAFF_EMAIL  # the agent who decides requests in the demo
_CREATED_NOTE = "Création de demande"
_TRANSMITTED_NOTE = "Demande transmise à l'application métier"


class _TownBuilder:
    """Writes the town into one session; every method adds one aggregate's rows."""

    tenant: Tenant
    school_year: SchoolYear

    def __init__(self, session: AsyncSession, today: dt.date, password_hash: str) -> None:
        self.session = session
        self.today = today
        self.password_hash = password_hash
        self.activity_data = {a.code: a for a in data.ACTIVITIES}
        self.family_data = {f.key: f for f in data.FAMILIES}
        self.child_data = {c.key: c for f in data.FAMILIES for c in f.children}
        self.child_family = {c.key: f.key for f in data.FAMILIES for c in f.children}
        self.establishments: dict[str, Establishment] = {}
        self.activities: dict[str, Activity] = {}
        self.slots: dict[tuple[str, int], Slot] = {}
        self.families: dict[str, Family] = {}
        self.guardians: dict[str, Guardian] = {}
        self.children: dict[str, Child] = {}
        self.accounts: dict[str, Account] = {}  # by guardian key, or staff email
        self.registrations: dict[tuple[str, str], Registration] = {}
        self.bookings: dict[BookingKey, _BookingDraft] = {}
        self.requests: list[_RequestDraft] = []
        self.periods: list[ClosedPeriod] = []
        self.holidays = school_holidays(data.SCHOOL_YEAR_LABEL, SchoolZone.A.value)
        self._days_cache: dict[str, list[dt.date]] = {}
        self.strike_day: dt.date | None = None
        self.guide_payment_made = False

    @property
    def tenant_id(self) -> int:
        return self.tenant.id

    async def build(self) -> int:
        """Create every row; returns the tenant id."""
        await self._tenant_and_establishments()
        await self._calendar()
        await self._activities()
        await self._families()
        await self._accounts()
        await self._registrations()
        self._standing_bookings()
        self._scenarios()
        await self._write_bookings()
        await self._write_requests()
        await self._billing()
        return self.tenant_id

    # -- tenant, calendar, activities -------------------------------------------------

    async def _tenant_and_establishments(self) -> None:
        self.tenant = Tenant(
            slug=data.TENANT_SLUG,
            name=data.TENANT_NAME,
            service_name=data.TENANT_SERVICE_NAME,
            timezone="Europe/Paris",
            school_zone=SchoolZone.A,
            mail_from=data.TENANT_MAIL_FROM,
            postal_address=data.TENANT_POSTAL_ADDRESS,
            settings=dict(data.TENANT_SETTINGS),
            created_at=_at(dt.date(2025, 5, 12), 9),
        )
        self.session.add(self.tenant)
        await self.session.flush()
        start, end = school_year_bounds(data.SCHOOL_YEAR_LABEL)
        self.school_year = SchoolYear(
            tenant_id=self.tenant_id, label=data.SCHOOL_YEAR_LABEL, start_date=start, end_date=end
        )
        self.session.add(self.school_year)
        for item in data.ESTABLISHMENTS:
            self.establishments[item.code] = Establishment(
                tenant_id=self.tenant_id,
                code=item.code,
                name=item.name,
                kind=item.kind,
                address=item.address,
                postal_code=item.postal_code,
                city=item.city,
                phone=item.phone,
                email=item.email,
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
                CalendarPeriod(
                    tenant_id=self.tenant_id,
                    school_year_id=self.school_year.id,
                    establishment_id=establishment_id,
                    kind=kind,
                    label=label,
                    start_date=start,
                    end_date=end,
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
        for year in (data.CALENDAR_START.year, data.CALENDAR_END.year):
            for day, label in public_holidays(year).items():
                if data.CALENDAR_START <= day <= data.CALENDAR_END:
                    add(CalendarPeriodKind.PUBLIC_HOLIDAY, label, day, day)
        closure_day, closure_label = data.YOUTH_CLOSURE
        add(CalendarPeriodKind.CLOSURE, closure_label, closure_day, closure_day, data.YOUTH)
        # A strike at Ecole Lux on a Tuesday some five weeks before today, so that a
        # reservation refused for that reason sits in the family's recent history.
        tuesdays = [
            day
            for day in self._open_days(data.GARDERIE_MATIN)
            if day < self.today and day.isoweekday() == 2
        ]
        self.strike_day = tuesdays[-4]
        add(
            CalendarPeriodKind.STRIKE,
            data.STRIKE_LABEL,
            self.strike_day,
            self.strike_day,
            data.LUX,
        )
        self._days_cache.clear()
        self.session.add_all(rows)

    def _slot_valid_to(self, code: str) -> dt.date:
        item = self.activity_data[code]
        return data.CALENDAR_END if item.runs_in_holidays else self.school_year.end_date

    def _open_days(self, code: str) -> list[dt.date]:
        """The dates ``code`` runs on this school year (cached; calendar must be complete)."""
        if code not in self._days_cache:
            item = self.activity_data[code]
            self._days_cache[code] = opening_days(
                data.CALENDAR_START,
                self._slot_valid_to(code),
                establishment_id=self.establishments[item.establishment].id,
                operating_days=item.operating_days,
                weekdays=item.weekdays,
                periods=self.periods,
            )
        return self._days_cache[code]

    async def _activities(self) -> None:
        sort_orders: dict[str, int] = defaultdict(int)
        for item in data.ACTIVITIES:
            sort_orders[item.establishment] += 10
            self.activities[item.code] = Activity(
                tenant_id=self.tenant_id,
                establishment_id=self.establishments[item.establishment].id,
                school_year_id=self.school_year.id,
                code=item.code,
                name=item.name,
                description=item.description,
                category=item.category,
                operating_days=item.operating_days,
                is_childcare=item.is_childcare,
                sort_order=sort_orders[item.establishment],
                is_active=True,
                booking_deadline_kind=item.booking.kind,
                booking_deadline_offset=item.booking.offset,
                booking_deadline_time=item.booking.time,
                booking_deadline_weekday=item.booking.weekday,
                cancellation_deadline_kind=item.cancellation.kind,
                cancellation_deadline_offset=item.cancellation.offset,
                cancellation_deadline_time=item.cancellation.time,
                cancellation_deadline_weekday=item.cancellation.weekday,
                late_absence_billed=item.late_absence_billed,
                justification_accepted=item.justification_accepted,
                justification_delay_days=item.justification_delay_days,
                capacity=item.capacity,
                waiting_list_enabled=item.waiting_list,
                auto_promote_waiting_list=item.auto_promote,
                auto_accept=item.auto_accept,
                min_grade=item.min_grade,
                max_grade=item.max_grade,
                born_on_or_after=item.born_on_or_after,
                born_on_or_before=item.born_on_or_before,
                exclusivity_group=item.exclusivity_group,
            )
        self.session.add_all(self.activities.values())
        await self.session.flush()

        price_lists: dict[str, PriceList] = {}
        for item in data.ACTIVITIES:
            activity = self.activities[item.code]
            for weekday in item.weekdays:
                self.slots[item.code, weekday] = Slot(
                    tenant_id=self.tenant_id,
                    activity_id=activity.id,
                    weekday=weekday,
                    start_time=item.start,
                    end_time=item.end,
                    valid_from=data.CALENDAR_START,
                    valid_to=self._slot_valid_to(item.code),
                )
            price = item.price
            price_lists[item.code] = PriceList(
                tenant_id=self.tenant_id,
                activity_id=activity.id,
                valid_from=data.PRICES_VALID_FROM,
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
        self.session.add_all(self.slots.values())
        self.session.add_all(price_lists.values())
        await self.session.flush()
        for item in data.ACTIVITIES:
            price_list_id = price_lists[item.code].id
            self.session.add_all(
                PriceBracket(
                    tenant_id=self.tenant_id,
                    price_list_id=price_list_id,
                    qf_min=qf_min,
                    qf_max=qf_max,
                    unit_price_cents=cents,
                )
                for qf_min, qf_max, cents in item.price.brackets
            )
            self.session.add_all(
                SiblingReduction(
                    tenant_id=self.tenant_id,
                    price_list_id=price_list_id,
                    from_child_rank=rank,
                    reduction_bp=bp,
                )
                for rank, bp in item.price.sibling_reductions
            )

    # -- families, children, accounts, registrations -----------------------------------

    def _family_created_at(self, family: data.FamilyData) -> dt.datetime:
        if family.created_on is not None:
            return _at(family.created_on, 20, 35)
        return _at(self.today - dt.timedelta(days=3), 14, 5)

    async def _families(self) -> None:
        for item in data.FAMILIES:
            self.families[item.key] = Family(
                tenant_id=self.tenant_id,
                subscriber_code=item.subscriber_code,
                name=item.name,
                status=item.status,
                accepts_email=item.accepts_email,
                accepts_sms=item.accepts_sms,
                accepts_post=item.accepts_post,
                paper_invoice=item.paper_invoice,
                reminder_by_email=item.reminder_by_email,
                reminder_by_sms=item.reminder_by_sms,
                reminder_by_post=item.reminder_by_post,
                direct_debit=item.direct_debit,
                resident=item.resident,
                created_at=self._family_created_at(item),
                validated_at=_at(item.validated_on, 10, 30) if item.validated_on else None,
            )
        self.session.add_all(self.families.values())
        await self.session.flush()

        for item in data.FAMILIES:
            family_id = self.families[item.key].id
            for g in item.guardians:
                self.guardians[g.key] = Guardian(
                    tenant_id=self.tenant_id,
                    family_id=family_id,
                    rank=g.rank,
                    civility=g.civility,
                    first_name=g.first_name,
                    last_name=g.last_name,
                    birth_name=g.birth_name,
                    relationship=g.relationship,
                    marital_status=g.marital_status,
                    email=g.email,
                    phone=g.phone,
                    mobile_phone=g.mobile_phone,
                    work_phone=g.work_phone,
                    address_line1=g.address_line1,
                    postal_code=g.postal_code,
                    city=g.city,
                    country="FR",
                    profession=g.profession,
                    employer=g.employer,
                    is_payer=g.is_payer,
                    is_allocataire=g.allowance_regime is not None,
                    allowance_regime=g.allowance_regime,
                    allocataire_number=g.allocataire_number,
                    consents_quotient_lookup=g.consents_quotient_lookup,
                )
            for c in item.children:
                self.children[c.key] = Child(
                    tenant_id=self.tenant_id,
                    family_id=family_id,
                    first_name=c.first_name,
                    last_name=c.last_name,
                    birth_date=c.birth_date,
                    sex=c.sex,
                    school_id=self.establishments[c.school].id if c.school else None,
                    grade=c.grade,
                    created_at=self._family_created_at(item),
                )
            for value, source, valid_from, valid_to in self._quotients(item.key):
                self.session.add(
                    FamilyQuotient(
                        tenant_id=self.tenant_id,
                        family_id=family_id,
                        value=value,
                        source=source,
                        valid_from=valid_from,
                        valid_to=valid_to,
                        recorded_at=_at(max(valid_from, item.created_on or valid_from), 6, 30),
                    )
                )
        self.session.add_all(self.guardians.values())
        self.session.add_all(self.children.values())
        await self.session.flush()

        for item in data.FAMILIES:
            bank = item.bank_account
            if bank is not None:
                self.session.add(
                    BankAccount(
                        tenant_id=self.tenant_id,
                        family_id=self.families[item.key].id,
                        holder_guardian_id=self.guardians[bank.holder_key].id,
                        holder_name=bank.holder_name,
                        iban=bank.iban,
                        bic=bank.bic,
                        is_primary=True,
                        mandate_reference=bank.mandate_reference,
                        mandate_signed_on=bank.mandate_signed_on,
                        created_at=_at(bank.mandate_signed_on, 11),
                    )
                )
            for c in item.children:
                self._child_file(item, c)

    def _child_file(self, family: data.FamilyData, item: data.ChildData) -> None:
        child_id = self.children[item.key].id
        updated_at = self._family_created_at(family)
        photo, leave_alone, hospitalisation, outings = item.authorizations
        health = item.health
        self.session.add_all(
            [
                ChildAuthorizations(
                    child_id=child_id,
                    tenant_id=self.tenant_id,
                    photo=photo,
                    leave_alone=leave_alone,
                    hospitalisation=hospitalisation,
                    outings_with_staff=outings,
                    updated_at=updated_at,
                ),
                HealthRecord(
                    child_id=child_id,
                    tenant_id=self.tenant_id,
                    diet=health.diet,
                    food_allergies=health.food_allergies,
                    other_allergies=health.other_allergies,
                    medical_notes=health.medical_notes,
                    has_pai=health.pai_details is not None,
                    pai_details=health.pai_details,
                    doctor_name=health.doctor_name,
                    doctor_phone=health.doctor_phone,
                    updated_at=updated_at,
                ),
            ]
        )
        for vaccine, months in data.VACCINE_SCHEDULE:
            injected_on = _add_months(item.birth_date, months)
            if injected_on < data.CALENDAR_START:
                self.session.add(
                    Vaccination(
                        tenant_id=self.tenant_id,
                        child_id=child_id,
                        vaccine=vaccine,
                        injected_on=injected_on,
                    )
                )
        for person in item.authorized_persons:
            self.session.add(
                AuthorizedPerson(
                    tenant_id=self.tenant_id,
                    child_id=child_id,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    relationship=person.relationship,
                    phone=person.phone,
                    can_pick_up=person.can_pick_up,
                    emergency_contact=person.emergency_contact,
                )
            )

    async def _accounts(self) -> None:
        opened = _at(dt.date(2025, 5, 12), 9, 30)
        for staff in data.STAFF_ACCOUNTS:
            self.accounts[staff.email] = Account(
                tenant_id=self.tenant_id,
                email=staff.email,
                password_hash=self.password_hash,
                civility=staff.civility,
                first_name=staff.first_name,
                last_name=staff.last_name,
                role=staff.role,
                status=AccountStatus.ACTIVE,
                created_at=opened,
                activated_at=opened + dt.timedelta(minutes=12),
            )
        for family in data.FAMILIES:
            created = self._family_created_at(family) - dt.timedelta(minutes=25)
            for g in family.guardians:
                if g.key not in family.account_holders:
                    continue
                self.accounts[g.key] = Account(
                    tenant_id=self.tenant_id,
                    email=g.email,
                    password_hash=self.password_hash,
                    civility=g.civility,
                    first_name=g.first_name,
                    last_name=g.last_name,
                    role=Role.PARENT,
                    status=AccountStatus.ACTIVE,
                    guardian_id=self.guardians[g.key].id,
                    created_at=created,
                    activated_at=created + dt.timedelta(minutes=4),
                )
        self.session.add_all(self.accounts.values())
        await self.session.flush()

    def _registration_decided_at(self, family: data.FamilyData) -> dt.datetime:
        assert family.validated_on is not None
        return _at(max(family.validated_on, dt.date(2025, 8, 25)), 10, 45)

    async def _registrations(self) -> None:
        for family in data.FAMILIES:
            validated = family.status is FamilyStatus.VALIDATED
            for c in family.children:
                for code in c.registrations:
                    if validated:
                        decided = self._registration_decided_at(family)
                        created = decided - dt.timedelta(days=3)
                    else:
                        created = self._family_created_at(family) + dt.timedelta(minutes=15)
                    self.registrations[c.key, code] = Registration(
                        tenant_id=self.tenant_id,
                        child_id=self.children[c.key].id,
                        activity_id=self.activities[code].id,
                        start_date=data.CALENDAR_START,
                        end_date=self._slot_valid_to(code),
                        status=(
                            RegistrationStatus.ACTIVE if validated else RegistrationStatus.REQUESTED
                        ),
                        created_at=created,
                        decided_at=decided if validated else None,
                    )
        self.session.add_all(self.registrations.values())
        await self.session.flush()

    # -- bookings ------------------------------------------------------------------------

    def _standing_bookings(self) -> None:
        """Reservations made with the registration: attended in the past, reserved ahead."""
        horizon = self.today + dt.timedelta(days=data.HORIZON_DAYS)
        for plan in data.BOOKING_PLANS:
            family = self.family_data[self.child_family[plan.child]]
            booked_at = self._registration_decided_at(family)
            last = horizon if plan.until_horizon else self.today - _ONE_DAY
            for day in self._open_days(plan.activity):
                if day > last or day.isoweekday() not in plan.weekdays:
                    continue
                self._book(plan.child, plan.activity, day, booked_at)

    def _book(
        self,
        child: str,
        code: str,
        day: dt.date,
        booked_at: dt.datetime,
        status: BookingStatus = BookingStatus.RESERVED,
    ) -> BookingKey:
        """Add a reservation; past ones were attended (pointage recorded that evening)."""
        key = (child, code, day)
        assert key not in self.bookings, key
        assert day in self._open_days(code), key
        past = day < self.today
        self.bookings[key] = _BookingDraft(
            status=status,
            attendance=Attendance.PRESENT if past and status is BookingStatus.RESERVED else None,
            created_at=booked_at,
            updated_at=_at(day, 19) if past else booked_at,
        )
        return key

    def _mark_absent(
        self, key: BookingKey, status: BookingStatus, at: dt.datetime, *, justified: bool
    ) -> None:
        draft = self.bookings[key]
        draft.status = status
        draft.attendance = Attendance.ABSENT if key[2] < self.today else None
        draft.justified = justified
        draft.updated_at = max(at, draft.updated_at)

    def _past(self, code: str, weekdays: tuple[int, ...] | None = None) -> list[dt.date]:
        return [
            d
            for d in self._open_days(code)
            if d < self.today and (weekdays is None or d.isoweekday() in weekdays)
        ]

    def _after(self, code: str, after: dt.date, weekdays: tuple[int, ...]) -> list[dt.date]:
        return [d for d in self._open_days(code) if d > after and d.isoweekday() in weekdays]

    def _last_past_holiday(self, code: str) -> list[dt.date]:
        """The opening days of ``code`` in the latest school holiday that began before today."""
        for holiday in reversed(self.holidays):
            days = [
                d
                for d in self._open_days(code)
                if holiday.first_day_off <= d <= holiday.last_day_off and d < self.today
            ]
            if days:
                return days
        raise AssertionError("no past school holiday")

    def _next_holiday(self, code: str) -> list[dt.date]:
        """The opening days of ``code`` in the first school holiday starting after today."""
        for holiday in self.holidays:
            if holiday.first_day_off > self.today:
                days = [
                    d
                    for d in self._open_days(code)
                    if holiday.first_day_off <= d <= holiday.last_day_off
                ]
                if days:
                    return days
        raise AssertionError("no school holiday ahead")

    # -- requests ------------------------------------------------------------------------

    def _request(
        self,
        family: str,
        type_: RequestType,
        status: RequestStatus,
        created_at: dt.datetime,
        created_by: str,
        *,
        transmitted_at: dt.datetime | None = None,
        decided_at: dt.datetime | None = None,
        decided_by: str | None = None,
        decision_note: str = "",
        cancelled_at: dt.datetime | None = None,
        **fields: Any,
    ) -> _RequestDraft:
        """A request whose history follows its life: created, transmitted, decided…"""
        history: list[tuple[HistoryStep, RequestStatus, dt.datetime, str | None, str]] = [
            (HistoryStep.CREATED, RequestStatus.PENDING, created_at, created_by, _CREATED_NOTE)
        ]
        if transmitted_at is not None:
            history.append(
                (
                    HistoryStep.TRANSMITTED,
                    RequestStatus.TRANSMITTED,
                    transmitted_at,
                    None,
                    _TRANSMITTED_NOTE,
                )
            )
        if status in (
            RequestStatus.ACCEPTED,
            RequestStatus.PARTIALLY_ACCEPTED,
            RequestStatus.REFUSED,
        ):
            assert decided_at is not None
            history.append((HistoryStep.DECIDED, status, decided_at, decided_by, decision_note))
        if status is RequestStatus.CANCELLED:
            assert cancelled_at is not None
            history.append(
                (
                    HistoryStep.CANCELLED,
                    status,
                    cancelled_at,
                    created_by,
                    "Demande annulée par la famille",
                )
            )
        draft = _RequestDraft(
            family=family,
            type=type_,
            status=status,
            created_at=created_at,
            created_by=created_by,
            history=history,
            transmitted_at=transmitted_at,
            decided_at=decided_at,
            decided_by=decided_by,
            **fields,
        )
        self.requests.append(draft)
        return draft

    def _scenarios(self) -> None:
        """Requests in every state, and the bookings they produced or changed."""
        self._lenny_requests()
        self._simon_requests()
        self._youth_requests()
        self._morel_requests()
        self._file_changes()

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
        days = self._past(data.GARDERIE_MATIN)
        first, second = next(
            (days[i], days[i + 1])
            for i in range(len(days) - 6, 0, -1)
            if days[i + 1] - days[i] == _ONE_DAY
        )
        reported = _at(first, 7, 52)
        decided = _at(next(d for d in [*days, self.today] if d > second), 9, 30)
        codes = (data.GARDERIE_MATIN, data.REPAS_LUX, data.ETUDE_GARDERIE_2)
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
        meal_day = [d for d in self._past(data.REPAS_LUX) if d not in (first, second)][-3]
        asked = _at(meal_day, 9, 5)
        accepted = asked + dt.timedelta(seconds=2)
        key = ("lenny", data.REPAS_LUX, meal_day)
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
            activity=data.REPAS_LUX,
            reason="absent",
            lines=[
                _LineDraft(
                    "lenny",
                    data.REPAS_LUX,
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
                    f"Cordialement,\n{data.TENANT_SERVICE_NAME}",
                    accepted + dt.timedelta(hours=2),
                )
            ],
        )

        # A Wednesday meal cancelled by the service at the family's request (by phone).
        wednesday = self._past(data.MERCREDI_REPAS)[-3]
        draft = self.bookings["lenny", data.MERCREDI_REPAS, wednesday]
        draft.status = BookingStatus.CANCELLED
        draft.attendance = None
        draft.updated_at = _at(wednesday - dt.timedelta(days=8), 10, 5)

        # An absence asked this morning for a day later this week, not yet examined.
        away = next(
            d for d in self._open_days(data.GARDERIE_MATIN) if d >= self.today + 2 * _ONE_DAY
        )
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
                for code in (data.GARDERIE_MATIN, data.ETUDE_GARDERIE_2)
            ],
        )

    def _simon_requests(self) -> None:
        """Simon (DEVAILLÉ): extra mornings accepted, one refused on the strike day."""
        assert self.strike_day is not None
        strike = self.strike_day
        extra_days = self._past(data.GARDERIE_MATIN, (2, 5))  # Simon is booked Mon & Thu
        before = [d for d in extra_days if d < strike]
        friday_before = next(d for d in reversed(before) if d.isoweekday() == 5)
        friday_after = next(d for d in self._after(data.GARDERIE_MATIN, strike, (5,)))

        # Two extra mornings, accepted by staff.
        wanted = [d for d in before if d < friday_before][-2:]
        asked = _at(wanted[0] - dt.timedelta(days=4), 20, 15)
        decided = _at(wanted[0] - dt.timedelta(days=3), 9, 10)
        lines = []
        for day in wanted:
            key = self._book("simon", data.GARDERIE_MATIN, day, decided)
            lines.append(
                _LineDraft(
                    "simon",
                    data.GARDERIE_MATIN,
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
            activity=data.GARDERIE_MATIN,
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
                        data.GARDERIE_MATIN,
                        day,
                        RequestLineAction.RESERVE,
                        RequestLineStatus.REFUSED,
                        refusal_code="CLOSED_DAY",
                        message=f"Accueil fermé le {_fr(day)} : grève des agents municipaux.",
                        decided_at=decided,
                    )
                )
                continue
            key = self._book("simon", data.GARDERIE_MATIN, day, decided)
            lines.append(
                _LineDraft(
                    "simon",
                    data.GARDERIE_MATIN,
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
            activity=data.GARDERIE_MATIN,
            lines=lines,
            messages=[
                _MessageDraft(
                    "Garderie Matin : une date refusée",
                    "Bonjour,\n\nLes réservations de Simon à la Garderie Matin du "
                    f"{_fr(friday_before)} et du {_fr(friday_after)} sont acceptées. Celle du "
                    f"{_fr(strike)} est refusée : en raison d'un mouvement de grève des agents "
                    "municipaux, l'accueil du matin ne sera pas assuré ce jour-là.\n\n"
                    f"Cordialement,\n{data.TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=5),
                    read_by=(("elodie", decided + dt.timedelta(hours=9)),),
                )
            ],
        )

        # Present one Friday morning without any reservation (billed with a surcharge).
        taken = {day for (child, _, day) in self.bookings if child == "simon"}
        unbooked = next(
            d for d in reversed(self._past(data.GARDERIE_MATIN, (5,))) if d not in taken
        )
        key = self._book(
            "simon", data.GARDERIE_MATIN, unbooked, _at(unbooked, 7, 41), BookingStatus.UNBOOKED
        )
        self.bookings[key].attendance = Attendance.PRESENT

    def _youth_requests(self) -> None:
        """Elsa and Georgette at the Secteur Jeunes: refused, transmitted, cancelled."""
        # Elsa asked for the mornings of the last holidays: refused, her file was incomplete.
        days = self._last_past_holiday(data.JEUNES_MATIN)[:2]
        asked = _at(days[0] - dt.timedelta(days=10), 19, 40)
        decided = _at(days[0] - dt.timedelta(days=6), 14, 30)
        refusal = "Fiche sanitaire de liaison du Secteur Jeunes non fournie."
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.REFUSED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=1),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="Demande refusée : dossier incomplet",
            child="elsa",
            activity=data.JEUNES_MATIN,
            lines=[
                _LineDraft(
                    "elsa",
                    data.JEUNES_MATIN,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.REFUSED,
                    refusal_code="INCOMPLETE_FILE",
                    message=refusal,
                    decided_at=decided,
                )
                for day in days
            ],
            messages=[
                _MessageDraft(
                    "Secteur Jeunes : dossier incomplet",
                    "Bonjour,\n\nNous ne pouvons pas accepter les matinées demandées pour Elsa : "
                    "la fiche sanitaire de liaison du Secteur Jeunes n'a pas été fournie. Vous "
                    "pouvez la déposer dans Espace famille / Mes documents puis renouveler votre "
                    f"demande.\n\nCordialement,\n{data.TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=3),
                    read_by=(("elodie", decided + dt.timedelta(hours=5)),),
                )
            ],
        )

        # Next holidays: Georgette's week is transmitted; Elsa's afternoons were cancelled.
        activity_days = {
            code: self._next_holiday(code)[:5]
            for code in (data.JEUNES_MATIN, data.JEUNES_REPAS, data.JEUNES_APRES_MIDI)
        }
        asked = _at(self.today - dt.timedelta(days=2), 19, 30)
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.TRANSMITTED,
            asked,
            "elodie",
            transmitted_at=asked + dt.timedelta(minutes=1),
            child="georgette",
            lines=[
                _LineDraft(
                    "georgette",
                    code,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.PENDING,
                )
                for code, days in activity_days.items()
                for day in days
            ],
        )
        asked = _at(self.today - dt.timedelta(days=6), 20, 0)
        cancelled = _at(self.today - dt.timedelta(days=5), 7, 45)
        self._request(
            "devaille",
            RequestType.RESERVATION,
            RequestStatus.CANCELLED,
            asked,
            "elodie",
            cancelled_at=cancelled,
            child="elsa",
            activity=data.JEUNES_APRES_MIDI,
            lines=[
                _LineDraft(
                    "elsa",
                    data.JEUNES_APRES_MIDI,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.CANCELLED,
                    decided_at=cancelled,
                )
                for day in activity_days[data.JEUNES_APRES_MIDI][:3]
            ],
        )

    def _morel_requests(self) -> None:
        """Léo and Léa (MOREL): the guide's waiting-list and billed-absence slots."""
        # Léa missed a meal without notice: absence billed (the guide's "€" slot).
        meal_day = self._past(data.REPAS_BOURG, (1, 2, 4))[-3]
        self._mark_absent(
            ("lea", data.REPAS_BOURG, meal_day),
            BookingStatus.ABSENT_BILLED,
            _at(meal_day, 13, 30),
            justified=False,
        )

        # Friday meals for Léa, accepted automatically.
        fridays = self._after(data.REPAS_BOURG, self.today + 4 * _ONE_DAY, (5,))[:3]
        asked = _at(self.today - _ONE_DAY, 21, 30)
        accepted = asked + dt.timedelta(seconds=2)
        self._request(
            "morel",
            RequestType.RESERVATION,
            RequestStatus.ACCEPTED,
            asked,
            "nathalie",
            decided_at=accepted,
            decision_note="Acceptée automatiquement",
            child="lea",
            activity=data.REPAS_BOURG,
            lines=[
                _LineDraft(
                    "lea",
                    data.REPAS_BOURG,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.ACCEPTED,
                    booking=self._book("lea", data.REPAS_BOURG, day, accepted),
                    decided_at=accepted,
                )
                for day in fridays
            ],
        )

        # A Friday morning for Léo: the slot is full, he is on the waiting list.
        friday = self._after(data.GARDERIE_BOURG, self.today + 4 * _ONE_DAY, (5,))[0]
        asked = _at(self.today - _ONE_DAY, 18, 5)
        queued = asked + dt.timedelta(minutes=1)
        key = self._book("leo", data.GARDERIE_BOURG, friday, queued, BookingStatus.WAITING_LIST)
        self.bookings[key].waiting_since = asked
        note = f"Complet le {_fr(friday)} : Léo est inscrit en liste d'attente (rang 1)."
        request = self._request(
            "morel",
            RequestType.RESERVATION,
            RequestStatus.TRANSMITTED,
            asked,
            "nathalie",
            transmitted_at=queued,
            child="leo",
            activity=data.GARDERIE_BOURG,
            lines=[
                _LineDraft(
                    "leo",
                    data.GARDERIE_BOURG,
                    friday,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.WAITING_LIST,
                    message=note,
                    booking=key,
                    decided_at=queued,
                )
            ],
        )
        request.history.append(
            (HistoryStep.LINE_DECIDED, RequestStatus.TRANSMITTED, queued, None, note)
        )

        # A change of address refused for want of a proof of address.
        asked = _at(self.today - dt.timedelta(days=30), 21, 10)
        decided = _at(self.today - dt.timedelta(days=27), 11, 2)
        self._request(
            "morel",
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            RequestStatus.REFUSED,
            asked,
            "nathalie",
            transmitted_at=asked + dt.timedelta(minutes=1),
            decided_at=decided,
            decided_by=_STAFF,
            decision_note="Justificatif de domicile manquant",
            guardian="nathalie",
            payload={
                "fields": {
                    "addressLine1": "4 chemin du Fays",
                    "addressLine2": None,
                    "postalCode": "38330",
                    "city": "Saint-Ismier",
                }
            },
            messages=[
                _MessageDraft(
                    "Changement d'adresse : justificatif manquant",
                    "Bonjour,\n\nVotre changement d'adresse n'a pas pu être enregistré : merci "
                    "de déposer un justificatif de domicile de moins de 3 mois dans Espace "
                    "famille / Mes documents, puis de renouveler votre demande.\n\n"
                    f"Cordialement,\n{data.TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=2),
                )
            ],
        )

    def _file_changes(self) -> None:
        """The guide's "Mes demandes" list (six changes in two minutes) and a new family."""
        day = self.today - _ONE_DAY
        refs = data.GUIDE_REQUEST_REFERENCES
        grandfather = {
            "firstName": "Jean-Pierre",
            "lastName": "BERTRAND",
            "relationship": "Grand-père",
            "phone": "06 33 21 47 81",
            "canPickUp": True,
            "emergencyContact": True,
        }
        booster = (day - dt.timedelta(days=23)).isoformat()
        changes: list[tuple[int, dt.datetime, RequestType, dict[str, Any], dict[str, Any]]] = [
            (
                refs[0],
                _at(day, 16, 42, 25),
                RequestType.VACCINATION_CHANGE,
                {"child": "georgette"},
                {
                    "vaccinations": [
                        {"vaccine": "Papillomavirus (HPV) – 1re dose", "injectedOn": booster}
                    ]
                },
            ),
            (
                refs[1],
                _at(day, 16, 42, 56),
                RequestType.AUTHORIZED_PERSON_ADD,
                {"child": "simon"},
                grandfather,
            ),
            (
                refs[2],
                _at(day, 16, 42, 56),
                RequestType.AUTHORIZED_PERSON_ADD,
                {"child": "elsa"},
                grandfather,
            ),
            (
                refs[3],
                _at(day, 16, 43, 1),
                RequestType.CHILD_COMPLEMENT_CHANGE,
                {"child": "simon"},
                {"doctorName": "Dr Anne RIVIÈRE", "doctorPhone": "04 76 52 10 33"},
            ),
            (
                refs[4],
                _at(day, 16, 44, 5),
                RequestType.GUARDIAN_CHANGE,
                {"guardian": "marc"},
                {"mobilePhone": "06 71 24 58 90", "employer": "Schneider Electric Grenoble"},
            ),
            (
                refs[5],
                _at(day, 16, 44, 5),
                RequestType.BANK_ACCOUNT_CHANGE,
                {"guardian": "elodie"},
                {
                    "holderName": "DEVAILLÉ Élodie",
                    "iban": "FR7610278089610002051480155",
                    "bic": "CMCIFR2A",
                    "isPrimary": True,
                    "directDebit": True,
                },
            ),
        ]
        for reference, asked, type_, subject, proposed in changes:
            transmitted = reference == refs[2]
            # The shape change requests store: the proposed values under "fields".
            payload = {"fields": proposed}
            self._request(
                "devaille",
                type_,
                RequestStatus.TRANSMITTED if transmitted else RequestStatus.PENDING,
                asked,
                "elodie",
                transmitted_at=asked + dt.timedelta(minutes=14) if transmitted else None,
                reference=reference,
                payload=payload,
                **subject,
            )

        # The BENALI family filed its file three days ago; staff have not validated it yet.
        benali = self.family_data["benali"]
        self._request(
            "benali",
            RequestType.FAMILY_REGISTRATION,
            RequestStatus.PENDING,
            self._family_created_at(benali) + dt.timedelta(minutes=15),
            "yasmine",
            child="ines",
            comment="Arrivée à Saint-Ismier en février : inscription d'Inès à l'école Lux.",
        )

    def _assign_references(self) -> None:
        """8-digit references increasing with time, the guide's six kept as they are.

        Other families of the town file requests too, so numbers advance about one per hour.
        """
        ordered = sorted(self.requests, key=lambda r: (r.created_at, r.reference or 0))
        fixed = [r for r in ordered if r.reference is not None]
        first_time, last_time = fixed[0].created_at, fixed[-1].created_at
        first_ref, last_ref = data.GUIDE_REQUEST_REFERENCES[0], data.GUIDE_REQUEST_REFERENCES[-1]
        earlier = [r for r in ordered if r.reference is None and r.created_at < first_time]
        later = [r for r in ordered if r.reference is None and r.created_at >= last_time]
        assert len(earlier) + len(later) + len(fixed) == len(ordered)
        bound = first_ref
        for request in reversed(earlier):
            hours = (first_time - request.created_at).total_seconds() / 3600
            bound = min(bound - 1, first_ref - 1 - int(hours * 0.9))
            request.reference = bound
        bound = last_ref
        for request in later:
            hours = (request.created_at - last_time).total_seconds() / 3600
            bound = max(bound + 1, last_ref + 1 + int(hours * 0.9))
            request.reference = bound

    # -- writing -------------------------------------------------------------------------

    async def _write_bookings(self) -> None:
        for (child, code, day), draft in sorted(self.bookings.items()):
            draft.row = Booking(
                tenant_id=self.tenant_id,
                child_id=self.children[child].id,
                slot_id=self.slots[code, day.isoweekday()].id,
                activity_id=self.activities[code].id,
                registration_id=self.registrations[child, code].id,
                date=day,
                status=draft.status,
                attendance=draft.attendance,
                waiting_since=draft.waiting_since,
                absence_justified=draft.justified,
                created_at=draft.created_at,
                updated_at=draft.updated_at,
            )
            self.session.add(draft.row)
        await self.session.flush()

    def _booking_id(self, key: BookingKey | None) -> int | None:
        if key is None:
            return None
        row = self.bookings[key].row
        assert row is not None
        return row.id

    async def _write_requests(self) -> None:
        self._assign_references()
        rows: list[tuple[_RequestDraft, Request]] = []
        for draft in sorted(self.requests, key=lambda r: r.reference or 0):
            dates = [line.date for line in draft.lines]
            codes = {line.activity for line in draft.lines}
            activity = draft.activity or (codes.pop() if len(codes) == 1 else None)
            row = Request(
                tenant_id=self.tenant_id,
                family_id=self.families[draft.family].id,
                reference=draft.reference,
                type=draft.type,
                status=draft.status,
                created_by_account_id=self.accounts[draft.created_by].id,
                decided_by_account_id=(
                    self.accounts[draft.decided_by].id if draft.decided_by else None
                ),
                child_id=self.children[draft.child].id if draft.child else None,
                guardian_id=self.guardians[draft.guardian].id if draft.guardian else None,
                activity_id=self.activities[activity].id if activity else None,
                period_start=min(dates) if dates else None,
                period_end=max(dates) if dates else None,
                reason=draft.reason,
                comment=draft.comment,
                payload=draft.payload,
                created_at=draft.created_at,
                transmitted_at=draft.transmitted_at,
                decided_at=draft.decided_at,
            )
            rows.append((draft, row))
        self.session.add_all(row for _, row in rows)
        await self.session.flush()

        messages: list[tuple[_MessageDraft, Message]] = []
        for draft, row in rows:
            for line in draft.lines:
                self.session.add(
                    RequestLine(
                        tenant_id=self.tenant_id,
                        request_id=row.id,
                        child_id=self.children[line.child].id,
                        activity_id=self.activities[line.activity].id,
                        slot_id=self.slots[line.activity, line.date.isoweekday()].id,
                        date=line.date,
                        action=line.action,
                        status=line.status,
                        refusal_code=line.refusal_code,
                        message=line.message,
                        booking_id=self._booking_id(line.booking),
                        decided_at=line.decided_at,
                    )
                )
            for step, status, at, actor, note in draft.history:
                self.session.add(
                    RequestHistory(
                        tenant_id=self.tenant_id,
                        request_id=row.id,
                        step=step,
                        status=status,
                        actor_account_id=self.accounts[actor].id if actor else None,
                        note=note,
                        occurred_at=at,
                    )
                )
            for message in draft.messages:
                message_row = Message(
                    tenant_id=self.tenant_id,
                    family_id=row.family_id,
                    request_id=row.id,
                    author_account_id=self.accounts[_STAFF].id,
                    from_staff=True,
                    subject=message.subject,
                    body=message.body,
                    created_at=message.at,
                )
                messages.append((message, message_row))
                self.session.add(message_row)
        await self.session.flush()
        for message, message_row in messages:
            for account_key, read_at in message.read_by:
                self.session.add(
                    MessageReceipt(
                        message_id=message_row.id,
                        account_id=self.accounts[account_key].id,
                        tenant_id=self.tenant_id,
                        read_at=read_at,
                    )
                )

    # -- billing -------------------------------------------------------------------------

    def _quotients(self, family: str) -> list[tuple[int, QuotientSource, dt.date, dt.date | None]]:
        """The family quotients already known by "today" (CAF sends January's in January)."""
        return [q for q in self.family_data[family].quotients if q[2] <= self.today]

    def _quotient(self, family: str, day: dt.date) -> int | None:
        for value, _, valid_from, valid_to in self._quotients(family):
            if valid_from <= day and (valid_to is None or day <= valid_to):
                return value
        return None

    def _unit_price(self, child: str, code: str, day: dt.date) -> int:
        """What one occurrence costs this family, by the activity's price list."""
        item = self.activity_data[code]
        price = item.price
        family = self.child_family[child]
        if (
            item.category is ActivityCategory.MEAL
            and self.child_data[child].health.diet is Diet.PAI
            and price.pai_cents is not None
        ):
            return price.pai_cents
        if not self.family_data[family].resident and price.non_resident_cents is not None:
            return price.non_resident_cents
        qf = self._quotient(family, day)
        if price.mode is PricingMode.FLAT:
            assert price.flat_cents is not None
            return price.flat_cents
        if price.mode is PricingMode.QF_BRACKETS:
            for qf_min, qf_max, cents in price.brackets:
                if qf is None and qf_max is None:
                    return cents
                if qf is not None and qf_min <= qf and (qf_max is None or qf < qf_max):
                    return cents
            raise AssertionError(f"no bracket for QF {qf} in {code}")
        assert price.effort_min_cents is not None
        assert price.effort_max_cents is not None
        if qf is None:
            return price.effort_max_cents
        assert price.effort_rate_bp is not None
        # The rate applies to the QF in euros: 0.36 % of 780 € is 2.81 €.
        effort = _round_cents(Decimal(qf) * price.effort_rate_bp / 100)
        return min(max(effort, price.effort_min_cents), price.effort_max_cents)

    def _child_rank(self, child: str, code: str) -> int:
        """Rank of the child among its registered siblings, eldest first."""
        family = self.family_data[self.child_family[child]]
        registered = sorted(
            (c for c in family.children if code in c.registrations), key=lambda c: c.birth_date
        )
        return [c.key for c in registered].index(child) + 1

    def _invoice_lines(
        self, family: str, month: dt.date
    ) -> list[tuple[str, str, InvoiceLineKind, str, int, int]]:
        """(child, activity, kind, label, quantity, unit price) for a family's month."""
        quantities: dict[tuple[str, str, InvoiceLineKind, int], int] = defaultdict(int)
        for (child, code, day), draft in self.bookings.items():
            if self.child_family[child] != family or (day.year, day.month) != (
                month.year,
                month.month,
            ):
                continue
            price = self.activity_data[code].price
            unit = self._unit_price(child, code, day)
            present = draft.attendance is Attendance.PRESENT
            if draft.status is BookingStatus.RESERVED and present:
                quantities[child, code, InvoiceLineKind.ATTENDANCE, unit] += 1
                rank = self._child_rank(child, code)
                reductions = [bp for since, bp in price.sibling_reductions if since <= rank]
                if reductions:
                    reduction = -_round_cents(Decimal(unit) * max(reductions) / 10000)
                    quantities[child, code, InvoiceLineKind.REDUCTION, reduction] += 1
            elif draft.status is BookingStatus.UNBOOKED and present:
                quantities[child, code, InvoiceLineKind.ATTENDANCE, unit] += 1
                if price.unbooked_charge is UnbookedPresenceCharge.FIXED_FEE:
                    penalty = price.unbooked_fee_cents
                elif price.unbooked_charge is UnbookedPresenceCharge.SURCHARGE_RATE:
                    penalty = _round_cents(Decimal(unit) * price.unbooked_rate_bp / 10000)
                else:
                    penalty = 0
                if penalty:
                    quantities[child, code, InvoiceLineKind.PENALTY, penalty] += 1
            elif draft.status is BookingStatus.ABSENT_BILLED and not draft.justified:
                if price.late_absence_charge is LateAbsenceCharge.FULL_PRICE:
                    charge = unit
                elif price.late_absence_charge is LateAbsenceCharge.FIXED_FEE:
                    charge = price.late_absence_fee_cents
                else:
                    charge = _round_cents(Decimal(unit) * price.late_absence_rate_bp / 10000)
                quantities[child, code, InvoiceLineKind.BILLED_ABSENCE, charge] += 1

        child_order = {c.key: i for i, c in enumerate(self.family_data[family].children)}
        activity_order = {a.code: i for i, a in enumerate(data.ACTIVITIES)}
        kind_order = list(InvoiceLineKind)
        lines = []
        for (child, code, kind, unit), quantity in sorted(
            quantities.items(),
            key=lambda kv: (
                child_order[kv[0][0]],
                activity_order[kv[0][1]],
                kind_order.index(kv[0][2]),
                kv[0][3],
            ),
        ):
            name = self.activity_data[code].name
            first_name = self.child_data[child].first_name
            label = {
                InvoiceLineKind.ATTENDANCE: f"{name} – {first_name}",
                InvoiceLineKind.BILLED_ABSENCE: f"{name} – absence facturée – {first_name}",
                InvoiceLineKind.PENALTY: f"{name} – présence sans réservation – {first_name}",
                InvoiceLineKind.REDUCTION: f"{name} – réduction fratrie – {first_name}",
                InvoiceLineKind.ADJUSTMENT: f"{name} – régularisation – {first_name}",
            }[kind]
            lines.append((child, code, kind, label, quantity, unit))
        return lines

    def _billing_months(self) -> list[tuple[dt.date, dt.date, dt.date]]:
        """(month, issued on, due on) of every month already billed by "today"."""
        holidays = {d for year in (2025, 2026, 2027) for d in public_holidays(year)}
        months: list[tuple[dt.date, dt.date, dt.date]] = []
        month = data.CALENDAR_START.replace(day=1)
        while True:
            following = _add_months(month, 1)
            issued = add_working_days(following.replace(day=5) - _ONE_DAY, 1, holidays)
            if issued > self.today:
                return months
            due = following.replace(day=calendar.monthrange(following.year, following.month)[1])
            months.append((month, issued, due))
            month = following

    async def _billing(self) -> None:
        months = self._billing_months()
        sequence = data.FIRST_INVOICE_SEQUENCE
        operation = data.GUIDE_OPERATION_NUMBER + 1
        for index, (month, issued, due) in enumerate(months):
            run = BillingRun(
                tenant_id=self.tenant_id,
                month=month,
                status=BillingRunStatus.COMPLETED,
                started_at=_at(issued, 6),
                finished_at=_at(issued, 6, 2),
            )
            self.session.add(run)
            await self.session.flush()
            invoices = 0
            for family in data.FAMILIES:
                lines = self._invoice_lines(family.key, month)
                total = sum(quantity * unit for *_, quantity, unit in lines)
                if not lines or total <= 0:
                    continue
                story = data.INVOICE_STORIES[family.key]
                age = len(months) - 1 - index  # 0 for the latest billed month
                chapter = story[age] if age < len(story) else data.USUAL_PAYMENT[family.key]
                payer = next(g for g in family.guardians if g.is_payer)
                invoice = Invoice(
                    tenant_id=self.tenant_id,
                    family_id=self.families[family.key].id,
                    payer_guardian_id=self.guardians[payer.key].id,
                    billing_run_id=run.id,
                    number=f"{month:%Y-%m}-{sequence:04d}",
                    period_start=month,
                    period_end=_add_months(month, 1) - _ONE_DAY,
                    issued_on=issued,
                    due_on=due,
                    issuer=data.INVOICE_ISSUER,
                    total_cents=total,
                    status=InvoiceStatus.ISSUED,
                    created_at=_at(issued, 6, 1),
                )
                sequence += 1
                invoices += 1
                self.session.add(invoice)
                await self.session.flush()
                self.session.add_all(
                    InvoiceLine(
                        tenant_id=self.tenant_id,
                        invoice_id=invoice.id,
                        child_id=self.children[child].id,
                        activity_id=self.activities[code].id,
                        kind=kind,
                        label=label,
                        quantity=quantity,
                        unit_price_cents=unit,
                        amount_cents=quantity * unit,
                    )
                    for child, code, kind, label, quantity, unit in lines
                )
                operation = self._settle(invoice, family, chapter, operation)
            run.invoice_count = invoices

    def _settle(
        self, invoice: Invoice, family: data.FamilyData, chapter: str, operation: int
    ) -> int:
        """Apply a payment story to an issued invoice; returns the next operation number."""
        total = invoice.total_cents
        if chapter == "TRANSMITTED":
            if invoice.due_on < self.today:
                invoice.status = InvoiceStatus.TRANSMITTED_TO_TREASURY
                invoice.transmitted_on = min(invoice.due_on + dt.timedelta(days=15), self.today)
            return operation
        if chapter == "ISSUED":
            return operation
        amount = total
        method = PaymentMethod.CARD
        provider_reference: str | None = None
        guide = family.key == data.GUIDE_PAYMENT_FAMILY and not self.guide_payment_made
        if chapter == "PAID_CARD" and guide:
            self.guide_payment_made = True
            paid_on = invoice.issued_on + dt.timedelta(days=4)
            number = str(data.GUIDE_OPERATION_NUMBER)
            provider_reference = data.GUIDE_TRANSACTION
        else:
            number = str(operation)
            operation += 1
            if chapter == "PAID_CARD":
                paid_on = invoice.issued_on + dt.timedelta(days=6)
                provider_reference = f"{(0x7A41C2 + 0x1B3F * operation) & 0xFFFFFF:06x}"
            elif chapter == "PAID_CHEQUE":
                paid_on = invoice.issued_on + dt.timedelta(days=9)
                method = PaymentMethod.CHEQUE
            elif chapter == "PAID_DEBIT":
                paid_on = invoice.issued_on + dt.timedelta(days=10)
                method = PaymentMethod.DIRECT_DEBIT
            else:
                assert chapter == "PARTIALLY_PAID", chapter
                paid_on = invoice.issued_on + dt.timedelta(days=12)
                method = PaymentMethod.CASH
                amount = total // 200 * 100  # about half, in whole euros
        if paid_on > self.today or not 0 < amount <= total:
            return operation
        if method is PaymentMethod.CARD:
            description = f"Règlement en ligne - Transaction n° {provider_reference}"
            self.session.add(
                PaymentIntent(
                    tenant_id=self.tenant_id,
                    invoice_id=invoice.id,
                    provider="payfip",
                    provider_reference=provider_reference,
                    amount_cents=amount,
                    status=PaymentIntentStatus.SUCCEEDED,
                    created_at=_at(paid_on, 20, 14),
                    completed_at=_at(paid_on, 20, 16),
                )
            )
        elif method is PaymentMethod.CHEQUE:
            description = f"Chèque n° {4872153 + operation % 1000} remis en mairie"
        elif method is PaymentMethod.DIRECT_DEBIT:
            assert family.bank_account is not None
            description = f"Prélèvement SEPA – mandat {family.bank_account.mandate_reference}"
        else:
            description = "Règlement en espèces à la régie"
        self.session.add(
            Payment(
                tenant_id=self.tenant_id,
                invoice_id=invoice.id,
                family_id=invoice.family_id,
                method=method,
                amount_cents=amount,
                paid_on=paid_on,
                operation_number=number,
                description=description,
                provider_reference=provider_reference,
                created_at=_at(paid_on, 20, 16),
            )
        )
        invoice.status = InvoiceStatus.PAID if amount == total else InvoiceStatus.PARTIALLY_PAID
        return operation
