"""A new school year and its registration campaign: schoolYearRollover,
registrationCampaignOpen / Close, and the campaign as a school year shows it — each write
in one transaction (the schema checked the viewer is an administrator)."""

from __future__ import annotations

import datetime as dt

from domain.school_years.campaign import (
    CampaignState,
    campaign_state,
    close_campaign,
    open_campaign,
)
from domain.school_years.rollover import Rollover, roll_over
from kernel.clock import today_in
from kernel.retry import retry_lost_race
from models import SchoolYear
from resolvers.context import Context


def today(ctx: Context) -> dt.date:
    """The tenant's today (the campaign window is in the tenant's calendar)."""
    return today_in(ctx.tenant.timezone)


async def rollover(
    ctx: Context,
    source_id: int | None,
    label: str,
    start_date: dt.date,
    end_date: dt.date,
    idempotency_key: str | None,
) -> Rollover:
    """schoolYearRollover; a lost race on the new year's label is run again (it then
    finds the winner's year: replayed with the key, else YEAR_NOT_EMPTY)."""

    async def attempt() -> Rollover:
        async with ctx.db.transaction() as session:
            return await roll_over(
                session,
                tenant_id=ctx.tenant.id,
                source_year_id=source_id,
                label=label,
                start_date=start_date,
                end_date=end_date,
                actor_account_id=ctx.viewer.account_id,
                idempotency_key=idempotency_key,
            )

    return await retry_lost_race(attempt)


async def open_(
    ctx: Context, year_id: int | None, opens_on: dt.date, closes_on: dt.date
) -> SchoolYear:
    """registrationCampaignOpen."""
    async with ctx.db.transaction() as session:
        return await open_campaign(
            session,
            tenant_id=ctx.tenant.id,
            year_id=year_id,
            opens_on=opens_on,
            closes_on=closes_on,
            today=today(ctx),
            actor_account_id=ctx.viewer.account_id,
        )


async def close(ctx: Context, year_id: int | None) -> SchoolYear:
    """registrationCampaignClose."""
    async with ctx.db.transaction() as session:
        return await close_campaign(
            session,
            tenant_id=ctx.tenant.id,
            year_id=year_id,
            today=today(ctx),
            actor_account_id=ctx.viewer.account_id,
        )


async def campaign_of(ctx: Context, year_id: int) -> CampaignState | None:
    """The campaign of a school year of the tenant, as of the tenant's today (batched
    through the school-year loader)."""
    row = await ctx.loaders.school_year.load(year_id)
    return None if row is None else campaign_state(row, today(ctx))
