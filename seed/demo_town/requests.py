"""Requests and messages: drafts with their history, references, and the rows written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.message import Message, MessageReceipt
from models.request import (
    HistoryStep,
    Request,
    RequestHistory,
    RequestStatus,
    RequestType,
)
from seed import builders
from seed.demo_town.bookings import _Bookings
from seed.demo_town.constants import _STAFF
from seed.demo_town.drafts import _MessageDraft, _RequestDraft
from seed.demo_town.story_data import GUIDE_REQUEST_REFERENCES

_CREATED_NOTE = "Création de demande"
_TRANSMITTED_NOTE = "Demande transmise à l'application métier"


class _Requests(_Bookings):
    """Request drafts, their references, and their rows: lines, history, messages."""

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

    def _assign_references(self) -> None:
        """8-digit references increasing with time, the guide's six kept as they are.

        Other families of the town file requests too, so numbers advance about one per hour.
        """
        ordered = sorted(self.requests, key=lambda r: (r.created_at, r.reference or 0))
        fixed = [r for r in ordered if r.reference is not None]
        first_time, last_time = fixed[0].created_at, fixed[-1].created_at
        first_ref, last_ref = GUIDE_REQUEST_REFERENCES[0], GUIDE_REQUEST_REFERENCES[-1]
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

    async def _write_requests(self) -> None:
        self._assign_references()
        rows: list[tuple[_RequestDraft, Request]] = []
        for draft in sorted(self.requests, key=lambda r: r.reference or 0):
            dates = [line.date for line in draft.lines]
            codes = {line.activity for line in draft.lines}
            activity = draft.activity or (codes.pop() if len(codes) == 1 else None)
            row = builders.request_row(
                self.families[draft.family],
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
                    builders.request_line_row(
                        row,
                        self.children[line.child],
                        self.slots[line.activity, line.date.isoweekday()],
                        line.date,
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
                message_row = builders.message_row(
                    row,
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
