"""Children and their files: authorizations, health record, vaccines, pick-ups."""

from __future__ import annotations

import datetime as dt

from models.child import Diet, Grade, Sex
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import _BIRTH_YEAR_GRADE
from seed.synthetic.names import _BOYS, _GIRLS, _LAST_NAMES, _MEN, _VACCINES, _WOMEN
from seed.synthetic.plan import _Child, _Family
from seed.synthetic.values import _phone, _pick_status


class _Children(_BuilderBase):
    """A family's children, each with the file a parent fills in."""

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
