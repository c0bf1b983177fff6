"""Reporting in the graph: aggregates for dashboards, never people (issue 7)."""

from __future__ import annotations

import strawberry


@strawberry.type(description="Entry points to reporting.")
class ReportingQueries:
    """The ``reports`` root (filled in by the reporting package)."""
