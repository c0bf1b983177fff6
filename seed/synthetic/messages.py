"""Messages: staff answers to decided requests, parent replies, a circular."""

from __future__ import annotations

import datetime as dt

from models.request import RequestStatus
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import REFERENCE_NOW
from seed.synthetic.plan import _Family
from seed.synthetic.values import _at


class _Messages(_BuilderBase):
    """Messages between staff and families, with their read receipts."""

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
