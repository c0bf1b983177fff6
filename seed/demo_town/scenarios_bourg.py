"""Bourg scenarios: Léa's billed absence and Friday meals, Léo on the waiting list."""

from __future__ import annotations

import datetime as dt

from models.booking import BookingStatus
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)
from seed.demo_town.constants import _ONE_DAY, _STAFF
from seed.demo_town.dates import _at, _fr
from seed.demo_town.drafts import _LineDraft, _MessageDraft
from seed.demo_town.requests import _Requests
from seed.demo_town.town_data import GARDERIE_BOURG, REPAS_BOURG, TENANT_SERVICE_NAME


class _BourgScenarios(_Requests):
    """Requests of the MOREL family at the Ecole maternelle du Bourg."""

    def _morel_requests(self) -> None:
        """Léo and Léa (MOREL): the guide's waiting-list and billed-absence slots."""
        # Léa missed a meal without notice: absence billed (the guide's "€" slot).
        meal_day = self._past(REPAS_BOURG, (1, 2, 4))[-3]
        self._mark_absent(
            ("lea", REPAS_BOURG, meal_day),
            BookingStatus.ABSENT_BILLED,
            _at(meal_day, 13, 30),
            justified=False,
        )

        # Friday meals for Léa, accepted automatically.
        fridays = self._after(REPAS_BOURG, self.today + 4 * _ONE_DAY, (5,))[:3]
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
            activity=REPAS_BOURG,
            lines=[
                _LineDraft(
                    "lea",
                    REPAS_BOURG,
                    day,
                    RequestLineAction.RESERVE,
                    RequestLineStatus.ACCEPTED,
                    booking=self._book("lea", REPAS_BOURG, day, accepted),
                    decided_at=accepted,
                )
                for day in fridays
            ],
        )

        # A Friday morning for Léo: the slot is full, he is on the waiting list.
        friday = self._after(GARDERIE_BOURG, self.today + 4 * _ONE_DAY, (5,))[0]
        asked = _at(self.today - _ONE_DAY, 18, 5)
        queued = asked + dt.timedelta(minutes=1)
        key = self._book("leo", GARDERIE_BOURG, friday, queued, BookingStatus.WAITING_LIST)
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
            activity=GARDERIE_BOURG,
            lines=[
                _LineDraft(
                    "leo",
                    GARDERIE_BOURG,
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
                    f"Cordialement,\n{TENANT_SERVICE_NAME}",
                    decided + dt.timedelta(minutes=2),
                )
            ],
        )
