"""Request rate limits on the GraphQL endpoint: a token bucket per client address and one per
authenticated account.

Every HTTP request to ``/{tenant}/graphql`` and every operation started over a WebSocket
takes a token from the bucket of the client's address (``CRENEAU_RATE_LIMIT_PER_ADDRESS``,
the address ``ForwardedClient`` found, so the real client behind trusted proxies) and, once
the bearer token is checked, from the bucket of the account (``CRENEAU_RATE_LIMIT_PER_ACCOUNT``,
whatever the address). A bucket holds the limit's number of requests (a burst that size is
accepted) and refills evenly over its period. An empty bucket refuses the request: HTTP 429
with ``Retry-After`` and a GraphQL error ``RATE_LIMITED`` (over WebSocket: an ``error``
message for that operation); a refused request takes no token.

Buckets live in the process by default, in a bounded structure: a bucket that has refilled
(idle long enough) is the same as no bucket and is dropped, and past ``MAX_BUCKETS`` the
least recently used go. With ``CRENEAU_BROKER_URL`` on Redis, every worker and instance of a
deployment (the same database) shares the buckets through one Redis script; while Redis
cannot be reached, each process falls back to its own buckets (logged once a minute).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from starlette.responses import JSONResponse

from kernel.rate_limit import RateLimit
from kernel.settings import Settings

logger = logging.getLogger("creneau.server")

RATE_LIMITED = "RATE_LIMITED"
# Buckets kept per limit in a process (least recently used dropped beyond).
MAX_BUCKETS = 100_000
# Idle buckets dropped per request at most (keeps each request's work constant).
EVICTIONS_PER_HIT = 8
# Redis: how long one call may take, how long Redis is left alone after a failure, and how
# often that failure is logged.
REDIS_TIMEOUT_S = 0.5
REDIS_RETRY_S = 5.0
REDIS_LOG_EVERY_S = 60.0
REDIS_PREFIX = "creneau:rate"

# KEYS[1]: the bucket; ARGV: capacity, refill rate (tokens per second). Redis's clock, so
# that every worker agrees. Returns the seconds to wait, "0" when a token was taken.
TOKEN_BUCKET_SCRIPT = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return tostring(wait)
"""


def retry_after_seconds(wait_s: float) -> int:
    """Whole seconds to announce in ``Retry-After`` (at least 1)."""
    return max(1, math.ceil(wait_s - 1e-9))


class RateLimited(Exception):
    """A request past a rate limit (answered with a 429)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited for {retry_after}s")
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        """The French message the client sees."""
        return f"Trop de requêtes : réessayez dans {self.retry_after} s."

    @property
    def error(self) -> dict[str, Any]:
        """The GraphQL error (HTTP body, or WebSocket ``error`` payload)."""
        return {"message": self.message, "extensions": {"code": RATE_LIMITED}}

    def response(self) -> JSONResponse:
        """The HTTP 429."""
        return JSONResponse(
            {"errors": [self.error]},
            status_code=429,
            headers={"Retry-After": str(self.retry_after)},
        )


class LocalBuckets:
    """The token buckets of one limit, in this process, bounded in number."""

    def __init__(
        self,
        limit: RateLimit,
        clock: Callable[[], float] = time.monotonic,
        max_buckets: int = MAX_BUCKETS,
    ) -> None:
        self.capacity = float(limit.requests)
        self.rate = limit.requests / limit.period_s
        self.clock = clock
        self.max_buckets = max_buckets
        # key → [tokens, last update], least recently used first.
        self._buckets: OrderedDict[str, list[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str) -> float:
        """Take a token from ``key``'s bucket: 0.0, or the seconds until one is there."""
        now = self.clock()
        bucket = self._buckets.pop(key, None)
        if bucket is None:
            tokens = self.capacity
        else:
            tokens = min(self.capacity, bucket[0] + max(0.0, now - bucket[1]) * self.rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / self.rate
        self._buckets[key] = [tokens, now]
        self._evict(now)
        return wait

    def _evict(self, now: float) -> None:
        """Drop the least recently used buckets that have refilled (no different from a new
        one), a few per call, and any beyond ``max_buckets``."""
        while len(self._buckets) > self.max_buckets:
            self._buckets.popitem(last=False)
        for _ in range(EVICTIONS_PER_HIT):
            key, (tokens, at) = next(iter(self._buckets.items()))
            if tokens + (now - at) * self.rate < self.capacity:
                return
            del self._buckets[key]
            if not self._buckets:
                return


class RedisBuckets:
    """The token buckets of every limit in Redis, shared by the deployment's processes."""

    def __init__(self, url: str, namespace: str) -> None:
        self.url = url
        self.namespace = namespace
        self._client: Any = None
        self._script: Any = None
        self._down_until = 0.0
        self._logged_at = -math.inf

    @property
    def available(self) -> bool:
        """False for a while after a failure (then the caller uses its own buckets)."""
        return time.monotonic() >= self._down_until

    async def take(self, name: str, limit: RateLimit, key: str) -> float:
        """Like ``LocalBuckets.take``; raises when Redis fails (and stays away a while)."""
        try:
            if self._client is None:
                import redis.asyncio as redis

                self._client = redis.from_url(
                    self.url,
                    socket_connect_timeout=REDIS_TIMEOUT_S,
                    socket_timeout=REDIS_TIMEOUT_S,
                )
                self._script = self._client.register_script(TOKEN_BUCKET_SCRIPT)
            rate = limit.requests / limit.period_s
            redis_key = f"{REDIS_PREFIX}:{self.namespace}:{name}:{key}"
            result = await asyncio.wait_for(
                self._script(keys=[redis_key], args=[limit.requests, repr(rate)]),
                REDIS_TIMEOUT_S * 2,
            )
        except Exception as exc:
            now = time.monotonic()
            self._down_until = now + REDIS_RETRY_S
            if now - self._logged_at >= REDIS_LOG_EVERY_S:
                self._logged_at = now
                first_line = (str(exc).splitlines() or [""])[0]
                logger.warning(
                    "rate limits: redis unavailable (%s: %s), each process counts alone",
                    type(exc).__name__,
                    first_line,
                )
            raise
        return float(result.decode() if isinstance(result, bytes) else result)

    async def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            with contextlib.suppress(Exception):
                await self._client.aclose()
            self._client = None


def _namespace(database_url: str) -> str:
    """Processes on the same database are one deployment: they share their buckets."""
    return hashlib.sha256(database_url.encode()).hexdigest()[:12]


class RateLimits:
    """The per-address and per-account limits of the GraphQL endpoint."""

    def __init__(
        self,
        per_address: RateLimit,
        per_account: RateLimit,
        *,
        redis_url: str = "",
        namespace: str = "",
        clock: Callable[[], float] = time.monotonic,
        max_buckets: int = MAX_BUCKETS,
    ) -> None:
        self.limits = {"address": per_address, "account": per_account}
        self.local = {
            name: LocalBuckets(limit, clock, max_buckets)
            for name, limit in self.limits.items()
            if limit.enabled
        }
        self.redis = RedisBuckets(redis_url, namespace) if redis_url else None

    @classmethod
    def of(cls, settings: Settings) -> RateLimits:
        """The limits of ``settings``, shared through Redis when the broker is Redis."""
        broker = settings.broker_url
        redis_url = broker if broker.startswith(("redis://", "rediss://", "unix://")) else ""
        return cls(
            settings.rate_limit_per_address,
            settings.rate_limit_per_account,
            redis_url=redis_url,
            namespace=_namespace(settings.database_url),
        )

    async def _take(self, name: str, key: str) -> None:
        local = self.local.get(name)
        if local is None:
            return
        wait: float | None = None
        if self.redis is not None and self.redis.available:
            with contextlib.suppress(Exception):  # logged by RedisBuckets
                wait = await self.redis.take(name, self.limits[name], key)
        if wait is None:
            wait = local.take(key)
        if wait > 0:
            raise RateLimited(retry_after_seconds(wait))

    async def check_address(self, host: str | None) -> None:
        """Take a token for the client's address; raises ``RateLimited``."""
        await self._take("address", host or "unknown")

    async def check_account(self, tenant_id: int, account_id: int | None) -> None:
        """Take a token for an authenticated account (anonymous: nothing); raises
        ``RateLimited``."""
        if account_id is not None:
            await self._take("account", f"{tenant_id}:{account_id}")

    async def close(self) -> None:
        """Release the Redis connections."""
        if self.redis is not None:
            await self.redis.close()


def client_host(scope: Mapping[str, Any]) -> str | None:
    """The client's address of an ASGI scope (after ``ForwardedClient``)."""
    client = scope.get("client")
    return str(client[0]) if client else None
