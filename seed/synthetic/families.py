"""Families: guardians, parent and staff accounts, family quotients, bank accounts."""

from __future__ import annotations

import datetime as dt

from models.account import AccountStatus, Civility, Role
from models.family import AllowanceRegime, FamilyStatus, MaritalStatus, QuotientSource, Relationship
from seed.synthetic.children import _Children
from seed.synthetic.constants import REFERENCE_TODAY, STAFF_EMAIL, TOWN_NAME, TOWN_POSTAL_CODE
from seed.synthetic.names import _LAST_NAMES, _MEN, _PROFESSIONS, _STREETS, _WOMEN
from seed.synthetic.plan import _Family
from seed.synthetic.values import _ascii, _at, _iban, _phone, _pick_status


class _Families(_Children):
    """Households of one to four children, their guardians and their logins."""

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
