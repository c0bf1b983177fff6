"""Family-file change requests, then every request's row, lines and history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from models.request import HistoryStep, RequestLineStatus, RequestStatus, RequestType
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import (
    REFERENCE_TODAY,
    REQUEST_REFERENCE_BASE,
    TOWN_NAME,
    TOWN_POSTAL_CODE,
)
from seed.synthetic.names import _LAST_NAMES, _STREETS, _WOMEN
from seed.synthetic.plan import _Request
from seed.synthetic.values import _at, _iban, _phone, _pick_status


class _Requests(_BuilderBase):
    """Change requests, references in creation order, request rows and their history."""

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
