"""Drafts of bookings, request lines, messages and requests, written once all are known."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from models.booking import Attendance, Booking, BookingStatus
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)

BookingKey = tuple[str, str, dt.date]  # child key, activity code, date


@dataclass(slots=True)
class _BookingDraft:
    status: BookingStatus
    attendance: Attendance | None
    created_at: dt.datetime
    updated_at: dt.datetime
    waiting_since: dt.datetime | None = None
    justified: bool = False
    row: Booking | None = None


@dataclass(slots=True)
class _LineDraft:
    child: str
    activity: str
    date: dt.date
    action: RequestLineAction
    status: RequestLineStatus
    refusal_code: str | None = None
    message: str | None = None
    booking: BookingKey | None = None
    decided_at: dt.datetime | None = None


@dataclass(slots=True)
class _MessageDraft:
    subject: str
    body: str
    at: dt.datetime
    read_by: tuple[tuple[str, dt.datetime], ...] = ()


@dataclass(slots=True)
class _RequestDraft:
    family: str
    type: RequestType
    status: RequestStatus
    created_at: dt.datetime
    created_by: str
    history: list[tuple[HistoryStep, RequestStatus, dt.datetime, str | None, str]]
    child: str | None = None
    guardian: str | None = None
    activity: str | None = None
    reason: str | None = None
    comment: str | None = None
    payload: dict[str, Any] | None = None
    lines: list[_LineDraft] = field(default_factory=list)
    transmitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    reference: int | None = None
    messages: list[_MessageDraft] = field(default_factory=list)
