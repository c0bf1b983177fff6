"""Secteur Jeunes scenarios: Elsa's refused and cancelled requests, Georgette's week."""

from __future__ import annotations

import datetime as dt

from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed.demo_town.constants import _STAFF
from seed.demo_town.dates import _at
from seed.demo_town.drafts import _LineDraft, _MessageDraft
from seed.demo_town.requests import _Requests
from seed.demo_town.town_data import (
    JEUNES_APRES_MIDI,
    JEUNES_MATIN,
    JEUNES_REPAS,
    TENANT_SERVICE_NAME,
)


class _YouthScenarios(_Requests):
    """Requests of the DEVAILLÉ teenagers at the Secteur Jeunes."""

    def _youth_requests(self) -> None:
        """Elsa and Georgette at the Secteur Jeunes: refused, transmitted, cancelled."""
        # Elsa asked for the mornings of the last holidays: refused, her file was incomplete.
        days = self._last_past_holiday(JEUNES_MATIN)[:2]
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
            activity=JEUNES_MATIN,
            lines=[
                _LineDraft(
                    "elsa",
                    JEUNES_MATIN,
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
                    f"demande.\n\nCordialement,\n{TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=3),
                    read_by=(("elodie", decided + dt.timedelta(hours=5)),),
                )
            ],
        )

        # Next holidays: Georgette's week is transmitted; Elsa's afternoons were cancelled.
        activity_days = {
            code: self._next_holiday(code)[:5]
            for code in (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI)
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
            activity=JEUNES_APRES_MIDI,
            lines=[
                _LineDraft(
                    "elsa",
                    JEUNES_APRES_MIDI,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.CANCELLED,
                    decided_at=cancelled,
                )
                for day in activity_days[JEUNES_APRES_MIDI][:3]
            ],
        )
