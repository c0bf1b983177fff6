"""File-change scenarios: the guide's "Mes demandes" list and the BENALI registration."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.request import RequestStatus, RequestType
from seed.demo_town.constants import _ONE_DAY
from seed.demo_town.dates import _at
from seed.demo_town.requests import _Requests
from seed.demo_town.story_data import GUIDE_REQUEST_REFERENCES


class _FileChanges(_Requests):
    """Changes to the family file waiting for staff, and a family waiting for validation."""

    def _file_changes(self) -> None:
        """The guide's "Mes demandes" list (six changes in two minutes) and a new family."""
        day = self.today - _ONE_DAY
        refs = GUIDE_REQUEST_REFERENCES
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
