"""Family-file actions: submit, validate, reject, link — each in one transaction.

The schema layer has already checked who may call each action; here the domain runs in a
write transaction (rolled back on any DomainFailure, so a refused form stores nothing), and
the request's viewer is brought up to date when the account was just attached to a family,
so that the rest of the same response already sees it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.exc import IntegrityError

from domain import family as files
from domain.family import FamilyForm, Linked, LinkRefused, Submission
from kernel.clock import local_date
from models import Family, Guardian
from models.base import utcnow
from resolvers.accounts import portal_links
from resolvers.context import Context


def _attach_viewer(ctx: Context, guardian: Guardian) -> None:
    """The account now acts for ``guardian``: later fields of this response see the family."""
    ctx.viewer = dataclasses.replace(
        ctx.viewer, guardian_id=guardian.id, family_id=guardian.family_id
    )


async def submit(ctx: Context, form: FamilyForm, idempotency_key: str | None) -> Submission:
    """familyRegistrationSubmit (the caller is a logged-in parent).

    The domain locks the account, so a concurrent retry with the same idempotency key
    waits and then replays the first submission; should two writers still collide on the
    unique key, the loser is answered with the winner's result.
    """
    account_id = ctx.viewer.account_id
    assert account_id is not None
    now = utcnow()
    try:
        async with ctx.db.transaction() as session:
            submission = await files.submit_family_registration(
                session,
                ctx.tenant,
                account_id=account_id,
                form=form,
                idempotency_key=idempotency_key,
                now=now,
                today=local_date(now, ctx.tenant.timezone),
            )
    except IntegrityError:
        if idempotency_key is None:
            raise
        async with ctx.db.transaction() as session:
            replay = await files.find_replay(
                session,
                tenant_id=ctx.tenant.id,
                account_id=account_id,
                idempotency_key=idempotency_key,
            )
        if replay is None:
            raise
        submission = replay
    _attach_viewer(ctx, submission.guardian)
    return submission


async def validate(ctx: Context, family_id: int) -> Family:
    """familyValidate (the caller is staff of the tenant)."""
    assert ctx.viewer.account_id is not None
    async with ctx.db.transaction() as session:
        return await files.validate_family(
            session,
            ctx.tenant,
            family_id=family_id,
            staff_account_id=ctx.viewer.account_id,
            portal_url=portal_links(ctx).portal_url,
            now=utcnow(),
        )


async def reject(ctx: Context, family_id: int, reason: str) -> Family:
    """familyReject (the caller is staff of the tenant)."""
    assert ctx.viewer.account_id is not None
    async with ctx.db.transaction() as session:
        return await files.reject_family(
            session,
            ctx.tenant,
            family_id=family_id,
            reason=reason,
            staff_account_id=ctx.viewer.account_id,
            now=utcnow(),
        )


async def link(
    ctx: Context,
    *,
    subscriber_code: str,
    child_birth_date: dt.date,
    invoice_number: str | None,
    child_first_name: str | None,
) -> Linked | LinkRefused:
    """familyLink (the caller is a logged-in parent): the attempt is committed whatever
    the outcome, so that failures count towards the throttle."""
    account_id = ctx.viewer.account_id
    assert account_id is not None
    now = utcnow()
    async with ctx.db.transaction() as session:
        outcome = await files.link_family(
            session,
            tenant_id=ctx.tenant.id,
            account_id=account_id,
            subscriber_code=subscriber_code,
            child_birth_date=child_birth_date,
            invoice_number=invoice_number,
            child_first_name=child_first_name,
            now=now,
            today=local_date(now, ctx.tenant.timezone),
        )
    if isinstance(outcome, Linked):
        _attach_viewer(ctx, outcome.guardian)
    return outcome
