"""What a generation reports: its summary, and the error for a taken slug."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class TownAlreadyExistsError(ValueError):
    """Raised when the slug asked for already names a tenant (a generated town is never merged)."""


@dataclass(frozen=True)
class GenerationSummary:
    """What a generation wrote: the tenant, rows per table and the time it took."""

    slug: str
    tenant_id: int
    children: int
    seed: int
    rows: dict[str, int] = field(default_factory=dict)
    elapsed_seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        """All rows written, to compare runs and compute a throughput."""
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        """Write throughput of the whole generation (rows over elapsed seconds)."""
        return self.total_rows / self.elapsed_seconds if self.elapsed_seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, for the benchmark results file and the CLI."""
        return {
            "slug": self.slug,
            "tenantId": self.tenant_id,
            "children": self.children,
            "seed": self.seed,
            "elapsedSeconds": round(self.elapsed_seconds, 3),
            "totalRows": self.total_rows,
            "rowsPerSecond": round(self.rows_per_second),
            "rows": dict(self.rows),
        }
