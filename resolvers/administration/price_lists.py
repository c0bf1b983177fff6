"""priceListCreate, in one transaction (the schema checked the viewer is an administrator)."""

from __future__ import annotations

from domain.catalogue.price_lists import PriceListValues, create_price_list
from models import PriceList
from resolvers.administration.catalogue import actor, in_transaction
from resolvers.context import Context


async def price_list_create(ctx: Context, values: PriceListValues, key: str | None) -> PriceList:
    """priceListCreate."""
    return await in_transaction(
        ctx, lambda s: create_price_list(s, actor(ctx), values, idempotency_key=key)
    )
