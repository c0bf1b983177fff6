"""Establishments and activities as rows: slots, opening days, price lists and brackets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from domain.calendar.opening_days import opening_days
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.establishment import EstablishmentKind
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import TOWN_NAME, TOWN_POSTAL_CODE
from seed.synthetic.names import _STREETS
from seed.synthetic.plan import _Activity, _Price
from seed.synthetic.values import _phone


class _Catalogue(_BuilderBase):
    """How an establishment, an activity and its price list become rows."""

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
