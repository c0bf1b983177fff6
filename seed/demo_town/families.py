"""Families and accounts: guardians, children and their files, logins, registrations."""

from __future__ import annotations

import datetime as dt

from domain.accounts.creation import create_active_account
from models.account import AccountStatus, Role
from models.child import AuthorizedPerson, Vaccination
from models.family import FamilyStatus
from models.registration import RegistrationStatus
from seed import builders
from seed.demo_town.catalogue import _Catalogue
from seed.demo_town.constants import DEMO_PASSWORD
from seed.demo_town.dates import _add_months, _at
from seed.demo_town.family_data import FAMILIES, VACCINE_SCHEDULE
from seed.demo_town.people_data import STAFF_ACCOUNTS, ChildData, FamilyData
from seed.demo_town.pricing import _Pricing
from seed.demo_town.town_data import CALENDAR_START


class _Families(_Catalogue, _Pricing):
    """The four families, their children's files, staff and parent accounts, registrations."""

    def _family_created_at(self, family: FamilyData) -> dt.datetime:
        if family.created_on is not None:
            return _at(family.created_on, 20, 35)
        return _at(self.today - dt.timedelta(days=3), 14, 5)

    async def _families(self) -> None:
        for item in FAMILIES:
            self.families[item.key] = builders.family_row(
                self.tenant_id,
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

        for item in FAMILIES:
            family = self.families[item.key]
            for g in item.guardians:
                self.guardians[g.key] = builders.guardian_row(
                    family,
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
                self.children[c.key] = builders.child_row(
                    family,
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
                    builders.quotient_row(
                        family,
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

        for item in FAMILIES:
            bank = item.bank_account
            if bank is not None:
                self.session.add(
                    builders.bank_account_row(
                        self.families[item.key],
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

    def _child_file(self, family: FamilyData, item: ChildData) -> None:
        child_id = self.children[item.key].id
        updated_at = self._family_created_at(family)
        photo, leave_alone, hospitalisation, outings = item.authorizations
        health = item.health
        self.session.add_all(
            builders.child_file_rows(
                self.children[item.key],
                authorizations={
                    "photo": photo,
                    "leave_alone": leave_alone,
                    "hospitalisation": hospitalisation,
                    "outings_with_staff": outings,
                    "updated_at": updated_at,
                },
                health={
                    "diet": health.diet,
                    "food_allergies": health.food_allergies,
                    "other_allergies": health.other_allergies,
                    "medical_notes": health.medical_notes,
                    "has_pai": health.pai_details is not None,
                    "pai_details": health.pai_details,
                    "doctor_name": health.doctor_name,
                    "doctor_phone": health.doctor_phone,
                    "updated_at": updated_at,
                },
            )
        )
        for vaccine, months in VACCINE_SCHEDULE:
            injected_on = _add_months(item.birth_date, months)
            if injected_on < CALENDAR_START:
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
        for staff in STAFF_ACCOUNTS:
            # Through the domain, as an administrator creates a staff login usable at once
            # (no invitation mail): the address and password checked, the password hashed.
            account = await create_active_account(
                self.session,
                tenant_id=self.tenant_id,
                email=staff.email,
                password=DEMO_PASSWORD,
                role=staff.role,
                first_name=staff.first_name,
                last_name=staff.last_name,
                now=opened,
            )
            # The story's details: a civility, and the first login twelve minutes later.
            account.civility = staff.civility
            account.activated_at = opened + dt.timedelta(minutes=12)
            self.accounts[staff.email] = account
        for family in FAMILIES:
            created = self._family_created_at(family) - dt.timedelta(minutes=25)
            for g in family.guardians:
                if g.key not in family.account_holders:
                    continue
                self.accounts[g.key] = builders.account_row(
                    self.tenant_id,
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

    def _registration_decided_at(self, family: FamilyData) -> dt.datetime:
        assert family.validated_on is not None
        return _at(max(family.validated_on, dt.date(2025, 8, 25)), 10, 45)

    async def _registrations(self) -> None:
        for family in FAMILIES:
            validated = family.status is FamilyStatus.VALIDATED
            for c in family.children:
                for code in c.registrations:
                    if validated:
                        decided = self._registration_decided_at(family)
                        created = decided - dt.timedelta(days=3)
                    else:
                        created = self._family_created_at(family) + dt.timedelta(minutes=15)
                    self.registrations[c.key, code] = builders.registration_row(
                        self.children[c.key],
                        self.activities[code],
                        start_date=CALENDAR_START,
                        end_date=self._slot_valid_to(code),
                        status=(
                            RegistrationStatus.ACTIVE if validated else RegistrationStatus.REQUESTED
                        ),
                        created_at=created,
                        decided_at=decided if validated else None,
                    )
        self.session.add_all(self.registrations.values())
        await self.session.flush()
