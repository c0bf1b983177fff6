"""A request rate limit as the settings spell it (``600/min``): a leaf, so that the settings
and their checks (kernel/settings_check.py) share one parser without importing each other."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RateLimit"]

# Units of a rate limit: ``600/min``, ``10/s``, ``20000/h`` (a bare number: per minute).
_RATE_PERIODS = {"s": 1.0, "sec": 1.0, "second": 1.0, "min": 60.0, "minute": 60.0, "h": 3600.0}


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``requests`` per ``period_s`` seconds (a token bucket: that many in a burst,
    refilled evenly); 0 requests: no limit."""

    requests: int
    period_s: float = 60.0

    @property
    def enabled(self) -> bool:
        """Whether the limit applies (0 turns it off)."""
        return self.requests > 0

    @classmethod
    def parse(cls, name: str, raw: str) -> RateLimit:
        """``600/min``, ``10/s``, ``20000/h``, or a bare number (per minute)."""
        count, _, unit = raw.strip().partition("/")
        period = _RATE_PERIODS.get(unit.strip().lower() or "min")
        if not count.strip().isdigit() or period is None:
            raise ValueError(f"{name} must look like 600/min, 10/s or 20000/h, got {raw!r}")
        return cls(int(count), period)
