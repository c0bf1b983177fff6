"""Issue 14, PostgreSQL: a submitted registration file takes its request number last, in the
statement that writes it into the request, its « created » event and the acknowledgement
mail (domain.counters.take_request_reference); nothing keeps the placeholder."""

from __future__ import annotations

import pytest
from sqlalchemy import cast, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Text

from domain.counters import PLACEHOLDER_REFERENCE, format_reference
from models import Event, OutboxMessage, Request
from models.event import EventKind
from tests.domain.family_registration._helpers import Town, _submit


async def test_the_number_is_in_the_request_its_event_and_the_mail(
    session: AsyncSession, town: Town, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the number is taken last on PostgreSQL only")
    submission = await _submit(session, town)
    request_id, reference = submission.request.id, submission.request.reference
    await session.commit()
    session.expire_all()

    assert (await session.get_one(Request, request_id)).reference == reference >= 10_000_000
    (payload,) = await session.scalars(
        select(Event.payload).where(
            Event.kind == EventKind.REQUEST_CREATED, Event.subject_id == request_id
        )
    )
    assert (payload["reference"], payload["referenceLabel"]) == (
        reference,
        format_reference(reference),
    )
    (subject, body, html) = (
        await session.execute(
            select(OutboxMessage.subject, OutboxMessage.text_body, OutboxMessage.html_body).where(
                OutboxMessage.template == "family_registration_received"
            )
        )
    ).one()
    assert format_reference(reference) in body
    assert html is not None and format_reference(reference) in html
    placeholder = str(PLACEHOLDER_REFERENCE)
    assert placeholder not in subject + body + html
    leftover = await session.scalar(
        select(Event.id).where(cast(Event.payload, Text).contains(placeholder))
    )
    assert leftover is None
